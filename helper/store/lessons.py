"""The lessons of the user's category corrections, in the store: loaded for the classifier,
changed when the user adds or removes a category and saves, forgotten from the Me page."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from helper.db.models import CategoryLesson, Contact, Me
from helper.people import Classifier, Lessons, correction
from helper.records import CategorySuggestion, MeProfile, ProfileRecord
from helper.store.convert import me_profile
from helper.vocabulary import CATEGORIES


def load_lessons(session: Session) -> Lessons:
    rows = session.execute(
        select(CategoryLesson.word, CategoryLesson.category, CategoryLesson.weight)
    )
    return Lessons({(word, category): weight for word, category, weight in rows})


def classifier_for(session: Session) -> Classifier:
    """The classifier for this store's user: their employers, family name and lessons (an
    empty "Me" when it was never filled in: reading a profile writes nothing)."""
    me = session.scalar(select(Me).order_by(Me.id).limit(1))
    return Classifier(me_profile(me) if me is not None else MeProfile(), load_lessons(session))


def suggestions_for(
    classifier: Classifier, record: ProfileRecord, contact: Contact | None
) -> list[CategorySuggestion]:
    """The classifier's suggestions, less those the user took off this contact before."""
    declined = set(contact.declined_categories) if contact is not None else set()
    return [s for s in classifier.classify(record) if s.key not in declined]


def learn_from_choice(
    session: Session,
    contact: Contact,
    record: ProfileRecord,
    suggested: Collection[str],
    before: Collection[str],
    chosen: Collection[str],
) -> None:
    """The user saw `before` ticked, of which `suggested` were the suggester's, and saved
    `chosen`. A suggestion they took off, or a category they added that was not suggested, is
    a correction the suggester learns from; a category they took off is never suggested for
    this contact again."""
    removed = set(before) - set(chosen)
    learned_added = set(chosen) - set(before) - set(suggested)
    learned_removed = removed & set(suggested)
    for (word, category), change in correction(record, learned_added, learned_removed).items():
        lesson = session.get(CategoryLesson, (word[:100], category))
        if lesson is None:
            lesson = CategoryLesson(word=word[:100], category=category, weight=0)
            session.add(lesson)
        lesson.weight += change
        if lesson.weight == 0:
            session.delete(lesson)
    declined = (set(contact.declined_categories) | removed) - set(chosen)
    if declined != set(contact.declined_categories):
        contact.declined_categories = [key for key in CATEGORIES if key in declined]


def lesson_count(session: Session) -> int:
    """How many words the suggester has learned something about."""
    return session.scalar(select(func.count(func.distinct(CategoryLesson.word)))) or 0


def forget_lessons(session: Session) -> int:
    """Forget every lesson; the number of words forgotten. Declined categories stay: they
    are the user's word about one person, not a lesson about headlines."""
    forgotten = lesson_count(session)
    session.execute(delete(CategoryLesson))
    return forgotten
