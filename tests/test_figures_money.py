"""Amounts as financial reports write them: a change then a level ("revenue rose 9% to $2.31
billion" is no range from 9 to 2.31 billion), an amount offered or spent, and the anonymous
sources a claim cites ("according to two people familiar with the matter"), which are no
figure of the report. Sentences written for these tests."""

from __future__ import annotations

import pytest

from retrieval.figures import analyze
from retrieval.figures.extract import extract
from retrieval.figures.lexicon import lemma

try:
    from tests.conftest import made_up_hits as _hits
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from conftest import made_up_hits as _hits  # type: ignore[no-redef]


def _read(*texts: str) -> list[tuple[str, float | None, float | None, tuple[str, ...]]]:
    return [
        (m.value.text, m.value.low, m.value.high, m.measure.key)
        for m in extract(_hits(*texts))
        if m.kind == "count"
    ]


@pytest.mark.parametrize(
    ("sentence", "change", "level"),
    [
        ("Revenue rose 9% to $2.31 billion in the quarter.", "9%", "$2.31 billion"),
        ("Net income fell 12 per cent to $184 million.", "12 per cent", "$184 million"),
        ("Quarry's shares jumped 22% to $40.60.", "22%", "$40.60"),
    ],
)
def test_a_change_then_a_level_are_two_figures_of_one_subject(
    sentence: str, change: str, level: str
) -> None:
    read = {text: key for text, _, _, key in _read(sentence)}
    assert set(read) == {change, level}
    # A change of the subject ("revenue rise") and its level ("revenue"): two measures.
    subject = " ".join(lemma(w) for w in read[level][1].split())
    changed, direction = read[change][1].rsplit(" ", 1)
    assert changed.endswith(subject) and direction in {"rise", "fall"}
    assert read[change][-1] == "percent" and read[level][-1] == "money"


def test_a_range_of_one_kind_stays_a_range() -> None:
    ((_, low, high, _),) = _read("Between 10% and 12% of voters stayed at home.")
    assert (low, high) == (10, 12)
    ((_, low, high, _),) = _read("Between 3,000 and 4,000 troops were sent to the front.")
    assert (low, high) == (3000, 4000)


def test_an_amount_offered_is_an_offer_whatever_the_words() -> None:
    offered = _read("Castellan had offered $3.9 billion for the company.")
    raised = _read("Castellan raised its offer to $4.1 billion.")
    assert [t for t, *_ in offered] == ["$3.9 billion"]
    assert offered[0][3][-1] == raised[0][3][-1] == "money"


@pytest.mark.parametrize(
    "sentence",
    [
        "Castellan had offered $3.9 billion, according to two people familiar with the matter.",
        "Three people close to the talks said the bid was $3.9 billion.",
    ],
)
def test_the_sources_a_claim_cites_are_no_figure(sentence: str) -> None:
    assert [t for t, *_ in _read(sentence)] == ["$3.9 billion"]


def test_people_familiar_with_a_plan_who_were_counted_stay_a_figure() -> None:
    assert [t for t, *_ in _read("Six officials familiar with the plan were dismissed.")] == ["Six"]


def test_a_how_many_question_asks_no_sum_because_it_names_one() -> None:
    from retrieval.figures import analyze

    hits = _hits(
        "The council passed a revenue budget of £1.2 billion.",
        "The budget was backed by 38 councillors, with 21 against.",
    )
    shown = [g.measure for g in analyze("How many councillors backed the budget?", hits).groups]
    assert shown and shown[0] == "councillors" and "revenue budget" not in shown
    # "how many dollars" and "how much" still ask the sum
    assert analyze("How many pounds is the budget?", hits).groups[0].measure == "revenue budget"
    assert analyze("How much is the budget?", hits).groups[0].measure == "revenue budget"


