"""The BM25F text model: tokenising, stemming, phrase matching and scoring."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.strategy.relevance import (
    STOP_WORDS,
    Bm25Settings,
    RelevanceIndex,
    find_phrase,
    fold,
    phrase_keys,
    tokenize,
)


def index_of(*documents: dict[str, list[str]], **options: object) -> RelevanceIndex:
    return RelevanceIndex.build(list(documents), Bm25Settings(**options))  # type: ignore[arg-type]


def test_tokenize_folds_case_and_accents_and_splits_on_punctuation():
    assert tokenize("Sofía GARCÍA — Head of Machine-Learning!") == [
        "sofia",
        "garcia",
        "head",
        "machin",
        "learn",
    ]


def test_tokenize_drops_stop_words():
    assert tokenize("the head of the team") == ["head", "team"]


def test_tokenize_stems_plurals_and_verb_forms_to_one_term():
    assert tokenize("founders founder") == ["founder", "founder"]
    assert tokenize("investing investment") == ["invest", "invest"]


def test_tokenize_keeps_it_because_in_profiles_it_means_it():
    assert "it" not in STOP_WORDS
    assert tokenize("Head of IT") == ["head", "it"]


def test_fold_expands_sharp_s_and_strips_accents():
    assert fold("Straße Zoë") == "strasse zoe"


def test_find_phrase_returns_the_words_as_the_contact_wrote_them():
    assert find_phrase("Head of Machine-Learning", "machine learning") == "Machine-Learning"
    assert find_phrase("Director of Data Science at Ocado", "data science") == "Data Science"


def test_find_phrase_skips_stop_words_inside_the_phrase():
    assert find_phrase("Head of Data", "head data") == "Head of Data"


def test_find_phrase_needs_the_words_next_to_each_other():
    assert find_phrase("the science of clean data", "data science") is None


def test_find_phrase_keeps_offsets_true_when_folding_changes_length():
    assert find_phrase("Straße Logistik GmbH", "logistik") == "Logistik"


def test_find_phrase_of_only_stop_words_finds_nothing():
    assert find_phrase("the and of", "the") is None


def test_phrase_keys_match_a_multi_word_phrase_on_its_adjacent_pairs():
    assert phrase_keys("head of data science") == (
        ["head data", "data scienc"],
        ["head data", "data scienc", "head", "data", "scienc"],
    )
    assert phrase_keys("Fintech") == (["fintech"], ["fintech"])


def test_a_phrase_matches_only_documents_with_the_words_adjacent():
    index = index_of(
        {"headline": ["Director of Data Science"]},
        {"about": ["the science of clean data is underrated"]},
    )
    assert set(index.score_phrase("data science")) == {0}


def test_adjacent_word_pairs_never_cross_segments():
    index = index_of({"skills": ["Data", "Science"]}, {"skills": ["Data Science"]})
    assert set(index.score_phrase("data science")) == {1}


def test_a_stop_word_phrase_and_an_unknown_word_match_nothing():
    index = index_of({"headline": ["the fintech founder"]})
    assert index.query(["the", "blockchain", ""]) == [{}, {}, {}]


def test_an_empty_index_answers_every_query_with_nothing():
    assert index_of().query(["fintech"]) == [{}]


def test_a_heavier_field_scores_higher_than_a_lighter_one():
    index = index_of({"headline": ["solar engineer"]}, {"about": ["solar engineer"]})
    scores = index.score_phrase("solar")
    assert scores[0] > scores[1] > 0


def test_a_word_in_a_short_field_scores_higher_than_in_a_long_one():
    index = index_of(
        {"about": ["solar"]},
        {"about": ["solar farms, wind farms, storage, grids, policy and markets"]},
    )
    scores = index.score_phrase("solar")
    assert scores[0] > scores[1]


def test_repeating_a_word_saturates_instead_of_multiplying():
    index = index_of({"about": ["solar"]}, {"about": ["solar " * 10]}, {"about": ["wind"]})
    scores = index.score_phrase("solar")
    assert scores[1] > scores[0]
    assert scores[1] < 2 * scores[0]


def test_a_rare_word_weighs_more_than_a_common_one():
    common = [{"headline": ["engineer"]} for _ in range(20)]
    index = index_of({"headline": ["kubernetes engineer"]}, *common)
    assert index.score_phrase("kubernetes")[0] > index.score_phrase("engineer")[0]


def test_field_weights_are_configurable():
    index = index_of(
        {"headline": ["solar"]},
        {"about": ["solar"]},
        field_weights={"headline": 1.0, "about": 5.0},
    )
    scores = index.score_phrase("solar")
    assert scores[1] > scores[0]


@pytest.mark.parametrize("text", ["", "   ", "!!!", "—"])
def test_text_without_words_has_no_tokens(text):
    assert tokenize(text) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_tokens_are_folded_and_unchanged_by_case_or_composition(text):
    tokens = tokenize(text)
    assert all(token and token == fold(token) for token in tokens)
    assert tokenize(unicodedata.normalize("NFD", text)) == tokens


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_a_found_phrase_is_always_a_piece_of_the_text_with_the_phrase_words(text, phrase):
    found = find_phrase(text, phrase)
    if found is not None:
        assert found in unicodedata.normalize("NFC", text)
        assert tokenize(found) == tokenize(phrase)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["solar", "wind", "grid", "the", "of", "Énergie"]), max_size=8))
def test_a_phrase_taken_from_a_text_is_found_in_it(words):
    text = " ".join(words)
    if tokenize(text):
        assert find_phrase(text, text) is not None


def test_a_phrase_is_found_in_one_field_only_with_its_words_side_by_side():
    index = index_of(
        {"headline": ["Partner Manager"], "about": ["A partner told us their manager left"]},
        {"about": ["Partner Manager hiring briefing"]},
        {"about": ["Manager of partner programmes"]},
        {"headline": ["Partner"], "about": ["Manager"]},
    )
    assert index.in_field("partner manager", "about") == {1}
    assert index.in_field("partner manager", "headline") == {0}
    assert index.in_field("nobody here", "about") == set()
