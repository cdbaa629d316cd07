"""Words that name the same role or field, in one readable table: a goal keyword matches any
word of its group, so "CTO" finds a "Chief Technology Officer", "DRH" a "directrice des
ressources humaines" and "managing director" a "Geschäftsführerin".

Each group lists its abbreviations (used in every language) and its words in English, German
and French. An abbreviation or an English keyword matches the group in every language; a
German or French keyword keeps to its own language and the abbreviations, since a goal
written in French ("acheteur") is about people who work in French. Matching folds case and
accents and stems English words. A group holds only phrases that mean the same thing wherever
they appear: "people" alone is not "HR" (a "people manager" manages a team); an abbreviation
that also means something else is found only when it is the keyword itself (`AMBIGUOUS`).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from helper.strategy.relevance import tokenize


class Equivalents(NamedTuple):
    abbreviations: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    de: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()


GROUPS: tuple[Equivalents, ...] = (
    # Chief officers and ranks.
    Equivalents(("CEO",), ("chief executive officer", "chief executive"),
                ("Vorstandsvorsitzender", "Vorstandsvorsitzende"),
                ("PDG", "président-directeur général", "présidente-directrice générale")),
    Equivalents(("MD",), ("managing director",), ("Geschäftsführer", "Geschäftsführerin"),
                ("directeur général", "directrice générale", "DG")),
    Equivalents(("CTO",), ("chief technology officer", "chief technical officer"),
                ("technischer Geschäftsführer", "technische Geschäftsführerin"),
                ("directeur technique", "directrice technique")),
    Equivalents(("CFO",), ("chief financial officer", "finance director"),
                ("Finanzvorstand", "kaufmännischer Geschäftsführer", "Finanzchef"),
                ("DAF", "directeur administratif et financier",
                 "directrice administrative et financière", "directeur financier",
                 "directrice financière")),
    Equivalents(("COO",), ("chief operating officer", "operations director"), (),
                ("directeur des opérations", "directrice des opérations")),
    Equivalents(("CMO",), ("chief marketing officer", "marketing director"),
                ("Marketingleiter", "Marketingleiterin"),
                ("directeur marketing", "directrice marketing")),
    Equivalents(("CIO",), ("chief information officer", "IT director"),
                ("IT-Leiter", "IT-Leiterin"),
                ("DSI", "directeur des systèmes d'information",
                 "directrice des systèmes d'information")),
    Equivalents(("CISO",), ("chief information security officer",
                            "head of information security")),
    Equivalents(("CDO",), ("chief data officer", "head of data", "director of data",
                           "data director"), ("Leiter Data", "Leiterin Data", "Datenchef"),
                ("directeur data", "directrice data", "directeur des données",
                 "directrice des données")),
    Equivalents(("CPO",), ("chief product officer", "head of product")),
    Equivalents(("CHRO",), ("chief people officer", "chief human resources officer",
                            "HR director", "people director", "director of people",
                            "head of people", "head of HR"),
                ("Personalleiter", "Personalleiterin", "Personalchef"),
                ("DRH", "directeur des ressources humaines",
                 "directrice des ressources humaines")),
    Equivalents(("VP",), ("vice president", "vice-president"), (),
                ("vice-président", "vice-présidente")),
    Equivalents(("SVP",), ("senior vice president",)),
    Equivalents(("EVP",), ("executive vice president",)),
    Equivalents(("NED",), ("non-executive director", "non executive director"),
                ("Aufsichtsrat", "Aufsichtsrätin"),
                ("administrateur indépendant", "administratrice indépendante")),
    # Roles and functions.
    Equivalents(("PM",), ("product manager",), ("Produktmanager", "Produktmanagerin"),
                ("chef de produit", "cheffe de produit")),
    Equivalents(("HR",), ("human resources", "people team", "people partner",
                          "people operations", "HR business partner"),
                ("Personalwesen", "Personalabteilung"), ("RH", "ressources humaines")),
    Equivalents(("BD",), ("business development",), ("Geschäftsentwicklung",),
                ("développement commercial",)),
    Equivalents((), ("sales",), ("Vertrieb",), ("ventes",)),
    Equivalents((), ("procurement", "purchasing", "buyer"),
                ("Einkauf", "Einkäufer", "Einkäuferin", "Beschaffung"),
                ("achats", "acheteur", "acheteuse")),
    Equivalents((), ("distributor", "distribution partner", "distribution"),
                ("Vertriebspartner", "Händler"), ("distributeur", "distributrice")),
    Equivalents((), ("recruiting", "recruitment", "talent acquisition"),
                ("Personalgewinnung",), ("recrutement",)),
    Equivalents(("SRE",), ("site reliability engineering", "site reliability engineer")),
    Equivalents(("QA",), ("quality assurance",), ("Qualitätssicherung",),
                ("assurance qualité",)),
    Equivalents(("UX",), ("user experience",)),
    Equivalents(("R&D",), ("research and development",), ("Forschung und Entwicklung",),
                ("recherche et développement",)),
    # Fields.
    Equivalents(("ML",), ("machine learning",), ("maschinelles Lernen",),
                ("apprentissage automatique",)),
    Equivalents(("AI",), ("artificial intelligence",), ("künstliche Intelligenz", "KI"),
                ("intelligence artificielle", "IA")),
    Equivalents((), ("data engineering",), ("Datenengineering",),
                ("ingénierie des données",)),
    Equivalents((), ("data quality",), ("Datenqualität",), ("qualité des données",)),
    Equivalents((), ("smart meter",), ("intelligenter Zähler",),
                ("compteur communicant", "compteur intelligent")),
    Equivalents((), ("cybersecurity", "cyber security", "information security"),
                ("IT-Sicherheit",), ("cybersécurité",)),
)  # fmt: skip


# Abbreviations with other common meanings ("MD, orthopaedic surgeon", "call at 3 PM", a Chief
# Procurement Officer's "CPO", "IA" for internal audit, the EU's "DG"): they find people only
# when the goal's keyword is that very abbreviation, never as another keyword's equivalent.
AMBIGUOUS = frozenset({"md", "pm", "cpo", "cdo", "cio", "ia", "dg", "bd", "rh", "ki"})


def _terms(phrase: str) -> tuple[str, ...]:
    return tuple(tokenize(phrase))


@cache
def _groups_by_terms() -> dict[tuple[str, ...], list[tuple[Equivalents, str]]]:
    """Each phrase's stems -> (its group, the language it is written in)."""
    found: dict[tuple[str, ...], list[tuple[Equivalents, str]]] = {}
    for group in GROUPS:
        for language in Equivalents._fields:
            for phrase in getattr(group, language):
                if _terms(phrase):
                    found.setdefault(_terms(phrase), []).append((group, language))
    return found


def equivalents(phrase: str) -> tuple[str, ...]:
    """`phrase` first, then every phrase that names the same role or field (in every language
    for an abbreviation or English, else in the phrase's own language)."""
    mine = _terms(phrase)
    found: dict[tuple[str, ...], str] = {mine: phrase}
    for group, language in _groups_by_terms().get(mine, ()):
        languages = Equivalents._fields
        if language not in ("abbreviations", "en"):
            languages = ("abbreviations", language)
        for name in languages:
            for other in getattr(group, name):
                if other.casefold() not in AMBIGUOUS:
                    found.setdefault(_terms(other), other)
    return tuple(found.values())
