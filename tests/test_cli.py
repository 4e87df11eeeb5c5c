"""The command line contract: options, --json shape, batch mode, exit codes, messages."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FAKE = {"CORPUSBOT_MODEL": "fake-hash:64"}


# The CLI runs outside the checkout, so that a developer's .env there is not read.
# Other test modules run the CLI there too: the folder goes when the test run ends.
OUTSIDE = Path(tempfile.mkdtemp(prefix="corpusbot-cli-"))
atexit.register(shutil.rmtree, OUTSIDE, True)


def run(
    *args: str,
    stdin: str | bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path = OUTSIDE,
) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; ``stdin`` as bytes is fed as it is (it may not be UTF-8)."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CORPUSBOT_", "SLACK_", "DISCORD_"))
    }
    environment.update({"HF_HUB_OFFLINE": "1", **(env or {})})
    data = stdin if isinstance(stdin, bytes) else (stdin or "").encode("utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=data,
        capture_output=True,
        env=environment,
        cwd=cwd,
        timeout=240,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_help_is_instant_because_heavy_libraries_are_not_imported() -> None:
    probe = (
        "import sys; sys.argv = ['corpusbot', '--help']\n"
        "from bot.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers', 'faiss', 'bm25s'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "index" in out.stdout and "ask" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_index_build_prints_a_one_line_summary_and_is_incremental(
    corpus: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    first = run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().count("\n") == 0
    assert (
        "5 documents" in first.stdout and "passages" in first.stdout and "skipped" in first.stdout
    )
    again = run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE)
    assert "up to date" in again.stdout
    info = run("index", "info", "--index", str(index), env=FAKE)
    assert info.returncode == 0, info.stderr
    assert "passages: 57" in info.stdout
    assert f"vector_store: faiss at {index / 'vectors'}" in info.stdout
    full = run("index", "build", "--corpus", str(corpus), "--index", str(index), "--full", env=FAKE)
    assert "up to date" not in full.stdout and full.returncode == 0


def test_index_build_names_each_skipped_file_once(corpus: Path, tmp_path: Path) -> None:
    (corpus / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    index = tmp_path / "index"
    for _ in range(2):  # the second build reads nothing again, and still names it
        out = run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE)
        assert out.returncode == 0, out.stderr
        assert out.stderr.count("scan.txt") == 1, out.stderr
        assert "1 skipped" in out.stdout


def test_ask_json_shape_and_auto_build(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    out = run(
        "ask",
        "--json",
        "--top-k",
        "3",
        "troops sent to Russia",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        env=FAKE,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"question", "answered", "snippets", "figures"}
    assert data["question"] == "troops sent to Russia"
    assert isinstance(data["answered"], bool) and isinstance(data["figures"], list)
    assert len(data["snippets"]) <= 3
    for s in data["snippets"]:
        assert isinstance(s["doc_id"], str) and isinstance(s["title"], str)
        assert isinstance(s["quote"], str) and isinstance(s["score"], float)
    assert (index / "config.json").exists()  # built on demand


def test_ask_rebuilds_a_stale_index(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert (
        run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE).returncode
        == 0
    )
    (corpus / "bridge.txt").write_text(
        "Bridge\nThe bridge reopened after 14 weeks of repairs.\n", "utf-8"
    )
    out = run(
        "ask",
        "--json",
        "bridge reopened repairs",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        env=FAKE,
    )
    assert out.returncode == 0, out.stderr
    assert "6 documents" in out.stderr
    manifest = json.loads((index / "config.json").read_text())
    assert "bridge.txt" in manifest["files"]


def test_batch_mode_reads_one_question_per_line(corpus: Path, tmp_path: Path) -> None:
    questions = "troops sent to Russia\n\nlaborers dispatched\nnuclear test\n"
    out = run(
        "ask",
        "--json",
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path / "i"),
        stdin=questions,
        env=FAKE,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert [json.loads(line)["question"] for line in lines] == [
        "troops sent to Russia",
        "laborers dispatched",
        "nuclear test",
    ]
    plain = run(
        "ask", "--corpus", str(corpus), "--index", str(tmp_path / "i"), stdin=questions, env=FAKE
    )
    assert plain.returncode == 0 and len(plain.stdout.strip().splitlines()) == 3


def test_batch_mode_reports_a_bad_line_and_keeps_going(corpus: Path, tmp_path: Path) -> None:
    stdin = "troops sent\n" + "x" * 2500 + "\nnuclear test\n"
    out = run(
        "ask",
        "--json",
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path / "i"),
        stdin=stdin,
        env=FAKE,
    )
    assert out.returncode == 2
    rows = [json.loads(line) for line in out.stdout.strip().splitlines()]
    assert len(rows) == 3 and "error" in rows[1] and "limit" in rows[1]["error"]
    assert out.stderr.strip().splitlines()[-1].startswith("Error: 1 question")


# Strict decoding and encoding on the standard streams, as under a non-C.UTF-8 locale.
STRICT_IO = {**FAKE, "PYTHONIOENCODING": "utf-8:strict"}


def test_undecodable_questions_in_a_batch_are_answered_and_the_batch_goes_on(
    corpus: Path, tmp_path: Path
) -> None:
    stdin = b"troops sent\ncaf\xff \xed\xa0\x80 troops\n\xc3nuclear test\n"
    out = run(
        "ask", "--json", "--corpus", str(corpus), "--index", str(tmp_path / "i"),
        stdin=stdin, env=STRICT_IO,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    questions = [json.loads(line)["question"] for line in out.stdout.strip().splitlines()]
    assert questions == ["troops sent", "caf\ufffd \ufffd\ufffd\ufffd troops", "\ufffdnuclear test"]


def test_an_undecodable_question_argument_is_answered(corpus: Path, tmp_path: Path) -> None:
    # Python hands an argument's undecodable byte to the program as a lone surrogate.
    out = run(
        "ask", "--json", "troops \udcff sent", "--corpus", str(corpus),
        "--index", str(tmp_path / "i"), env=STRICT_IO,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["question"] == "troops \ufffd sent"


def test_an_undecodable_chat_line_is_answered(corpus: Path, tmp_path: Path) -> None:
    out = run(
        "chat", "--corpus", str(corpus), "--index", str(tmp_path / "i"),
        stdin=b"caf\xff troops\nexit\n", env=STRICT_IO,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", ""), "question is empty"),
        (("ask", "   "), "question is empty"),
        (("ask", "x" * 2001), "limit is 2,000"),
        (("ask", "--bogus", "hi"), "No such option"),
        (("ask", "--top-k", "0", "hi"), "--top-k"),
        (("index", "build", "--nope"), "No such option"),
        (("frobnicate",), "No such command"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    out = run(*args, env=FAKE)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert message in out.stderr
    assert out.stderr.strip().count("\n") == 0
    assert "Traceback" not in out.stderr


def test_question_limit_is_configurable() -> None:
    out = run("ask", "x" * 50, env={**FAKE, "CORPUSBOT_MAX_QUESTION_CHARS": "20"})
    assert out.returncode == 2 and "limit is 20" in out.stderr


def test_missing_corpus_exits_1_with_one_line(tmp_path: Path) -> None:
    out = run(
        "ask", "hello", "--corpus", str(tmp_path / "none"), "--index", str(tmp_path / "i"), env=FAKE
    )
    assert out.returncode == 1
    assert "corpus folder not found" in out.stderr
    assert out.stderr.strip().count("\n") == 0


def test_damaged_index_exits_1_and_says_to_rebuild(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert (
        run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE).returncode
        == 0
    )
    (index / "documents.json").write_text("{not json")
    out = run("ask", "troops", "--corpus", str(corpus), "--index", str(index), env=FAKE)
    assert out.returncode == 1
    assert "corpusbot index build" in out.stderr
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0


def test_a_damaged_manifest_exits_1_with_one_line(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE)
    manifest = json.loads((index / "config.json").read_text("utf-8"))
    manifest["checksums"] = None
    (index / "config.json").write_text(json.dumps(manifest), "utf-8")
    out = run("ask", "troops", "--corpus", str(corpus), "--index", str(index), env=FAKE)
    assert out.returncode == 1
    assert "damaged" in out.stderr and "corpusbot index build" in out.stderr
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0


def test_an_index_folder_that_cannot_be_made_exits_1_with_one_line(
    corpus: Path, tmp_path: Path
) -> None:
    (tmp_path / "afile").write_text("x")
    out = run(
        "index",
        "build",
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path / "afile" / "i"),
        env=FAKE,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0
    assert "afile" in out.stderr


def test_index_built_with_another_model_exits_1(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert (
        run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE).returncode
        == 0
    )
    out = run(
        "ask",
        "troops",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        env={"CORPUSBOT_MODEL": "fake-hash:32"},
    )
    assert out.returncode == 1
    assert "built with model" in out.stderr and "corpusbot index build" in out.stderr


def test_invalid_setting_names_the_setting() -> None:
    out = run("ask", "hi", env={"CORPUSBOT_TOP_K": "many"})
    assert out.returncode == 2
    assert "CORPUSBOT_TOP_K" in out.stderr


def test_an_unknown_log_level_is_one_line_and_exit_2() -> None:
    out = run("index", "info", env={"CORPUSBOT_LOG_LEVEL": "bogus"})
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "Traceback" not in out.stderr
    assert "CORPUSBOT_LOG_LEVEL" in out.stderr and "bogus" in out.stderr


def test_ask_with_empty_standard_input_answers_nothing(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    out = run("ask", "--json", "--corpus", str(corpus), "--index", str(index), env=FAKE, stdin="")
    assert out.returncode == 0 and out.stdout == "", out.stderr


def test_ask_without_question_on_a_terminal_is_bad_input(tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--index", str(tmp_path / "index")],
            stdin=follower,
            capture_output=True,
            text=True,
            env={**os.environ, **FAKE},
            cwd=OUTSIDE,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "give a QUESTION" in out.stderr
    assert not (tmp_path / "index").exists()  # refused before any work


def test_real_model_answer_from_the_cli(seed_index: Path) -> None:
    out = run("ask", "--json", "how many died?", "--corpus", str(SEEDS), "--index", str(seed_index))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["answered"] is True
    assert any("600" in s["quote"] for s in data["snippets"])


def test_chat_answers_and_leaves_on_exit(seed_index: Path) -> None:
    out = run(
        "chat", "--corpus", str(SEEDS), "--index", str(seed_index), stdin="how many died?\nexit\n"
    )
    assert out.returncode == 0, out.stderr
    assert "600" in out.stdout
    eof = run("chat", "--corpus", str(SEEDS), "--index", str(seed_index), stdin="")
    assert eof.returncode == 0


def test_index_build_refuses_a_folder_of_the_users_before_building(
    corpus: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    for name in ("onnx/model.onnx", "vectors/keep.npy", "notes.txt"):
        (mine / name).parent.mkdir(parents=True, exist_ok=True)
        (mine / name).write_text(f"the user's {name}")
    out = run("index", "build", "--corpus", str(corpus), "--index", str(mine), env=FAKE)
    assert out.returncode == 2, out.stderr
    assert "not a corpusbot index" in out.stderr and str(mine) in out.stderr
    assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0
    for name in ("onnx/model.onnx", "vectors/keep.npy", "notes.txt"):
        assert (mine / name).read_text() == f"the user's {name}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "mine"]
    # `ask` builds first, and is refused the same way.
    (mine / "config.json").write_text('{"theme": "dark"}')  # even with a manifest of theirs
    out = run("ask", "flood", "--corpus", str(corpus), "--index", str(mine), env=FAKE)
    assert out.returncode == 2 and "not a corpusbot index" in out.stderr, out.stderr
    assert (mine / "vectors/keep.npy").read_text() == "the user's vectors/keep.npy"


def test_a_corpus_file_whose_name_is_not_utf8_is_skipped_and_named(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / os.fsdecode(b"caf\xff.txt")).write_text("Cafe\nA report about the cafe.\n")
    index = tmp_path / "index"
    out = run("index", "build", "--corpus", str(corpus), "--index", str(index), env=FAKE)
    assert out.returncode == 0, out.stderr
    assert "caf\ufffd.txt" in out.stderr and "not UTF-8" in out.stderr
    assert "5 documents" in out.stdout