def test_a_cost_to_someone_of_an_amount_is_a_cost() -> None:
    # "a cost to the manufacturer of up to £9 million": the amount is the cost's, not the
    # manufacturer's; "to pay for the recall of 287,000 cars" still counts the recall's cars
    ((_, _, _, key),) = _read(
        "Brokers pencilled in a cost to the manufacturer of up to £9 million."
    )
    assert "cost" in key
    ((_, _, _, recall),) = _read("The firm set aside money to pay for the recall of 287,000 cars.")
    assert "payment" not in recall


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The firefighting operation has cost more than £15 million so far.", "operation cost"),
        ("Last year's fire on the other side of the valley cost £60 million.", "fire cost"),
        ("Analysts estimated the recall would cost the firm about £7 million.", "recall cost"),
        ("Shipping would cost £60 or more.", "shipping cost"),
        # no subject of its own: the cost as before
        ("It will cost about £5 million.", "pounds cost"),
        ("The council will rebuild the bridge at a cost of $18 million.", "dollars cost"),
        # a pronoun for what the writer owns names nothing; a noun after "the" does
        ("Mine cost £15 and took ten minutes to fit.", "pounds cost"),
        ("The mine cost £20 million to build.", "mine cost"),
    ],
)
def test_a_cost_is_named_by_what_costs_it(sentence: str, name: str) -> None:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert mention.measure.name == name


def test_two_costs_of_different_things_are_not_one_group() -> None:
    from retrieval.figures import analyze

    hits = _hits(
        "The firefighting operation has cost more than £15 million so far, officials said.",
        "The firefighting operation cost £18 million, the fire service said.",
        "Last year's fire on the other side of the valley cost £60 million.",
    )
    report = analyze("What did the operation to put out the fire cost?", hits)
    assert {v.text for v in report.groups[0].values} == {"more than £15 million", "£18 million"}


def test_a_cost_named_by_what_costs_is_a_sum_for_a_money_question() -> None:
    report = analyze(
        "How much has dealing with the crisis cost the water company?",
        _hits(
            "Customers will receive an automatic payment of £35 from the water company.",
            "Dealing with the crisis has cost the water company £2.8 million so far.",
        ),
    )
    assert [v.text for v in report.groups[0].values] == ["£2.8 million"]


def test_a_sum_named_toll_is_a_charge_not_a_death_toll() -> None:
    read = {
        m.value.text: m.measure
        for m in extract(_hits("Tolls are £4.20 per car.", "The death toll rose to 41."))
        if m.kind == "count"
    }
    # a charge per car, no deaths
    assert read["£4.20"].name == "toll per car" and not read["£4.20"].events
    assert read["41"].events == {"death"}


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("The flood caused $140 million in damage.", ("event", "damage", "dollars", "", "money")),
        ("The storm caused $2 billion in losses.", ("event", "loss", "dollars", "", "money")),
        ("The deal includes £8m in bonuses.", ("event", "~bonus", "pounds", "", "money")),
    ],
)
def test_a_sum_named_after_it_with_in(sentence: str, key: tuple[str, ...]) -> None:
    """ "$140 million in damage": the noun after "in" names the sum."""
    ((_, _, _, read),) = _read(sentence)
    assert read == key


def test_a_sum_in_a_time_or_a_place_is_not_named_by_it() -> None:
    assert _read("Revenue was £5m in the first quarter.")[0][3] == ("attr", "revenue", "money")


def test_a_sum_per_period_that_nothing_else_names() -> None:
    """ "he is on £200k a week": a rate, named by its period; "a year earlier" is a time."""
    ((_, _, _, key),) = _read("By all accounts he is on £200k a week.")
    assert key == ("attr", "per week", "money")
    assert all(
        k[1] != "per year" for *_, k in _read("Profit fell from $1.77 billion a year earlier.")
    )


def test_what_is_owed_is_debt_and_what_is_earned_income() -> None:
    from retrieval.figures.measures import question_measure
    from retrieval.figures.tokens import tokenize

    owed = question_measure(tokenize("How much money does the club owe its lenders?"))
    assert owed is not None and "debt" in owed.words
    earned = question_measure(tokenize("How much does he earn a week?"))
    assert earned is not None and lemma("income") in earned.words


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        (
            "Founded in 2017, Aldergate employs 410 people and sells a launch for about £7.5m.",
            "sale",
        ),
        ("The council sold the old depot to developers for £4m.", "sale"),
        ("Harlow agreed to buy the rival chain for $4.2 billion on Monday.", "purchase"),
    ],
)
def test_a_sum_after_for_is_the_price_of_the_sale_before_it(sentence: str, event: str) -> None:
    (key,) = [key for _, _, _, key in _read(sentence) if key[-1] == "money"]
    # the act of exchange, not the sentence's opening event; a price counts no people
    assert key[:3] == ("event", event, "pounds" if "£" in sentence else "dollars")


