"""Canonical forms for the identifiers that decide whether two records are one person."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

# email-validator and phonenumbers are imported on first use: together they were a tenth of a
# second of every command's start-up, and most commands never check an address or a number.
_LINKEDIN_PATH = re.compile(r"^/(in|pub)/([^/?#]+)(?:/([^?#]*))?", re.IGNORECASE)
_CANONICAL_PROFILE = re.compile(r"https://www\.linkedin\.com/in/[a-z0-9_.-]+/")
# The shapes exports and address books use: http(s), www or a country subdomain, no query.
# The slug may hold any letter (`/in/siobhán-zhang`, a fifth of a real export's URLs); `%`
# escapes and everything else take the full parse, which gives the same result for these.
_SIMPLE_PROFILE = re.compile(
    r"(?:https?://)?(?:www\.|[a-z]{2}\.)?linkedin\.com/in/([\w.-]+)/?", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
_WEB_SCHEMES = frozenset({"http", "https"})
# A scheme is a letter, then letters, digits, `+`, `-` or `.`, then a colon (RFC 3986 §3.1).
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_EDGES = "".join(chr(code) for code in range(0x21))
_URL_BLANKS = re.compile(r"[\t\n\r]")
# Imports normalise the same names, companies and URLs several times per record (reading,
# matching, classifying, publishing); caching them halved a 30,000-row import (bench/).
_CACHED = 1 << 16
# A dot-atom local part and LDH domain labels (RFC 5322 §3.4.1, RFC 1035 §2.3.1).
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}"
)
# A dot-atom local part that may also hold accented Latin letters (U+00C0 to U+024F less × and
# ÷): every one is a letter in NFC that composes with none of these characters, so
# email-validator takes such a local part as it is (tests/test_normalize_intl_email.py).
_LATIN_LOCAL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f-]+"
    r"(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f-]+)*"
)
_EMAIL_MAX_BYTES = 254  # RFC 5321 §4.5.3.1.3, in UTF-8 as email-validator counts it


@lru_cache(maxsize=1)
def _special_use_domains() -> tuple[str, ...]:
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    return tuple(SPECIAL_USE_DOMAIN_NAMES)


@lru_cache(maxsize=50_000)  # a few hundred domains repeat across thousands of addresses
def _is_special_use(domain: str) -> bool:
    return any(
        domain == special or domain.endswith("." + special) for special in _special_use_domains()
    )


def normalize_email(value: str) -> str | None:
    """The address in canonical form, or None when it is not a deliverable-looking address.

    Never checks DNS: the tool works offline, and email-validator 2.4's deliverability check
    would resolve DNS with a 15 s timeout. Plain ASCII addresses take a fast path with the same
    rules; anything unusual goes to email-validator.
    """
    candidate = value.strip().strip("<>").strip()
    if not candidate or "@" not in candidate:
        return None
    if _PLAIN_ADDRESS.fullmatch(candidate):
        local, _, domain = candidate.rpartition("@")
        domain = domain.lower()
        tld = domain.rsplit(".", 1)[1]
        if (
            len(local) <= 64  # RFC 5321 §4.5.3.1.1
            and len(candidate) <= 254  # RFC 5321 §4.5.3.1.3 path limit less the angle brackets
            and not _is_special_use(domain)
            and not tld.isdigit()
            # "ab--c": hyphens in a label's third and fourth places are Punycode's ("xn--",
            # which email-validator writes in Unicode) or reserved (RFC 5891 §4.2.3.1).
            and not any(label[2:4] == "--" for label in domain.split("."))
        ):
            return f"{local.lower()}@{domain}"
    return _latin_address(candidate) or _validated_address(candidate)


def _validated_address(candidate: str) -> str | None:
    """email-validator's normal form of the address, lower-cased, or None."""
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    local, _, domain = checked.normalized.rpartition("@")
    return f"{local.lower()}@{domain.lower()}"


def _latin_address(candidate: str) -> str | None:
    """What `_validated_address` gives for an address whose local part is a dot-atom of ASCII
    and accented Latin letters (`josé.garcía@example.com`), or None when it cannot tell.

    email-validator takes such a local part unchanged and checks the domain alone, so the
    domain's verdict is asked once per domain; the address's length is checked here as
    email-validator checks it: in UTF-8, with each form of the domain."""
    local, _, domain = candidate.rpartition("@")
    if not (domain[:1].isascii() and domain[:1].isalnum() and _LATIN_LOCAL.fullmatch(local)):
        return None
    forms = _domain_forms(domain)
    if forms is None:
        return None
    normal, longest = forms
    if len(local.encode()) + 1 + longest > _EMAIL_MAX_BYTES:
        return None
    return f"{local.lower()}@{normal}"


@lru_cache(maxsize=4096)  # an address book's addresses share a few hundred domains
def _domain_forms(domain: str) -> tuple[str, int] | None:
    """The domain as `_validated_address` writes it and the UTF-8 length of its longest form
    (as written, normalised, in IDNA ASCII), or None when email-validator refuses it."""
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(f"a@{domain}", check_deliverability=False)
    except EmailNotValidError:
        return None
    forms = (domain, checked.domain, checked.ascii_domain)
    return checked.domain.lower(), max(len(form.encode()) for form in forms)


def normalize_phone(value: str, default_region: str = "GB") -> str | None:
    """E.164 form of a phone number, or None when it cannot be read as one."""
    import phonenumbers

    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=_CACHED)
