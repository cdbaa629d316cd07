"""The words of a LinkedIn page, one table per interface language.

LinkedIn draws the same page in the member's interface language: "Experience" is
"Berufserfahrung" in German and "Expérience" in French, "Present" is "heute" or
"aujourd’hui", "Jan 2024" is "Jan. 2024" or "janv. 2024", and a second-degree contact is
"· 2nd", "· 2." or "· 2e". The reader knows every language below at once (a page may mix
them: a German member's own entries under an English interface), and a fourth language is one
more `PageLanguage`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class PageLanguage:
    code: str
    # Section headings (compared casefolded) and the record section each opens.
    sections: dict[str, str]
    # Headings whose block is other people's content or the site's, never this person's.
    skipped: tuple[str, ...]
    # Navigation, buttons and labels the page draws around every profile.
    chrome: tuple[str, ...]
    # Month names and abbreviations, casefolded, without a trailing full stop.
    months: dict[str, int]
    # What a current role's end says.
    ongoing: tuple[str, ...]
    # Words between a start and an end besides dashes ("to", "bis", "à").
    joiners: tuple[str, ...]
    # Units of a duration ("2 yrs 3 mos", "2 J. 3 Mon.", "2 ans 3 mois"), as regex pieces.
    year_units: tuple[str, ...]
    month_units: tuple[str, ...]
    less_than_a_year: tuple[str, ...]
    employment_types: tuple[str, ...]
    work_modes: tuple[str, ...]
    contact_info: tuple[str, ...]
    # "…see more" and its kin, the end of a shortened text.
    see_more: tuple[str, ...]
    # Endorsement lines of the Skills section, as regex pieces.
    endorsements: tuple[str, ...]
    # Connection degree as shown after a name ("2nd", "2.", "2e"), as regex pieces.
    degrees: tuple[str, ...]
    # The footer's first links: its "About" then "Accessibility" (casefolded).
    footer: tuple[str, str]
    # "Show all 38 skills" and its kin, as regex pieces.
    show_all: tuple[str, ...]
    # Labels of an education entry's detail lines ("Grade: 2:1"), casefolded.
    education_details: tuple[str, ...]
    # What an Experience entry for time away says in its company line ("Career Break").
    career_breaks: tuple[str, ...] = ()


ENGLISH = PageLanguage(
    code="en",
    sections={
        "about": "about", "summary": "about", "experience": "experience",
        "education": "education", "skills": "skills", "top skills": "skills",
        "skills & expertise": "skills", "skills & endorsements": "skills",
        "licenses & certifications": "certifications",
        "licences & certifications": "certifications", "certifications": "certifications",
        "volunteering": "volunteering", "volunteer experience": "volunteering",
        "volunteer experience & causes": "volunteering", "languages": "languages",
        "contact info": "contact",
    },
    skipped=(
        "featured", "activity", "recommendations", "honors & awards", "honours & awards",
        "publications", "projects", "courses", "organizations", "organisations", "interests",
        "causes", "patents", "test scores", "services", "analytics", "resources",
        "additional information", "people also viewed", "people you may know", "highlights",
        "more profiles for you", "you might like", "explore premium profiles",
        "other similar profiles", "who your viewers also viewed",
        "viewers of this profile also viewed...", "pages for you", "more activity",
        "recommendations received", "profile language", "public profile & url",
    ),
    chrome=(
        "Skip to main content", "Home", "My Network", "Jobs", "Messaging", "Notifications",
        "Me", "For Business", "Work", "Advertise", "Post a job", "Learning", "Search",
        "Message", "Connect", "More", "Follow", "Following", "Pending", "Open to",
        "Add profile section", "Add section", "Enhance profile", "Show details", "Show all",
        "Show credential", "See credential", "Endorse", "Endorsed", "Influencer", "Verified",
        "Premium", "Visit my website", "Report this profile", "Join to view profile", "Sign in",
        "Join now", "Save to PDF", "Send profile in a message", "Request a recommendation",
        "About this profile", "Provides services", "Private to you", "Contact info",
        "Email", "Phone", "Website", "Websites", "Birthday", "Connected", "Address",
        "Your Profile", "Show recruiter insights", "Talent Solutions", "Community Guidelines",
        "Marketing Solutions", "Privacy & Terms", "Ad Choices", "Sales Solutions",
        "Safety Center", "Questions?", "Visit our Help Center.",
        # The badges a profile may show between the name and the headline.
        "#OpenToWork", "Open to work", "#Hiring", "Hiring", "Top Voice", "LinkedIn Top Voice",
        "Top Voices",
        # The navigation and sign-in form of a page seen signed out.
        "LinkedIn", "Articles", "People", "Games", "Get the app", "Welcome back",
        "Email or phone", "Password", "Forgot password?", "or",
        "Manage your account and privacy", "Go to your Settings.",
        "Recommendation transparency", "Learn more about Recommended Content.",
        "Select Language", "Promoted", "Ad Options", "Status is online", "Status is offline",
        "Status is reachable", "Open to work", "Hiring", "See all details", "see more",
        "see less", "Show more", "Show less",
    ),
    months={
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
        "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8,
        "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
        "nov": 11, "november": 11, "dec": 12, "december": 12,
    },
    ongoing=("present", "now", "current", "today"),
    joiners=("to",),
    year_units=(r"yrs?", r"years?"),
    month_units=(r"mos?", r"months?"),
    less_than_a_year=("less than a year",),
    employment_types=(
        "Full-time", "Part-time", "Self-employed", "Freelance", "Contract", "Internship",
        "Apprenticeship", "Seasonal", "Permanent", "Temporary", "Trainee",
    ),
    work_modes=("On-site", "Onsite", "Hybrid", "Remote"),
    contact_info=("contact info",),
    see_more=("see more", "show more", "more"),
    endorsements=(r"endorsed by\b", r"\d+\+?\s+endorsements?", r"passed linkedin skill assessment"),
    degrees=(r"1st", r"2nd", r"3rd\+?", r"(?:1st|2nd|3rd\+?)\s+degree\s+connection"),
    footer=("about", "accessibility"),
    show_all=(r"show all \d+ [\w ]+",),
    education_details=("grade", "activities and societies", "skills"),
    career_breaks=("career break",),
)  # fmt: skip

GERMAN = PageLanguage(
    code="de",
    sections={
        "info": "about", "infos": "about", "über mich": "about", "zusammenfassung": "about",
        "berufserfahrung": "experience", "erfahrung": "experience",
        "ausbildung": "education", "kenntnisse": "skills", "top-kenntnisse": "skills",
        "kenntnisse und fähigkeiten": "skills", "sprachen": "languages",
        "bescheinigungen und zertifikate": "certifications",
        "lizenzen und zertifizierungen": "certifications", "zertifikate": "certifications",
        "ehrenamt": "volunteering", "ehrenamtliche tätigkeit": "volunteering",
        "kontaktinfo": "contact", "kontaktinformationen": "contact",
    },
    skipped=(
        "im fokus", "highlights", "aktivitäten", "empfehlungen", "auszeichnungen", "publikationen",
        "projekte", "kurse", "organisationen", "interessen", "patente", "services",
        "dienstleistungen", "analysen", "ressourcen", "weitere profile", "weitere ähnliche profile",
        "andere angesehene profile", "mitglieder sahen sich auch an",
        "personen, die sie kennen könnten", "das könnte sie interessieren",
        "sprache des profils", "öffentliches profil und url",
    ),
    chrome=(
        "Zum Hauptinhalt springen", "Startseite", "Mein Netzwerk", "Jobs", "Nachrichten",
        "Mitteilungen", "Ich", "Für Unternehmen", "Suchen", "Nachricht", "Vernetzen", "Mehr",
        "Folgen", "Sie folgen", "Ausstehend", "Offen für", "Profilbereich hinzufügen",
        "Details anzeigen", "Alle anzeigen", "Nachweis anzeigen", "Bestätigen", "Bestätigt",
        "Verifiziert", "Premium", "Profil melden", "Anmelden", "Jetzt Mitglied werden",
        "Als PDF speichern", "Kontaktinfo", "E-Mail", "Telefon", "Website", "Geburtstag",
        "Vernetzt", "Adresse", "Ihr Profil", "Offen für Jobangebote", "Wir stellen ein",
        "Auf Jobsuche", "Offen für neue Jobangebote",
        "Artikel", "Personen", "E-Learning", "Spiele", "App herunterladen", "Jetzt beitreten",
        "Einloggen", "Willkommen zurück", "E-Mail-Adresse oder Telefon", "Passwort",
        "Passwort vergessen?", "oder",
        "mehr anzeigen", "weniger anzeigen", "Sprache auswählen", "Gesponsert",
        "Datenschutz & Bedingungen", "Werbeoptionen", "Hilfe",
    ),
    months={
        "jan": 1, "januar": 1, "jän": 1, "feb": 2, "februar": 2, "mär": 3, "märz": 3,
        "mrz": 3, "apr": 4, "april": 4, "mai": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7,
        "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10,
        "oktober": 10, "nov": 11, "november": 11, "dez": 12, "dezember": 12,
    },
    ongoing=("heute", "derzeit", "aktuell"),
    joiners=("bis",),
    year_units=(r"j\.?", r"jahre?n?"),
    month_units=(r"mon\.?", r"monate?n?"),
    less_than_a_year=("weniger als ein jahr",),
    employment_types=(
        "Vollzeit", "Teilzeit", "Selbstständig", "Selbständig", "Freiberuflich",
        "Befristet", "Praktikum", "Ausbildung", "Werkstudent", "Saisonal",
    ),
    work_modes=("Vor Ort", "Hybrid", "Remote", "Homeoffice"),
    contact_info=("kontaktinfo", "kontaktinformationen"),
    see_more=("mehr anzeigen", "mehr"),
    endorsements=(r"bestätigt von\b", r"\d+\+?\s+bestätigungen?", r"kenntnisbestätigung"),
    degrees=(
        r"1\.", r"2\.", r"3\.\+?", r"(?:1\.|2\.|3\.\+?)\s+grades?",
        r"kontakt\s+[123]\.\+?\s+grades",
    ),
    footer=("info", "barrierefreiheit"),
    show_all=(r"alle \d+ [\w ]+ anzeigen",),
    education_details=("note", "aktivitäten und verbände", "kenntnisse"),
    career_breaks=("karrierepause", "berufliche auszeit", "auszeit"),
)  # fmt: skip

FRENCH = PageLanguage(
    code="fr",
    sections={
        "infos": "about", "info": "about", "à propos": "about", "résumé": "about",
        "expérience": "experience", "expériences": "experience",
        "formation": "education", "formations": "education", "compétences": "skills",
        "principales compétences": "skills", "langues": "languages",
        "licences et certifications": "certifications", "certifications": "certifications",
        "bénévolat": "volunteering", "expérience de bénévolat": "volunteering",
        "coordonnées": "contact",
    },
    skipped=(
        "sélection", "points forts", "activité", "recommandations", "distinctions et prix",
        "publications", "projets", "cours", "organisations", "centres d’intérêt",
        "centres d'intérêt", "brevets", "services", "analyses", "ressources",
        "autres profils consultés", "autres profils similaires",
        "les membres ont également consulté", "personnes que vous pourriez connaître",
        "langue du profil", "profil public et url",
    ),
    chrome=(
        "Passer au contenu principal", "Accueil", "Réseau", "Mon réseau", "Emplois",
        "Messagerie", "Notifications", "Vous", "Pour les entreprises", "Rechercher",
        "Message", "Se connecter", "Plus", "Suivre", "Abonné", "En attente", "Disponible pour",
        "Ajouter une section", "Afficher les détails", "Tout afficher",
        "Afficher l’identifiant", "Afficher l'identifiant", "Recommander", "Vérifié",
        "Premium", "Signaler ce profil", "S’identifier", "S'identifier", "S’inscrire",
        "Enregistrer au format PDF", "Coordonnées", "E-mail", "Téléphone", "Site web",
        "Anniversaire", "Relation", "Adresse", "Votre profil", "Disponible pour un emploi",
        "En recherche active", "En recherche d’emploi", "En recherche d'emploi",
        "Ouvert aux opportunités", "Ouverte aux opportunités", "#Recrute",
        "Articles", "Personnes", "Jeux", "Obtenir l’application", "Obtenir l'application",
        "Bon retour parmi nous", "E-mail ou téléphone", "Mot de passe",
        "Mot de passe oublié ?", "ou",
        "Recrute", "voir plus", "voir moins", "Afficher plus", "Afficher moins",
        "Sélectionner la langue", "Post sponsorisé", "Confidentialité et conditions",
        "Centre d’aide",
    ),
    months={
        "janv": 1, "janvier": 1, "févr": 2, "février": 2, "fév": 2, "mars": 3, "avr": 4,
        "avril": 4, "mai": 5, "juin": 6, "juil": 7, "juillet": 7, "août": 8, "aout": 8,
        "sept": 9, "septembre": 9, "oct": 10, "octobre": 10, "nov": 11, "novembre": 11,
        "déc": 12, "décembre": 12,
    },
    ongoing=("aujourd’hui", "aujourd'hui", "présent", "actuel"),
    joiners=("à", "au"),
    year_units=(r"ans?",),
    month_units=(r"mois",),
    less_than_a_year=("moins d’un an", "moins d'un an"),
    employment_types=(
        "Temps plein", "Temps partiel", "Indépendant", "Indépendante", "Freelance", "CDI",
        "CDD", "Stage", "Alternance", "Contrat", "Saisonnier", "Intérim",
    ),
    work_modes=("Sur site", "Hybride", "À distance", "Télétravail"),
    contact_info=("coordonnées",),
    see_more=("voir plus", "afficher plus", "plus"),
    endorsements=(r"recommandé par\b", r"\d+\+?\s+recommandations?", r"évaluation.*réussie"),
    degrees=(
        r"1er", r"2e", r"3e\+?", r"3e et \+", r"(?:1er|2e|3e\+?)\s+niveau",
        r"relation de (?:1er|2e|3e) niveau(?: et plus)?",
    ),
    footer=("à propos", "accessibilité"),
    show_all=(r"afficher (?:les |tous les |toutes les )?\d+ [\w ]+",),
    education_details=("note", "activités et associations", "compétences"),
    career_breaks=("pause de carrière", "pause professionnelle"),
)  # fmt: skip

LANGUAGES: tuple[PageLanguage, ...] = (ENGLISH, GERMAN, FRENCH)


def _alternatives(pieces: tuple[str, ...] | list[str], escape: bool = True) -> str:
    items = sorted({re.escape(p) if escape else p for p in pieces}, key=len, reverse=True)
    return "(?:" + "|".join(items) + ")"


@cache
def section_headings() -> dict[str, str]:
    return {heading: key for lang in LANGUAGES for heading, key in lang.sections.items()}


@cache
def skipped_headings() -> frozenset[str]:
    return frozenset(heading for lang in LANGUAGES for heading in lang.skipped)


@cache
def career_breaks() -> frozenset[str]:
    return frozenset(label for lang in LANGUAGES for label in lang.career_breaks)


@cache
def chrome_lines() -> frozenset[str]:
    return frozenset(line.casefold() for lang in LANGUAGES for line in lang.chrome)


@cache
def month_numbers() -> dict[str, int]:
    return {name: number for lang in LANGUAGES for name, number in lang.months.items()}


def month_pattern() -> str:
    return _alternatives(list(month_numbers())) + r"\.?"


def ongoing_pattern() -> str:
    return _alternatives([word for lang in LANGUAGES for word in lang.ongoing])


def joiner_pattern() -> str:
    words = _alternatives([word for lang in LANGUAGES for word in lang.joiners])
    return rf"(?:\s*[-–—]\s*|\s+{words}\s+)"


def duration_pattern() -> str:
    years = _alternatives([u for lang in LANGUAGES for u in lang.year_units], escape=False)
    months = _alternatives([u for lang in LANGUAGES for u in lang.month_units], escape=False)
    less = _alternatives([p for lang in LANGUAGES for p in lang.less_than_a_year])
    unit = rf"(?:{years}|{months})"
    return rf"(?:(?:\d+\+?\s*{unit}(?!\w)\s*)+|{less})"


def employment_type_pattern() -> str:
    return _alternatives([t for lang in LANGUAGES for t in lang.employment_types])


def work_mode_pattern() -> str:
    return _alternatives([m for lang in LANGUAGES for m in lang.work_modes])


def see_more_pattern() -> str:
    return _alternatives([s for lang in LANGUAGES for s in lang.see_more])


def endorsement_pattern() -> str:
    return _alternatives([e for lang in LANGUAGES for e in lang.endorsements], escape=False)


def degree_pattern() -> str:
    return _alternatives([d for lang in LANGUAGES for d in lang.degrees], escape=False)


@cache
def contact_info_labels() -> frozenset[str]:
    return frozenset(label for lang in LANGUAGES for label in lang.contact_info)


@cache
def footer_starts() -> frozenset[tuple[str, str]]:
    return frozenset(lang.footer for lang in LANGUAGES)


def show_all_pattern() -> str:
    return _alternatives([piece for lang in LANGUAGES for piece in lang.show_all], escape=False)


def education_detail_pattern() -> str:
    return _alternatives([label for lang in LANGUAGES for label in lang.education_details])
