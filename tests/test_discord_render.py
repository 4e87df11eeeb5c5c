"""Rendering an ``Answer`` for Discord: content, limits and safety, without a connection."""

from __future__ import annotations

import random
from typing import Any

import pytest

from bot.answer import Answer, Snippet
from bot.messages import NOTHING_FOUND_MESSAGE
from bot.render_discord import (
    MAX_CONTENT,
    DiscordMessage,
    inert,
    md_link,
    message_size,
    render_answer,
    render_notice,
    safe_url,
)
from retrieval.figures.model import Claim, FigureGroup, FigureValue

try:
    from tests.fakes import fake_discord as fd
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_discord as fd  # type: ignore[no-redef]


def payload(message: DiscordMessage) -> dict[str, Any]:
    """The JSON body discord.py sends for ``message``."""
    return {"content": message.content, "embeds": [e.to_dict() for e in message.embeds]}


def assert_within_limits(messages: list[DiscordMessage]) -> None:
    assert messages
    for message in messages:
        body = payload(message)
        assert fd.embed_limit_errors(body) == []
        assert len(message.content) <= MAX_CONTENT
        assert message_size(message) <= fd.LIMITS["total"]


def test_answer_has_summary_figures_side_by_side_and_attributed_quotes() -> None:
    messages = render_answer(fd.quake_answer())
    assert len(messages) == 1 and messages[0].content == ""
    summary, *quotes = payload(messages[0])["embeds"]
    assert summary["description"] == "**Reports differ on deaths: at least 612 vs about 600.**"
    header, *values = summary["fields"]
    assert header["name"] == "Deaths — reports differ" and not header["inline"]
    assert "at least 612 (Reuters) vs about 600 (BBC News)" in header["value"]
    assert [(v["name"], v["inline"]) for v in values] == [
        ("at least 612 · deaths", True),
        ("about 600 · deaths", True),
    ]
    # value · sources (linked when there is a url) · as of
    assert values[0]["value"] == (
        "[Quake toll passes 600](https://example.com/reuters/quake%20%28update%29) · on Tuesday"
    )
    assert values[1]["value"] == "Earthquake: what we know"
    assert [q["title"] for q in quotes] == ["Quake toll passes 600", "Earthquake: what we know"]
    assert quotes[0]["description"].startswith(">>> At least 612 people died")
    assert quotes[0]["footer"]["text"] == "Reuters · 2024-04-02"
    assert "url" not in quotes[1] and quotes[1]["footer"]["text"] == "BBC News"
    assert_within_limits(messages)


def test_corpus_text_cannot_ping_or_format() -> None:
    text = str(payload(render_answer(fd.quake_answer())[0]))
    assert "@everyone" not in text and "<@123456789012345678>" not in text
    role = "<@&123456789012345678>"
    assert inert(f"**bold** @here {role} _x_ [a](b)") == (
        "\\*\\*bold\\*\\* @\u200bhere <@\u200b&123456789012345678> \\_x\\_ \\[a](b)"
    )
    assert render_notice("hi @everyone").content == "hi @\u200beveryone"


def test_nothing_relevant_is_one_short_line() -> None:
    messages = render_answer(Answer(question="mars?", answered=False, summary=""))
    assert [payload(m) for m in messages] == [{"content": NOTHING_FOUND_MESSAGE, "embeds": []}]


def test_answer_without_figures_or_summary_still_renders() -> None:
    snippet = Snippet(doc_id="d", title="", quote="", start=0, end=0, score=0.5)
    messages = render_answer(Answer(question="q", answered=True, snippets=[snippet]))
    embeds = payload(messages[0])["embeds"]
    assert "1 quote" in embeds[0]["description"]
    assert embeds[1]["title"] == "d" and embeds[1]["description"] == ">>> …"
    assert_within_limits(messages)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("http://example.com/(x)", "http://example.com/%28x%29"),
        ("javascript:alert(1)", None),
        ("example.com/no-scheme", None),
        ("https://[::1", None),
        ("https://example.com/" + "x" * 3000, None),
        (None, None),
    ],
)
def test_only_usable_http_urls_are_linked(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_link_label_cannot_break_the_markdown_link() -> None:
    assert md_link("a [b](c) d", "https://example.com") == ("[a \\[b\\](c) d](https://example.com)")
    assert md_link("plain", None) == "plain"


def test_over_long_answer_is_split_within_every_limit_and_counts_the_rest() -> None:
    messages = render_answer(fd.huge_answer())
    assert 1 < len(messages) <= 5
    assert_within_limits(messages)
    assert "more quotes not shown" in messages[-1].content
    embeds = [e for m in messages for e in payload(m)["embeds"]]
    # Trimmed values end with an ellipsis; the summary leads.
    assert embeds[0]["description"].startswith("**Summary")
    assert embeds[0]["description"].endswith("…**")
    # A claim with 30 sources names the ones that fit and counts the others.
    values = [f["value"] for e in embeds for f in e.get("fields", []) if f["inline"]]
    assert any("… and" in v and "more" in v for v in values)


# Words, markdown, mention tokens, newlines and wide characters, in random runs.
_PIECES = [*"abc xyz ** _ ` \\ [ ] ( ) @everyone <@123456789012345678> \n 601 é 🙂".split(" "), " "]


def _random_text(rng: random.Random, longest: int) -> str:
    return "".join(rng.choices(_PIECES, k=rng.randint(0, longest)))


def _random_answer(rng: random.Random) -> Answer:
    def value(doc: int) -> FigureValue:
        return FigureValue(
            text="x",
            low=1,
            high=1,
            unit=None,
            doc_id=f"doc-{doc}",
            quote="x",
            title=_random_text(rng, 120),
            url=rng.choice([None, "https://example.com/" + _random_text(rng, 600)]),
        )

    groups = [
        FigureGroup(
            measure=_random_text(rng, 400),
            status=rng.choice(["agree", "differ"]),
            note=_random_text(rng, 900),
            claims=[
                Claim(
                    label=_random_text(rng, 200),
                    low=None,
                    high=None,
                    unit=None,
                    as_of=rng.choice([None, _random_text(rng, 200)]),
                    mentions=[value(d) for d in range(rng.randint(0, 20))],
                )
                for _ in range(rng.randint(0, 30))
            ],
        )
        for _ in range(rng.randint(0, 14))
    ]
    snippets = [
        Snippet(
            doc_id=f"doc-{i}",
            title=_random_text(rng, 400),
            quote=_random_text(rng, 3000),
            start=0,
            end=1,
            score=0.5,
            publisher=rng.choice([None, _random_text(rng, 500)]),
            url=rng.choice([None, "https://example.com/" + _random_text(rng, 100)]),
            published=rng.choice([None, "2024-05-01"]),
        )
        for i in range(rng.randint(0, 25))
    ]
    return Answer(
        question="q",
        answered=rng.random() > 0.1,
        snippets=snippets,
        figures=groups,
        summary=_random_text(rng, 3000),
    )


@pytest.mark.parametrize("seed", range(30))
def test_random_answers_stay_within_every_limit(seed: int) -> None:
    assert_within_limits(render_answer(_random_answer(random.Random(seed))))
