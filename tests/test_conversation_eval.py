"""The conversation eval: its file, its scores, and the shipped conversation files through the
real core on the seeds and the flood corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from bot.answer import Answer
from bot.conversation_eval import (
    ConversationReport,
    is_conversation_file,
    load_conversations,
    render_conversation_eval,
    run_conversation_eval,
)
from bot.core import AnswerService
from retrieval.errors import BadInputError

try:
    from tests.test_evaluation import EVAL, FLOOD, ROOT, cli
    from tests.test_evaluation import flood_service as flood_service  # the fixture
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from test_evaluation import EVAL, FLOOD, ROOT, cli  # type: ignore[no-redef]
    from test_evaluation import flood_service as flood_service  # type: ignore[no-redef]

FILES = (("seeds_conversations.jsonl", ROOT / "seeds"), ("flood_conversations.jsonl", FLOOD))


def test_shipped_conversation_files_parse_and_name_real_documents() -> None:
    for name, corpus in FILES:
        path = EVAL / name
        assert is_conversation_file(path) and not is_conversation_file(EVAL / "seeds.jsonl")
        docs = {p.stem for p in corpus.iterdir()}
        conversations = load_conversations(path)
        assert len(conversations) >= 5
        for _, conversation in conversations:
            for turn in conversation.turns:
                named = set(turn.expected_docs) | {
                    f.doc_id for f in turn.expected_figures if f.doc_id
                }
                assert named <= docs, (name, conversation.id, named - docs)
        in_context = [t for _, c in conversations for t in c.turns if t.in_context]
        alone = [t for _, c in conversations for t in c.turns if t.in_context is False]
        assert len(in_context) >= 3 and len(alone) >= 3


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "turns": [{"question": "a", "in_context": "yes"}]}', "in_context"),
        ('{"id": "x", "turns": [{"question": "a", "summary": "b"}]}', "summary"),
        ('{"id": "x"}', "turns"),
    ],
)
def test_a_bad_conversation_names_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "ok", "turns": [{"question": "How many died?"}]}\n' + line + "\n")
    with pytest.raises(BadInputError, match=rf"line 2: .*{message}"):
        load_conversations(path)


def test_context_and_lead_line_are_scored(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    turns = [
        {"question": "How many died?", "in_context": False},
        {"question": "and in January?", "in_context": True, "summary_has": ["300", "600"]},
    ]
    path.write_text(json.dumps({"id": "d", "turns": turns}) + "\n")
    asked: list[tuple[str, str]] = []

    def ask(question: str, key: str) -> Answer:
        asked.append((question, key))
        return Answer(question, True, summary="Deaths: about 300", interpreted_as=None)

    report = run_conversation_eval(path, ask, 5)
    assert [k for _, k in asked] == [asked[0][1]] * 2  # one conversation, one key
    assert report.context_accuracy == 0.5  # the follow-up was not read in context
    assert report.summary_rate == 0.5 and report.checks[1].summary_missing == ["600"]
    data = report.to_dict()
    assert data["conversations"] == 1 and data["context_accuracy"] == 0.5
    console = Console(record=True, width=160)
    console.print(render_conversation_eval(report))
    assert "context read right: 50%" in console.export_text()


def _scores(report: ConversationReport) -> None:
    wrong = [(c.conversation, c.turn, c.interpreted_as) for c in report.checks if not c.context_ok]
    assert report.context_accuracy == 1.0, wrong
    missing = [(c.conversation, c.turn, c.summary_missing) for c in report.checks]
    assert report.summary_rate == 1.0, [m for m in missing if m[2]]
    assert report.mixed_count == 0
    assert report.figure_rate is not None and report.figure_rate >= 0.9
    assert report.abstention_accuracy == 1.0


def test_seeds_conversations_through_the_real_core(seed_service: AnswerService) -> None:
    path = EVAL / "seeds_conversations.jsonl"
    _scores(run_conversation_eval(path, lambda q, k: seed_service.ask(q, conversation=k), 5))


def test_flood_conversations_through_the_real_core(flood_service: AnswerService) -> None:
    path = EVAL / "flood_conversations.jsonl"
    _scores(run_conversation_eval(path, lambda q, k: flood_service.ask(q, conversation=k), 5))


def test_eval_command_takes_a_conversation_file(tmp_path: Path) -> None:
    where = ("--corpus", str(FLOOD), "--index", str(tmp_path / "index"))
    out = cli("eval", str(EVAL / "flood_conversations.jsonl"), "--json", *where)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"context_accuracy", "summary_rate", "conversations", "turns"} <= set(data)
    assert data["conversations"] == len(load_conversations(EVAL / "flood_conversations.jsonl"))
