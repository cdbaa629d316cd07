"""The words that suggest a category, per category and language, in one readable table.

Step 3 of the method lists whom to network with; these are the words people use for those
roles in their headlines and titles, in English, German and French. A cue matches whole words,
case and accents ignored, and the reason a person reads quotes the words as written
("headline says 'Personalberaterin'"). Adding a language is adding its rows.

Some roles need a context to count (`helper.people.classify` applies them):
- an officer role (chair, organiser, board member, community manager) is a club role only in a
  community: a meetup, an association, a chamber of commerce;
- a board role is an introducer outside a community;
- a relationship manager is an introducer at a bank and a supplier anywhere else;
- a senior title is a possible manager only at one of the user's own employers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Cue:
    category: str
    language: str
    words: tuple[str, ...]  # regex pieces, matched as whole words, case- and accent-blind


# Direct cues: the words alone suggest the category.
CUES: tuple[Cue, ...] = (
    Cue("recruiter", "en", (
        # Not someone who finds study participants or volunteers: no talent search.
        r"(?<!participant )recruit(?:er|ers|ing|ment)"
        r"(?! (?:of )?(?:volunteers|members|participants))",
        r"talent acquisition", r"talent partner",
        r"talent sourc(?:er|ing)", r"(?:technical )?sourcers?", r"resourcer", r"executive search",
        r"head[- ]?hunt(?:er|ers|ing)", r"staffing",
        r"head of talent(?! (?:development|management|programmes?|acquisition))", r"talent lead",
    )),
    Cue("recruiter", "de", (
        r"personal\w*berater(?:in)?", r"personalvermittl(?:er|erin|ung)",
        r"(?<!participant )\w*recruiter(?:in)?",
        r"headhunter(?:in)?", r"personalberatung",
    )),
    Cue("recruiter", "fr", (
        r"charge(?:e)? de recrutement(?! de (?:participants|testeurs|panelistes))",
        r"recrut(?:eur|euse|ement)(?! de (?:participants|testeurs|panelistes))",
        r"chasseu(?:r|se) de tetes", r"consultante? en recrutement",
    )),
    Cue("introducer", "en", (
        r"(?:chartered |certified )?accountants?", r"accountancy", r"solicitors?", r"lawyers?",
        r"attorneys?", r"barristers?", r"notary", r"(?:in-house |legal |general )?counsel",
        r"(?:employment|commercial|corporate|family|tax|property|ip|immigration|competition"
        r"|banking|insurance|media|contract|criminal|data protection) law", r"law firm",
        r"(?:chartered )?tax advis[eo]r", r"bank manager", r"\w*banker",
        r"mortgage (?:broker|advis[eo]r)", r"non[- ]executive(?: director)?",
        r"angel investors?", r"business angel", r"investors?(?! relations| in people)",
        r"investing in", r"venture capital", r"venture partner", r"general partner",
        r"(?:audit|tax|advisory|deal|transaction)s? partner", r"super-?connector",
        r"connector(?!\s+(?:developer|engineer|development|api|framework))", r"i introduce",
        r"business broker", r"m&a advis[eo]r",
        r"(?:fractional|interim|part[- ]time|portfolio) (?:cfo|finance director|fd)s?",
    )),
    Cue("introducer", "de", (
        r"steuerberater(?:in)?", r"wirtschaftsprufer(?:in)?", r"\w*anwalt", r"\w*anwaltin",
        r"notar(?:in)?", r"firmenkundenbetreuer(?:in)?", r"firmenkundenberater(?:in)?",
        r"investor(?:in)?(?! relations| in people)", r"risikokapital", r"m&a[- ]berater(?:in)?",
        r"unternehmensmakler(?:in)?", r"buchhalter(?:in)?", r"\w*banker(?:in)?",
        r"investor(?:en|innen)", r"netzwerker(?:in)?", r"turoffner(?:in)?",
        r"ich (?:verbinde|vernetze)",
        r"(?:interims?-?|teilzeit-?)cfo", r"cfo auf zeit",
    )),
    Cue("introducer", "fr", (
        r"expert[- ]comptable", r"comptable", r"commissaire aux comptes", r"juriste",
        r"avocate?", r"notaire", r"investisseu(?:r|se)s?",
        r"investissement", r"capital[- ]risque", r"intermediaire en cession",
        r"cession d'entreprises?", r"apporteu(?:r|se) d'affaires", r"mets en relation",
        r"(?:daf|directeur financier|directrice financiere)"
        r" (?:a temps partage|de transition|externalisee?)",
        r"mise en relation",
    )),
    Cue("mentor", "en", (
        r"coach(?:es|ing)?(?! (?:driver|operator|hire|travel|builder))",
        r"mentor(?:s|ing)?(?![- ]?program\w*)",
        r"(?:executive|career|leadership) sponsors?", r"professor", r"lecturer", r"tutor",
        r"phd supervisor", r"trainer", r"teachers?",
    )),
    Cue("mentor", "de", (
        r"\w+coach(?:in)?", r"coachin", r"mentorin", r"professorin", r"dozent(?:in)?",
        r"lehrbeauftragte[rn]?", r"\w*trainer(?:in)?", r"\w*lehrer(?:in)?",
        r"\w*ausbilder(?:in)?",
    )),
    Cue("mentor", "fr", (
        r"mentore", r"professeure?", r"maitre de conferences?", r"enseignante?",
        r"format(?:eur|rice)", r"charge(?:e)? d'enseignement", r"charge(?:e)? de cours",
        r"institut(?:eur|rice)",
    )),
    Cue("club", "en", (
        r"(?:co-)?organi[sz]er", r"meetup host", r"membership (?:director|manager)",
    )),
    Cue("club", "de", (r"(?:co-)?organisator(?:in)?", r"mitgliederbetreuung")),
    Cue("club", "fr", (r"(?:co-)?organisat(?:eur|rice)", r"responsable des adherents")),
    Cue("customer", "en", (
        r"procurement", r"purchasing(?! power)",
        r"(?<!media )buyers?(?! (?:journeys?|personas?|experience|behaviou?r|intent))",
        r"category manager", r"(?:global |strategic )?sourcing (?:manager|lead|director|head)",
        r"strategic sourcing", r"head of sourcing", r"commodity manager", r"vendor manager",
    )),
    Cue("customer", "de", (
        r"einkauf(?:er|erin)?", r"einkaufs(?!zentr|center|passage|stra|meile|wagen)\w*",
        r"beschaffung", r"category managerin",
        r"lieferantenmanagement",
    )),
    Cue("customer", "fr", (
        r"(?<!pouvoir d')achats?", r"(?<!persona )acheteu(?:r|se)(?! (?:media|d'espaces?))",
        r"approvisionnements?",
        r"responsable sourcing",
    )),
    Cue("supplier", "en", (
        r"sales(?! (?:trainer|training|coach|enablement|recruit\w*))",
        r"account (?:manager|executive|director)", r"business development",
        r"business developer", r"customer success", r"solutions? (?:engineer|consultant)",
        r"pre-?sales", r"partner manager", r"alliances?", r"channel manager", r"reseller",
        r"distributor", r"evangelist", r"developer advocate", r"developer relations", r"devrel",
        r"commercial director", r"chief commercial officer", r"head of commercial",
        r"partner marketing",
    )),
    Cue("supplier", "de", (
        # Not distribution law: "Vertriebsrecht", "Vertriebs- und Kartellrecht".
        r"vertrieb", r"vertriebs(?!\w*recht\b)(?!-\s*(?:und|oder|&)\s+\w*recht)\w*",
        r"key account managerin", r"verkaufsingenieur(?:in)?",
        r"partnermanager(?:in)?", r"customer success managerin", r"au(?:ss|ß)endienst",
    )),
    Cue("supplier", "fr", (
        r"(?:ingenieure?|direct(?:eur|rice)|responsable|attachee?|technico)[- ]commerciale?",
        r"commerciale? (?:terrain|sedentaire|export)", r"responsable grands comptes",
        r"avant-vente", r"responsable des ventes", r"direct(?:eur|rice) des ventes",
        r"ingenieure? d'affaires", r"succes client",
    )),
    Cue("specialist", "en", (
        r"engineer", r"engineering", r"developer", r"scientist", r"analyst", r"architect",
        r"consultant", r"researcher", r"designer", r"statistician", r"specialist", r"expert",
        r"economist", r"data protection officer", r"programmer", r"technologist",
        r"research fellow", r"strategist", r"technicians?", r"ergonomists?", r"physician",
        r"surgeon", r"(?:\w+ )?nurse",
        r"pharmacist", r"cardiologist", r"radiologist", r"oncologist", r"clinician",
        r"chief nursing officer", r"medical science liaison", r"\w*ologist",
    )),
    Cue("specialist", "de", (
        r"\w*ingenieur(?:in)?", r"\w*entwickler(?:in)?", r"\w*berater(?:in)?",
        r"\w*analystin", r"\w*wissenschaftler(?:in)?", r"\w*architekt(?:in)?",
        r"\w*informatiker(?:in)?", r"\w*designerin", r"spezialist(?:in)?",
        r"\w*(?:schutz|sicherheits)beauftragte[rn]?", r"\w*okonom(?:in)?", r"volkswirt(?:in)?",
        r"strateg(?:e|in)", r"\w*arzt", r"\w*arztin", r"\w*ologe", r"\w*ologin",
        r"pflegedirektor(?:in)?", r"apotheker(?:in)?", r"medizincontroller(?:in)?",
        r"\w*techniker(?:in)?", r"\w*elektroniker(?:in)?", r"\w*mechatroniker(?:in)?",
        r"\w*konstrukteur(?:in)?", r"ingenieurburo",
    )),
    Cue("specialist", "fr", (
        r"ingenieure?", r"developpeu(?:r|se)", r"analyste", r"consultante", r"chercheu(?:r|se)",
        r"architecte", r"experte", r"specialiste", r"economiste", r"stratege", r"medecin",
        r"chirurgien(?:ne)?", r"infirmi(?:er|ere)", r"pharmacien(?:ne)?", r"directrice des soins",
        r"directeur des soins", r"\w*ologue", r"ergonome", r"technicien(?:ne)?",
        r"automaticien(?:ne)?",
        r"(?:\w+)?electronicien(?:ne)?", r"mecatronicien(?:ne)?",
    )),
)  # fmt: skip

# Acronyms count only as written in capitals: "NED" is a board role, "ned" a name.
ACRONYMS: dict[str, tuple[str, ...]] = {
    "introducer": ("ACA", "ACCA", "CPA", "CIMA", "NED", "VC"),
    "supplier": ("BDR", "SDR", "BDM", "KAM"),
}

# Officer roles: a club role only where COMMUNITY words say the organisation is a community.
OFFICER = (
    r"president(?:e)?", r"prasident(?:in)?", r"vice[- ]president",
    r"chair(?:man|woman|person)?", r"treasurer", r"secretary", r"captain", r"board member",
    r"member", r"fellow", r"organi[sz]er",
    r"co-organi[sz]er", r"host", r"co-host", r"lead", r"chapter lead", r"manager(?:in)?",
    r"director",
    r"coordinator", r"officer", r"head of", r"co-?founder", r"volunteer",
    r"vorsitzende[r]?", r"vorstand(?:smitglied)?", r"mitglied", r"schatzmeister(?:in)?",
    r"organisator(?:in)?", r"referent(?:in)?", r"mitgliederbetreuung",
    r"membre", r"tresorier(?:e)?", r"secretaire", r"responsable", r"animat(?:eur|rice)",
    r"organisat(?:eur|rice)", r"\w*leiter(?:in)?", r"charge(?:e)? de mission",
    r"prufer(?:in)?", r"delegue(?:e)?(?: \w+)?", r"kassenwart(?:in)?", r"kassierer(?:in)?",
    r"schriftfuhrer(?:in)?", r"sprecher(?:in)?", r"geschaftsfuhrer(?:in)?", r"elue?s?",
)  # fmt: skip
COMMUNITY = (
    # A housing association is a landlord, a building society a bank.
    r"(?<!housing )association", r"(?<!building )society", r"meetups?", r"user group",
    r"\w*vereins?", r"e\.v\.",
    r"women in \w+", r"pydata", r"alumni (?:association|network|club|society)",
    r"chamber of commerce", r"handelskammer", r"ihk", r"chambre de commerce", r"cci",
    r"rotary", r"toastmasters", r"networking group", r"berufsverband", r"reseau",
    r"\w*kammer", r"chambre des metiers", r"stammtisch", r"federation", r"\w*verband",
    r"arbeitskreis",
)  # fmt: skip
# Bodies that are a club only to their members and officers, and only when the headline part
# names them beside the role ("Fellow, Royal Institution"); their staff are employees
# ("Research Fellow" at an institute, "Product Manager" at Club Med).
MEMBERSHIP_BODIES = (r"club", r"institute", r"institution", r"forum", r"guild", r"chapter(?: of)?")
MEMBERSHIP_ROLES = (
    r"member", r"fellow", r"chair(?:man|woman|person)?", r"president(?:e)?",
    r"prasident(?:in)?", r"secretary", r"treasurer", r"captain", r"board member", r"trustee",
    r"organi[sz]er", r"(?:co-)?host", r"vorsitzende[r]?", r"mitglied", r"membre",
)  # fmt: skip
# Board roles: an introducer's seat, unless the board is a club's.
BOARD = (
    r"board member", r"board of directors", r"board (?:adviser|advisor|director)",
    r"chair(?:man|woman|person)? of the board", r"board chair",
    r"advisory board", r"trustee", r"aufsichtsrat(?:in|s)?", r"mitglied des aufsichtsrats",
    r"aufsichtsrats(?:mitglied|vorsitzende[r]?)",
    r"beirat(?:in|smitglied)?", r"administrat(?:eur|rice) independante?",
    r"membre du conseil d'administration",
)  # fmt: skip
# Relationship managers: an introducer at a bank, a supplier anywhere else.
RELATIONSHIP = (
    r"(?:client |customer )?relationship (?:manager|director)", r"charge(?:e)? d'affaires",
    r"kundenbetreuer(?:in)?", r"kundenberater(?:in)?", r"charge(?:e)? de clientele",
    r"conseill(?:er|ere) (?:clientele|bancaire)",
)  # fmt: skip
# A community manager of a product's users (a forum, an app, a tool) works for the vendor,
# facing its customers, as DevRel does: a supplier. A meetup's is a club role (OFFICER).
USER_COMMUNITY_ROLES = (r"community manager(?:in)?",)
USER_COMMUNITIES = (
    r"users?", r"user (?:community|forum)", r"nutzer\w*", r"utilisat(?:eur|rice)s?", r"forum",
    r"app", r"appli", r"tool", r"\w*-tool", r"product", r"customers?", r"kunden\w*",
)  # fmt: skip
# Branch managers: an introducer at a bank, nothing in particular anywhere else.
BANK_ROLES = (r"branch manager", r"direct(?:eur|rice) d'agence", r"filialleiter(?:in)?")
# A partner of a professional firm (law, accountancy, investment) is an introducer.
PARTNER = (
    r"(?<!talent )(?<!business )(?<!people )(?:managing |equity |senior )?partner(?:in)?"
    r"(?! manager| marketing| success| account| programme| program)",
    r"associee?", r"investment (?:manager|associate|director|principal|analyst)",
    r"principal(?=\s*(?:@|at\b|,|$))",
)  # fmt: skip
PROFESSIONAL_FIRMS = (
    r"llp", r"law firm", r"solicitors", r"accountants", r"kanzlei", r"rechtsanw\w*",
    r"steuerberatung\w*", r"wirtschaftsprufung\w*", r"avocats?", r"notaires?", r"notarial",
    r"expertise comptable", r"ventures", r"venture capital", r"private equity",
    r"capital partners",
)  # fmt: skip
BANKS = (
    r"\w*bank(?:ing|s)?", r"building society", r"sparkasse", r"volksbank", r"raiffeisen\w*",
    r"credit", r"banque", r"caisse d'epargne", r"hsbc", r"barclays", r"natwest", r"lloyds",
    r"santander", r"bnp(?: paribas)?", r"societe generale", r"unicredit",
)  # fmt: skip
# Consultants of a recruitment, search or interim-management firm place people ("Principal
# Consultant at Norton Interim Partners"): recruiters. The firm is known by its name's words.
AGENCY_ROLES = (
    r"(?:senior |principal |managing |associate )?consultant", r"associate director",
    r"berater(?:in)?", r"consultante?",
)  # fmt: skip
RECRUITMENT_FIRMS = (
    r"recruitment", r"recruiting", r"staffing", r"executive search", r"search partners",
    r"interim (?:management|partners|executives?|solutions|group)", r"headhunting",
    r"personalberatung",
    r"personaldienstleist\w*", r"cabinet de recrutement",
)  # fmt: skip
# Advisers: beside a buying word it is their subject, not their side ("Procurement
# Consultant", "Einkaufsberaterin", "Consultante SAP MM (achats)"): an expert, not a buyer.
ADVISERS = (
    r"consultants?", r"advis[eo]rs?", r"\w*berater(?:in)?", r"consultante?s?",
    r"conseill(?:er|ere)s?",
)  # fmt: skip
# Senior titles: at one of the user's own employers the person may be their manager.
SENIOR = (
    r"head of", r"director", r"senior director", r"vice president", r"chief \w+ officer",
    r"managing director", r"general manager", r"engineering manager", r"team lead(?:er)?",
    r"founder", r"co-founder", r"\w*leiter(?:in)?", r"geschaftsfuhrer(?:in)?", r"directeur",
    r"directrice", r"responsable d'equipe", r"chef(?:fe)? d'equipe", r"directeur general",
    r"directrice generale",
)  # fmt: skip
SENIOR_ACRONYMS = ("VP", "CEO", "CTO", "CFO", "COO", "CIO", "CDO", "SVP", "EVP", "GF")
# Coaching in a sport trains players, not careers: no mentor, but a trade of its own.
SPORT = (
    r"rugby", r"football", r"soccer", r"hockey", r"tennis", r"swim\w*", r"athletics?",
    r"fitness", r"sports?", r"sportif|sportive", r"fu(?:ss|ß)ball\w*", r"handball\w*",
    r"basketball", r"volleyball", r"gym", r"rfc", r"fc", r"\d+(?:st|nd|rd|th) xv", r"u\d\d",
    r"preparation physique", r"personal trainer", r"leichtathletik",
)  # fmt: skip
# What follows these words is someone's audience, not their own role: "coach for first-time
# engineering managers", "Leadership for engineering managers".
AUDIENCE = (r"for", r"fur", r"pour", r"aupres de")
# These end the role only after a word of one, since they also join a role's own words
# ("Proud to be a Data Scientist"): "mentor to founders"; for an expert, their subject:
# "lecturer in mechanical engineering".
AUDIENCE_AFTER_A_ROLE = (r"to",)
SUBJECT = (r"in", r"of", r"en")
# Words of a trainee's role, which end a former employer's name: "ex-Contoso intern".
TRAINEE = (
    r"intern", r"internship", r"trainee", r"graduate", r"apprentice", r"praktikant(?:in)?",
    r"werkstudent(?:in)?", r"azubi", r"stagiaire", r"alternante?", r"apprentie?",
)  # fmt: skip
# What someone seeks or is hiring for is not what they are: "Looking for a mentor",
# "We're recruiting!" (each blanks the rest of its headline part).
NOT_THEIR_ROLE = (
    r"(?:i.?m |i am )?(?:looking for|seeking|searching for|in search of)",
    r"we(?:'re| are) (?:recruiting|hiring)", r"is hiring", r"wir suchen", r"wir stellen ein",
    r"auf der suche nach", r"nous recrutons", r"a la recherche d",
    r"#?open ?to ?work", r"offen fur (?:neue )?jobangebote", r"auf jobsuche",
    r"en recherche (?:active|d'emploi)",
)  # fmt: skip
# A headline of someone without a role now: a job seeker, a student or a retired person. Their
# expert title is not a practice to call on, nor their buying or selling ("Open to work |
# Former Supply Chain Analyst", "Im Ruhestand · früher 30 Jahre Vertrieb").
NO_ROLE_NOW = (
    r"#?open ?to ?work", r"offen fur (?:neue )?jobangebote", r"auf jobsuche",
    r"en recherche (?:active|d'emploi)", r"job ?seeker", r"seeking (?:new )?opportunities",
    r"looking for (?:a )?(?:new )?(?:role|job|position|opportunit)",
    r"(?:ich )?suche (?:eine )?neue (?:herausforderung|stelle|position|aufgabe)",
    r"auf der suche nach (?:einer )?neuen? (?:herausforderung|stelle|position|aufgabe|job)",
    r"(?:a la |en )?recherche (?:d'(?:un|une) |un |une )?(?:nouveau |nouvelle )?"
    r"(?:poste|emploi|opportunite|stage|alternance|cdi)",
    # Not "Ruhestandsplanung" nor a pension adviser's "Conseiller retraite & prévoyance".
    r"retired", r"(?:im )?ruhestand(?!\w)", r"rentner(?:in)?(?!\w)", r"pensionar(?:in)?(?!\w)",
    r"retraitee?(?=\s*(?:$|[|·•,]))", r"a la retraite",
    r"\w*student(?:in)?(?! (?:success|experience|services|recruit\w*|affairs))",
    r"studierende[rn]?", r"etudiante?s?",
)  # fmt: skip
# A headline part that starts with these is about the people someone serves.
HELPING = (
    r"helping", r"i help", r"we help", r"ich helfe", r"wir helfen", r"j'aide", r"nous aidons",
)  # fmt: skip
# A former employer named in a headline: "ex-Fabrikam", "formerly Contoso", "ehemals Northwind".
FORMERLY = (
    r"ex[- ]", r"formerly (?:at |with |@ ?)?", r"previously (?:at |with |@ ?)?", r"former ",
    r"alumn(?:us|a|i) of ",
    r"ehemals (?:bei )?", r"ehem\. (?:bei )?", r"fruher (?:bei )?", r"anciennement (?:chez )?",
    r"vormals (?:bei )?", r"zuvor (?:bei )?", r"auparavant (?:chez )?", r"precedemment (?:chez )?",
    r"ancien(?:ne)? (?:de |d')",
)  # fmt: skip


def _fold_char(char: str) -> str:
    if char in "’‘ʼ":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = base.lower()
    return folded if len(folded) == 1 else char.lower() if len(char.lower()) == 1 else char


def fold(text: str) -> str:
    """Case and accents dropped, one character for one, so that a match's span in the folded
    text is the same span in the original: "Einkäuferin" -> "einkauferin"."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(char) for char in text)


def _alternatives(pieces: tuple[str, ...]) -> str:
    return "|".join(sorted(pieces, key=len, reverse=True))


@cache
def words_pattern(pieces: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `pieces` as whole words, for folded text."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(pieces)})(?!\w)")


@cache
def prefix_pattern(pieces: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `pieces` starting a word, for folded text: "ex-" in "ex-Contoso"."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(pieces)})")


@cache
def acronym_pattern(acronyms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `acronyms` as a whole word in capitals, for the original text."""
    return re.compile(rf"(?<![\w&])(?:{_alternatives(acronyms)})(?![\w&])")


@cache
def category_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per category, every language's words together, in the method's order."""
    by_category: dict[str, list[str]] = {}
    for cue in CUES:
        by_category.setdefault(cue.category, []).extend(cue.words)
    return {key: words_pattern(tuple(words)) for key, words in by_category.items()}
