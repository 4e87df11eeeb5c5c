"""Forms of English that state a figure and used to be read as none: an amount a verb of its
own takes ("set aside $465 million", "fined Vesterline £14.5m"),
an amount that names what it is ("a £38 million gap"), a count after "be … -ing" ("214 of our
employees were working underground"), "14 such deaths", "had been 'well in excess of
45,000'", a percentage after a name ("gives President Dovan 51.5%") and a size as an
adjective ("the 34-metre tower"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _counts(sentence: str) -> dict[str, str]:
    """Each figure's text and its measure's name."""
    return {m.value.text: m.measure.name for m in extract(_hits(sentence)) if m.kind == "count"}


# Each sentence, a figure it states, and the measure it is read as.
READ_NOW = [
    # amounts: by the verb that takes them, or the noun they name
    ("The firm paid out about £120 million.", "about £120 million", "pounds paid"),
    (
        "The carmaker set aside $465 million for the recall.",
        "$465 million",
        "dollars set aside",
    ),
    ("The regulator fined Vesterline £14.5m over the attack.", "£14.5m", "pounds fined"),
    ("The council faces a £38 million gap.", "£38 million", "pounds gap"),
    ("Each runner will get a £30 refund.", "£30", "pounds refund per runner"),
    # counts, percentages and sizes in other forms
    ("214 of our employees were working underground.", "214", "people working"),
    ("The 300 soldiers were fighting near the border.", "300", "troops fighting"),
    ("The health department has confirmed 14 such deaths.", "14", "deaths"),
    (
        'Police said the crowd had been "well in excess of 45,000".',
        "well in excess of 45,000",
        "crowd",
    ),
    ("The population had been 45,000.", "45,000", "population"),
    ("The sample gives President Marek Dovan 51.5% of the vote.", "51.5%", "share of vote"),
    ("Visitors climb the 34-metre tower.", "34-metre", "length of tower"),
    ("The 12,400-hectare blaze burned for days.", "12,400-hectare", "area of blaze"),
    # an irregular past ends the noun phrase: "broke" is no counted noun
    ("About 40 prisoners broke out overnight.", "About 40", "prisoners escaped"),
    ("Seven of the park's nine wolves broke out.", "Seven", "wolves escaped"),
    ("Seven of the park's nine wolves broke out.", "nine", "wolves"),
    # a phrase of place between a linked subject and its verb, a time after the number
    ("Average attendance at the stadium was 31,400.", "31,400", "people attended"),
    ("Attendance was 31,400 last season.", "31,400", "people attended"),
    ("Turnout in the capital was 52%.", "52%", "turnout"),
]


@pytest.mark.parametrize(("sentence", "text", "name"), READ_NOW)
def test_figures_in_forms_that_used_to_be_read_as_none(sentence: str, text: str, name: str) -> None:
    assert _counts(sentence).get(text) == name


def test_an_amount_before_a_time_is_of_its_currency_not_of_the_time() -> None:
    assert _counts("It paid £5m last year.") == {"£5m": "pounds paid"}
    assert _counts("The council set aside £212 million last year.") == {
        "£212 million": "pounds set aside"
    }


def test_a_noun_or_base_form_alone_before_an_amount_is_no_verb() -> None:
    # No verb takes the amount and nothing names it; a base form after "will" is left alone
    # (it made groups of its own beside the same fact's noun, "savings of $300 million").
    assert _counts("Schools £540 million.") == {}
    assert _counts("Policing will receive £212 million.") == {}


def test_labels_and_adjectives_of_time_stay_no_figures() -> None:
    assert _counts("Tarnwell No. 3 and Route 66 reopened.") == {}
    assert _counts("A three-day visit and a 24-hour helpline.") == {}
    assert _counts("He had been 45.") == {}


def test_the_amounts_now_read_answer_the_question_that_names_their_verb() -> None:
    hits = _hits(
        "The carmaker has set aside $465 million for the recall, its finance chief said.",
        "The regulator fined the carmaker $20 million over the fires.",
    )
    report = analyze("How much money did the carmaker set aside for the recall?", hits)
    assert {v.text for v in report.groups[0].values} == {"$465 million"}