def test_a_sum_after_for_with_no_sale_before_it_is_not_a_price() -> None:
    (key,) = [
        key for _, _, _, key in _read("The town asked for £2m in flood aid.") if key[-1] == "money"
    ]
    assert "sale" not in key and "purchase" not in key


def test_a_toll_of_a_sum_is_a_charge_not_deaths() -> None:
    (key,) = [k for *_, k in _read("Drivers will pay a toll of £3.50 a crossing for a car.")]
    assert key == ("attr", "toll per crossing", "money")
    (deaths,) = [k for *_, k in _read("The death toll of 600 was confirmed on Friday.")]
    assert deaths[0] == "harm"


def test_a_question_of_pay_per_week_leads_with_the_weekly_sum() -> None:
    hits = _hits(
        "Corrington paid £62m for the striker on Monday.",
        "The striker will earn £185,000 a week under the deal.",
    )
    report = analyze("What is the striker being paid per week?", hits)
    assert [v.text for v in report.groups[0].values] == ["£185,000"]
    fee = analyze("How much did Corrington pay for the striker?", hits)
    assert [v.text for v in fee.groups[0].values] == ["£62m"]


def test_a_sum_per_period_is_a_rate_of_what_it_is() -> None:
    read = {text: key for text, _, _, key in _read("The maintenance will cost about £12m a year.")}
    assert any(part.endswith("per year") for part in read["about £12m"])


def test_a_sum_is_named_by_no_event_that_a_person_is_named_after() -> None:
    (key,) = [k for *_, k in _read("The striker will earn £185,000 a week under the deal.")]
    assert "strike" not in key
    (count,) = [k for *_, k in _read("Union leaders put the number of strikers at 6,000.")]
    assert "strike" in count  # a count of strikers still counts them


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Tessaline raised its offer for Quarry to $41 a share on Monday.", "share"),
        ("Drivers pay £4.20 a crossing for a car.", "crossing"),
        ("The council will pay £5,000 per displaced household.", "household"),
        ("Our claim for £400,000 per family stands.", "family"),
    ],
)
def test_a_sum_per_thing_is_a_rate_of_that_thing(sentence: str, unit: str) -> None:
    (key,) = [k for *_, k in _read(sentence) if k[-1] == "money"]
    assert any(part.endswith(f"per {unit}") for part in key)


def test_a_sum_after_a_verb_and_a_noun_phrase_is_no_rate() -> None:
    (key,) = [k for *_, k in _read("Our £120 million programme includes a new reservoir.")]
    assert not any(" per " in part for part in key)


def test_acquiring_for_a_sum_is_a_purchase() -> None:
    (key,) = [k for *_, k in _read("Tessaline will acquire Quarry for $38.") if k[-1] == "money"]
    assert key[:2] == ("event", "purchase")


def test_a_question_per_share_leads_with_a_price_per_share() -> None:
    hits = _hits(
        "Quarry's shares jumped 22% to $40.60 on Monday.",
        "Tessaline raised its offer for Quarry to $41 a share.",
    )
    report = analyze("What price per share was offered to Quarry's stockholders?", hits)
    assert [v.text for v in report.groups[0].values] == ["$41"]


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("The airline put its lost revenue at Kr 64m.", "Kr 64m", "kronor"),
        ("The deal is worth SEK 2.1bn.", "SEK 2.1bn", "kronor"),
        ("The fine was 12.5 million kronor.", "12.5 million kronor", "kronor"),
        ("Oslo set aside NOK 300 million.", "NOK 300 million", "kroner"),
    ],
)
def test_nordic_crowns_are_money(sentence: str, text: str, unit: str) -> None:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert (mention.value.text, mention.value.unit, mention.measure.key[-1]) == (
        text,
        unit,
        "money",
    )


