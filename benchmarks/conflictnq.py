"""ConflictNQ, questions answered by a number or a date: are the two figures side by side?

    .venv/bin/python benchmarks/conflictnq.py [--limit N] [--half first|second] [--markdown] [--json OUT.json]

ConflictNQ (validation split, Apache-2.0) gives each question one real passage (Wikipedia)
and five passages written to support another answer. For the questions whose real and
made-up short answers both name a date, or both a number, the six passages become a small
corpus of their own, indexed in memory the way ``corpusbot index build`` would (same
ingestion, passages, real embedding model, FAISS flat + BM25), and the question goes through
the same ``answer_question`` as ``corpusbot ask``.

A question counts as **side by side** when one figure group marked ``differ`` holds a value
of the real answer credited to the real passage and a value of the made-up answer credited
to one of the made-up passages. **In figures** is looser: both values among the answer's
figures, in any groups. The baseline in the same run is bare dense retrieval: the 5 passages
closest to the question; it finds both when the real answer's text is in the real passage
among them and the made-up answer's text in a made-up one.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import corpora  # noqa: E402  (benchmarks/ is not a package)
from ramdocs import (  # noqa: E402
    BASELINE_K,
    MONTHS,
    Target,
    answer_in_memory,
    dense_top,
    figure_states,
    halve,
    make_corpus,
    parse_args,
    parse_count,
    parse_date,
    report,
    run_header,
    share,
)

from bot.settings import Settings  # noqa: E402
from retrieval.figures.model import FigureGroup, FigureValue  # noqa: E402

REAL = "real"
_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
# A date inside a sentence: "August 8, 2014", "8 August 2014", "November 1989", "1935", "1880s".
DATE_IN_TEXT = re.compile(
    rf"\b(?:(?:{_MONTH_WORD})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTH_WORD})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTH_WORD})\.?,?\s+(?:of\s+)?\d{{4}}"
    r"|(?<![\d,.$])(?:1\d{3}|20\d{2})s?)(?![\d,]\d)",
    re.I,
)
NUMBER_IN_TEXT = re.compile(
    r"(?<![\w.,])\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
    r"(?:\s+(?:million|billion|thousand))?(?!\w)"
)


def date_targets(text: str, doc_ids: tuple[str, ...]) -> list[Target]:
    out = []
    for match in DATE_IN_TEXT.finditer(text):
        found = match.group(0).replace(" of ", " ")
        parsed = parse_date(found)
        if parsed is not None:
            out.append(Target(match.group(0), "date", parsed[0], parsed[1], parsed[2], doc_ids))
    return out


def count_targets(text: str, doc_ids: tuple[str, ...]) -> list[Target]:
    out = []
    for match in NUMBER_IN_TEXT.finditer(text):
        value = parse_count(match.group(0).lstrip("$"))
        if value is not None:
            out.append(Target(match.group(0), "count", value, value, False, doc_ids))
    return out


@dataclass
class Case:
    """One question: its kind, and the values of its real and made-up answers."""

    question: str
    kind: str  # "date" or "count"
    real: list[Target]
    fake: list[Target]


def case_of(row: dict[str, Any], fake_ids: tuple[str, ...]) -> Case | None:
    """The question's case, or None when its two answers are not both dates or both numbers
    (or name the same value)."""
    real_text, fake_text = str(row["real_short_answer"]), str(row["fake_short_answer"])
    if not re.search(r"\d", real_text) or not re.search(r"\d", fake_text):
        return None
    real = date_targets(real_text, (REAL,))
    kind = "date" if real else "count"
    if kind == "date":
        fake = date_targets(fake_text, fake_ids)
    elif date_targets(fake_text, fake_ids):
        return None  # a number against a date: not one measure
    else:
        real, fake = count_targets(real_text, (REAL,)), count_targets(fake_text, fake_ids)
    if not real or not fake or {(t.low, t.high) for t in real} & {(t.low, t.high) for t in fake}:
        return None
    return Case(str(row["cleaned_question"]), kind, real, fake)


def _states(targets: list[Target], values: list[FigureValue]) -> bool:
    return any(figure_states(t, v) for t in targets for v in values)


def side_by_side(case: Case, groups: list[FigureGroup]) -> bool:
    return any(
        g.status == "differ" and _states(case.real, g.values) and _states(case.fake, g.values)
        for g in groups
    )


def _spaced(text: str) -> str:
    """Tokenized Wikipedia text as written: "Pahlavi 's son , announced" → "Pahlavi's son,"."""
    text = re.sub(r"\s+([,.;:!?)'’%])", r"\1", " ".join(text.split()))
    return re.sub(r"([($])\s+", r"\1", text)


def in_passages(targets: list[Target], passages: list[tuple[str, str]]) -> bool:
    for t in targets:
        needle = re.compile(r"(?<![\w])" + re.escape(_spaced(t.text)) + r"(?![\w])", re.I)
        if any(d in t.doc_ids and needle.search(_spaced(text)) for d, text in passages):
            return True
    return False


@dataclass
class Tally:
    """Questions, and how many of them had both figures side by side, anywhere, or in the
    baseline's passages."""

    questions: int = 0
    side_by_side: int = 0
    in_figures: int = 0
    baseline: int = 0
    answered: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def row(self, name: str) -> list[str]:
        counts = (self.side_by_side, self.in_figures, self.baseline)
        return [name, str(self.questions), *(share(n, self.questions) for n in counts)]


