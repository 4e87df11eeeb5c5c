"""``corpusbot eval``: score retrieval, figures and abstention on a JSON Lines question file.

Each line is one question (the schema is in docs/evaluation.md):

    {"question": "How many died?", "expected_docs": ["a", "b"],
     "expected_figures": [{"value": 600, "doc_id": "a"}, {"low": 10, "high": 12}],
     "forbidden": [4700], "answerable": true}

Scores: recall@k of the expected documents among the quoted passages; the share of expected
figures found in the right group with the right document; how many forbidden values (another
measure's figures) were mixed into the question's group; and whether the bot answered exactly
when it should and abstained otherwise.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictFloat,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from bot.answer import Answer
from retrieval.errors import BadInputError
from retrieval.figures.group import lead_claims
from retrieval.figures.model import FigureGroup, FigureValue

# Two numbers are one value when they differ by less than this share (float noise of bounds).
REL_TOL = 1e-6
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# --- the file's schema (pydantic: this is an edge) ------------------------------------------------


def date_interval(text: str) -> tuple[float, float]:
    """ "2025" / "2025-03" / "2025-03-03" as the YYYYMMDD interval the figures use for dates."""
    match = DATE_RE.match(text.strip())
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"date {text!r} has no month {month}")
    if month is None:
        return year * 10000 + 101, year * 10000 + 1231
    base = year * 10000 + month * 100
    if day is None:
        # YYYYMMDD numbers are keys, not calendar days: a month spans days 01–31 whatever
        # its length, as the figures write it ("September 1888" is 18880901–18880931).
        return base + 1, base + 31
    if not 1 <= day <= _MONTH_DAYS[month - 1]:
        raise ValueError(f"date {text!r} has no day {day}")
    return base + day, base + day


class FigureSpec(BaseModel):
    """One value a question's figures must (or must not) contain.

    Exactly one of: ``value`` (a number: matches a figure whose bound or midpoint it is),
    ``low``/``high`` (a range: both bounds must match), ``date`` (a period: the figure's dates
    must lie inside it).
    """

    model_config = ConfigDict(extra="forbid")

    value: StrictFloat | None = None
    low: StrictFloat | None = None
    high: StrictFloat | None = None
    date: StrictStr | None = None
    doc_id: StrictStr | None = None  # the document that must state it (any document when absent)
    group: Literal["first", "other", "any"] = "first"
    measure_hint: StrictStr | None = None  # words the group's measure name must contain (prefixes)

    @field_validator("date")
    @classmethod
    def _valid_date(cls, value: str | None) -> str | None:
        if value is not None:
            date_interval(value)
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> FigureSpec:
        kinds = [
            self.value is not None,
            self.low is not None or self.high is not None,
            self.date is not None,
        ]
        if sum(kinds) != 1:
            raise ValueError("give exactly one of value, low/high, or date")
        for name in ("value", "low", "high"):
            number = getattr(self, name)
            if number is not None and not math.isfinite(number):
                raise ValueError(f"{name} must be a finite number")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low is above high")
        if self.measure_hint is not None and not _words(self.measure_hint):
            raise ValueError("measure_hint has no words")
        return self

    def describe(self) -> str:
        if self.date is not None:
            text = self.date
        elif self.value is not None:
            text = _number(self.value)
        else:
            text = f"{_number(self.low)}–{_number(self.high)}"
        return f"{text} ({self.doc_id})" if self.doc_id else text


class QuestionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: StrictStr | None = None
    question: StrictStr
    expected_docs: list[StrictStr] = []
    expected_figures: list[FigureSpec] = []
    # Values that must not appear in the question's first group: another measure's figures.
    forbidden: list[StrictFloat | StrictStr | FigureSpec] = []
    answerable: StrictBool = True
    # Whether the question's group should say the reports agree or differ.
    status: Literal["agree", "differ"] | None = None
    # false: the question asks for no number or date, so the answer shows no figures table.
    figures_table: StrictBool | None = None
    # Texts the answer's lead line must hold, case-insensitive ("Kursk", "300").
    summary_has: list[StrictStr] = []

    @field_validator("question")
    @classmethod
    def _non_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is empty")
        return value

    @field_validator("forbidden")
    @classmethod
    def _forbidden_specs(cls, values: list[float | str | FigureSpec]) -> list[FigureSpec]:
        specs: list[FigureSpec] = []
        for v in values:
            if isinstance(v, FigureSpec):
                specs.append(v)
            elif isinstance(v, str):
                specs.append(FigureSpec(date=v))
            else:
                specs.append(FigureSpec(value=v))
        return specs

    @model_validator(mode="after")
    def _consistent(self) -> QuestionSpec:
        if not self.answerable and (self.expected_docs or self.expected_figures or self.status):
            raise ValueError("an unanswerable question cannot expect documents or figures")
        if self.figures_table is False and (self.expected_figures or self.status):
            raise ValueError("a question with figures_table false cannot expect figures")
        return self

    def forbidden_specs(self) -> list[FigureSpec]:
        return [f for f in self.forbidden if isinstance(f, FigureSpec)]


Spec = TypeVar("Spec", bound=BaseModel)


def _location(error: Any) -> str:
    loc = ".".join(str(part) for part in error.get("loc", ()) if part not in ("function-after",))
    return f"{loc}: " if loc else ""


def load_lines(path: Path, model: type[Spec], noun: str = "questions") -> list[tuple[int, Spec]]:
    """The objects of a JSONL file, each validated as ``model``, with their line numbers;
    ``BadInputError`` names the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"{path}: cannot be read ({exc})") from exc
    items: list[tuple[int, Spec]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"{path} line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise BadInputError(f"{path} line {number}: expected a JSON object")
        try:
            items.append((number, model.model_validate(data)))
        except ValidationError as exc:
            first = exc.errors()[0]
            message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
            raise BadInputError(f"{path} line {number}: {_location(first)}{message}") from None
    if not items:
        raise BadInputError(f"{path}: no {noun}")
    return items


def load_questions(path: Path) -> list[tuple[int, QuestionSpec]]:
    """The questions of a JSONL file with their line numbers; ``BadInputError`` names the line."""
    return load_lines(path, QuestionSpec)


# --- matching --------------------------------------------------------------------------------------


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def value_matches(spec: FigureSpec, value: FigureValue) -> bool:
    """Whether one stated figure is the value ``spec`` describes (its document aside)."""
    low, high = value.low, value.high
    if spec.date is not None:
        if value.unit != "date" or (low is None and high is None):
            return False
        start, end = date_interval(spec.date)
        return all(start <= b <= end for b in (low, high) if b is not None)
    if value.unit == "date":
        # "In which year did it open?" expected as {"value": 1936}: a date in that year.
        if spec.value is None or not _is_year(spec.value) or (low is None and high is None):
            return False
        start, end = date_interval(str(int(spec.value)))
        return all(start <= b <= end for b in (low, high) if b is not None)
    if spec.value is not None:
        midpoint = (low + high) / 2 if low is not None and high is not None else None
        return any(_close(spec.value, b) for b in (low, high, midpoint))
    # A range: each bound it gives must be the figure's bound ("more than 4,000" has low 4,000).
    if spec.low is not None and not _close(spec.low, low):
        return False
    return spec.high is None or _close(spec.high, high)


def _is_year(number: float) -> bool:
    return number == int(number) and 1000 <= number <= 2999


def figure_matches(spec: FigureSpec, value: FigureValue) -> bool:
    if spec.doc_id is not None and value.doc_id != spec.doc_id:
        return False
    return value_matches(spec, value)


def measure_matches(hint: str, measure: str) -> bool:
    """Every word of ``hint`` starts a word of ``measure`` ("evacuat" matches "evacuated")."""
    words = _words(measure)
    return all(any(w.startswith(h) for w in words) for h in _words(hint))


def candidate_groups(spec: FigureSpec, groups: Sequence[FigureGroup]) -> list[FigureGroup]:
    """The groups ``spec``'s value must be found in."""
    chosen = {"first": list(groups[:1]), "other": list(groups[1:]), "any": list(groups)}[spec.group]
    if spec.measure_hint:
        chosen = [g for g in chosen if measure_matches(spec.measure_hint, g.measure)]
    return chosen


def find_figure(spec: FigureSpec, groups: Sequence[FigureGroup]) -> FigureGroup | None:
    for group in candidate_groups(spec, groups):
        if any(figure_matches(spec, v) for v in group.values):
            return group
    return None


# --- scoring -----------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    line: int
    question: str
    answerable: bool
    answered: bool
    expected_docs: list[str]
    retrieved_docs: list[str]  # documents of the first k quoted passages, in order, once each
    figures_expected: int
    figures_found: int
    missing_figures: list[str] = field(default_factory=list)
    mixed: list[str] = field(default_factory=list)  # forbidden values in the first group
    first_group: str | None = None
    status_expected: str | None = None
    status: str | None = None  # the first group's, when there is one
    id: str | None = None
    groups: int = 0  # figure groups shown
    figures_table: bool | None = None  # what the question expects (None: not said)
    lead_expected: int = 0  # expected figures whose group is the first
    lead_found: int = 0  # of those, found in the first group
    summary_expected: int = 0  # texts the lead line must hold …
    summary_missing: list[str] = field(default_factory=list)  # … and those it lacks
    # Whether the value the lead line names first is the question's answer (its first expected
    # figure, when that names no document and others follow it); None when it names none.
    answer_first: bool | None = None

    @property
    def lead_ok(self) -> bool:
        """Whether the answer leads as the question demands: no answer when the corpus does
        not answer, no figures table for a question that asks for none, else a first group of
        the asked measure (one of its expected figures there, no forbidden value mixed in)."""
        if not self.answerable:
            return not self.answered
        if not self.answered:
            return False
        if self.figures_table is False:
            return self.groups == 0
        if self.lead_expected:
            return self.lead_found > 0 and not self.mixed
        return True

    @property
    def recall(self) -> float | None:
        if not self.expected_docs:
            return None
        found = set(self.retrieved_docs) & set(self.expected_docs)
        return len(found) / len(set(self.expected_docs))

    @property
    def status_ok(self) -> bool | None:
        if self.status_expected is None:
            return None
        return self.status == self.status_expected

    @property
    def abstention_ok(self) -> bool:
        return self.answered == self.answerable

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "id": self.id,
            "question": self.question,
            "answerable": self.answerable,
            "answered": self.answered,
            "abstention_ok": self.abstention_ok,
            "recall": self.recall,
            "expected_docs": self.expected_docs,
            "retrieved_docs": self.retrieved_docs,
            "figures_expected": self.figures_expected,
            "figures_found": self.figures_found,
            "missing_figures": self.missing_figures,
            "mixed": self.mixed,
            "first_group": self.first_group,
            "status_expected": self.status_expected,
            "status": self.status,
            "figures_table": self.figures_table,
            "groups": self.groups,
            "lead_ok": self.lead_ok,
            "summary_missing": self.summary_missing,
            "answer_first": self.answer_first,
        }


