"""RAMDocs, numeric questions: does the answer show every figure the documents give?

    .venv/bin/python benchmarks/ramdocs.py [--limit N] [--half first|second] [--json OUT.json]

For each RAMDocs test question whose gold answer holds a number, the question's documents
become a small corpus. It is ingested and indexed in memory the way ``corpusbot index build``
would (same ingestion, passages, real embedding model, FAISS flat + BM25) and the question
goes through the same ``answer_question`` as ``corpusbot ask``. A question counts as solved
when every distinct answer (gold and wrong) that some document states is among
``Answer.figures`` values, attributed to a document that states it.

The baseline in the same run is bare dense retrieval: the 5 passages closest to the
question; an answer counts as found when its text appears in one of those passages from a
document that states it.

Questions are split by their gold answer: dates and years ("1856", "February 8, 1900",
"about 1835", "1880s") or counts (everything else with a number: "3,559 people", "98 km").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(HERE)]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import corpora  # noqa: E402  (benchmarks/ is not a package)

from bot.answer import Answer  # noqa: E402
from bot.core import answer_question  # noqa: E402
from bot.settings import Settings  # noqa: E402
from retrieval.figures.lexicon import SEASONS  # noqa: E402
from retrieval.figures.model import FigureValue  # noqa: E402
from retrieval.index.reader import LoadedIndex  # noqa: E402
from retrieval.ingest import parse_document  # noqa: E402
from retrieval.types import DocumentMeta  # noqa: E402

BASELINE_K = 5
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{3,4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_QUALIFIER = r"(?P<q>about|around|approximately|circa|c\.|ca\.|early|late|mid-?|in|the|between)?\s*"
DATE_FORMS = [
    re.compile(rf"^{_QUALIFIER}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # February 8, 1900
    re.compile(rf"^{_QUALIFIER}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 8 February 1900
    re.compile(rf"^{_QUALIFIER}{_MONTH},?\s+{_YEAR}\b", re.I),  # September 1888
    re.compile(rf"^{_QUALIFIER}{_SEASON}\s+(?:of\s+)?{_YEAR}\b", re.I),  # Fall of 2010
    # 1856, 1880s, 1912-1914, 1926-27, 1900 to 1904, 1953 and 1954, 1990-91 season;
    # not "1,066" nor "1500 m"
    re.compile(
        rf"^{_QUALIFIER}{_YEAR}(?P<decade>s)?"
        r"(?:\s*[-–]\s*(?P<year2>\d{2,4})s?|\s+(?:to|and|or)\s+(?P<year4>\d{4})s?)?"
        r"(?!\d|[.,]\d|\s*(?!season\b)[a-z%])(?:\s+season\b)?",
        re.I,
    ),
]
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(million|billion|thousand))?")
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
APPROXIMATE = {"about", "around", "approximately", "circa", "c.", "ca."}


# --- the gold and wrong answers as values ---------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One distinct answer: its text, the value it names, and the documents that state it."""

    text: str
    kind: str  # "date" or "count"
    low: float | None  # a count: the number (low == high); a date: YYYYMMDD bounds
    high: float | None
    approximate: bool
    doc_ids: tuple[str, ...]


def normalized(text: str) -> str:
    return " ".join(str(text).lower().split())


def parse_date(text: str) -> tuple[float, float, bool] | None:
    """ "February 8, 1900" → (19000208, 19000208); "1880s" → (18800101, 18891231)."""
    text = text.strip()
    for form in DATE_FORMS:
        match = form.match(text)
        if not match:
            continue
        parts = match.groupdict()
        y = int(parts["year"])
        if not 1000 <= y <= 2100:
            return None
        approximate = (parts.get("q") or "").lower() in APPROXIMATE
        month = MONTHS.get((parts.get("month") or "").lower().rstrip("."))
        last = y + 9 if parts.get("decade") else y
        if parts.get("season"):
            first, final = SEASONS[parts["season"].lower()]
            return y * 10000 + first * 100 + 1, y * 10000 + final * 100 + 31, approximate
        if parts.get("year4") or parts.get("year2"):
            end = parts.get("year4") or parts["year2"]
            last = int(str(y)[: 4 - len(end)] + end)
            last = last + 9 if text.rstrip().endswith("s") else last
        if last != y:
            return y * 10000 + 101, max(last, y) * 10000 + 1231, approximate
        if month is None:
            return y * 10000 + 101, y * 10000 + 1231, approximate
        base = y * 10000 + month * 100
        if parts.get("day"):
            day = int(parts["day"])
            return base + day, base + day, approximate
        # YYYYMMDD keys: a month spans days 01–31 whatever its length, as the figures write it.
        return base + 1, base + 31, approximate
    return None


