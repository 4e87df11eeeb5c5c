"""Figures grouped by measure across documents: merged claims, agree or differ, and notes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.figures.extract import Mention, label
from retrieval.figures.model import Claim, FigureGroup


@dataclass
class ClaimInfo:
    """A claim with what ordering and comparison need."""

    claim: Claim
    tol_low: float
    tol_high: float
    time_key: float | None
    earlier: bool  # every mention comes from a sentence that marks an earlier estimate
    unresolved: bool = False  # a date relative to a report whose date is unknown


def _merge_key(m: Mention) -> tuple[object, ...]:
    bare = tuple(round(x, 6) for x in m.bare)
    return (m.kind, m.value.unit, bare, m.value.base is not None, m.relative)


def _claims(mentions: Sequence[Mention]) -> list[ClaimInfo]:
    """Mentions of the same number merged into one claim, one mention per document."""
    buckets: dict[tuple[object, ...], list[Mention]] = {}
    for m in mentions:
        buckets.setdefault(_merge_key(m), []).append(m)
    out: list[ClaimInfo] = []
    for ms in buckets.values():
        qualifiers = Counter(m.qualifier for m in ms if m.qualifier)
        qualifier = qualifiers.most_common(1)[0][0] if qualifiers else None
        rep = next(m for m in ms if m.qualifier == qualifier)
        # One mention per document: the one with a time phrase, else with a qualifier.
        per_doc: dict[str, Mention] = {}
        for m in sorted(ms, key=lambda x: (x.value.as_of is None, x.qualifier is None)):
            per_doc.setdefault(m.value.doc_id, m)
        kept = sorted(per_doc.values(), key=lambda x: ms.index(x))
        times = Counter(m.value.as_of for m in kept if m.value.as_of)
        as_of = times.most_common(1)[0][0] if times else None
        time_key = next((m.time_key for m in kept if m.value.as_of == as_of), None)
        texts = list(dict.fromkeys(m.value.text for m in kept))
        if rep.kind == "date" and len(texts) > 1:
            # One date in several words: "last fall / the previous fall (fall 2024)"
            resolved = rep.value.resolved
            shown = " / ".join(texts[:3])
            text = f"{shown} ({resolved})" if resolved else shown
        else:
            text = label(rep)
        claim = Claim(
            label=text,
            low=rep.value.low,
            high=rep.value.high,
            unit=rep.value.unit,
            as_of=as_of,
            mentions=[m.value for m in kept],
        )
        earlier = all(m.earlier for m in kept)
        unresolved = rep.relative is not None
        out.append(ClaimInfo(claim, rep.tol_low, rep.tol_high, time_key, earlier, unresolved))
    return out


def _to_month_day(infos: list[ClaimInfo]) -> None:
    """Some dates lack a year: compare all of them on month and day (MMDD) only."""
    for c in infos:
        same_year = int(c.tol_low) // 10000 == int(c.tol_high) // 10000
        if same_year:
            c.tol_low, c.tol_high = c.tol_low % 10000, c.tol_high % 10000
        else:
            c.tol_low, c.tol_high = 101.0, 1231.0


def _overlap(claims: Sequence[ClaimInfo]) -> bool:
    return max(c.tol_low for c in claims) <= min(c.tol_high for c in claims)


def _count(n: int) -> str:
    return f"{n} report" if n == 1 else f"{n} reports"


def _time_sequence(claims: list[ClaimInfo]) -> list[ClaimInfo] | None:
    """Claims in time order when their times tell them apart: dated ones by date, an
    undated one last (the reports' own time) unless its sentence calls it earlier."""
    undated = [c for c in claims if c.time_key is None]
    dated = [c for c in claims if c.time_key is not None]
    keys = [c.time_key for c in dated]
    if len(undated) > 1 or len(set(keys)) != len(keys) or not dated:
        return None
    if len({(k or 0) >= 10000 for k in keys}) > 1:
        return None  # "in 2023" and "in January" (of which year?) cannot be ordered
    ordered = sorted(dated, key=lambda c: c.time_key or 0.0)
    if undated:
        ordered = undated + ordered if undated[0].earlier else ordered + undated
    return ordered


def _when(c: ClaimInfo) -> str:
    if c.claim.as_of:
        return c.claim.as_of
    return "earlier" if c.earlier else "latest reports"


def build_group(
    measure: str, kind: str, mentions: Sequence[Mention], compare: bool = True
) -> FigureGroup:
    """One measure's claims, whether they agree and why not; ``compare`` is off for a
    catch-all group whose values need not be of one event."""
    infos = _claims(mentions)
    infos.sort(key=lambda c: -len(c.claim.doc_ids))
    # Dates relative to a report of unknown date ("last fall") are shown, not compared.
    compared = [c for c in infos if not c.unresolved]
    if kind == "date" and any(c.tol_low < 10000 for c in compared):
        _to_month_day(compared)
    agree = len(compared) < 2 or _overlap(compared)
    note = ""
    if not compare:
        pass
    elif not agree:
        sequence = _time_sequence(infos)
        if sequence is not None:
            infos = sequence
            note = " → ".join(f"{c.claim.label} ({_when(c)})" for c in infos)
        else:
            note = "reports disagree: " + "; ".join(
                f"{', '.join(c.claim.sources)} says {c.claim.label}" for c in infos
            )
    elif len(infos) > 1:
        note = "the figures are consistent: " + ", ".join(c.claim.label for c in infos)
    group = FigureGroup(
        measure=measure,
        status="agree" if agree else "differ",
        claims=[c.claim for c in infos],
        note=note,
        kind="date" if kind == "date" else "count",
    )
    return group


def _short_time(as_of: str | None) -> str | None:
    if not as_of:
        return None
    words = as_of.split()
    while len(words) > 1 and words[0].lower() in {"in", "on", "as", "of", "by", "at", "during"}:
        words = words[1:]
    return " ".join(words)


def summary_line(group: FigureGroup) -> str:
    """One line that leads the answer: "Reports differ on deaths: about 600 (3 reports) vs
    about 300 (January, 1 report)"."""
    claims = sorted(group.claims, key=lambda c: -len(c.doc_ids))

    def part(c: Claim) -> str:
        when = _short_time(c.as_of)
        inner = f"{when}, {_count(len(c.doc_ids))}" if when else _count(len(c.doc_ids))
        return f"{c.label} ({inner})"

    measure = f"the date ({group.measure})" if group.kind == "date" else group.measure
    if len(claims) == 1:
        return f"{measure[0].upper()}{measure[1:]}: {part(claims[0])}"
    if group.status == "differ":
        return f"Reports differ on {measure}: " + " vs ".join(part(c) for c in claims)
    return f"Reports agree on {measure}: " + ", ".join(part(c) for c in claims)
