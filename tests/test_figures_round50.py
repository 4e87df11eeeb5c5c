"""Sums in words after "a hundred and", levels named before "of" a percentage, a capacity
that bounds only its own figure, model numbers inside a counted noun, "six more", a cost
given to a noun after "and", a decade a question names, a rate per a thing no report gives,
a cost asked of building, investors by any name, sums raised by what raised them, a fine no
report names, and an interview's answer read with its question. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from retrieval.embedding import Embedder
from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.figures.measures import announcement_asked, question_measure
from retrieval.figures.numbers import number_core
from retrieval.figures.tokens import tokenize
from retrieval.ingest import parse_document
from retrieval.types import DocumentMeta, Hit

_PUBLISHED = "2026-03-01"

try:
    from tests.conftest import count_keys as _keys
    from tests.conftest import dated_hits
    from tests.conftest import lead_texts as _lead
    from tests.conftest import made_up_hits as _made_up
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import count_keys as _keys  # type: ignore[no-redef]
    from conftest import dated_hits  # type: ignore[no-redef]
    from conftest import lead_texts as _lead  # type: ignore[no-redef]
    from conftest import made_up_hits as _made_up  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("a hundred and ninety-one thousand pounds", 191_000),
        ("a hundred and fifty homes", 150),
        ("a thousand and one nights", 1_001),
        ("a hundred thousand visitors", 100_000),
        ("a million pounds", 1_000_000),
        ("six point two million pounds", 6_200_000),
        ("fourteen point two gigawatt hours", 14.2),
    ],
)
def test_a_number_in_words_is_read_whole(words: str, value: float) -> None:
    parsed = number_core(tokenize(words), 0)
    assert parsed is not None and parsed[0] == value


def test_a_percentage_after_a_noun_and_of_is_that_nouns_level() -> None:
    keys = _keys(
        "The plant ran with a load factor of 31 per cent and an average uptime of 88 per cent."
    )
    assert keys["31 per cent"] == ("attr", "load factor", "percent")
    assert keys["88 per cent"] == ("attr", "average uptime", "percent")


def test_a_capacity_named_earlier_in_the_clause_bounds_no_later_figure() -> None:
    keys = _keys(
        "The wind farm, with a total capacity of 12 MW, reached an availability of 95 per cent "
        "last year and a capacity factor of 33 per cent."
    )
    assert keys["95 per cent"][0] != "limit"
    assert keys["33 per cent"] == ("attr", "capacity factor", "percent")
    assert _keys("The arena has a capacity of up to 9,000.")["up to 9,000"][0] == "limit"


@pytest.mark.parametrize(
    "sentence",
    [
        "The operator runs eleven Halvik HV-300 ferries.",
        "The fleet is made up of twelve Dornier 228 aircraft.",
    ],
)
def test_a_model_number_inside_a_counted_noun_leaves_the_noun(sentence: str) -> None:
    (key,) = _keys(sentence).values()
    assert "people" not in key
    assert {"ferries", "aircraft"} & set(key)


def test_consists_of_links_a_count_to_its_noun() -> None:
    (key,) = _keys("The new board consists of nine trustees.").values()
    assert key == ("entity", "trustees", "")


def test_six_more_is_an_additional_count_but_more_than_is_a_difference() -> None:
    keys = _keys(
        "The harbour board approved four more berths.",
        "The bypass cost £3m, about £400,000 more than forecast.",
    )
    assert "+" in keys["four"]
    assert "+" not in keys["about £400,000"]


def test_a_sum_after_and_a_noun_is_that_nouns_cost() -> None:
    keys = _keys("Season passes cost £90 and day tickets £12.")
    assert keys["£90"][-1] == "passes"
    assert keys["£12"][-1] == "tickets"
    texts = ("Season passes cost £90 and day tickets £12.",)
    assert _lead("What do day tickets cost?", *texts) == ["£12"]


def test_the_capacity_of_a_thing_as_built_asks_no_building() -> None:
    measure = question_measure(tokenize("What is the output capacity of the plant as built?"))
    assert measure is not None and "construction" not in measure.events


def test_a_cost_of_building_leads_with_the_cost_not_a_rate_per_unit() -> None:
    texts = (
        "The reservoir cost £40 million to build, or about £2 million per megalitre.",
        "Building the reservoir cost £40 million in all.",
    )
    assert _lead("How much did it cost to build the reservoir?", *texts) == [
        "£40 million",
        "£40 million",
    ]


def test_a_rate_per_a_thing_no_report_gives_is_not_answered() -> None:
    hits = _made_up(
        "The scheme cost £9 million, or £1.5 million per megawatt.",
        "The operator sells its power under a ten-year contract.",
    )
    report = analyze("What price per megawatt-hour does the operator get?", hits)
    assert report.unrated == "megawatt-hour"
    report = analyze("How much did the scheme cost per megawatt?", hits)
    assert report.unrated is None


def test_a_decade_the_question_names_keeps_that_decades_figures() -> None:
    hits = dated_hits(
        ("The theatre opened in 1928 with 900 seats.", _PUBLISHED),
        ("Today the theatre has 420 seats.", _PUBLISHED),
    )
    report = analyze("How many seats did the theatre have back in the 1920s?", hits)
    assert [m.text for c in report.groups[0].claims for m in c.mentions] == ["900"]


def test_investors_are_counted_by_shareholders() -> None:
    texts = ("The share offer raised £240,000 from 980 shareholders.",)
    assert _lead("How many investors does the club have?", *texts) == ["980"]


def _one_document(text: str) -> list[Hit]:
    document = parse_document(text, "talk", "talk.md", "0", 2000)
    meta = DocumentMeta("talk", "talk.md", "Talk", published="2026-03-01")
    return [Hit(p, meta, 1.0, 0.5) for p in document.passages]


_TALK = (
    "# Interview\n\n"
    "HOST: Let's talk about money. What did the new pool cost?\n\n"
    "JANE OKORO: About six point two million pounds, most of it from the lottery fund. "
    "It was worth every penny.\n\n"
    "HOST: And the opening?\n\n"
    "JANE OKORO: We opened on the 14th of February.\n"
)


def test_an_answer_is_one_passage_with_the_question_it_answers() -> None:
    passages = [h.passage.text for h in _one_document(_TALK)]
    assert any("What did the new pool cost?" in p and "six point two" in p for p in passages)


def test_an_answers_figure_is_read_as_what_the_question_asked() -> None:
    report = analyze("How much did the pool cost?", _one_document(_TALK))
    assert report.groups
    texts = [m.text for c in report.groups[0].claims for m in c.mentions]
    assert texts == ["About six point two million pounds"]
    assert report.groups[0].claims[0].mentions[0].quote.startswith("What did the new pool cost?")


def test_a_statement_after_a_question_is_no_answer_without_a_new_speaker() -> None:
    text = "What did the pool cost? Nobody knows.\n\nThe council spent £2m on the car park.\n"
    keys = _keys(text)
    assert keys["£2m"][:2] == ("event", "spending")


def test_a_when_question_no_event_matches_leads_with_the_closest_clause(
    real_embedder: Embedder,
) -> None:
    hits = dated_hits(
        (
            "Harlow Tidal today announced that its Harlow Sound array produced 9 GWh in 2025.",
            _PUBLISHED,
        ),
        ("The array sent its first power to the grid on 3 November 2024.", _PUBLISHED),
    )
    report = analyze(
        "When did power from Harlow Sound first reach the grid?", hits, real_embedder.encode
    )
    assert report.groups
    texts = [m.text for c in report.groups[0].claims for m in c.mentions]
    assert texts == ["3 November 2024"]


def test_sums_raised_are_kept_apart_by_what_raised_them() -> None:
    keys = _keys(
        "The share offer raised £220,000.",
        "The separate building appeal has so far raised £75,000.",
        "The club's share offer closed in May having raised £215,000.",
    )
    assert keys["£220,000"] == keys["£215,000"]
    assert keys["£220,000"] != keys["£75,000"]
    assert len(_keys("Residents raised £5,000.")["£5,000"]) == 5  # people name no one appeal


def test_a_fine_no_report_names_is_not_answered() -> None:
    from retrieval.topic import uncovered

    texts = ["The leak forced 200 people from their homes.", "Repairs cost £40,000."]
    assert uncovered("How large a fine did the company have to pay?", texts)
    assert not uncovered(
        "How large a fine did the company have to pay?", [*texts, "It was fined £9,000."]
    )


_BOLD_TALK = (
    "# Lab Notes\n\n"
    "**HOST (presenter):** What did you find?\n\n"
    "**DR ADA VOSS:** We measured one point nine billion particles per bag.\n"
)


def test_a_bold_speaker_label_opens_an_answer_too() -> None:
    hits = _one_document(_BOLD_TALK)
    assert len(hits) == 1
    report = analyze("How many particles per bag did they measure?", hits)
    mention = report.groups[0].claims[0].mentions[0]
    assert mention.text == "one point nine billion"
    assert mention.claimed_by == "Dr Ada Voss"


def test_a_figure_in_the_question_is_not_the_answers() -> None:
    talk = "# Talk\n\nHOST: Will the pool open next year?\n\nMAYOR: It opens on 3 May 2027.\n"
    texts = [m.value.text for h in _one_document(talk) for m in extract([h])]
    assert texts == ["3 May 2027"]


def test_making_a_plan_public_a_few_words_on_asks_its_announcement() -> None:
    tokens = tokenize("When did the firm make the new Ostley factory plan public?")
    asked = announcement_asked(tokens, question_measure(tokens))
    assert asked is not None and asked.events == frozenset({"announcement"})
