"""The lead sentence: one sentence a person would say, built from the answer's own data."""

from __future__ import annotations

from bot.answer import Snippet
from bot.core import quote_summary
from retrieval.figures import analyze
from retrieval.types import DocumentMeta, Hit, Passage


def _hits(*texts: str) -> list[Hit]:
    out = []
    for n, text in enumerate(texts):
        meta = DocumentMeta(doc_id=f"doc{n}", path=f"doc{n}.txt", title=f"Outlet {n}")
        out.append(Hit(Passage(meta.doc_id, 0, len(text), text), meta, 1.0, 0.5))
    return out


def test_a_figure_updated_over_time_leads_with_the_latest_and_names_the_earlier() -> None:
    report = analyze(
        "How many residents were evacuated?",
        _hits(
            "The agency said about 1,200 residents were evacuated.",
            "About 1,200 residents were evacuated, according to the agency.",
            "In March, 800 residents were evacuated, the county said.",
        ),
    )
    assert report.summary == (
        "About 1,200 people evacuated, according to two reports (The agency); "
        "one report gives 800 as the March estimate."
    )


def test_figures_that_disagree_at_one_time_name_none_as_the_answer() -> None:
    report = analyze(
        "How many people voted?",
        _hits(
            "The electoral board said 52,000 people voted on Sunday.",
            "On Sunday, 61,000 people voted, according to the observers.",
        ),
    )
    summary = report.summary or ""
    assert summary.startswith("Reports differ on people vot")
    assert "52,000" in summary and "61,000" in summary
    assert summary.count(".") == 1 and summary.endswith(".")


def test_agreeing_figures_say_so() -> None:
    report = analyze(
        "How many homes were damaged?",
        _hits(
            "Between 900 and 1,100 homes were damaged.",
            "Roughly 1,000 homes were damaged.",
        ),
    )
    summary = report.summary or ""
    assert "homes damaged, according to one report" in summary
    assert summary.endswith(", which agrees.")


def _snippet(quote: str, title: str, publisher: str | None = None) -> Snippet:
    return Snippet("d1", title, quote, 0, len(quote), 0.8, publisher=publisher)


def test_a_question_without_figures_leads_with_the_best_quotes_sentence() -> None:
    quote = (
        "The plant opened in 1990. Its turbines were built by a firm from Aachen, "
        "engineers said. It employs 400 people."
    )
    summary = quote_summary(
        "Who built the turbines?", [_snippet(quote, "Plant history", "Valley Herald")]
    )
    assert summary == (
        "Its turbines were built by a firm from Aachen, engineers said. (Valley Herald)"
    )


def test_the_quote_sentence_is_verbatim_and_names_the_title_without_a_publisher() -> None:
    quote = "- Sediment from the river settles in the bay."
    summary = quote_summary("Where does the sediment go?", [_snippet(quote, "Bay report")])
    assert summary == "Sediment from the river settles in the bay. (Bay report)"


def test_two_claimants_in_one_report_are_named_beside_their_values() -> None:
    report = analyze(
        "How many workers were injured?",
        _hits(
            "Hospitals said 52 workers were treated for injuries after the fire.",
            "The ministry's count of 40 injured was disputed by the union, which counted 75 "
            "injured workers.",
        ),
    )
    summary = report.summary or ""
    assert "gives 40 (the ministry)" in summary
    assert "gives 75 (the union)" in summary
    assert "(Hospitals)" in summary


def test_values_from_separate_reports_name_no_claimant_after_gives() -> None:
    report = analyze(
        "How many residents were evacuated?",
        _hits(
            "About 1,200 residents were evacuated, the agency said.",
            "In March, 800 residents were evacuated, the county said.",
        ),
    )
    assert (report.summary or "").endswith("one report gives 800 as the March estimate.")
