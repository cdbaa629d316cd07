"""Fuzzing every importer and the profile parser: random bytes and mutated real files.

Whatever arrives, a reader yields records and `Problem`s or refuses the whole file with
`ImportRefused`; the profile parser returns a record or raises `ProfileUnreadable`. Any other
exception is a bug. The fixtures are loaded at module level because hypothesis re-runs a test
body many times and pytest fixtures are set up once per test.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from helper.db.models import Contact, ContactEmail, Interaction
from helper.errors import ImportRefused, ProfileUnreadable
from helper.importers import reader_for
from helper.profiles.reader import parse_profile
from helper.records import Format, InteractionRecord, MailMessage, Problem, ProfileRecord
from helper.store.imports.pipeline import import_file
from helper.store.opening import open_store
from tests.conftest import CORPUS, TEST_DATA, tgz_bytes

EXPECTED_ITEMS = (ProfileRecord, InteractionRecord, MailMessage, Problem)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Mutated fixtures stay small so one example costs milliseconds, not seconds.
MAX_FIXTURE_BYTES = 64 * 1024


def files(*folders: Path) -> list[bytes]:
    found = sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*"))
    return [p.read_bytes()[:MAX_FIXTURE_BYTES] for p in found if p.is_file()]


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


LINKEDIN_ZIP_DIR = TEST_DATA / "linkedin_zip"
MBOX_FILES = files(TEST_DATA / "mbox", CORPUS / "mbox")
SEEDS: dict[str, list[bytes]] = {
    "linkedin_csv": files(TEST_DATA / "linkedin_csv", CORPUS / "linkedin_connections_csv"),
    "contacts_csv": files(TEST_DATA / "contacts_csv", CORPUS / "contacts_csv"),
    "vcard": files(TEST_DATA / "vcard", CORPUS / "vcard"),
    "mbox": MBOX_FILES,
    "eml": files(TEST_DATA / "eml", CORPUS / "eml"),
    "linkedin_zip": [
        zipped({p.name: p.read_bytes() for p in sorted(LINKEDIN_ZIP_DIR.iterdir())}),
        zipped({"Connections.csv": (LINKEDIN_ZIP_DIR / "Connections.csv").read_bytes()}),
    ],
    "mail_archive": [
        zipped({"Takeout/Mail/All mail.mbox": MBOX_FILES[0], "Takeout/readme.txt": b"hi"}),
        tgz_bytes({"Takeout/Mail/Inbox.mbox": MBOX_FILES[-1]}),
    ],
    "profile": files(TEST_DATA / "profiles", CORPUS / "linkedin_profile_html"),
}
READERS: dict[str, Format] = {
    "linkedin_csv": Format.LINKEDIN_CONNECTIONS,
    "contacts_csv": Format.GOOGLE_CSV,
    "vcard": Format.VCARD,
    "mbox": Format.MBOX,
    "eml": Format.EML,
    "linkedin_zip": Format.LINKEDIN_ZIP,
    "mail_archive": Format.MAIL_ARCHIVE,
}


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A real file with a few byte flips, truncations, insertions and duplicated chunks."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(("flip", "truncate", "insert", "duplicate")))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            end = draw(st.integers(at, min(len(data), at + 512)))
            data[at:at] = data[at:end] * draw(st.integers(1, 3))
    return bytes(data)


def hostile_bytes(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2048), mutated(seeds))


def drain(fmt: Format, data: bytes) -> None:
    """Read every item; only records, problems or a refusal of the whole file may come out."""
    try:
        for item in reader_for(fmt)(io.BytesIO(data), name=f"fuzzed.{fmt.value}"):
            assert isinstance(item, EXPECTED_ITEMS), f"unexpected item {item!r}"
    except ImportRefused as refusal:
        assert str(refusal).strip(), "a refusal must say why"


def fuzz_test(kind: str) -> Callable[[], None]:
    @FUZZ
    @given(data=hostile_bytes(SEEDS[kind]))
    def run(data: bytes) -> None:
        drain(READERS[kind], data)

    return run


def test_every_fuzzed_importer_has_real_seed_files():
    assert all(SEEDS[kind] for kind in SEEDS), [kind for kind, seeds in SEEDS.items() if not seeds]


test_the_linkedin_csv_reader_survives_hostile_bytes = fuzz_test("linkedin_csv")
test_the_contacts_csv_reader_survives_hostile_bytes = fuzz_test("contacts_csv")
test_the_vcard_reader_survives_hostile_bytes = fuzz_test("vcard")
test_the_mbox_reader_survives_hostile_bytes = fuzz_test("mbox")
test_the_eml_reader_survives_hostile_bytes = fuzz_test("eml")
test_the_linkedin_zip_reader_survives_hostile_bytes = fuzz_test("linkedin_zip")
test_the_mail_archive_reader_survives_hostile_bytes = fuzz_test("mail_archive")


@FUZZ
@given(data=hostile_bytes(SEEDS["profile"]))
def test_the_profile_parser_returns_a_person_or_says_why_not(data: bytes):
    try:
        record = parse_profile(data)
    except ProfileUnreadable as refusal:
        assert str(refusal).strip()
    else:
        assert record.name or record.emails or record.phones or record.linkedin_url


@FUZZ
@given(text=st.text(max_size=2048))
def test_the_profile_parser_survives_any_pasted_text(text: str):
    try:
        parse_profile(text)
    except ProfileUnreadable as refusal:
        assert str(refusal).strip()


def store_content(store) -> tuple:
    """Who is in the store, their addresses, and every dated touch."""
    queries = (
        select(Contact.id, Contact.name, Contact.headline),
        select(ContactEmail.contact_id, ContactEmail.email),
        select(Interaction.contact_id, Interaction.occurred_at, Interaction.kind),
    )
    with store.sessions() as session:
        return tuple(sorted(map(repr, session.execute(query))) for query in queries)


END_TO_END_SEEDS = [
    *SEEDS["linkedin_csv"][:2],
    *SEEDS["vcard"][:2],
    *SEEDS["contacts_csv"][:2],
    SEEDS["mbox"][0],
]
SUFFIXES = (".csv", ".vcf", ".mbox", ".eml", ".zip", "")


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    return open_store(tmp_path_factory.mktemp("fuzz") / "data")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutated(END_TO_END_SEEDS), suffix=st.sampled_from(SUFFIXES))
def test_an_import_of_a_mutated_file_stores_it_or_refuses_and_keeps_the_store(
    fuzz_store, tmp_path_factory, data: bytes, suffix: str
):
    path = tmp_path_factory.mktemp("upload") / f"mutated{suffix}"
    path.write_bytes(data)
    before = store_content(fuzz_store)
    try:
        import_file(fuzz_store, path)
    except ImportRefused as refusal:
        assert str(refusal).strip()
        assert store_content(fuzz_store) == before
