"""Block Kit rendering of an ``Answer``: safe against pings and within Slack's limits.

Every piece of text that comes from the corpus or from a question goes through
``escape_mrkdwn`` so that ``<!channel>``, ``<!here>`` or ``<@U…>`` can never notify anyone,
and every block is sized so that Slack never rejects the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlparse

from bot.answer import Answer
from bot.messages import more_sources, more_values
from bot.present import ELLIPSIS, GroupView, Limits, QuoteView, ValueView, present, trim

Block = dict[str, Any]

# Slack's documented Block Kit limits.
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_VALUE = 2000
# Slack accepts 40,000 characters of fallback text; notifications only show the start.
MAX_FALLBACK_TEXT = 3000
# Slack also refuses messages whose blocks are too long in total (msg_blocks_too_long) without
# documenting the figure; stay well below what it has been seen to accept.
MAX_TOTAL_BLOCK_TEXT = 12000
# The most figure groups shown; the rest are counted in the "… and N more" line.
MAX_FIGURE_GROUPS = 10
# A group's values are the fields of its section (the "… and N more values" line included).
LIMITS = Limits(max_groups=MAX_FIGURE_GROUPS, max_values=MAX_FIELDS)

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_mrkdwn(text: str) -> str:
    """Escape the three control characters of Slack mrkdwn; nothing else needs it."""
    return text.translate(_ESCAPES)


def link(url: str | None, title: str) -> str:
    """``<url|title>`` with a safe title, or the escaped title alone when the url is unusable."""
    label = escape_mrkdwn(title.replace("|", " ").strip()) or "source"
    url = (url or "").strip()
    try:
        parsed = urlparse(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return label
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        return label
    # Percent-encode what would end the link early (|, <, >, spaces); & is entity-escaped as
    # Slack expects inside links.
    safe_url = url_quote(url, safe=":/?#[]@!$&'()*+,;=%~").replace("&", "&amp;")
    return f"<{safe_url}|{label}>"


def fit_escaped(text: str, limit: int, render: Any = escape_mrkdwn) -> str:
    """``render(text)`` trimmed so the *rendered* form fits ``limit``.

    Escaping makes text longer (``&`` becomes five characters), so the raw text is trimmed
    until its rendering fits.
    """
    out: str = render(text)
    raw = text
    while len(out) > limit and raw:
        # Shrink in proportion to the overshoot; always by at least one character.
        keep = min(len(raw) - 1, int(len(raw) * limit / len(out)) - 1)
        raw = trim(raw, max(keep, 0))
        if raw == ELLIPSIS:
            raw = ""
        out = render(raw)
    return out


def _blockquote(raw: str) -> str:
    lines = escape_mrkdwn(raw).splitlines() or [""]
    return "\n".join(f">{line}" for line in lines)


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text or " ", "verbatim": True}


def section(text: str) -> Block:
    """A section block; ``text`` must already be escaped mrkdwn."""
    return {"type": "section", "text": _mrkdwn(trim(text, MAX_SECTION_TEXT))}


def context(text: str) -> Block:
    """A context line; ``text`` must already be escaped mrkdwn."""
    return {"type": "context", "elements": [_mrkdwn(trim(text, MAX_SECTION_TEXT))]}


def _claim_field(claim: ValueView) -> str:
    value = f"*{fit_escaped(claim.label, 300)}*"
    as_of = f" · {fit_escaped(claim.as_of, 300)}" if claim.as_of else ""
    sources = [link(s.url, s.title) for s in claim.sources]
    budget = MAX_FIELD_TEXT - len(value) - len(as_of) - 6
    shown: list[str] = []
    used = 0
    for i, src in enumerate(sources):
        more = len(sources) - i
        tail = f", {more_sources(more)}" if more > 1 else ""
        if used + len(src) + 2 + len(tail) > budget:
            shown.append(more_sources(more))
            break
        shown.append(src)
        used += len(src) + 2
    text = " · ".join([value, ", ".join(shown)]) if shown else value
    return trim(text + as_of, MAX_FIELD_TEXT)


def figure_block(group: GroupView) -> Block:
    """One section per figure group: a header line, then one field per value."""
    header = f"*{escape_mrkdwn(group.heading)}*"
    if group.note:
        header += "\n" + fit_escaped(group.note, MAX_SECTION_TEXT - len(header) - 1)
    block = section(header)
    fields = [_claim_field(c) for c in group.values]
    if group.hidden_values:
        fields.append(f"{ELLIPSIS} {more_values(group.hidden_values)}")
    if fields:
        block["fields"] = [_mrkdwn(f) for f in fields]
    return block


def attribution(quote: QuoteView) -> str:
    """ "— *title* · p. 3 · publisher · date", the title linked when there is a url."""
    parts = [f"*{link(quote.url, quote.title)}*"]
    parts += [fit_escaped(c, 200) for c in quote.credit]
    return "— " + " · ".join(parts)


def quote_block(quote: QuoteView) -> Block:
    """The quote as a block quote (one line per paragraph), then its source."""
    source = attribution(quote)
    budget = MAX_SECTION_TEXT - len(source) - 1
    return section(fit_escaped(quote.text, budget, _blockquote) + "\n" + source)


def _text_len(block: Block) -> int:
    n = 0
    if "text" in block:
        n += len(block["text"].get("text", ""))
    for f in block.get("fields", []):
        n += len(f.get("text", ""))
    for e in block.get("elements", []):
        if isinstance(e, dict) and isinstance(e.get("text"), str):
            n += len(e["text"])
    return n


@dataclass
class SlackMessage:
    """What chat.postMessage (or a response_url) receives: fallback ``text`` and ``blocks``."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def render_answer(
    answer: Answer,
    *,
    header: list[Block] | None = None,
    footer: list[Block] | None = None,
) -> SlackMessage:
    """Render ``answer`` as Block Kit: summary, figure groups, then quotes.

    ``header``/``footer`` blocks (the question, a share button) are kept whatever the size;
    figure groups and quotes that do not fit are dropped from the tail and counted.
    """
    header = list(header or [])
    footer = list(footer or [])
    view = present(answer, LIMITS)
    top = section(f"*{fit_escaped(view.summary, MAX_SECTION_TEXT - 2)}*")
    fallback = fit_escaped(view.summary, MAX_FALLBACK_TEXT)

    body: list[Block] = []
    dropped_groups = dropped_quotes = 0
    # One block is kept back for the "… and N more" line.
    room = MAX_BLOCKS - len(header) - len(footer) - 2
    chars = MAX_TOTAL_BLOCK_TEXT - sum(_text_len(b) for b in [*header, top, *footer]) - 200
    candidates: list[tuple[str, Block]] = [("group", figure_block(g)) for g in view.groups]
    if view.groups and view.quotes:
        candidates.append(("divider", {"type": "divider"}))
    candidates += [("quote", quote_block(q)) for q in view.quotes]
    for i, (_kind, block) in enumerate(candidates):
        size = _text_len(block)
        if len(body) >= room or size > chars:
            for later_kind, _ in candidates[i:]:
                dropped_groups += later_kind == "group"
                dropped_quotes += later_kind == "quote"
            break
        body.append(block)
        chars -= size
    if body and body[-1]["type"] == "divider":
        body.pop()
    if view.quotes and not dropped_quotes:
        tail = f"\n— {escape_mrkdwn(view.quotes[0].title)}"
        if len(fallback) + len(tail) <= MAX_FALLBACK_TEXT:
            fallback += tail

    more = view.not_shown(dropped_groups, dropped_quotes)
    if more:
        body.append(context(more))

    blocks = [*header, top, *body, *footer][:MAX_BLOCKS]
    return SlackMessage(text=fallback, blocks=blocks)


def render_notice(text: str) -> SlackMessage:
    """A short plain message (rate limit, apology, bad input), escaped and within limits."""
    escaped = fit_escaped(text, MAX_SECTION_TEXT)
    return SlackMessage(text=trim(escaped, MAX_FALLBACK_TEXT), blocks=[section(escaped)])


def question_context(question: str, *, prefix: str = "") -> Block:
    """A context line that echoes the question (slash-command text is not shown to others)."""
    return context(prefix + fit_escaped(question, MAX_SECTION_TEXT - len(prefix) - 10))


SHARED_PREFIX = " asked: "  # "Ana asked: how many died?" heads a shared /ask answer


def shared_question(message: dict[str, Any]) -> str | None:
    """The question a shared /ask answer echoes in its first context line, or None."""
    for block in message.get("blocks") or []:
        if block.get("type") != "context":
            continue
        for element in block.get("elements") or []:
            text = str(element.get("text", ""))
            if SHARED_PREFIX in text:
                asked = text.split(SHARED_PREFIX, 1)[1]
                return asked.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        return None
    return None


def share_button(value: str, action_id: str) -> Block:
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": "Share in channel", "emoji": True},
                "value": value[:MAX_BUTTON_VALUE],
            }
        ],
    }
