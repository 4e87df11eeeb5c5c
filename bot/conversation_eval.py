"""``corpusbot eval`` on a conversations file: each line is a conversation, its turns asked in
order in one conversation and each scored like a question of ``bot.evaluation``, plus whether
the turn was read in context when it should be (and only then) and whether its lead line
states the values it must (the schema is in docs/evaluation.md):

    {"id": "deaths", "turns": [
       {"question": "How many died?", "expected_figures": [{"value": 600}]},
       {"question": "and in January?", "in_context": true, "summary_has": ["300"]}]}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from bot.answer import Answer
from bot.evaluation import EvalReport, QuestionSpec, load_lines, render_eval, score_answer
from retrieval.errors import BadInputError

# ``ask(question, conversation_key)``
AskIn = Callable[[str, str], Answer]


class TurnSpec(QuestionSpec):
    # True: the answer must say how it read the question from context; False: it must not.
    in_context: StrictBool | None = None


class ConversationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: StrictStr
    turns: list[TurnSpec]


def is_conversation_file(path: Path) -> bool:
    """Whether the first object of the JSONL file ``path`` is a conversation (has turns)."""
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    data = json.loads(line)
                    return isinstance(data, dict) and "turns" in data
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False  # the question loader names the problem
    return False


def load_conversations(path: Path) -> list[tuple[int, ConversationSpec]]:
    return load_lines(path, ConversationSpec, "conversations")


@dataclass
class TurnCheck:
    conversation: str
    turn: int
    question: str
    interpreted_as: str | None
    context_ok: bool | None  # None: the file does not say
    summary_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversation": self.conversation,
            "turn": self.turn,
            "question": self.question,
            "interpreted_as": self.interpreted_as,
            "context_ok": self.context_ok,
            "summary_missing": self.summary_missing,
        }


@dataclass
class ConversationReport(EvalReport):
    checks: list[TurnCheck] = field(default_factory=list)

    @property
    def context_accuracy(self) -> float | None:
        """Share of turns read in context exactly when they should be."""
        judged = [c.context_ok for c in self.checks if c.context_ok is not None]
        return sum(judged) / len(judged) if judged else None

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["conversations"] = len({c.conversation for c in self.checks})
        data["context_accuracy"] = self.context_accuracy
        data["turns"] = [c.to_dict() for c in self.checks]
        return data


def run_conversation_eval(path: Path, ask: AskIn, k: int) -> ConversationReport:
    """Ask every conversation of ``path``, turn by turn, each in its own conversation."""
    report = ConversationReport(path=str(path), k=k)
    for line, conversation in load_conversations(path):
        key = f"eval:{path.name}:{line}"
        for n, turn in enumerate(conversation.turns, start=1):
            try:
                answer = ask(turn.question, key)
            except BadInputError as exc:
                raise BadInputError(f"{path} line {line} turn {n}: {exc}") from exc
            result = score_answer(turn, answer, k, line)
            result.id = f"{conversation.id}#{n}"
            report.results.append(result)
            missing = result.summary_missing
            context_ok = None
            if turn.in_context is not None:
                context_ok = (answer.interpreted_as is not None) == turn.in_context
            report.checks.append(
                TurnCheck(
                    conversation.id, n, turn.question, answer.interpreted_as, context_ok, missing
                )
            )
    return report


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def render_conversation_eval(report: ConversationReport) -> RenderableType:
    table = Table(title="turns read in context", header_style="bold", expand=True)
    table.add_column("turn", no_wrap=True)
    table.add_column("question", ratio=2)
    table.add_column("read as", ratio=2)
    table.add_column("context", no_wrap=True)
    table.add_column("lead line missing", ratio=1)
    for c in report.checks:
        ok = {None: "–", True: "ok", False: "[red]wrong[/]"}[c.context_ok]
        table.add_row(
            f"{escape(c.conversation)}#{c.turn}",
            escape(c.question),
            escape(c.interpreted_as or ""),
            ok,
            escape(", ".join(c.summary_missing)) or "–",
        )
    totals = (
        f"context read right: {_share(report.context_accuracy)}; "
        f"lead-line values stated: {_share(report.summary_rate)}"
    )
    return Group(render_eval(report), table, totals)
