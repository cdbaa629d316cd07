"""`outreach-helper export json|vcard|csv [--category KEY] [--vcard-version V] [--out FILE]`."""

import csv
import io
import json

import pytest

from helper.cli import main
from helper.commands import write_chunks
from helper.importers.vcard import read
from helper.store.contacts import ContactInput, create_contact
from helper.store.imports.json_restore import restore_json_file
from helper.store.opening import open_store


@pytest.fixture
def data_dir(tmp_path):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        create_contact(session, ContactInput(name="Ada Lovelace", categories=["mentor"]))
        create_contact(session, ContactInput(name="=Evil", emails=["eve@example.com"]))
        session.commit()
    return tmp_path / "data"


def test_json_to_a_file_restores_into_an_empty_store_as_it_was(
    runner, data_dir, tmp_path, second_database_url
):
    out = tmp_path / "everything.json"
    result = runner.invoke(main, ["export", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Exported everything in the store to {out}." in result.stderr
    assert result.stdout == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["tables"]["contact"]) == 2
    fresh = open_store(tmp_path / "fresh", url=second_database_url)
    restore_json_file(fresh, out)
    again = tmp_path / "again.json"
    runner.invoke(
        main,
        ["export", "json", "--out", str(again), "--data-dir", str(fresh.data_dir)],
        env={"DATABASE_URL": second_database_url},
    )
    assert again.read_bytes() == out.read_bytes()


def test_vcard_goes_to_stdout_when_there_is_no_out(runner, data_dir):
    result = runner.invoke(main, ["export", "vcard"])
    assert result.exit_code == 0, result.output
    names = [record.name for record in read(io.BytesIO(result.stdout_bytes))]
    assert names == ["=Evil", "Ada Lovelace"]
    assert "Exported 2 contacts." in result.stderr


def test_an_imported_cards_types_come_back_in_the_export(runner, tmp_path):
    phone_card = tmp_path / "phone.vcf"
    phone_card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
        b"EMAIL;TYPE=INTERNET,HOME:grace@home.example\r\n"
        b"EMAIL;TYPE=INTERNET,WORK:grace@navy.example\r\n"
        b"TEL;TYPE=CELL:+447700900123\r\nEND:VCARD\r\n"
    )
    imported = runner.invoke(main, ["import", str(phone_card)])
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(main, ["export", "vcard"])
    assert "EMAIL;TYPE=INTERNET,HOME:grace@home.example" in exported.stdout
    assert "EMAIL;TYPE=INTERNET,WORK:grace@navy.example" in exported.stdout
    assert "TEL;TYPE=CELL:+447700900123" in exported.stdout


@pytest.mark.parametrize(("option", "version"), [([], "3.0"), (["--vcard-version", "4.0"], "4.0")])
def test_vcard_is_3_0_unless_4_0_is_asked_for(runner, data_dir, option, version):
    result = runner.invoke(main, ["export", "vcard", *option])
    assert result.exit_code == 0, result.output
    cards = result.stdout_bytes.split(b"END:VCARD\r\n")[:-1]
    assert len(cards) == 2
    assert all(card.startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n".encode()) for card in cards)
    assert all(b"\r\nUID:" in card for card in cards)


def test_a_vcard_version_with_another_export_or_an_unknown_one_is_a_usage_error(runner, data_dir):
    result = runner.invoke(main, ["export", "csv", "--vcard-version", "4.0"])
    assert result.exit_code == 2
    assert "--vcard-version applies to the vcard export only" in result.output
    result = runner.invoke(main, ["export", "vcard", "--vcard-version", "2.1"])
    assert result.exit_code == 2
    assert "'2.1' is not one of '3.0', '4.0'" in result.output


def test_csv_of_one_category(runner, data_dir):
    result = runner.invoke(main, ["export", "csv", "--category", "mentor"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert [row["Name"] for row in rows] == ["Ada Lovelace"]


def test_csv_neutralises_a_name_that_starts_like_a_formula(runner, data_dir):
    result = runner.invoke(main, ["export", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0]["Name"] == "'=Evil"


def test_an_unknown_format_or_category_is_refused_by_name(runner, data_dir):
    result = runner.invoke(main, ["export", "pdf"])
    assert result.exit_code == 2
    assert "'pdf' is not one of 'json', 'vcard', 'csv'" in result.output
    result = runner.invoke(main, ["export", "csv", "--category", "boss"])
    assert result.exit_code == 2
    assert "'boss' is not one of 'colleague'" in result.output


def test_json_with_a_category_fails_with_a_one_line_reason(runner, data_dir, tmp_path):
    out = tmp_path / "x.json"
    result = runner.invoke(main, ["export", "json", "--category", "mentor", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: The JSON export always holds everything; --category applies to vcard and csv."
    )
    assert not out.exists()


def test_a_file_is_replaced_whole_or_not_at_all(tmp_path):
    target = tmp_path / "sub" / "contacts.vcf"
    assert write_chunks([b"fir", b"st"], target) == target
    write_chunks([b"second"], target)
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["contacts.vcf"]


def test_an_export_that_stops_halfway_leaves_the_old_file_and_no_partial_one(tmp_path):
    target = tmp_path / "contacts.vcf"
    write_chunks([b"whole"], target)

    def chunks():
        yield b"half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_chunks(chunks(), target)
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.vcf"]