@dataclass
class EvalReport:
    path: str
    k: int
    results: list[QuestionResult] = field(default_factory=list)

    @property
    def recall_at_k(self) -> float | None:
        """Mean recall@k over the questions that expect documents."""
        values = [r.recall for r in self.results if r.recall is not None]
        return sum(values) / len(values) if values else None

    @property
    def figures_expected(self) -> int:
        return sum(r.figures_expected for r in self.results)

    @property
    def figures_found(self) -> int:
        return sum(r.figures_found for r in self.results)

    @property
    def figure_rate(self) -> float | None:
        """Share of all expected figures found in their group with their document."""
        expected = self.figures_expected
        return self.figures_found / expected if expected else None

    @property
    def mixed_count(self) -> int:
        return sum(len(r.mixed) for r in self.results)

    @property
    def status_accuracy(self) -> float | None:
        """Share of the questions with an expected status whose group has that status."""
        checks = [r.status_ok for r in self.results if r.status_ok is not None]
        return sum(checks) / len(checks) if checks else None

    @property
    def abstention_accuracy(self) -> float | None:
        if not self.results:
            return None
        return sum(r.abstention_ok for r in self.results) / len(self.results)

    @property
    def lead_accuracy(self) -> float | None:
        """Share of questions whose answer leads as they demand (``QuestionResult.lead_ok``)."""
        if not self.results:
            return None
        return sum(r.lead_ok for r in self.results) / len(self.results)

    @property
    def answer_first_rate(self) -> float | None:
        """Share of the questions that name their answer among values that differ whose lead
        line names that answer first (``QuestionResult.answer_first``)."""
        checks = [r.answer_first for r in self.results if r.answer_first is not None]
        return sum(checks) / len(checks) if checks else None

    @property
    def summary_rate(self) -> float | None:
        """Share of the ``summary_has`` texts that the answers' lead lines hold."""
        expected = sum(r.summary_expected for r in self.results)
        missing = sum(len(r.summary_missing) for r in self.results)
        return (expected - missing) / expected if expected else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "k": self.k,
            "questions": len(self.results),
            "recall_at_k": self.recall_at_k,
            "figures_expected": self.figures_expected,
            "figures_found": self.figures_found,
            "figure_rate": self.figure_rate,
            "mixed": self.mixed_count,
            "status_accuracy": self.status_accuracy,
            "abstention_accuracy": self.abstention_accuracy,
            "lead_accuracy": self.lead_accuracy,
            "summary_rate": self.summary_rate,
            "answer_first_rate": self.answer_first_rate,
            "results": [r.to_dict() for r in self.results],
        }