def run(limit: int | None, half: str | None = None) -> dict[str, Any]:
    from retrieval.embedding import load_embedder

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with corpora.CONFLICTNQ.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    picked: list[tuple[dict[str, Any], Case]] = []
    for row in rows:
        fake_ids = tuple(f"fake{i}" for i in range(1, len(row["fake_passages"]) + 1))
        case = case_of(row, fake_ids)
        if case is not None:
            picked.append((row, case))
    picked = halve(picked, half)
    if limit:
        picked = picked[:limit]

    started = time.perf_counter()
    embedder = load_embedder(settings.model, "cpu")
    model_seconds = time.perf_counter() - started

    corpora_ = []
    for row, _ in picked:
        docs = [row["real_passages"][0], *row["fake_passages"]]
        ids = [REAL, *(f"fake{i}" for i in range(1, len(docs)))]
        texts = {"documents": [{"text": d["passage"]} for d in docs]}
        corpora_.append(make_corpus(texts, settings.passage_chars, ids)[0])
    all_passages = [p for c in corpora_ for p in c.passages]
    vectors = embedder.encode(all_passages)
    question_vectors = embedder.encode([case.question for _, case in picked])

    tallies = {"counts": Tally(), "dates": Tally(), "all": Tally()}
    offset = 0
    answer_seconds = 0.0
    for (_, case), corpus, qvec in zip(picked, corpora_, question_vectors, strict=True):
        n = len(corpus.passages)
        embeddings = vectors[offset : offset + n]
        offset += n
        a0 = time.perf_counter()
        answer, index = answer_in_memory(
            case.question, qvec, corpus, embeddings, embedder, settings
        )
        answer_seconds += time.perf_counter() - a0
        values = [v for g in answer.figures for v in g.values]
        top = dense_top(index, embeddings, qvec)
        together = side_by_side(case, answer.figures)
        found = _states(case.real, values) and _states(case.fake, values)
        base = in_passages(case.real, top) and in_passages(case.fake, top)
        for tally in (tallies[f"{case.kind}s"], tallies["all"]):
            tally.questions += 1
            tally.side_by_side += together
            tally.in_figures += found
            tally.baseline += base
            tally.answered += answer.answered
        tallies["all"].examples.append(
            {
                "question": case.question,
                "kind": case.kind,
                "real": [t.text for t in case.real],
                "fake": [t.text for t in case.fake],
                "side_by_side": together,
                "in_figures": found,
                "baseline": base,
                "summary": answer.summary,
                "groups": [
                    f"{g.measure} ({g.status}): " + ", ".join(c.label for c in g.claims)
                    for g in answer.figures
                ],
            }
        )
    return {
        **run_header(embedder.name),
        "questions": len(rows),
        "passages": len(all_passages),
        "tallies": tallies,
        "seconds": {
            "model_load": round(model_seconds, 1),
            "answer_question": round(answer_seconds, 1),
            "total": round(time.perf_counter() - started, 1),
        },
    }


def main() -> None:
    args = parse_args(__doc__)
    result = run(args.limit, args.half)
    columns = [
        "questions",
        "n",
        "both side by side (one differ group)",
        "both in figures",
        f"both in dense top-{BASELINE_K}",
    ]
    picked = result["tallies"]["all"].questions
    footer = (
        f"{picked} of {result['questions']} questions whose real and made-up answers are both "
        f"dates or both numbers; {result['passages']} passages, model {result['model']}; "
        f"seconds: {result['seconds']}"
    )
    title = f"ConflictNQ numeric and date questions ({result['date']}, {result['machine']})"
    report(args, result, title, columns, footer)


if __name__ == "__main__":
    main()
