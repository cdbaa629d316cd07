"""Counting as the platforms count, and a template's optional sentences dropped in their defined
order; a sentence is kept whole or left out, never cut."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helper.drafting.channels import Counting
from helper.drafting.compose import parse_layout
from helper.drafting.fit import Layout, Part, counter_for, fit, tidy

utf16 = counter_for(Counting.UTF16)
x_weighted = counter_for(Counting.X_WEIGHTED)
words = counter_for(Counting.WORDS)


def one_line(*parts: Part) -> Layout:
    return Layout(paragraphs=[[list(parts)]])


def test_linkedin_counts_an_emoji_as_two_utf16_code_units() -> None:
    assert utf16("Hi 😀") == 5
    assert utf16("Zoë") == 3


def test_x_counts_cjk_as_two_and_a_link_as_twenty_three() -> None:
    assert x_weighted("abc") == 3
    assert x_weighted("李小龍") == 6
    assert x_weighted("see https://t.co/x") == 4 + 23
    assert x_weighted("see example.com") == 4 + 23


def test_x_never_counts_a_long_link_as_less_than_its_length() -> None:
    link = "https://example.com/" + "a" * 40

    assert x_weighted(link) == len(link)


def test_spoken_length_is_counted_in_words() -> None:
    assert words("Hi Priya, I'm Sam.") == 4


def test_tidy_leaves_one_space_and_no_space_before_punctuation() -> None:
    assert tidy("  Hello   there ,  Priya .  ") == "Hello there, Priya."
    assert tidy("Acme Inc.. is here") == "Acme Inc. is here"
    assert tidy("Wait... what") == "Wait... what"


def test_tidy_never_touches_a_url() -> None:
    line = "See https://example.com/a..b?x=1 ,ok"

    assert tidy(line) == "See https://example.com/a..b?x=1,ok"


def test_text_within_the_limit_is_left_alone() -> None:
    layout = one_line(Part("Hello. "), Part("Optional. ", drop_rank=1))

    result = fit(layout, 100, len)

    assert (result.text, result.dropped) == ("Hello. Optional.", 0)


def test_optional_parts_go_lowest_rank_first_and_last_first_within_a_rank() -> None:
    layout = one_line(
        Part("Keep. "),
        Part("Rank2. ", drop_rank=2),
        Part("FirstRank1. ", drop_rank=1),
        Part("LastRank1. ", drop_rank=1),
    )

    assert fit(layout, 34, len).text == "Keep. Rank2. FirstRank1."
    assert fit(layout, 20, len).text == "Keep. Rank2."
    assert fit(layout, 6, len).text == "Keep."


def test_a_required_part_is_never_cut_even_over_the_limit() -> None:
    layout = one_line(Part("Hi Priya. "), Part("one two three four five six seven. "))

    result = fit(layout, 25, len)

    assert result.text == "Hi Priya. one two three four five six seven."
    assert result.dropped == 0


def test_no_limit_means_nothing_is_dropped() -> None:
    layout = one_line(Part("a " * 500, drop_rank=1))

    assert fit(layout, None, len).text == ("a " * 500).strip()


def test_a_template_line_per_sentence_joins_into_one_paragraph() -> None:
    rendered = "Hi Priya,\n\x06\nFirst.\nSecond.\n\x06\n- one\n- two\n"

    assert parse_layout(rendered).render() == "Hi Priya,\n\nFirst. Second.\n\n- one\n- two"


_TOKEN = st.sampled_from(
    ["word", "Zoë", "李小龍", "😀", "https://example.com/x?y=1", "a,", "end.", "—", "long" * 30]
)
_SENTENCE = st.lists(_TOKEN, min_size=1, max_size=30).map(" ".join)
_PARTS = st.lists(
    st.tuples(_SENTENCE, st.none() | st.integers(min_value=1, max_value=3)), min_size=1
)


@settings(max_examples=80, deadline=None)
@given(
    parts=_PARTS, limit=st.integers(min_value=1, max_value=400), counting=st.sampled_from(Counting)
)
def test_fitting_keeps_every_part_whole_and_drops_only_optional_ones_while_over(
    parts: list[tuple[str, int | None]], limit: int, counting: Counting
) -> None:
    count = counter_for(counting)
    layout = one_line(*(Part(text + " ", rank) for text, rank in parts))

    result = fit(layout, limit, count)

    kept = [part for part in layout.parts() if not part.dropped]
    assert all(part.drop_rank is not None for part in layout.parts() if part.dropped)
    assert result.text == tidy(" ".join(part.text for part in kept))
    required = [part for part in layout.parts() if part.drop_rank is None]
    if count(result.text) > limit:
        assert kept == required  # over only when nothing optional is left