def test_fined_with_a_first_object_and_a_penalty_of_are_one_event() -> None:
    read = {
        text: key
        for text, _, _, key in _read(
            "The regulator fined the airline Kr 12.5m on Friday.",
            "The watchdog imposed a penalty of £14.5m.",
        )
    }
    assert read["Kr 12.5m"][:2] == read["£14.5m"][:2] == ("event", "penalty")


def test_the_size_of_a_penalty_asks_a_sum_not_a_length() -> None:
    hits = _hits(
        "The runway at Dunmere is 3.2 km long.",
        "The regulator fined the airline Kr 12.5m on Friday.",
    )
    report = analyze("What was the size of the penalty the regulator handed the airline?", hits)
    assert [v.text for v in report.groups[0].values] == ["Kr 12.5m"]


@pytest.mark.parametrize(
    ("text", "sums", "unit"),
    [
        # A sign no list holds, written before a scaled sum: the passage's money.
        ("The regulator fined the company Zq 4.6m.", ["Zq 4.6m"], "Zq"),
        (
            "The recount cost Esc 2.74m, plus Esc 650,000 of legal fees.",
            ["Esc 2.74m", "Esc 650,000"],
            "escudos",
        ),
        # Once the passage writes a sum so, its plain sums after that sign are money too.
        ("It paid a Mk 500 bounty per fish. The fine was Mk 4.6m.", ["Mk 500", "Mk 4.6m"], "marks"),
        ("Losses were put between Mk 4m and Mk 7m.", ["between Mk 4m and Mk 7m"], "marks"),
        # Capitals no list holds, before a sum in millions.
        ("The ministry put the value of the lost crops at DLN 188m.", ["DLN 188m"], "DLN"),
        # Capitals before a grouped sum that no noun follows.
        ("The appeal has so far raised LRN 640,000 from the public.", ["LRN 640,000"], "LRN"),
        ("The tribunal fined the club XQT 250,000.", ["XQT 250,000"], "XQT"),
    ],
)
def test_a_currency_sign_no_list_holds_is_money(text: str, sums: list[str], unit: str) -> None:
    read = [m for m in extract(_hits(text)) if m.kind == "count"]
    assert [m.value.text for m in read] == sums
    assert {m.value.unit for m in read} == {unit}
    assert all("money" in m.measure.key for m in read)


@pytest.mark.parametrize(
    "text",
    [
        "Pen 7 held 186,000 fish.",  # a label, and no sum after it
        "Some 62,000 passengers were stranded.",  # a qualifier
        "The NHS 2,000 beds were full.",  # capitals: a name
        "The FBI 1,200 agents were sent in.",  # a name before a count and its noun
        "Only 4,400 ballots were rejected.",
    ],
)
def test_a_capitalized_word_before_a_count_is_no_currency(text: str) -> None:
    read = [m for m in extract(_hits(text)) if m.kind == "count"]
    assert read
    assert all("money" not in m.measure.key for m in read)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Anglers fear losses of something like thirty million marks.", "marks"),
        ("The ferry cost three million escudos.", "escudos"),
        ("The blog guessed forty million crowns.", "kronor"),
    ],
)
def test_currency_names_after_a_scaled_number_are_money(text: str, unit: str) -> None:
    (mention,) = [m for m in extract(_hits(text)) if m.kind == "count"]
    assert mention.value.unit == unit
    assert "money" in mention.measure.key


def test_marks_after_a_plain_number_are_no_money() -> None:
    (mention,) = [m for m in extract(_hits("She got 40 marks in the test.")) if m.kind == "count"]
    assert "money" not in mention.measure.key


def test_a_penalty_question_asks_a_sum() -> None:
    hits = _hits(
        "The fisheries authority fined Brenvik Mk 4.6m on Friday.",
        "Some 54,300 salmon escaped from the pen.",
    )
    report = analyze("What was the penalty the fisheries watchdog imposed on Brenvik?", hits)
    assert report.groups and report.groups[0].values[0].text == "Mk 4.6m"


