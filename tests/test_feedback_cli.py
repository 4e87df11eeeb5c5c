"""``corpusbot feedback`` (listing, export-eval) and ``corpusbot ask --chart``."""

from __future__ import annotations

import json
from pathlib import Path

from bot.answer import Answer, Snippet
from bot.evaluation import load_questions
from bot.feedback import FeedbackStore
from tests.test_cli import FAKE, ROOT, run

FLOOD = ROOT / "tests" / "corpora" / "flood"


def voted(path: Path) -> FeedbackStore:
    store = FeedbackStore(path)
    for n, question in enumerate(["How many died?", "Who paid?", "How many died?"]):
        snippet = Snippet(f"doc-{n}", "T", "quote", 5, 10, 0.9)
        platform = "discord" if n == 1 else "slack"
        store.record_answer(
            f"a{n}",
            Answer(question, True, [snippet], summary=f"s{n}"),
            platform=platform,
            channel="C1",
        )
    store.vote("a0", platform="slack", user_id="U1", vote=-1)
    store.set_reason("a0", platform="slack", user_id="U1", reason="wrong year")
    store.vote("a1", platform="discord", user_id="42", vote=1)
    store.vote("a2", platform="slack", user_id="U2", vote=-1)
    return store


def test_feedback_lists_votes_as_json_and_filters(tmp_path: Path) -> None:
    db = tmp_path / "votes.sqlite3"
    voted(db)
    env = {"CORPUSBOT_FEEDBACK_DB": str(db)}
    out = run("feedback", "--json", env=env)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 3
    first = next(r for r in rows if r["reason"])
    assert first["vote"] == "down" and first["reason"] == "wrong year"
    assert first["sources"] == [{"doc_id": "doc-0", "start": 5, "end": 10}]
    assert {r["platform"] for r in rows} == {"slack", "discord"}
    assert all("U1" not in r["user_hash"] for r in rows)

    down = run("feedback", "--json", "--down", env=env)
    assert [json.loads(x)["vote"] for x in down.stdout.splitlines()] == ["down", "down"]
    assert run("feedback", "--since", "2999-01-01", env=env).stdout == ""
    plain = run("feedback", "--since", "2000-01-01", env=env)
    assert plain.returncode == 0 and "wrong year" in plain.stdout
    assert "3 votes: 1 up, 2 down" in plain.stderr


def test_feedback_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    out = run("feedback", env={"CORPUSBOT_FEEDBACK_DB": str(tmp_path / "none.sqlite3")})
    assert out.returncode == 2 and "no feedback database" in out.stderr
    assert not (tmp_path / "none.sqlite3").exists()
    db = tmp_path / "votes.sqlite3"
    voted(db)
    out = run("feedback", "--since", "last week", env={"CORPUSBOT_FEEDBACK_DB": str(db)})
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


def test_export_eval_writes_the_down_voted_questions_once(tmp_path: Path) -> None:
    db = tmp_path / "votes.sqlite3"
    voted(db)
    target = tmp_path / "cases.jsonl"
    env = {"CORPUSBOT_FEEDBACK_DB": str(db)}
    out = run("feedback", "export-eval", str(target), env=env)
    assert out.returncode == 0, out.stderr
    [(_, case)] = load_questions(target)
    assert case.question == "How many died?"
    # An existing file is never overwritten.
    target.write_text("mine\n")
    out = run("feedback", "export-eval", str(target), env=env)
    assert out.returncode == 2 and target.read_text() == "mine\n"


def test_ask_chart_writes_a_png(tmp_path: Path) -> None:
    png = tmp_path / "chart.png"
    index = tmp_path / "index"
    question = "How many people died in the flood?"
    out = run(
        "ask",
        question,
        "--corpus",
        str(FLOOD),
        "--index",
        str(index),
        "--chart",
        str(png),
        env=FAKE,
    )
    assert out.returncode == 0, out.stderr
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "chart:" in out.stderr

    out = run("ask", "--chart", str(png), stdin="how many died?\n", env=FAKE)
    assert out.returncode == 2 and "--chart" in out.stderr
    out = run("ask", question, "--chart", str(tmp_path / "no" / "c.png"), env=FAKE)
    assert out.returncode == 2 and "does not exist" in out.stderr
