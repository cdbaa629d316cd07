"""parse_profile: the one entry point for pasted text, saved pages and anything else."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.errors import ProfileUnreadable
from helper.normalize import normalize_linkedin_url
from helper.profiles.reader import MAX_INPUT_BYTES, parse_profile
from helper.records import ProfileRecord

PROFILES = Path(__file__).parent / "data" / "profiles"
TEXT_FIXTURES = sorted((PROFILES / "text").glob("*.txt"))
HTML_FIXTURES = sorted((PROFILES / "html").glob("*.html"))
CHROME_LINES = (
    "Skip to main content",
    "Try Premium for £0",
    "Message",
    "Connect",
    "More",
    "Follow",
    "500+ connections",
    "1,204 followers",
    "People also viewed",
    "Home",
    "My Network",
    "· 2nd",
    "Contact info",
    "Show all 23 skills",
)


def _expected(fixture: Path) -> dict:
    return json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))


def _string_values(record: ProfileRecord) -> list[str]:
    """Every string the record would show: scalar fields, list items, entry fields."""
    data = record.to_json()
    values = [v for v in data.values() if isinstance(v, str)]
    for key in ("emails", "phones", "skills"):
        values += data[key]
    for entry in data["positions"] + data["education"]:
        values += [v for v in entry.values() if isinstance(v, str)]
    return values + record.languages + record.certifications + record.volunteering


def test_at_least_eight_copied_text_and_three_saved_html_fixtures_exist() -> None:
    assert len(TEXT_FIXTURES) >= 8
    assert len(HTML_FIXTURES) >= 3
    for fixture in TEXT_FIXTURES + HTML_FIXTURES:
        assert fixture.with_suffix(".json").is_file(), fixture.name


@pytest.mark.parametrize("fixture", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_copied_text_profile_gives_its_expected_json(fixture: Path) -> None:
    record = parse_profile(fixture.read_text(encoding="utf-8"))
    assert record.to_json() == _expected(fixture)


@pytest.mark.parametrize("fixture", HTML_FIXTURES, ids=lambda p: p.stem)
def test_saved_html_profile_gives_its_expected_json(fixture: Path) -> None:
    record = parse_profile(fixture.read_bytes())
    assert record.to_json() == _expected(fixture)


@pytest.mark.parametrize("fixture", TEXT_FIXTURES + HTML_FIXTURES, ids=lambda p: p.stem)
def test_no_fixture_leaks_site_chrome_into_any_field(fixture: Path) -> None:
    values = {v.casefold() for v in _string_values(parse_profile(fixture.read_bytes()))}
    assert not values & {line.casefold() for line in CHROME_LINES}


def _corpus_page(corpus_path: Path, name: str) -> str:
    raw = (corpus_path / "linkedin_profile_html" / name).read_text(encoding="utf-8")
    if name.endswith(".ts"):
        # MANIFEST: the HTML sits between the backticks of a TypeScript template literal.
        return raw[raw.index("`") + 1 : raw.rindex("`")]
    return raw


CORPUS_EXPECTED = [
    (
        "public_2016_jeff_weiner.html",
        "Jeff Weiner",
        "CEO at LinkedIn",
        "San Francisco Bay Area",
        "https://www.linkedin.com/in/jeffweiner08",
        ("Barack Obama", "Jack Welch", "Richard Branson", "Bill Gates"),
    ),
    (
        "public_2013_justin_grevich.html",
        "Justin Grevich",
        "Web Developer and Systems Administrator",
        "La Jolla, California",
        "linkedin.com/pub/justin-grevich/7/154/181",
        ("Josh Huckabee", "Tania Quesada", "Jeff Weiner", "amos stone"),
    ),
    (
        "public_2024_eduardo_alvarez_nowak.html.ts",
        "Eduardo Alvarez Nowak",
        "Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential",
        "Greater Stockholm Metropolitan Area",
        "https://se.linkedin.com/in/eduardo-alvarez-nowak",
        ("Amalia Berglöf", "Roberto Andrés Noboa Gárate"),
    ),
]


def test_every_corpus_profile_page_is_covered(corpus_path: Path) -> None:
    names = {p.name for p in (corpus_path / "linkedin_profile_html").iterdir()}
    assert names == {row[0] for row in CORPUS_EXPECTED}


@pytest.mark.parametrize("row", CORPUS_EXPECTED, ids=lambda row: row[0])
def test_corpus_page_yields_the_manifest_person_and_nobody_else(
    corpus_path: Path, row: tuple
) -> None:
    name, headline, location, url, other_people = row[1:]
    record = parse_profile(_corpus_page(corpus_path, row[0]))
    assert isinstance(record, ProfileRecord)
    assert record.name == name
    assert record.headline == headline
    assert record.location == location
    assert record.linkedin_url == normalize_linkedin_url(url)
    assert record.emails == []
    shown = json.dumps(record.to_json(), ensure_ascii=False)
    for other in other_people:
        assert other not in shown


def test_the_2024_corpus_page_takes_its_current_role_from_the_page(corpus_path: Path) -> None:
    record = parse_profile(_corpus_page(corpus_path, "public_2024_eduardo_alvarez_nowak.html.ts"))
    assert (record.current_title, record.current_company) == (
        "Tech Education Team Lead",
        "Novare Potential",
    )


def test_the_2013_corpus_page_reads_its_current_position(corpus_path: Path) -> None:
    record = parse_profile(_corpus_page(corpus_path, "public_2013_justin_grevich.html"))
    assert (record.current_title, record.current_company) == (
        "Programmer / Analyst",
        "UC San Diego, Institute of Engineering in Medicine",
    )


def test_the_typescript_wrapped_page_parses_without_unwrapping(corpus_path: Path) -> None:
    raw = corpus_path / "linkedin_profile_html" / "public_2024_eduardo_alvarez_nowak.html.ts"
    record = parse_profile(raw.read_bytes())
    assert record.name == "Eduardo Alvarez Nowak"


def _own_page(name: str) -> str:
    raw = (PROFILES / "html" / name).read_text(encoding="utf-8")
    if name.endswith(".ts"):
        return raw[raw.index("`") + 1 : raw.rindex("`")]
    return raw


# Our own pages in the three public layouts of the corpus, each with its trap.
OWN_LAYOUTS = [
    (
        "public_2016_people_also_viewed.html",
        "Rosalind Achterberg",
        "COO at Lumen Freight",
        "Greater Rotterdam Area",
        "https://www.linkedin.com/in/rosalind-achterberg",
        ("Bartholomew Quist", "Henrike Saal", "Ottilie Brandvold", "Orchard Manager"),
    ),
    (
        "public_2013_hcard_no_canonical.html",
        "Cordelia Fairweather",
        "Glassblower and Studio Manager",
        "Corning, New York",
        "linkedin.com/pub/cordelia-fairweather/3/21a/4b9",
        ("Ivo Marchetti", "Wendell Parrish", "Marguerite Okafor", "Silas Brennan"),
    ),
    (
        "public_2024_typescript_wrapped.html.ts",
        "Matteo Brandão Lindqvist",
        "Learning Lead, Data Mentor & Backend Dev at Fjellvik Academy",
        "Greater Oslo Region",
        "https://no.linkedin.com/in/matteo-brandao-lindqvist",
        ("Sigrid Aamodt", "Rafael Quintero Vidal"),
    ),
]


@pytest.mark.parametrize("row", OWN_LAYOUTS, ids=lambda row: row[0])
def test_a_page_in_each_public_layout_yields_its_person_and_nobody_else(row: tuple) -> None:
    name, headline, location, url, other_people = row[1:]
    record = parse_profile(_own_page(row[0]))
    assert isinstance(record, ProfileRecord)
    assert record.name == name
    assert record.headline == headline
    assert record.location == location
    assert record.linkedin_url == normalize_linkedin_url(url)
    assert record.emails == []
    shown = json.dumps(record.to_json(), ensure_ascii=False)
    for other in other_people:
        assert other not in shown


def test_the_2024_layout_takes_its_current_role_from_the_page_not_the_headline() -> None:
    record = parse_profile(_own_page("public_2024_typescript_wrapped.html.ts"))
    assert (record.current_title, record.current_company) == (
        "Learning Programme Team Lead",
        "Fjellvik Academy",
    )
    assert [(p.title, p.start, p.end) for p in record.positions] == [
        ("Learning Programme Team Lead", "2021-06", ""),
        ("Evening Course Teacher", "2019-01", "2021-05"),
    ]


def test_the_2013_hcard_layout_reads_its_current_position() -> None:
    record = parse_profile(_own_page("public_2013_hcard_no_canonical.html"))
    assert (record.current_title, record.current_company) == (
        "Studio Manager",
        "Lantern Glass Works, Hot Shop Division",
    )


def test_a_page_wrapped_in_typescript_parses_without_unwrapping() -> None:
    name = "public_2024_typescript_wrapped.html.ts"
    raw = (PROFILES / "html" / name).read_bytes()
    assert raw.startswith(b"// ") and raw.rstrip().endswith(b"</html>`;")
    record = parse_profile(raw)
    assert record.name == "Matteo Brandão Lindqvist"
    assert record.to_json() == parse_profile(_own_page(name)).to_json()


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t", b"", b"\xef\xbb\xbf  \n"])
def test_empty_input_is_refused_with_a_reason(blank: str | bytes) -> None:
    with pytest.raises(ProfileUnreadable, match="empty"):
        parse_profile(blank)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP archive"),
        (b"abc\x00def\x00\x01\x02", "NUL bytes"),
    ],
)
def test_binary_data_is_refused_with_what_it_is(data: bytes, reason: str) -> None:
    with pytest.raises(ProfileUnreadable, match=reason):
        parse_profile(data)


def test_text_full_of_control_characters_is_refused() -> None:
    with pytest.raises(ProfileUnreadable, match="binary"):
        parse_profile("Ada Lovelace\n" + "\x01\x02\x03\x04\x05" * 40)


def test_a_paste_over_twenty_megabytes_is_refused_before_parsing() -> None:
    with pytest.raises(ProfileUnreadable, match=r"20\.0 MB|MB; a profile is at most 20 MB"):
        parse_profile("a" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(ProfileUnreadable, match="at most 20 MB"):
        parse_profile(b"<html>" + b" " * MAX_INPUT_BYTES)


def test_multibyte_text_is_measured_in_bytes() -> None:
    with pytest.raises(ProfileUnreadable, match="at most 20 MB"):
        parse_profile("é" * (MAX_INPUT_BYTES // 2 + 1))


def test_a_page_of_another_site_without_a_person_is_refused() -> None:
    page = "<!doctype html><html><body><h1>Spring sale</h1><p>50% off boots</p></body></html>"
    with pytest.raises(ProfileUnreadable, match="not a LinkedIn profile and names no person"):
        parse_profile(page)


def test_text_with_no_person_in_it_is_refused() -> None:
    with pytest.raises(ProfileUnreadable, match="No person found"):
        parse_profile("the quick brown fox jumps over the lazy dog 42 times")


def test_scripts_in_pasted_html_are_neither_run_nor_kept() -> None:
    page = (
        "<html><head><link rel='canonical' href='https://www.linkedin.com/in/ada/'>"
        "<script>alert('owned')</script></head><body><h1>Ada Lovelace</h1>"
        "<div class='text-body-medium'>Analyst</div>"
        "<img src=x onerror=\"alert('owned')\"><script>document.write('Mallory')</script>"
        "</body></html>"
    )
    record = parse_profile(page)
    assert record.name == "Ada Lovelace"
    shown = json.dumps(record.to_json())
    assert "alert" not in shown and "Mallory" not in shown


def test_utf8_bytes_with_a_bom_read_like_text() -> None:
    text = (PROFILES / "text" / "non_latin_name.txt").read_text(encoding="utf-8")
    assert parse_profile("\ufeff".encode() + text.encode()).name == "王小明"


def test_utf16_text_with_a_byte_order_mark_is_decoded() -> None:
    text = (PROFILES / "text" / "accented_name_pronouns_in_name.txt").read_text(encoding="utf-8")
    assert parse_profile(text.encode("utf-16")).name == "Zoë Ólafsdóttir-Müller"


def test_a_saved_page_in_windows_1252_is_decoded_by_its_charset() -> None:
    page = (
        "<html><head><meta charset='windows-1252'>"
        "<link rel='canonical' href='https://www.linkedin.com/in/jurgen-s/'></head>"
        "<body><h1>Jürgen Schmürgen</h1></body></html>"
    ).encode("cp1252")
    assert parse_profile(page).name == "Jürgen Schmürgen"


def test_missing_fields_name_what_the_profile_lacks() -> None:
    record = parse_profile((PROFILES / "text" / "safari_no_about_degree_on_name.txt").read_bytes())
    assert record.missing_fields == ["linkedin_url", "emails", "phones"]


def test_a_profile_with_only_past_roles_has_no_current_title() -> None:
    text = (
        "Ada Lovelace\nRetired\nLondon, England, United Kingdom\nExperience\nAnalyst\n"
        "Babbage & Co\n1998 - 2004\nEducation\nHome schooling\n"
    )
    record = parse_profile(text)
    assert (record.current_title, record.current_company) == ("", "")
    assert "current_title" in record.missing_fields


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_gives_a_profile_or_a_profile_unreadable_error(text: str) -> None:
    try:
        record = parse_profile(text)
    except ProfileUnreadable as error:
        assert str(error)
    else:
        assert isinstance(record, ProfileRecord)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_profile_or_a_profile_unreadable_error(data: bytes) -> None:
    with contextlib.suppress(ProfileUnreadable):
        assert isinstance(parse_profile(data), ProfileRecord)


_WORDS = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2, max_size=9)
_LINE = st.one_of(
    st.sampled_from(CHROME_LINES),
    st.sampled_from(["Experience", "Education", "About", "Skills", "People also viewed"]),
    st.lists(_WORDS, min_size=1, max_size=5).map(" ".join),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=40))
def test_chrome_lines_never_become_a_field_value(lines: list[str]) -> None:
    try:
        record = parse_profile("\n".join(lines))
    except ProfileUnreadable:
        return
    chrome = {line.casefold() for line in CHROME_LINES}
    assert not {v.casefold() for v in _string_values(record)} & chrome