def score_answer(spec: QuestionSpec, answer: Answer, k: int, line: int = 0) -> QuestionResult:
    """How one answer measures up to its expectations."""
    retrieved = list(dict.fromkeys(s.doc_id for s in answer.snippets[:k]))
    groups = answer.figures if answer.answered else []
    missing = [f.describe() for f in spec.expected_figures if find_figure(f, groups) is None]
    first = groups[:1]
    leading = [f for f in spec.expected_figures if f.group == "first"]
    lead_found = sum(
        1 for f in leading if first and any(figure_matches(f, v) for v in first[0].values)
    )
    mixed = [
        f.describe()
        for f in spec.forbidden_specs()
        if first and any(figure_matches(f, v) for v in first[0].values)
    ]
    return QuestionResult(
        line=line,
        id=spec.id,
        question=spec.question,
        answerable=spec.answerable,
        answered=answer.answered,
        expected_docs=list(dict.fromkeys(spec.expected_docs)),
        retrieved_docs=retrieved,
        figures_expected=len(spec.expected_figures),
        figures_found=len(spec.expected_figures) - len(missing),
        missing_figures=missing,
        mixed=mixed,
        first_group=first[0].measure if first else None,
        status_expected=spec.status,
        status=first[0].status if first else None,
        groups=len(groups),
        figures_table=spec.figures_table,
        lead_expected=len(leading),
        lead_found=lead_found,
        summary_expected=len(spec.summary_has),
        summary_missing=[t for t in spec.summary_has if t.lower() not in answer.summary.lower()],
        answer_first=_answer_first(spec, first[0] if first else None),
    )


