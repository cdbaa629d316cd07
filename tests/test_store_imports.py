"""Importing files into the store: one run per file, all-or-nothing, nothing twice."""

import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from helper.db.models import Contact, ContactEmail, ImportRun, Interaction
from helper.errors import ImportRefused
from helper.store.contacts import ContactInput, create_contact, update_contact
from helper.store.imports.pipeline import ImportCancelled, import_file
from helper.store.me import update_me
from helper.store.opening import open_store

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(store) -> dict:
    """The store's content, for checking that a failed import changed nothing."""
    with store.sessions() as session:
        return {
            "contacts": sorted(
                (c.name, c.current_company, c.linkedin_url or "")
                for c in session.scalars(select(Contact))
            ),
            "emails": sorted(session.scalars(select(ContactEmail.email))),
            "interactions": sorted(session.scalars(select(Interaction.source_ref))),
        }


def names(store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.scalars(select(Contact.name)))


def test_the_corpus_connections_file_gives_its_seven_people(store, corpus_path):
    path = corpus_path / "linkedin_connections_csv" / "toolkit_sample_7rows_2blank_preamble.csv"
    summary = import_file(store, path)
    assert (summary.format, summary.created, summary.problems) == ("linkedin_connections", 7, [])
    assert "Tim Berners-Lee" in names(store)
    with store.sessions() as session:
        assert session.scalar(select(func.count(ContactEmail.id))) == 0


def test_a_connections_file_with_two_blank_lines_after_its_preamble_gives_its_people(
    store, data_path
):
    summary = import_file(store, data_path / "linkedin_csv" / "preamble_two_blank_lines.csv")
    assert (summary.format, summary.created, summary.problems) == ("linkedin_connections", 4, [])
    assert names(store) == [
        "Amara Nkemelu",
        "Ines Valderrama",
        "Leopold Ferreira-Holm",
        "Oskar Lindahl",
    ]
    with store.sessions() as session:
        assert session.scalar(select(func.count(ContactEmail.id))) == 0


def test_the_corpus_vcards_import_every_valid_email(store, corpus_path):
    summary = import_file(store, corpus_path / "vcard" / "ezvcard_android_v21_6cards_qp_photo.vcf")
    assert summary.created == 6
    with store.sessions() as session:
        emails = set(session.scalars(select(ContactEmail.email)))
    assert emails == {
        "john.doe@company.com",
        "jane.doe@company.com",
        "bob@company.com",
        "henry@company.com",
    }
    assert summary.problem_count == 1  # the address made of 14 "Ñ"


def test_quoted_printable_vcards_import_every_valid_email_and_note_the_invalid_one(
    store, data_path
):
    summary = import_file(store, data_path / "vcard" / "android_v21_qp_soft_breaks.vcf")
    assert summary.created == 6
    with store.sessions() as session:
        emails = set(session.scalars(select(ContactEmail.email)))
    assert emails == {
        "olive.ng@example.com",
        "pavel.ruiz@example.com",
        "oystein@example.com",
        "bjorn@example.com",
    }
    assert summary.problem_count == 1  # the name typed into an EMAIL line of card 5
    assert "Nuño Peñalver Ibáñez Muñoz Güemes Ñúñez" in names(store)


def test_importing_an_identical_file_again_says_so_and_adds_nothing(store, data_path):
    path = data_path / "contacts_csv" / "outlook_action_columns_single_name.csv"
    import_file(store, path)
    before = snapshot(store)
    again = import_file(store, path)
    assert "identical to the one imported on" in again.message
    assert (again.created, again.updated, again.merged) == (0, 0, 0)
    assert snapshot(store) == before


def test_an_overlapping_newer_export_only_adds_what_is_new(store, tmp_path):
    older = write(
        tmp_path,
        "old.csv",
        CONNECTIONS_HEADER
        + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,01 Jan 2026\n",
    )
    newer = write(
        tmp_path,
        "new.csv",
        CONNECTIONS_HEADER
        + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,01 Jan 2026\n"
        + "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,02 Jan 2026\n",
    )
    import_file(store, older)
    summary = import_file(store, newer)
    assert (summary.created, summary.updated, summary.skipped) == (1, 0, 1)
    assert summary.skipped_reasons == {"already up to date": 1}
    assert names(store) == ["Ada Lovelace", "Grace Hopper"]


def test_one_person_from_three_sources_ends_as_one_contact(store, tmp_path):
    connections = write(
        tmp_path,
        "Connections.csv",
        CONNECTIONS_HEADER
        + "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Monzo,"
        + "Engineering Manager,08 Feb 2026\n",
    )
    card = write(
        tmp_path,
        "priya.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Raman\r\nORG:Monzo\r\n"
        "EMAIL;TYPE=work:priya@monzo.example.com\r\nTEL:+44 20 7946 0958\r\n"
        "URL:https://www.linkedin.com/in/priya-raman/\r\nEND:VCARD\r\n",
    )
    google = write(
        tmp_path,
        "google.csv",
        "First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n"
        "Priya,Raman,Monzo,Home,priya@home.example.com ::: priya@monzo.example.com\n",
    )
    results = [import_file(store, p) for p in (connections, card, google)]
    assert [r.created for r in results] == [1, 0, 0]
    assert [r.merged for r in results] == [0, 1, 1]
    with store.sessions() as session:
        (contact,) = session.scalars(select(Contact)).all()
        assert {e.email for e in contact.emails} == {
            "priya@monzo.example.com",
            "priya@home.example.com",
        }
        assert [p.e164 for p in contact.phones] == ["+442079460958"]
        assert contact.sources == ["linkedin_connections", "vcard", "google_csv"]


