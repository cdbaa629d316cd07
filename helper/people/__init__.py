"""Who a person is to the user: whether two records are one person (identity) and which of
the method's nine categories they fall in, with the reason (classify), learning from the
user's corrections (lessons)."""

from helper.people.classify import Classifier
from helper.people.identity import (
    DuplicatePair,
    IdentityMatch,
    find_duplicate_pairs,
    find_match,
    merge_profiles,
)
from helper.people.lessons import Lessons, correction

__all__ = [
    "Classifier",
    "DuplicatePair",
    "IdentityMatch",
    "Lessons",
    "correction",
    "find_duplicate_pairs",
    "find_match",
    "merge_profiles",
]