def normalize_linkedin_url(value: str) -> str | None:
    """`https://www.linkedin.com/in/<slug>/` for any LinkedIn member URL, else None.

    Country subdomains (`se.linkedin.com`), query strings and trailing sections
    (`/details/experience/`) all map to the one canonical profile URL. Legacy `/pub/` URLs
    keep their full path because their slug alone is not unique.
    """
    text = value.strip()
    if not text:
        return None
    if _CANONICAL_PROFILE.fullmatch(text):  # already canonical: the common case on import
        return text
    simple = _SIMPLE_PROFILE.fullmatch(text)
    if simple:
        return f"https://www.linkedin.com/in/{simple.group(1).lower()}/"
    return parse_linkedin_url(text)


def parse_linkedin_url(text: str) -> str | None:
    """The full parse behind normalize_linkedin_url, for any URL shape."""
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:  # e.g. an unbalanced "[" read as a broken IPv6 literal
        return None
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return None
    match = _LINKEDIN_PATH.match(parts.path)
    if not match:
        return None
    kind, slug, rest = match.group(1).lower(), unquote(match.group(2)), match.group(3) or ""
    if kind == "pub":
        segments = [slug.lower(), *(p for p in rest.split("/") if p)]
        return "https://www.linkedin.com/pub/" + "/".join(segments) + "/"
    return f"https://www.linkedin.com/in/{slug.lower()}/"


def as_browsers_read(url: str) -> str:
    """The URL as a browser reads it before anything else: C0 controls and spaces at either
    end stripped, and every tab and newline inside removed (WHATWG URL parsing), so that
    `java<tab>script:` is seen for the `javascript:` it is."""
    return _URL_BLANKS.sub("", url.strip(_URL_EDGES))


def normalize_link(value: str) -> str | None:
    """The link as a browser reads it when it is safe to keep and hand to other apps: http or
    https, `mailto:` with one valid address, or a reference without a scheme (`www.example.com`);
    None for any other scheme (`javascript:`, `data:`, `file:`...), which runs or opens
    something in whatever app shows the link."""
    text = as_browsers_read(value)
    if not text:
        return None
    scheme = _URL_SCHEME.match(text)
    if scheme is None:
        return text
    name = scheme.group(1).lower()
    if name in _WEB_SCHEMES:
        return text
    if name == "mailto":
        email = normalize_email(text[scheme.end() :])
        return f"mailto:{email}" if email else None
    return None


@lru_cache(maxsize=_CACHED)
def normalize_name(value: str) -> str:
    """A comparison key for a person's name: case-folded, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().casefold()


# Legal forms of English, German, French and Dutch company names, dropped from the end of a
# name ("Fabrikam GmbH & Co. KG"), never from inside it ("The Co-operative Bank").
_LEGAL_FORMS = frozenset(
    {
        *("ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp"),
        *("corporation", "co", "pty", "gmbh", "mbh", "ag", "kg", "ohg", "ug", "se", "sa"),
        *("sas", "sarl", "bv", "nv"),
    }
)


# "and" written out in English, German and French: "&" is dropped from a key, so these go too.
_AND_WORDS = frozenset({"and", "und", "et"})


@lru_cache(maxsize=_CACHED)
def normalize_company(value: str) -> str:
    """A comparison key for an organisation: case, accents, punctuation, a leading "the",
    "and" between two words ("Whitfield and Grey" is "Whitfield & Grey") and trailing legal
    forms ignored."""
    words = re.sub(r"[.,&'()]", " ", normalize_name(value)).split()
    if words[:1] == ["the"]:
        words = words[1:]
    last = len(words) - 1
    words = [w for n, w in enumerate(words) if w not in _AND_WORDS or n in (0, last)]
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


# Words that name a branch of the same organisation: "Contoso Analytics Deutschland".
BRANCH_WORDS = frozenset(
    {
        *("uk", "us", "usa", "deutschland", "germany", "france", "europe", "emea", "dach"),
        *("ireland", "schweiz", "suisse", "switzerland", "austria", "osterreich", "benelux"),
        *("nederland", "netherlands", "espana", "spain", "italia", "italy", "nordics", "india"),
        *("group", "gruppe", "groupe", "holding", "holdings", "international", "global"),
    }
)


# Words too common to name one organisation alone: "Bank" is not "Bank of England".
GENERIC_COMPANY_WORDS = frozenset(
    {
        *("bank", "group", "capital", "partners", "solutions", "systems", "services", "data"),
        *("consulting", "digital", "global", "international", "health", "energy", "media"),
        *("labs", "technologies", "technology", "software", "analytics", "first", "new"),
        *("united", "national", "royal", "british", "european", "general", "university"),
        *("devices", "medical", "holdings", "holding", "industries", "insurance", "finance"),
        *("financial", "company", "products", "networks", "platforms", "cloud", "ai"),
    }
)


# Words that name a kind of organisation, of which there are many: a target "Stadtwerke" means
# any municipal utility ("Stadtwerke Lindenau"), "Sparkasse" any savings bank.
ORGANISATION_KINDS = frozenset(
    {
        *("stadtwerke", "sparkasse", "volksbank", "raiffeisenbank", "university", "universitat"),
        *("universite", "hochschule", "council", "hospital", "klinikum", "chu", "nhs"),
    }
)


def same_organisation(known_key: str, named_key: str) -> bool:
    """Whether a company named somewhere (`named_key`) may be a known one (`known_key`), both
    `normalize_company` keys: equal; a distinctive shortening ("contoso" for "contoso
    analytics", not "bank" for "bank of england"); or the known name with a branch's words
    ("contoso analytics deutschland"), but not another firm that shares a first word
    ("contoso bank")."""
    known, named = known_key.split(), named_key.split()
    if not named:
        return False
    if known == named:
        return True
    if known[: len(named)] == named:
        return len(named) > 1 or (len(named[0]) >= 3 and named[0] not in GENERIC_COMPANY_WORDS)
    return named[: len(known)] == known and BRANCH_WORDS.issuperset(named[len(known) :])