def test_two_people_with_one_name_and_different_profile_urls_stay_two(store, tmp_path):
    path = write(
        tmp_path,
        "c.csv",
        CONNECTIONS_HEADER
        + "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,Engineer,01 Jan 2026\n"
        + "John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,Engineer,01 Jan 2026\n",
    )
    assert import_file(store, path).created == 2


def test_a_fatal_error_leaves_the_store_exactly_as_it_was(store, tmp_path, data_path):
    import_file(store, data_path / "vcard" / "gmail_v30_no_final_newline.vcf")
    before = snapshot(store)
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS_HEADER + "A,B,,,,,\n")
        archive.writestr("messages.csv", b"\0" * (20 << 20))
    with pytest.raises(ImportRefused, match="archive bomb"):
        import_file(store, bomb)
    assert snapshot(store) == before
    with store.sessions() as session:
        run = session.scalar(select(ImportRun).order_by(ImportRun.id.desc()))
        assert (run.status, run.file_name) == ("failed", "export.zip")
        assert "archive bomb" in run.message


def test_an_empty_file_is_refused_with_a_reason_and_recorded(store, tmp_path):
    path = write(tmp_path, "empty.vcf", "")
    with pytest.raises(ImportRefused, match="empty"):
        import_file(store, path)
    assert names(store) == []


def test_a_cancelled_import_stores_nothing(store, tmp_path):
    rows = "".join(f"P{n},Q,,,,,\n" for n in range(1000))
    path = write(tmp_path, "big.csv", CONNECTIONS_HEADER + rows)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ImportCancelled):
        import_file(store, path, cancel=cancel)
    assert names(store) == []


def test_a_reimport_never_overwrites_what_the_user_edited(store, tmp_path):
    row = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,{title},01 Jan 2026\n"
    import_file(store, write(tmp_path, "a.csv", CONNECTIONS_HEADER + row.format(title="Analyst")))
    with store.sessions() as session:
        contact = session.scalar(select(Contact))
        update_contact(
            session,
            contact,
            ContactInput(
                name="Ada Lovelace",
                current_title="Countess",
                current_company="Engines",
                linkedin_url=contact.linkedin_url,
                categories=["mentor"],
            ),
        )
        session.commit()
    import_file(store, write(tmp_path, "b.csv", CONNECTIONS_HEADER + row.format(title="Engineer")))
    with store.sessions() as session:
        contact = session.scalar(select(Contact))
        assert contact.current_title == "Countess"
        assert contact.category_keys == ["mentor"]


def test_imported_people_get_suggested_categories_with_reasons(store, tmp_path):
    path = write(
        tmp_path,
        "c.csv",
        CONNECTIONS_HEADER + "Rae,Green,,,Northbridge,Senior Technical Recruiter,01 Jan 2026\n",
    )
    import_file(store, path)
    with store.sessions() as session:
        contact = session.scalar(select(Contact))
        (category,) = contact.categories
        assert (category.key, category.source) == ("recruiter", "suggested")
        assert "Recruiter" in category.reason


def test_a_mailbox_becomes_history_with_the_owner_inferred(store, data_path):
    summary = import_file(store, data_path / "mbox" / "takeout_postmarks.mbox")
    assert "marisol.vega@example.com" in summary.message
    assert summary.interactions == 4
    with store.sessions() as session:
        (contact,) = session.scalars(select(Contact)).all()
        assert contact.emails[0].email == "theo@example.org"
        assert [i.kind for i in contact.interactions] == ["email_sent"] * 4


def test_a_second_import_of_the_same_mailbox_adds_nothing(store, data_path, tmp_path):
    source = data_path / "mbox" / "malformed_to_address.mbox"
    copy = tmp_path / "copy.mbox"
    shutil.copy(source, copy)
    with copy.open("ab") as handle:
        handle.write(b"\n")  # a different file with the same messages
    with store.sessions() as session:
        update_me(session, {"emails": ["rory@example.com"]})
        session.commit()
    first = import_file(store, source)
    again = import_file(store, copy)
    assert again.interactions == 0
    assert first.problem_count == 4  # the To address without "@" in every message
    assert snapshot(store)["interactions"] == []


def test_the_mail_owner_set_on_me_decides_sent_and_received(store, data_path):
    with store.sessions() as session:
        create_contact(session, ContactInput(name="Sören", emails=["soeren@example.org"]))
        update_me(session, {"emails": ["soeren@example.org"]})
        session.commit()
    summary = import_file(store, data_path / "eml" / "raw_latin1_headers.eml")
    assert summary.interactions == 1
    with store.sessions() as session:
        contact = session.scalar(select(Contact).where(Contact.name == "Tobias Reinholt"))
        assert [i.kind for i in contact.interactions] == ["email_received"]


def test_a_json_export_imports_back_whole_into_an_empty_store_and_into_its_history(
    store, tmp_path, data_path, second_database_url
):
    from helper.store.json_document import dump, dumps

    import_file(store, data_path / "vcard" / "gmail_v30_no_final_newline.vcf")
    with store.sessions() as session:
        exported = dumps(session)
    path = write(tmp_path, "everything.json", exported)
    empty = open_store(tmp_path / "empty", url=second_database_url)
    summary = import_file(empty, path)
    assert (summary.format, summary.created) == ("outreach_json", 3)
    with empty.sessions() as session:
        restored = dump(session)
    runs = restored["tables"]["import_run"]
    assert [run["file_name"] for run in runs] == [
        "gmail_v30_no_final_newline.vcf",
        "everything.json",
    ]
    assert runs[-1]["id"] == summary.run_id
    restored["tables"]["import_run"] = runs[:-1]
    assert restored == json.loads(exported)
