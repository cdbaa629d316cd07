"""Who a person is to the user: whether two records are one person (identity, with likeness
for nicknames, initials and one employer written two ways, and roles for combining two
records' roles) and which of the method's nine categories they fall in, with the reason
(classify), learning from the user's corrections (lessons)."""

from helper.people.classify import Classifier
from helper.people.duplicate_index import DuplicateIndex, find_duplicate_pairs
from helper.people.given_names import fuller_name
from helper.people.identity import (
    DuplicatePair,
    IdentityKeys,
    IdentityMatch,
    find_match,
    find_namesakes,
    merge_profiles,
)
from helper.people.lessons import Lessons, correction
from helper.people.roles import (
    combine_roles,
    is_role,
    matching_role,
    newer_current_role,
)

__all__ = [
    "Classifier",
    "DuplicateIndex",
    "DuplicatePair",
    "IdentityKeys",
    "IdentityMatch",
    "Lessons",
    "combine_roles",
    "correction",
    "find_duplicate_pairs",
    "find_match",
    "find_namesakes",
    "fuller_name",
    "is_role",
    "matching_role",
    "merge_profiles",
    "newer_current_role",
]
