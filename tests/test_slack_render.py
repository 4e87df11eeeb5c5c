"""Block Kit rendering, question cleaning and settings checks: no Slack needed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer import Answer, Snippet
from bot.messages import NOTHING_FOUND_MESSAGE
from bot.render_slack import (
    MAX_BLOCKS,
    escape_mrkdwn,
    fit_escaped,
    link,
    render_answer,
    render_notice,
    share_button,
    trim,
)
from bot.settings import Settings
from bot.slack_app import ASK_COMMAND, _Recent, check_slack_settings, clean_question
from retrieval.errors import BadInputError
from retrieval.figures.model import Claim, FigureGroup, FigureValue

try:
    from tests.fakes.fake_slack import block_kit_errors
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes.fake_slack import block_kit_errors  # type: ignore[no-redef]

pytestmark = pytest.mark.timeout(120)


def rendered_text(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def value(doc_id: str, title: str, url: str | None = None) -> FigureValue:
    return FigureValue("x", 1, 1, None, doc_id, "q", title=title, url=url)


# --- escaping and links ---------------------------------------------------------------


def test_escape_only_the_three_control_characters() -> None:
    assert escape_mrkdwn("a & b < c > d *e* _f_ @here") == "a &amp; b &lt; c &gt; d *e* _f_ @here"
    assert escape_mrkdwn("<!channel>") == "&lt;!channel&gt;"


def test_link_keeps_url_and_title_from_breaking_out() -> None:
    assert (
        link("https://e.org/a?b=1&c=2", "A | B > C") == "<https://e.org/a?b=1&amp;c=2|A   B &gt; C>"
    )
    assert link("https://e.org/x y|z>", "T") == "<https://e.org/x%20y%7Cz%3E|T>"
    # Only http(s) links; anything else shows the title alone.
    assert link("javascript:alert(1)", "T") == "T"
    assert link(None, "<!here>") == "&lt;!here&gt;"
    assert link("https://e.org", "") == "<https://e.org|source>"
    assert link("http://[::1", "T") == "T"


def test_trim_and_fit_respect_limits() -> None:
    assert trim("short", 10) == "short"
    cut = trim("word " * 100, 50)
    assert len(cut) <= 50 and cut.endswith("…")
    # Escaping grows "&" fivefold; the escaped form is what must fit.
    fitted = fit_escaped("&" * 1000, 100)
    assert len(fitted) <= 100 and fitted.startswith("&amp;")


# --- answers --------------------------------------------------------------------------


def flood() -> Answer:
    group = FigureGroup(
        measure="deaths",
        status="differ",
        claims=[
            Claim(
                "about 600",
                600,
                600,
                "people",
                "in April",
                [value("r", "Reuters story", "https://r.example/1")],
            ),
            Claim(
                "300", 300, 300, "people", None, [value("m", "Ministry"), value("m", "Ministry")]
            ),
        ],
        note="300 in January → about 600 by April",
    )
    quote = "About 600 people\ndied.\n\nOfficials said so."
    return Answer(
        question="how many died?",
        answered=True,
        snippets=[
            Snippet(
                "r",
                "Reuters story",
                quote,
                0,
                len(quote),
                0.9,
                "Reuters",
                "https://r.example/1",
                "2024-04-02",
            )
        ],
        figures=[group],
        summary="Reports differ on deaths.",
    )


def test_answer_layout_summary_figures_then_quotes() -> None:
    message = render_answer(flood())
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["section", "section", "divider", "section"]
    assert message.text.startswith("Reports differ on deaths.")
    assert message.blocks[0]["text"]["text"] == "*Reports differ on deaths.*"
    group = message.blocks[1]
    assert group["text"]["text"] == "*Deaths — reports differ*\n300 in January → about 600 by April"
    assert [f["text"] for f in group["fields"]] == [
        "*about 600* · <https://r.example/1|Reuters story> · in April",
        "*300* · Ministry",  # one source, once; no "as of"
    ]
    quote = message.blocks[3]["text"]["text"]
    # Hard-wrapped lines joined, paragraphs kept, each line a block quote line.
    assert quote.startswith(">About 600 people died.\n>Officials said so.\n")
    assert quote.endswith("— *<https://r.example/1|Reuters story>* · Reuters · 2024-04-02")


def test_nothing_found_is_short_and_without_quotes() -> None:
    answer = Answer(question="q", answered=False, snippets=flood().snippets, summary="")
    message = render_answer(answer)
    assert message.text == NOTHING_FOUND_MESSAGE
    assert len(message.blocks) == 1


def test_many_claims_keep_ten_fields() -> None:
    claims = [Claim(str(i), i, i, None, None, [value(f"d{i}", f"Doc {i}")]) for i in range(25)]
    answer = Answer("q", True, [], [FigureGroup("deaths", "differ", claims)], "s")
    fields = render_answer(answer).blocks[1]["fields"]
    assert len(fields) == 10
    assert fields[-1]["text"] == "… and 16 more values"


def test_many_sources_are_counted_not_overflowed() -> None:
    mentions = [value(f"d{i}", f"A rather long document title number {i} " * 3) for i in range(200)]
    answer = Answer(
        "q",
        True,
        [],
        [FigureGroup("deaths", "agree", [Claim("600", 600, 600, None, "today", mentions)])],
        "s",
    )
    field = render_answer(answer).blocks[1]["fields"][0]["text"]
    assert len(field) <= 2000
    assert re.search(r"… and \d+ more · today$", field)


def test_too_many_quotes_are_dropped_from_the_tail_and_counted() -> None:
    snippets = [Snippet(f"d{i}", f"T{i}", f"quote {i}", 0, 7, 0.5) for i in range(80)]
    header = [{"type": "context", "elements": [{"type": "mrkdwn", "text": "q"}]}]
    footer = [share_button("k:q", "share_answer")]
    message = render_answer(Answer("q", True, snippets, [], "s"), header=header, footer=footer)
    assert len(message.blocks) == MAX_BLOCKS
    assert message.blocks[0] == header[0] and message.blocks[-1] == footer[0]
    assert message.blocks[-2]["elements"][0]["text"] == "… and 34 more quotes not shown."
    assert ">quote 0\n" in message.blocks[2]["text"]["text"]
    assert block_kit_errors({"text": message.text, "blocks": message.blocks}) == []


def test_notice_is_escaped() -> None:
    notice = render_notice("<!channel> wait")
    assert notice.text == "&lt;!channel&gt; wait"
    assert notice.blocks[0]["text"]["text"] == "&lt;!channel&gt; wait"


_pieces = st.sampled_from(
    [*"<>&|*_~`@!#:/[] \n.aéZ0", "<!channel>", "<@U123>", "&amp;", "http://x"]
)
ugly = st.lists(_pieces, max_size=120).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    summary=ugly,
    quote=st.one_of(ugly, ugly.map(lambda s: s * 40)),
    title=ugly,
    publisher=st.one_of(st.none(), ugly),
    url=st.one_of(st.none(), ugly, ugly.map(lambda s: "https://e.org/" + s)),
    label=ugly,
    note=ugly,
    n_snippets=st.integers(0, 70),
    n_claims=st.integers(0, 14),
)
def test_any_answer_is_accepted_by_slack_and_pings_nobody(
    summary: str,
    quote: str,
    title: str,
    publisher: str | None,
    url: str | None,
    label: str,
    note: str,
    n_snippets: int,
    n_claims: int,
) -> None:
    snippets = [
        Snippet(f"d{i}", title, quote, 0, len(quote), 0.5, publisher, url)
        for i in range(n_snippets)
    ]
    claims = [
        Claim(label, None, None, None, note or None, [value(f"d{i}", title, url) for i in range(3)])
        for _ in range(n_claims)
    ]
    groups = [FigureGroup(label, "differ", claims, note)] * (n_claims % 13)
    message = render_answer(Answer(summary, True, snippets, groups, summary))
    assert block_kit_errors({"text": message.text, "blocks": message.blocks}) == []
    assert len(message.text) <= 3000
    text = rendered_text(message.blocks) + message.text
    assert "<!" not in text and "<@" not in text and "<#" not in text
    # Every "<" left is the start of a link to an http(s) url.
    assert all(
        text.startswith(("<http://", "<https://"), i) for i in range(len(text)) if text[i] == "<"
    )


# --- questions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("<@UBOT> how many died?", "how many died?"),
        ("<@UBOT|corpusbot>   how   many\ndied?", "how many died?"),
        ("<!channel> <!here> <!everyone> ask", "@channel @here @everyone ask"),
        ("<@U999> and <@U998|bob> said", "@U999 and @bob said"),
        (
            "in <#C123|general> see <https://e.org|the report> or <https://e.org/x>",
            "in #general see the report or https://e.org/x",
        ),
        ("a &lt; b &amp;&amp; c &gt; d", "a < b && c > d"),
        ("<!subteam^S1|@team> hi <mailto:a@b.c|a@b.c>", "@team hi a@b.c"),
        ("<@UBOT>", ""),
    ],
)
def test_clean_question(text: str, question: str) -> None:
    assert clean_question(text, "UBOT") == question


# --- settings -------------------------------------------------------------------------


def slack_settings(**values: Any) -> Settings:
    base: dict[str, Any] = {
        "slack_bot_token": "xoxb-1",
        "slack_signing_secret": "s",
        "slack_app_token": "",
        "slack_api_url": "https://slack.com/api/",
    }
    base.update(values)
    return Settings(_env_file=None, **base)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"slack_bot_token": ""}, "SLACK_BOT_TOKEN"),
        ({"slack_bot_token": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
        ({"slack_bot_token": "xoxb-1 \n"}, "SLACK_BOT_TOKEN"),
        ({"slack_app_token": "xoxb-not-an-app-token"}, "SLACK_APP_TOKEN"),
        ({"slack_signing_secret": ""}, "SLACK_SIGNING_SECRET"),
        ({"slack_api_url": "slack.com/api"}, "SLACK_API_URL"),
    ],
)
def test_bad_settings_name_the_setting(values: dict[str, Any], named: str) -> None:
    with pytest.raises(BadInputError) as err:
        check_slack_settings(slack_settings(**values))
    message = str(err.value)
    assert named in message and "\n" not in message


def test_good_settings_pass() -> None:
    check_slack_settings(slack_settings())
    # Socket Mode needs no signing secret.
    check_slack_settings(slack_settings(slack_app_token="xapp-1-x", slack_signing_secret=""))


def test_recent_forgets_after_ttl_and_stays_bounded() -> None:
    now = [0.0]
    recent = _Recent(maxsize=3, ttl=10.0, clock=lambda: now[0])
    assert recent.add("a") and not recent.add("a")
    now[0] = 11.0
    assert recent.add("a")
    for key in "bcd":
        recent.add(key)
    assert "a" not in recent and "d" in recent


def test_manifest_declares_what_the_bot_uses() -> None:
    manifest = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "slack-app-manifest.yml").read_text()
    )
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "im:read",
        "im:write",
        "reactions:write",
        "channels:history",
        "groups:history",
    } <= scopes
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels", "message.groups"} <= events
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [ASK_COMMAND]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is True
