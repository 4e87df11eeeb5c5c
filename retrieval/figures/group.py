"""Figures grouped by measure across documents: merged claims, agree or differ, and notes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.figures.extract import DATES_NAME, OTHER_NAME, Mention, label
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
            qualifier=qualifier,
            time_key=time_key,
            before_change=all(m.value.before_change for m in kept),
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


def _by_report_date(
    infos: list[ClaimInfo], published: dict[str, str | None]
) -> list[ClaimInfo] | None:
    """Claims in the order of their latest report's date, when each has a dated report and
    one claim's is the latest alone (a question that asks what a thing "ended up" as reads
    the latest report's value as the answer); None when reports' dates cannot say."""
    latest: list[str] = []
    for c in infos:
        dates = [d for d in (published.get(doc) for doc in c.claim.doc_ids) if d]
        if not dates:
            return None
        latest.append(max(dates))
    if latest.count(max(latest)) > 1:
        return None  # the latest report gives two values: neither is the answer
    return [c for _, c in sorted(zip(latest, infos, strict=True), key=lambda x: x[0])]


def build_group(
    measure: str,
    kind: str,
    mentions: Sequence[Mention],
    compare: bool = True,
    latest_by: dict[str, str | None] | None = None,
) -> FigureGroup:
    """One measure's claims, whether they agree and why not; ``compare`` is off for a
    catch-all group whose values need not be of one event. ``latest_by``: each report's
    date, when the question asks what a thing "ended up" as: values that differ and that no
    time phrase orders are ordered by their reports' dates, the latest the answer."""
    infos = _claims(mentions)
    if compare:
        infos.sort(key=lambda c: -len(c.claim.doc_ids))
    else:
        # A catch-all's values are of different events: in time order among equals, not in
        # the order the search happened to return their passages (FAISS and Milvus may
        # order passages of equal score apart).
        infos.sort(key=lambda c: (-len(c.claim.doc_ids), c.claim.low or 0.0, c.claim.label))
    in_time_order = False
    # Dates relative to a report of unknown date ("last fall") are shown, not compared; nor
    # is the level a change started from, unless a group has nothing else.
    compared = [c for c in infos if not c.unresolved]
    before = [c for c in compared if c.claim.before_change]
    if len(before) == len(compared) or not compare:
        before = []
    compared = [c for c in compared if c not in before]
    infos = [c for c in infos if c not in before]
    if kind == "date" and any(c.tol_low < 10000 for c in compared):
        _to_month_day(compared)
    agree = len(compared) < 2 or _overlap(compared)
    note = ""
    if not compare:
        pass
    elif not agree:
        sequence = _time_sequence(infos)
        if sequence is None and latest_by:
            sequence = _by_report_date(infos, latest_by)
        in_time_order = sequence is not None
        if sequence is not None:
            infos = sequence
            note = " → ".join(f"{c.claim.label} ({_when(c)})" for c in infos)
        else:
            note = "reports disagree: " + "; ".join(
                f"{', '.join(c.claim.sources)} says {c.claim.label}" for c in infos
            )
    elif len(infos) > 1:
        note = "the figures are consistent: " + ", ".join(c.claim.label for c in infos)
    if before:
        earlier = ", ".join(c.claim.label for c in before)
        note = "; ".join(filter(None, [note, f"before the change: {earlier}"]))
    infos = before + infos  # the earlier levels first, as in a sequence in time
    group = FigureGroup(
        measure=measure,
        status="agree" if agree else "differ",
        claims=[c.claim for c in infos],
        note=note,
        kind="date" if kind == "date" else "count",
        in_time_order=in_time_order,
        compared=compare,
    )
    return group


def _short_time(as_of: str | None) -> str | None:
    if not as_of:
        return None
    words = as_of.split()
    leads = {"in", "on", "as", "of", "by", "at", "during", "earlier", "later"}
    while len(words) > 1 and words[0].lower() in leads:
        words = words[1:]
    return " ".join(words)


# Time phrases that do not name a time on their own ("the previous fall", "last year").
_NOT_NAMES = frozenset({"the", "this", "that", "last", "past", "previous", "next", "early", "late"})
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()
# How many other values the lead sentence names before it only counts them.
OTHERS_NAMED = 2


def _reports(n: int) -> str:
    word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else f"{n:,}"
    return f"{word} report" if n == 1 else f"{word} reports"


def _who(claim: Claim) -> str:
    """Who gives a value and when: "the NIS, January" (empty when no report says)."""
    claimants = _claimants(claim)
    when = _short_time(claim.as_of)
    return ", ".join([*claimants, *([when] if when else [])])


