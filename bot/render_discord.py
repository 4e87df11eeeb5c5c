"""Discord rendering of an ``Answer``: embeds within Discord's limits, inert against pings.

Text from the corpus or from a question goes through ``inert`` (markdown and mentions
escaped), so a document can neither ping anyone nor reformat the answer; the client also
sends every message with ``allowed_mentions`` set to none. ``render_answer`` returns one or
more messages, each within every documented limit; what does not fit is trimmed with "…" or
counted in a "… and N more" line, never sent as a message Discord would reject.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote as url_quote
from urllib.parse import urlparse

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.answer import Answer
from bot.messages import (
    SOURCE_NOT_NAMED,
    SOURCES_AGREE,
    SOURCES_DIFFER,
    SOURCES_NOT_COMPARED,
    more_sources,
    more_values,
)
from bot.present import (
    ELLIPSIS,
    AnswerView,
    GroupView,
    Limits,
    QuoteView,
    ValueView,
    one_line,
    present,
    trim,
)

# Discord's documented limits (characters, counted as code points).
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_AUTHOR = 256
MAX_EMBED_TOTAL = 6000  # per message, across all its embeds
MAX_URL = 2048

# House limits, well inside Discord's, so that an answer stays readable.
MAX_SUMMARY = 1000
MAX_QUOTE = 1800
MAX_FIGURE_GROUPS = 10
MAX_MESSAGES = 5  # one answer never floods a channel; the rest is counted
# A group's header takes one of an embed's fields; its values may take the others.
LIMITS = Limits(
    max_groups=MAX_FIGURE_GROUPS,
    max_values=MAX_FIELDS - 1,
    max_summary=MAX_SUMMARY,
    max_quote=MAX_QUOTE,
)

COLOUR_ANSWER = discord.Colour.blurple()
COLOUR_DIFFER = discord.Colour.orange()
COLOUR_AGREE = discord.Colour.green()
COLOUR_QUOTE = discord.Colour.light_grey()


# --- text -------------------------------------------------------------------------------


def inert(text: str) -> str:
    """Show ``text`` as typed: markdown escaped, ``@everyone``/``<@id>`` broken with a ZWSP."""
    return escape_markdown(escape_mentions(text))


def clip(text: str, limit: int) -> str:
    """``trim`` for escaped text: an escape is never cut in half."""
    return trim(text, limit, escaped=True)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL Discord accepts in an embed or a markdown link, or None."""
    url = (url or "").strip()
    try:
        parsed = urlparse(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        return None
    # Spaces and parentheses would end a markdown link early; percent-encode them.
    quoted = url_quote(url, safe=":/?#[]@!$&'*+,;=%~")
    return quoted if len(quoted) <= MAX_URL else None


def md_link(title: str, url: str | None) -> str:
    """``[title](url)`` when the url is usable, else the inert title."""
    label = inert(one_line(title)) or "source"
    target = safe_url(url)
    if target is None:
        return label
    # ``inert`` already escaped "["; an unescaped "]" would end the link text early.
    label = label.replace("]", "\\]")
    return f"[{label}]({target})"


# --- messages ---------------------------------------------------------------------------


@dataclass
class DiscordMessage:
    """One message to send: plain ``content`` and/or ``embeds``, with files and components."""

    content: str = ""
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None  # components (the feedback buttons)
    # Run with the sent message once every part is sent (adds the chart to it).
    after: Callable[[Any], Awaitable[None]] | None = None

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Messageable.send``, ``Message.reply`` or ``Webhook.send``."""
        kwargs: dict[str, Any] = {}
        if self.content:
            kwargs["content"] = self.content
        if self.embeds:
            kwargs["embeds"] = self.embeds
        if self.view is not None:
            kwargs["view"] = self.view
        return kwargs


def render_notice(text: str) -> DiscordMessage:
    """A short plain message (rate limit, apology, bad input, nothing found)."""
    return DiscordMessage(content=clip(escape_mentions(text.strip()) or ELLIPSIS, MAX_CONTENT))


# --- figures ----------------------------------------------------------------------------

Field = tuple[str, str, bool]  # name, value, inline


def _field_size(f: Field) -> int:
    return len(f[0]) + len(f[1])


def claim_field(claim: ValueView, measure: str) -> Field:
    """One value side by side with the others: name = value (+ measure), value = sources · as of."""
    label = claim.label
    name = clip(inert(f"{label} · {measure}" if measure else label), MAX_FIELD_NAME)
    as_of = f" · {clip(inert(claim.as_of), 200)}" if claim.as_of else ""
    budget = MAX_FIELD_VALUE - len(as_of)
    # (linked, plain) for each document that states the value
    sources = [(md_link(s.title, s.url), inert(s.title) or "source") for s in claim.sources]
    shown: list[str] = []
    used = 0
    for i, (linked, plain) in enumerate(sources):
        more = len(sources) - i - 1
        reserve = len(f", {more_sources(more)}") if more else 0
        for candidate in (linked, plain):
            if used + len(candidate) + 2 + reserve <= budget:
                shown.append(candidate)
                used += len(candidate) + 2
                break
        else:
            if not shown:
                shown.append(clip(plain, budget - reserve - 2))
            rest = len(sources) - len(shown)
            if rest:
                shown.append(more_sources(rest))
            break
    value = (", ".join(shown) or SOURCE_NOT_NAMED) + as_of
    return name, clip(value, MAX_FIELD_VALUE), True


def group_fields(group: GroupView, budget: int = MAX_EMBED_TOTAL - 200) -> list[Field]:
    """A full-width header (measure, agree/differ, note), then one inline field per value.

    Values that would overflow the field count or ``budget`` characters are counted instead.
    """
    header_name = clip(inert(group.heading), 200)
    if group.note:
        header_value = clip(inert(group.note), MAX_FIELD_VALUE)
    else:
        header_value = (
            SOURCES_NOT_COMPARED
            if not group.compared
            else SOURCES_DIFFER
            if group.status == "differ"
            else SOURCES_AGREE
        )
    fields: list[Field] = [(header_name, header_value, False)]
    used = _field_size(fields[0])
    more_reserve = 40
    values = group.values
    for i, claim in enumerate(values):
        f = claim_field(claim, group.measure)
        last = i == len(values) - 1 and not group.hidden_values
        room_fields = MAX_FIELDS - len(fields) - (0 if last else 1)
        room_chars = budget - used - (0 if last else more_reserve)
        if room_fields < 1 or _field_size(f) > room_chars:
            values = values[:i]
            break
        fields.append(f)
        used += _field_size(f)
    hidden = len(group.values) - len(values) + group.hidden_values
    if hidden:
        fields.append((ELLIPSIS, more_values(hidden), True))
    return fields


# --- quotes -----------------------------------------------------------------------------


def quote_text(text: str, limit: int = MAX_QUOTE) -> str:
    """The quote (one line per paragraph) as a Discord block quote."""
    prefix = ">>> "
    return prefix + clip(inert(text or ELLIPSIS), limit - len(prefix))


def quote_embed(quote: QuoteView) -> discord.Embed:
    """The quote, under its document title (a link when the document has a url)."""
    embed = discord.Embed(
        title=clip(inert(quote.title) or "source", MAX_TITLE),
        url=safe_url(quote.url),
        description=quote_text(quote.text),
        colour=COLOUR_QUOTE,
    )
    # Footers show plain text (no markdown), so nothing is escaped there.
    if quote.credit:
        embed.set_footer(text=clip(" · ".join(quote.credit), 300))
    return embed


# --- the whole answer -------------------------------------------------------------------

Kind = Literal["summary", "figures", "quote"]


@dataclass
class _Part:
    kind: Kind
    embed: discord.Embed
    groups: int = 0  # figure groups it holds


def _add_fields(embed: discord.Embed, fields: list[Field]) -> None:
    for name, value, inline in fields:
        embed.add_field(name=name, value=value, inline=inline)


def _answer_parts(view: AnswerView) -> list[_Part]:
    """The embeds in reading order."""
    summary = discord.Embed(
        description=f"**{clip(inert(view.summary), MAX_SUMMARY)}**",
        colour=COLOUR_ANSWER,
    )
    groups = view.groups
    if any(g.status == "differ" and g.compared for g in groups):
        summary.colour = COLOUR_DIFFER
    elif groups:
        summary.colour = COLOUR_AGREE
    parts = [_Part("summary", summary)]
    current = parts[0]
    for group in groups:
        fields = group_fields(group)
        size = sum(_field_size(f) for f in fields)
        embed = current.embed
        if len(embed.fields) + len(fields) > MAX_FIELDS or len(embed) + size > MAX_EMBED_TOTAL:
            # Figures go on in another embed of the same colour, directly below.
            current = _Part("figures", discord.Embed(colour=summary.colour))
            parts.append(current)
        _add_fields(current.embed, fields)
        current.groups += 1
    parts += [_Part("quote", quote_embed(q)) for q in view.quotes]
    return parts


def _pack(parts: list[_Part]) -> list[list[_Part]]:
    """Embeds into messages: at most 10 per message and 6,000 characters across them."""
    messages: list[list[_Part]] = []
    current: list[_Part] = []
    size = 0
    for part in parts:
        n = len(part.embed)
        if current and (len(current) >= MAX_EMBEDS or size + n > MAX_EMBED_TOTAL):
            messages.append(current)
            current, size = [], 0
        current.append(part)
        size += n
    if current:
        messages.append(current)
    return messages


def render_answer(answer: Answer, *, max_messages: int = MAX_MESSAGES) -> list[DiscordMessage]:
    """``answer`` as one or more messages: summary and figures first, then the quotes.

    Every message respects Discord's limits on content, embed count, each embed part and
    the 6,000-character total; beyond ``max_messages`` the rest is counted, not sent.
    """
    view = present(answer, LIMITS)
    if not view.answered:
        return [render_notice(inert(view.summary))]
    packed = _pack(_answer_parts(view))
    kept, dropped = packed[:max_messages], packed[max_messages:]
    hidden_groups = sum(p.groups for m in dropped for p in m)
    hidden_quotes = sum(p.kind == "quote" for m in dropped for p in m)
    messages = [DiscordMessage(embeds=[p.embed for p in m]) for m in kept]
    messages[-1].content = view.not_shown(hidden_groups, hidden_quotes)
    return messages


def message_size(message: DiscordMessage) -> int:
    """Characters Discord counts toward the 6,000 limit across a message's embeds."""
    return sum(len(e) for e in message.embeds)