def _answer_first(spec: QuestionSpec, first: FigureGroup | None) -> bool | None:
    """Whether the first group's lead value (what its lead line names first) is the
    question's answer: its first expected figure, when that names no document and other
    figures follow it; None when the question names no such answer."""
    figures = spec.expected_figures
    if len(figures) < 2 or figures[0].doc_id is not None or figures[0].group != "first":
        return None
    if first is None:
        return False
    lead, _ = lead_claims(first)
    return any(figure_matches(figures[0], v) for v in lead.mentions)


def run_eval(path: Path, ask: Callable[[str], Answer], k: int) -> EvalReport:
    """Ask every question of ``path`` and score the answers; a bad file is a ``BadInputError``."""
    questions = load_questions(path)
    report = EvalReport(path=str(path), k=k)
    for line, spec in questions:
        try:
            answer = ask(spec.question)
        except BadInputError as exc:
            raise BadInputError(f"{path} line {line}: {exc}") from exc
        report.results.append(score_answer(spec, answer, k, line))
    return report


# --- rendering ---------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _question_table(report: EvalReport) -> Table:
    table = Table(title=f"{report.path} (k={report.k})", header_style="bold", expand=True)
    table.add_column("line", justify="right")
    table.add_column("question", ratio=3, min_width=16)
    table.add_column(f"recall@{report.k}", justify="right", no_wrap=True)
    table.add_column("figures", justify="right", no_wrap=True)
    table.add_column("mixed", justify="right", no_wrap=True)
    table.add_column("abstention", no_wrap=True)
    table.add_column("first group / missing", ratio=2, min_width=14, overflow="fold")
    for r in report.results:
        figures = f"{r.figures_found}/{r.figures_expected}" if r.figures_expected else "–"
        if r.answerable:
            abstention = "answered" if r.answered else "[red]abstained[/]"
        else:
            abstention = "[red]answered[/]" if r.answered else "abstained"
        notes = [escape(r.first_group or "")]
        if r.missing_figures:
            notes.append("[red]missing " + escape(", ".join(r.missing_figures)) + "[/]")
        if r.status_ok is False:
            notes.append(f"[red]{r.status or 'no group'}, expected {r.status_expected}[/]")
        elif r.status_ok:
            notes[0] = f"{notes[0]} ({r.status})"
        if r.mixed:
            notes.append("[red]mixed in " + escape(", ".join(r.mixed)) + "[/]")
        if r.figures_table is False and r.groups:
            notes.append("[red]figures shown, none asked for[/]")
        if r.summary_missing:
            notes.append("[red]lead lacks " + escape(", ".join(r.summary_missing)) + "[/]")
        table.add_row(
            str(r.line),
            escape(r.question),
            _share(r.recall),
            figures,
            str(len(r.mixed)) if r.mixed else "0",
            abstention,
            "\n".join(n for n in notes if n),
        )
    return table


def summary_table(report: EvalReport) -> Table:
    table = Table(title="scores", header_style="bold")
    table.add_column("score")
    table.add_column("value", justify="right")
    table.add_row(f"recall@{report.k} of expected documents", _share(report.recall_at_k))
    table.add_row(
        "expected figures found in the right group",
        f"{_share(report.figure_rate)} ({report.figures_found}/{report.figures_expected})",
    )
    table.add_row("forbidden values mixed into the question's group", str(report.mixed_count))
    table.add_row("agree/differ as expected", _share(report.status_accuracy))
    table.add_row("abstention accuracy", _share(report.abstention_accuracy))
    table.add_row(
        "leads as asked (right measure, no figures, or no answer)", _share(report.lead_accuracy)
    )
    if report.summary_rate is not None:
        table.add_row("lead-line texts stated (summary_has)", _share(report.summary_rate))
    if report.answer_first_rate is not None:
        table.add_row(
            "the answer named first where values differ", _share(report.answer_first_rate)
        )
    return table


def render_eval(report: EvalReport) -> RenderableType:
    return Group(_question_table(report), summary_table(report))
