"""Discord rendering of an ``Answer``: embeds within Discord's limits, inert against pings.

Text from the corpus or from a question goes through ``inert`` (markdown and mentions
escaped), so a document can neither ping anyone nor reformat the answer; the client also
sends every message with ``allowed_mentions`` set to none. ``render_answer`` returns one or
more messages, each within every documented limit; what does not fit is trimmed with "…" or
counted in a "… and N more" line, never sent as a message Discord would reject.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote as url_quote
from urllib.parse import urlparse

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.answer import Answer, Snippet
from bot.ratelimit import NOTHING_FOUND_MESSAGE
from retrieval.figures.model import Claim, FigureGroup

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

ELLIPSIS = "…"

COLOUR_ANSWER = discord.Colour.blurple()
COLOUR_DIFFER = discord.Colour.orange()
COLOUR_AGREE = discord.Colour.green()
COLOUR_QUOTE = discord.Colour.light_grey()


# --- text -------------------------------------------------------------------------------


def inert(text: str) -> str:
    """Show ``text`` as typed: markdown escaped, ``@everyone``/``<@id>`` broken with a ZWSP."""
    return escape_markdown(escape_mentions(text))


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, at a word boundary when one is near."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[: max(limit, 0)]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.8:
        cut = cut[:space]
    cut = cut.rstrip()
    # An escape cut in half would escape the ellipsis instead of the character it was for.
    if (len(cut) - len(cut.rstrip("\\"))) % 2:
        cut = cut[:-1]
    return cut + ELLIPSIS


def one_line(text: str) -> str:
    return " ".join(text.split())


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


def summary_line(answer: Answer) -> str:
    if not answer.answered:
        return one_line(answer.summary) or NOTHING_FOUND_MESSAGE
    count = len(answer.snippets)
    default = f"Here is what the corpus says ({count} quote{'s' * (count != 1)})."
    return one_line(answer.summary) or default


# --- figures ----------------------------------------------------------------------------

Field = tuple[str, str, bool]  # name, value, inline


def _field_size(f: Field) -> int:
    return len(f[0]) + len(f[1])


def _status_words(group: FigureGroup) -> str:
    return "reports differ" if group.status == "differ" else "reports agree"


def _claim_sources(claim: Claim) -> list[tuple[str, str]]:
    """(linked, plain) for each document that states the claim, once each."""
    seen: dict[str, tuple[str, str]] = {}
    for m in claim.mentions:
        title = m.title or m.doc_id
        seen.setdefault(m.doc_id, (md_link(title, m.url), inert(one_line(title)) or "source"))
    return list(seen.values())


def claim_field(claim: Claim, measure: str) -> Field:
    """One value side by side with the others: name = value (+ measure), value = sources · as of."""
    label = one_line(claim.label) or "?"
    name = clip(inert(f"{label} · {measure}" if measure else label), MAX_FIELD_NAME)
    as_of = f" · {clip(inert(one_line(claim.as_of)), 200)}" if claim.as_of else ""
    budget = MAX_FIELD_VALUE - len(as_of)
    sources = _claim_sources(claim)
    shown: list[str] = []
    used = 0
    for i, (linked, plain) in enumerate(sources):
        more = len(sources) - i - 1
        reserve = len(f", … and {more} more") if more else 0
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
                shown.append(f"… and {rest} more")
            break
    value = (", ".join(shown) or "source not named") + as_of
    return name, clip(value, MAX_FIELD_VALUE), True


def group_fields(group: FigureGroup, budget: int = MAX_EMBED_TOTAL - 200) -> list[Field]:
    """A full-width header (measure, agree/differ, note), then one inline field per claim.

    Claims that would overflow the field count or ``budget`` characters are counted instead.
    """
    measure = one_line(group.measure) or "figures"
    header_name = clip(inert(f"{measure[:1].upper()}{measure[1:]} — {_status_words(group)}"), 200)
    if one_line(group.note):
        header_value = clip(inert(one_line(group.note)), MAX_FIELD_VALUE)
    elif group.status == "differ":
        header_value = "The sources give different values."
    else:
        header_value = "The sources agree."
    fields: list[Field] = [(header_name, header_value, False)]
    used = _field_size(fields[0])
    more_reserve = 40
    for i, claim in enumerate(group.claims):
        f = claim_field(claim, measure)
        last = i == len(group.claims) - 1
        room_fields = MAX_FIELDS - len(fields) - (0 if last else 1)
        room_chars = budget - used - (0 if last else more_reserve)
        if room_fields < 1 or _field_size(f) > room_chars:
            hidden = len(group.claims) - i
            fields.append((ELLIPSIS, f"and {hidden} more value{'s' * (hidden != 1)}", True))
            break
        fields.append(f)
        used += _field_size(f)
    return fields


# --- quotes -----------------------------------------------------------------------------


def quote_text(quote: str, limit: int = MAX_QUOTE) -> str:
    """The quote as a Discord block quote: hard-wrapped lines joined, paragraphs kept."""
    paragraphs = [one_line(p) for p in re.split(r"\n\s*\n", quote)]
    text = "\n".join(p for p in paragraphs if p) or ELLIPSIS
    prefix = ">>> "
    return prefix + clip(inert(text), limit - len(prefix))


def quote_embed(snippet: Snippet) -> discord.Embed:
    """The quote, under its document title (a link when the document has a url)."""
    title = clip(inert(one_line(snippet.title or snippet.doc_id)) or "source", MAX_TITLE)
    embed = discord.Embed(
        title=title,
        url=safe_url(snippet.url),
        description=quote_text(snippet.quote),
        colour=COLOUR_QUOTE,
    )
    # Footers show plain text (no markdown), so nothing is escaped there.
    credit = [
        one_line(p)
        for p in (snippet.page_label, snippet.publisher, snippet.published)
        if p and one_line(p)
    ]
    if credit:
        embed.set_footer(text=clip(" · ".join(credit), 300))
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


def _answer_parts(answer: Answer) -> tuple[list[_Part], int]:
    """The embeds in reading order, and how many figure groups were left out."""
    summary = discord.Embed(
        description=f"**{clip(inert(summary_line(answer)), MAX_SUMMARY)}**",
        colour=COLOUR_ANSWER,
    )
    groups = answer.figures[:MAX_FIGURE_GROUPS]
    if any(g.status == "differ" for g in groups):
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
    parts += [_Part("quote", quote_embed(s)) for s in answer.snippets]
    return parts, len(answer.figures) - len(groups)


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


def _more_line(groups: int, quotes: int) -> str:
    more = []
    if groups:
        more.append(f"{groups} more figure group{'s' * (groups != 1)}")
    if quotes:
        more.append(f"{quotes} more quote{'s' * (quotes != 1)}")
    return ("… and " + " and ".join(more) + " not shown.") if more else ""


def render_answer(answer: Answer, *, max_messages: int = MAX_MESSAGES) -> list[DiscordMessage]:
    """``answer`` as one or more messages: summary and figures first, then the quotes.

    Every message respects Discord's limits on content, embed count, each embed part and
    the 6,000-character total; beyond ``max_messages`` the rest is counted, not sent.
    """
    if not answer.answered:
        return [render_notice(inert(summary_line(answer)))]
    parts, hidden_groups = _answer_parts(answer)
    packed = _pack(parts)
    kept, dropped = packed[:max_messages], packed[max_messages:]
    hidden_groups += sum(p.groups for m in dropped for p in m)
    hidden_quotes = sum(p.kind == "quote" for m in dropped for p in m)
    messages = [DiscordMessage(embeds=[p.embed for p in m]) for m in kept]
    messages[-1].content = _more_line(hidden_groups, hidden_quotes)
    return messages


def message_size(message: DiscordMessage) -> int:
    """Characters Discord counts toward the 6,000 limit across a message's embeds."""
    return sum(len(e) for e in message.embeds)
