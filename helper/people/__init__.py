"""Who a person is to the user: whether two records are one person (identity) and which of
the method's nine categories they fall in, with the reason (classify)."""

from helper.people.classify import Classifier, classify
from helper.people.identity import (
    DuplicatePair,
    IdentityMatch,
    find_duplicate_pairs,
    find_match,
    merge_profiles,
)

__all__ = [
    "Classifier",
    "DuplicatePair",
    "IdentityMatch",
    "classify",
    "find_duplicate_pairs",
    "find_match",
    "merge_profiles",
]