def test_by_how_much_income_suffers_is_asked_of_a_loss() -> None:
    hits = _hits(
        "The escape could cost local angling tourism as much as Mk 9m.",
        "Some 54,300 salmon escaped from the pen.",
    )
    report = analyze("By how much will visitor income from sport fishing suffer?", hits)
    assert report.groups and report.groups[0].values[0].text == "as much as Mk 9m"


@pytest.mark.parametrize(
    ("sentence", "limit"),
    [
        ("The Aquaculture Act allows fines of up to Mk 50m.", True),
        (
            "Under the rules the tribunal may increase this penalty to a maximum of Dt 500,000.",
            True,
        ),
        ("The maximum penalty under the Act is roughly Kr 96m.", True),
        ("The arena's licence allows no more than 40,000 people.", True),
        ("The escape could cost local angling tourism up to Mk 9m.", False),  # an estimate
        ("Temperatures reached a maximum of 36C.", False),  # a reading
    ],
)
def test_a_most_allowed_is_a_limit_not_what_was(sentence: str, limit: bool) -> None:
    (mention,) = [m for m in extract(_hits(sentence)) if m.kind == "count"]
    assert (mention.measure.key[0] == "limit") is limit


def test_a_question_of_a_limit_leads_with_it_and_others_do_not() -> None:
    hits = _hits(
        "The authority fined Brenvik Mk 4.6m on Friday.",
        "The Aquaculture Act allows fines of up to Mk 50m.",
    )
    fined = analyze("What was the penalty the fisheries watchdog imposed on Brenvik?", hits)
    assert [v.text for v in fined.groups[0].values] == ["Mk 4.6m"]
    most = analyze("What is the maximum fine the watchdog could impose?", hits)
    assert [v.text for v in most.groups[0].values] == ["up to Mk 50m"]


def test_a_capacity_is_a_limit() -> None:
    (mention,) = [
        m
        for m in extract(_hits("The bridge has capacity for 45,000 vehicles daily."))
        if m.kind == "count"
    ]
    assert mention.measure.key[0] == "limit"


def test_ducats_are_money() -> None:
    (mention,) = [
        m
        for m in extract(_hits("The team was hit with a fine of three hundred thousand ducats."))
        if m.kind == "count"
    ]
    assert mention.value.unit == "ducats"


def test_winnings_are_money() -> None:
    hits = _hits(
        "Korvessa had collected four stage wins before it pulled out.",
        "The Dt 410,000 in prize money it earned must now be handed back.",
    )
    report = analyze("How much in race winnings does the squad have to give back?", hits)
    assert [v.text for v in report.groups[0].values] == ["Dt 410,000"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # a loss, a recovery, an appeal's takings, by phrases of their own
        ("By how much were savers left out of pocket once the fund went under?", "Q 412m"),
        ("What was the sum the administrators managed to claw back?", "Q 118.3m"),
        ("Give me the amount that ordinary people have chipped in to the appeal.", "Q 640,000"),
    ],
)
def test_a_phrase_names_the_sum_asked(question: str, lead: str) -> None:
    hits = _hits(
        "We estimate investor losses at Q 412m. Investors paid in a total of Q 1.06bn.",
        "The receivers have recovered Q 118.3m so far.",
        "The museum's appeal has raised Q 640,000 from the public.",
        "More than 18,000 people queued to see the coins.",
    )
    report = analyze(question, hits)
    assert report.groups and report.groups[0].values[0].text == lead


def test_the_amount_asked_is_no_count_of_the_people_who_gave_it() -> None:
    hits = _hits(
        "The appeal has raised Q 640,000 so far.",
        "More than 18,000 people queued to see the coins.",
    )
    report = analyze(
        "Give me the amount that ordinary people have chipped in to help the county buy the coins.",
        hits,
    )
    assert report.groups and report.groups[0].values[0].text == "Q 640,000"


def test_a_money_word_asks_a_sum_though_the_question_names_people() -> None:
    hits = _hits(
        "The finder and the landowner each received LRN 900,000.",
        "More than 18,000 people queued to see the coins.",
    )
    report = analyze(
        "What was the payout the man with the detector stands to pocket for his half?", hits
    )
    assert report.groups and report.groups[0].values[0].text == "LRN 900,000"
