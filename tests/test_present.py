"""What an answer shows, decided once: ``bot.present`` on its own and as the renderers use it."""

from __future__ import annotations

from rich.console import Console

from bot.answer import Answer, Snippet
from bot.messages import NOTHING_FOUND_MESSAGE
from bot.present import Limits, one_line, present, trim
from bot.render_discord import render_answer as discord_answer
from bot.render_slack import render_answer as slack_answer
from bot.render_terminal import render as terminal_answer
from retrieval.figures.model import Claim, FigureGroup, FigureValue


def mention(doc_id: str, title: str = "", url: str | None = None) -> FigureValue:
    return FigureValue("x", 1, 1, None, doc_id, "q", title=title, url=url)


def claim(label: str, *docs: str, as_of: str | None = None) -> Claim:
    return Claim(label, 1, 1, None, as_of, [mention(d, f"Title {d}") for d in docs])


def group(measure: str, n_values: int = 2, status: str = "differ", note: str = "") -> FigureGroup:
    claims = [claim(str(i), f"d{i}") for i in range(n_values)]
    return FigureGroup(measure, status, claims, note)  # type: ignore[arg-type]


def snippet(doc_id: str = "d1", title: str = "A title", quote: str = "q", **kw: object) -> Snippet:
    return Snippet(doc_id, title, quote, 0, len(quote), 0.5, **kw)  # type: ignore[arg-type]


def test_summary_is_one_line_with_a_default_that_counts_quotes() -> None:
    one = Answer("q", True, [snippet()], [], "")
    assert present(one).summary == "Here is what the corpus says (1 quote)."
    two = Answer("q", True, [snippet(), snippet("d2")], [], "  Reports\n differ. ")
    assert present(two).summary == "Reports differ."
    assert present(Answer("q", True, [], [], "word " * 50), Limits(max_summary=20)).summary == (
        "word word word word…"
    )


def test_nothing_found_shows_the_summary_alone() -> None:
    answer = Answer("q", False, [snippet()], [group("deaths")], "")
    view = present(answer)
    assert view.summary == NOTHING_FOUND_MESSAGE
    assert not view.answered and view.groups == [] and view.quotes == []
    assert view.not_shown() == ""


def test_groups_and_values_over_the_limits_are_counted() -> None:
    answer = Answer("q", True, [], [group(f"m{i}", n_values=12) for i in range(13)], "s")
    view = present(answer, Limits(max_groups=10, max_values=10))
    assert len(view.groups) == 10 and view.hidden_groups == 3
    # Ten lines: nine values and the one that counts the other three.
    assert [len(g.values) for g in view.groups] == [9] * 10
    assert {g.hidden_values for g in view.groups} == {3}
    assert view.not_shown() == "… and 3 more figure groups not shown."
    assert (
        view.not_shown(groups=1, quotes=1)
        == "… and 4 more figure groups and 1 more quote not shown."
    )
    # Without limits (the terminal) everything is shown.
    unlimited = present(answer)
    assert len(unlimited.groups) == 13 and unlimited.hidden_groups == 0
    assert all(len(g.values) == 12 and g.hidden_values == 0 for g in unlimited.groups)


def test_group_words_and_sources() -> None:
    g = FigureGroup(
        " deaths\n in the city ",
        "differ",
        [
            Claim("about\n600", 600, 600, None, " in April ", [mention("a", ""), mention("a")]),
            Claim("300", 300, 300, None, None, [mention("b", "B report", "https://b.example")]),
        ],
        "300 in January\n→ about 600 by April",
    )
    [view] = present(Answer("q", True, [], [g], "s")).groups
    assert view.heading == "Deaths in the city — reports differ"
    assert view.note == "300 in January → about 600 by April"
    first, second = view.values
    assert (first.label, first.as_of, [s.title for s in first.sources]) == (
        "about 600",
        "in April",
        ["a"],
    )
    assert (second.as_of, second.sources[0].url) == ("", "https://b.example")
    agree = present(Answer("q", True, [], [FigureGroup("", "agree", [])], "s")).groups[0]
    assert agree.heading == "Figures — reports agree"


def test_a_catch_all_of_different_events_is_not_called_differing() -> None:
    other = group("other durations")
    other.compared = False
    answer = Answer("q", True, [], [other], "s")
    [view] = present(answer).groups
    assert view.heading == "Other durations — of different events"
    discord = [e.to_dict() for m in discord_answer(answer) for e in m.embeds]
    shown = str([discord, slack_answer(answer).blocks])
    assert "of different events" in shown
    assert "reports differ" not in shown and "The sources give different values." not in shown


def test_quotes_join_hard_wrapped_lines_and_name_their_source() -> None:
    s = snippet(
        "doc-7",
        "",
        "About 600 people\ndied.\n\n\nOfficials said so.",
        publisher="Reuters",
        published="2024-04-02",
        page=3,
    )
    [quote] = present(Answer("q", True, [s], [], "s")).quotes
    assert quote.text == "About 600 people died.\nOfficials said so."
    assert quote.title == "doc-7"  # no title: the document's id
    assert quote.credit == ["p. 3", "Reuters", "2024-04-02"]
    limited = present(Answer("q", True, [s], [], "s"), Limits(max_quote=12)).quotes[0]
    assert limited.text == "About 600…"


def test_trim_cuts_at_a_word_and_never_splits_an_escape() -> None:
    assert trim("short", 10) == "short" and trim("short", None) == "short"
    assert trim("alpha beta gamma delta", 12) == "alpha beta…"
    assert trim("abcdefghij", 1) == "…"
    assert trim("abcdefgh\\*ij", 10) == "abcdefgh\\…"  # plain text: cut where it falls
    assert trim("abcdefgh\\*ij", 10, escaped=True) == "abcdefgh…"
    assert one_line(" a\n b\t c ") == "a b c" and one_line(None) == ""


def _over_the_cap() -> Answer:
    groups = [group(f"measure {i}", n_values=30) for i in range(12)]
    return Answer("q", True, [snippet()], groups, "Reports differ.")


def test_every_renderer_shows_the_same_groups_and_words() -> None:
    answer = _over_the_cap()
    slack = slack_answer(answer)
    headers = [b["text"]["text"] for b in slack.blocks if b.get("fields")]
    assert headers[0] == "*Measure 0 — reports differ*"
    assert slack.blocks[1]["fields"][-1]["text"] == "… and 21 more values"
    discord = discord_answer(answer)
    fields = [f for m in discord for e in m.embeds for f in e.fields]
    assert fields[0].name == "Measure 0 — reports differ"
    # Both chat platforms show at most ten groups and count the rest in the same words.
    assert "… and 2 more figure groups" in discord[-1].content
    assert "… and 2 more figure groups" in slack.blocks[-1]["elements"][0]["text"]
    console = Console(record=True, width=200, force_terminal=False)
    console.print(terminal_answer(answer))
    text = console.export_text()
    measures = " ".join(line.split("│")[1].strip() for line in text.splitlines() if "│" in line)
    assert "measure 0 (reports differ)" in measures and "measure 11 (reports differ)" in measures
    assert "more figure groups" not in text  # a terminal shows them all