def _according(claim: Claim) -> str:
    who = _who(claim)
    return f"according to {_reports(len(claim.doc_ids))}" + (f" ({who})" if who else "")


def _claimants(claim: Claim) -> list[str]:
    """Who gives a value, as the reports name them ("The ministry", "the union"), at most two."""
    seen: dict[str, str] = {}
    for m in claim.mentions:
        if m.claimed_by and len(m.claimed_by) <= 40:
            seen.setdefault(m.claimed_by.lower(), m.claimed_by)
    return list(seen.values())[:2]


def _gives(claim: Claim, kind: str, name_claimants: bool = False) -> str:
    """ "one report gives about 300 as the January estimate"; with ``name_claimants``, who
    gives it: "one report gives 75 (the union)"."""
    n = len(claim.doc_ids)
    verb = "gives" if n == 1 else "give"
    when = _short_time(claim.as_of)
    who = [_mid_sentence(c) for c in _claimants(claim)] if name_claimants else []
    by = f" ({', '.join(who)})" if who else ""
    if claim.before_change:
        return f"{_reports(n)} {verb} {claim.label} as the level before the change{by}"
    if when and kind == "count" and when.split()[0].lower() not in _NOT_NAMES:
        return f"{_reports(n)} {verb} {claim.label} as the {when} estimate{by}"
    if when and kind == "count":
        return f"{_reports(n)} {verb} {claim.label} ({when}){by}"
    return f"{_reports(n)} {verb} {claim.label}{by}"


def _mid_sentence(name: str) -> str:
    """ "The ministry" as it reads inside a sentence: "the ministry"."""
    return "the" + name[3:] if name.startswith("The ") else name


def _shares_a_report(claim: Claim, claims: list[Claim]) -> bool:
    """Whether another value of the group comes from one of this value's reports (two
    claimants in one report: each is named, or the sentence cannot tell them apart)."""
    return any(set(claim.doc_ids) & set(o.doc_ids) for o in claims if o is not claim)


def _lead_value(group: FigureGroup, claim: Claim) -> str:
    """The lead value with what it counts: "About 600 deaths", "Levee broke: 3 March 2025"."""
    label = claim.label
    counts_things = group.kind == "count" and claim.unit in {None, "people"}
    if counts_things and not group.measure.startswith("share"):
        text = f"{label} {group.measure}"
    elif group.kind == "date" and group.measure not in {OTHER_NAME, DATES_NAME}:
        text = f"{group.measure} {label}"  # "born 12 December 1750", "sent last fall"
    else:
        text = f"{group.measure}: {label}"
    return text[0].upper() + text[1:]


def lead_claims(group: FigureGroup) -> tuple[Claim, list[Claim]]:
    """The value a group's lead sentence names first, and the others in the order it names
    them: the latest of values in time order (the others earlier estimates), else the value
    most reports give; never the level a change started from (no one's figure for now)."""
    claims = list(group.claims)
    if group.in_time_order:
        return claims[-1], list(reversed(claims[:-1]))
    order = sorted(
        range(len(claims)), key=lambda i: (claims[i].before_change, -len(claims[i].doc_ids))
    )
    return claims[order[0]], [claims[i] for i in order[1:]]


def summary_line(group: FigureGroup) -> str:
    """One sentence that leads the answer, built from the group's values, sources and times:
    "About 600 deaths, according to three reports (NIS); one report gives about 300 as the
    January estimate." Values that disagree at one time are named side by side, none of them
    as the answer: "Reports differ on the date (levee broke): 3 March 2025 according to one
    report; one report gives 2 March 2025; …"."""
    claims = list(group.claims)
    lead, rest = lead_claims(group)
    # Two claimants of one report at one time are told apart by name; an earlier estimate
    # in the same report is told apart by its time.
    by_name = not group.in_time_order
    named = [
        _gives(c, group.kind, by_name and _shares_a_report(c, claims)) for c in rest[:OTHERS_NAMED]
    ]
    if len(rest) > OTHERS_NAMED:
        more = len(rest) - OTHERS_NAMED
        named.append(f"{more} more value{'s' if more > 1 else ''} in other reports")
    if group.status == "differ" and not group.in_time_order:
        what = f"the date ({group.measure})" if group.kind == "date" else group.measure
        head = f"Reports differ on {what}: {lead.label} {_according(lead)}"
    else:
        head = f"{_lead_value(group, lead)}, {_according(lead)}"
        # The level before a change agrees with nothing: it is named last, after those that do.
        agreeing = sum(not c.before_change for c in rest[:OTHERS_NAMED])
        if agreeing and group.status == "agree":
            named[agreeing - 1] += ", which agrees" if agreeing == 1 else ", which agree"
    return "; ".join([head, *named]) + "."