def parse_count(text: str) -> float | None:
    match = NUMBER.search(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    return value * SCALE.get((match.group(3) or "").lower(), 1.0)


def is_date_answer(text: str) -> bool:
    return parse_date(text) is not None or bool(
        re.search(r"\b(" + "|".join(MONTHS) + r")\b|\d\s*(BC|BCE|AD|CE)\b", text, re.I)
    )


# A count: a number, maybe qualified, maybe followed by a word or two of unit
# ("3,559 people", "About 50,000", "98 km", "over 4,000"); not a label that holds a digit
# ("487th Fighter Squadron", "1982 Lebanon War", "Tupolev Tu-104A").
COUNT_ANSWER = re.compile(
    r"^(?:(?:about|around|approximately|roughly|nearly|almost|over|more than|under|"
    r"less than|at least|up to|some|an estimated)\s+)?[$£€]?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?(?:\s+(?:million|billion|thousand))?"
    r"(?:\s+[a-z][a-z./²]*){0,2}$",
    re.I,
)


def answer_kind(text: str) -> str:
    """ "date", "count", or "other" for a label that merely holds a digit."""
    if is_date_answer(text):
        return "date"
    return "count" if COUNT_ANSWER.match(text.strip()) and not _labelled(text) else "other"


def _labelled(text: str) -> bool:
    # Capitalized words after the number name a thing ("16 Clubs", "1982 Lebanon War"), and
    # so does a year before words ("2015 film", "1997 provincial election"): not a unit.
    words = text.strip().split()
    if re.fullmatch(r"1\d{3}|20\d{2}", words[0]) and len(words) > 1:
        return True
    return any(w[:1].isupper() for w in words[1:] if not w[:1].isdigit())


def targets(row: dict[str, Any], doc_ids: list[str]) -> tuple[str, list[Target], int]:
    """The question's kind, its distinct numeric answers that a document states, and how many
    answers were left out (no number, or no document states them)."""
    kind = answer_kind(next(g for g in row["gold_answers"] if re.search(r"\d", g)))
    answers = list(dict.fromkeys(row["gold_answers"] + row["wrong_answers"]))
    seen: set[str] = set()
    out: list[Target] = []
    dropped = 0
    for answer in answers:
        key = normalized(answer)
        if key in seen:
            continue
        seen.add(key)
        stated = tuple(
            d
            for d, doc in zip(doc_ids, row["documents"], strict=True)
            if normalized(doc.get("answer", "")) == key
        )
        if not stated or not re.search(r"\d", answer):
            dropped += 1
            continue
        if kind == "date":
            parsed = parse_date(answer)
            low, high, approx = parsed if parsed else (None, None, False)
        else:
            low = high = parse_count(answer)
            approx = False
        out.append(Target(answer, kind, low, high, approx, stated))
    return kind, out, dropped


# --- finding an answer -------------------------------------------------------------------------------


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def figure_states(target: Target, value: FigureValue) -> bool:
    if value.doc_id not in target.doc_ids or target.low is None or target.high is None:
        return False
    low, high = value.low, value.high
    if target.kind == "date":
        if value.unit != "date" or low is None or high is None:
            return False
        if target.low <= low and high <= target.high:
            return True  # the figure's date lies in the answer's day, month or year
        # "about 1835" against a figure of 1833–1837: the intervals meet
        return target.approximate and low <= target.high and target.low <= high
    if value.unit == "date":
        return False
    midpoint = (low + high) / 2 if low is not None and high is not None else None
    return any(_close(target.low, b) for b in (low, high, midpoint))


def in_passages(target: Target, passages: list[tuple[str, str]]) -> bool:
    needle = normalized(target.text)
    return any(d in target.doc_ids and needle in normalized(t) for d, t in passages)


# --- in-memory index -----------------------------------------------------------------------------------


@dataclass
class Corpus:
    documents: list[DocumentMeta]
    texts: list[str]
    rows: np.ndarray
    passages: list[str]


def make_corpus(
    row: dict[str, Any], passage_chars: int, doc_ids: list[str] | None = None
) -> tuple[Corpus, list[str]]:
    """The row's documents (``{"text": …}``) as a corpus; their ids are ``doc_ids`` or d0, d1 …"""
    documents: list[DocumentMeta] = []
    texts: list[str] = []
    rows: list[tuple[int, int, int]] = []
    passages: list[str] = []
    doc_ids = doc_ids or [f"d{i}" for i in range(len(row["documents"]))]
    for doc_id, doc in zip(doc_ids, row["documents"], strict=True):
        parsed = parse_document(str(doc["text"]), doc_id, f"{doc_id}.txt", "", passage_chars)
        if not parsed.passages:
            continue
        number = len(documents)
        documents.append(parsed.meta)
        texts.append(parsed.text)
        for p in parsed.passages:
            rows.append((number, p.start, p.end))
            passages.append(p.text)
    array = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return Corpus(documents, texts, array, passages), doc_ids


def loaded_index(corpus: Corpus, embeddings: np.ndarray, model: str) -> LoadedIndex:
    from retrieval.keyword import KeywordIndex
    from retrieval.vectors.faiss_index import build_index

    return LoadedIndex(
        path=Path("."),
        manifest={"model": model, "passages": len(corpus.passages)},
        documents=corpus.documents,
        texts=corpus.texts,
        rows=corpus.rows,
        embeddings=embeddings,
        vectors=build_index(embeddings, "flat"),
        keywords=KeywordIndex.build(corpus.passages),
    )


def answer_in_memory(
    question: str,
    qvec: np.ndarray,
    corpus: Corpus,
    embeddings: np.ndarray,
    embedder: Any,
    settings: Settings,
) -> tuple[Answer, LoadedIndex]:
    """``answer_question`` over ``corpus`` indexed in memory, as ``corpusbot ask`` would.

    The question's vector ``qvec`` is already computed (in one batch with the others); the
    figures embed it again with their measure names, so only the names are new.
    """
    from retrieval.search import Searcher

    index = loaded_index(corpus, embeddings, embedder.name)

    def encode(texts: list[str]) -> np.ndarray:
        if texts and texts[0] == question:
            rest = embedder.encode(texts[1:]) if len(texts) > 1 else np.zeros((0, len(qvec)))
            return np.vstack([qvec.reshape(1, -1), rest]).astype(np.float32)
        return np.asarray(embedder.encode(texts))

    answer = answer_question(
        question,
        Searcher(index, encode),
        top_k=settings.top_k,
        min_relevance=settings.min_relevance,
        embed=encode,
    )
    return answer, index


def dense_top(
    index: LoadedIndex, embeddings: np.ndarray, qvec: np.ndarray
) -> list[tuple[str, str]]:
    """The baseline: (doc id, text) of the ``BASELINE_K`` passages closest to the question."""
    order = np.argsort(-(embeddings @ qvec))[:BASELINE_K]
    return [(index.passage(int(i)).doc_id, index.passage(int(i)).text) for i in order]


# --- the run -----------------------------------------------------------------------------------------------


def share(n: int, d: int) -> str:
    return f"{n / d:.1%} ({n}/{d})" if d else "–"


@dataclass
class Tally:
    questions: int = 0
    figures_solved: int = 0
    baseline_solved: int = 0
    answers: int = 0
    figures_found: int = 0
    baseline_found: int = 0
    dropped: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def row(self, name: str) -> list[str]:
        return [
            name,
            str(self.questions),
            share(self.figures_solved, self.questions),
            share(self.baseline_solved, self.questions),
            share(self.figures_found, self.answers),
            share(self.baseline_found, self.answers),
        ]


def run(limit: int | None, half: str | None = None) -> dict[str, Any]:
    from retrieval.embedding import load_embedder

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with corpora.RAMDOCS.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    numeric = [r for r in rows if any(re.search(r"\d", g) for g in r["gold_answers"])]
    numeric = halve(numeric, half)
    if limit:
        numeric = numeric[:limit]

    started = time.perf_counter()
    embedder = load_embedder(settings.model, "cpu")
    model_seconds = time.perf_counter() - started

    t0 = time.perf_counter()
    corpora_ = [make_corpus(r, settings.passage_chars) for r in numeric]
    all_passages = [p for c, _ in corpora_ for p in c.passages]
    vectors = embedder.encode(all_passages)
    question_vectors = embedder.encode([r["question"] for r in numeric])
    embed_seconds = time.perf_counter() - t0

    tallies = {"count": Tally(), "date": Tally(), "other": Tally()}
    offset = 0
    t1 = time.perf_counter()
    answer_seconds = 0.0
    for row, (corpus, doc_ids), qvec in zip(numeric, corpora_, question_vectors, strict=True):
        n = len(corpus.passages)
        embeddings = vectors[offset : offset + n]
        offset += n
        kind, wanted, dropped = targets(row, doc_ids)
        tally = tallies[kind]
        tally.dropped += dropped
        if kind == "other":
            tally.questions += 1  # counted, not scored: no figure can be a label
            continue
        if not wanted or not n:
            continue
        question = str(row["question"])
        a0 = time.perf_counter()
        answer, index = answer_in_memory(question, qvec, corpus, embeddings, embedder, settings)
        answer_seconds += time.perf_counter() - a0
        values = [v for g in answer.figures for v in g.values]
        top = dense_top(index, embeddings, qvec)

        by_figures = [any(figure_states(t, v) for v in values) for t in wanted]
        by_baseline = [in_passages(t, top) for t in wanted]
        tally.questions += 1
        tally.answers += len(wanted)
        tally.figures_found += sum(by_figures)
        tally.baseline_found += sum(by_baseline)
        tally.figures_solved += all(by_figures)
        tally.baseline_solved += all(by_baseline)
        if len(tally.examples) < 400:
            tally.examples.append(
                {
                    "question": row["question"],
                    "answers": [t.text for t in wanted],
                    "figures": by_figures,
                    "baseline": by_baseline,
                    "answered": answer.answered,
                }
            )
    loop_seconds = time.perf_counter() - t1
    total = Tally()
    for t in (tallies["count"], tallies["date"]):
        for name in ("questions", "figures_solved", "baseline_solved", "answers"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        for name in ("figures_found", "baseline_found", "dropped"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    return {
        **run_header(embedder.name),
        "questions_with_number": len(numeric),
        "passages": len(all_passages),
        "labels": tallies["other"].questions,
        "tallies": {"counts": tallies["count"], "dates": tallies["date"], "all": total},
        "seconds": {
            "model_load": round(model_seconds, 1),
            "ingest_and_embed": round(embed_seconds, 1),
            "index_and_answer": round(loop_seconds, 1),
            "answer_question": round(answer_seconds, 1),
            "total": round(time.perf_counter() - started, 1),
        },
    }


def run_header(model: str) -> dict[str, str]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "model": model,
    }


def main() -> None:
    args = parse_args(__doc__)
    result = run(args.limit, args.half)
    columns = [
        "questions",
        "n",
        "every answer in figures",
        f"every answer in dense top-{BASELINE_K}",
        "answers in figures",
        f"answers in dense top-{BASELINE_K}",
    ]
    dropped = result["tallies"]["all"].dropped
    footer = (
        f"{result['questions_with_number']} questions with a number in the gold answer, "
        f"{result['labels']} of them left out as labels that hold a digit, not a count or a "
        f"date; {result['passages']} passages, model {result['model']}; {dropped} answers left "
        f"out (no number, or no document states them); seconds: {result['seconds']}"
    )
    title = f"RAMDocs numeric questions ({result['date']}, {result['machine']})"
    report(args, result, title, columns, footer)


def halve(items: list[Any], half: str | None) -> list[Any]:
    """The first half (rounded up) or the second half of ``items``; all with no half."""
    middle = (len(items) + 1) // 2
    if half == "first":
        return items[:middle]
    if half == "second":
        return items[middle:]
    return items


def parse_args(doc: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions")
    parser.add_argument(
        "--half",
        choices=("first", "second"),
        default=None,
        help="only the first or the second half of the questions, in their order",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser.parse_args()


def report(
    args: argparse.Namespace, result: dict[str, Any], title: str, columns: list[str], footer: str
) -> None:
    """The table (one row per tally), and with ``--json`` the whole result in a file."""
    rows = [tally.row(name) for name, tally in result["tallies"].items()]
    print_table(title, columns, rows, footer, markdown=args.markdown)
    if args.json:
        out = {**result, "tallies": {k: vars(v) for k, v in result["tallies"].items()}}
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


def print_table(
    title: str, columns: list[str], rows: list[list[str]], footer: str, *, markdown: bool
) -> None:
    """The table, in Markdown or drawn for a terminal, and the footer under it."""
    if markdown:
        print(f"{title}\n")
        print("| " + " | ".join(columns) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(columns) - 1)) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print(f"\n{footer}")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, header_style="bold")
    for col in columns:
        table.add_column(col, justify="left" if col == "questions" else "right")
    for row in rows:
        table.add_row(*row)
    console = Console()
    console.print(table)
    console.print(footer)


if __name__ == "__main__":
    main()
