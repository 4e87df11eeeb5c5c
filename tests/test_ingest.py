"""Ingestion: offsets, front matter, boilerplate, unreadable files, titles and publishers."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from retrieval.errors import CorpusError
from retrieval.ingest import is_call_to_action, is_rights_notice, load_corpus
from retrieval.text.sentences import sentence_spans

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = """Flood waters reach the old town
Heavy rain pushed the river over its banks on Tuesday, flooding the old town. Officials said 212 homes were damaged.
Rescue teams evacuated 1,400 residents from the riverside districts overnight.
Don't miss: Ten celebrity kitchens you have to see
- Stock markets rally as tech shares surge
The mayor said the river level would fall by Friday. Dr. Ana Ruiz, who leads the rescue teams, said no one was missing.
Sign up for our daily newsletter here
Original Source: www.example-news.com
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_every_passage_is_an_exact_substring_of_its_file() -> None:
    documents, skipped = load_corpus(SEEDS)
    assert not skipped
    assert len(documents) == 5
    for doc in documents:
        on_disk = (SEEDS / doc.meta.path).read_text("utf-8")
        assert doc.text == on_disk
        assert doc.passages
        for passage in doc.passages:
            assert on_disk[passage.start : passage.end] == passage.text
            assert passage.text == passage.text.strip()


def test_doc_id_is_relative_path_without_extension(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "nested/deeper/b.md", ARTICLE)
    documents, _ = load_corpus(tmp_path)
    assert sorted(d.doc_id for d in documents) == ["a", "nested/deeper/b"]
    seed_docs, _ = load_corpus(SEEDS)
    assert "000_81f72dfa941c5e75" in {d.doc_id for d in seed_docs}


def test_boilerplate_lines_are_never_quoted_and_credit_becomes_publisher(tmp_path: Path) -> None:
    write(tmp_path, "flood.txt", ARTICLE)
    (doc,), _ = load_corpus(tmp_path)
    quoted = "\n".join(p.text for p in doc.passages)
    assert "Don't miss" not in quoted
    assert "Stock markets rally" not in quoted  # an unrelated headline in the article
    assert "newsletter" not in quoted
    assert "Original Source" not in quoted
    assert "212 homes were damaged" in quoted
    assert "1,400 residents" in quoted
    assert doc.meta.publisher == "www.example-news.com"
    assert doc.meta.title == "Flood waters reach the old town"


def test_seed_boilerplate_is_not_quoted() -> None:
    documents, _ = load_corpus(SEEDS)
    quoted = "\n".join(p.text for d in documents for p in d.passages)
    for line in (
        "Don't miss:",
        "Read the original article here",
        "Chilling 6-word message",
        "Original Source:",
    ):
        assert line not in quoted
    by_id = {d.doc_id: d for d in documents}
    assert by_id["001_39433fe2004b7bc3"].meta.publisher == "www.koreaherald.com"
    # A list announced by its own sentence ("… including:") belongs to the article.
    assert "Drones and satellite launch technology" in quoted


def test_front_matter_sets_metadata_and_is_not_quoted(tmp_path: Path) -> None:
    text = (
        "---\ntitle: River report\nurl: https://example.org/river\npublished: 2024-05-01\n"
        "publisher: Example Daily\n---\nThe river rose by 3 metres. Nobody was hurt in the town.\n"
    )
    write(tmp_path, "r.md", text)
    (doc,), _ = load_corpus(tmp_path)
    assert doc.meta.title == "River report"
    assert doc.meta.url == "https://example.org/river"
    assert doc.meta.published == "2024-05-01"
    assert doc.meta.publisher == "Example Daily"
    assert all("title:" not in p.text for p in doc.passages)
    assert doc.passages[0].text.startswith("The river rose")
    assert text[doc.passages[0].start : doc.passages[0].end] == doc.passages[0].text


def test_lead_paragraph_without_headline_stays_quotable() -> None:
    documents, _ = load_corpus(SEEDS)
    doc = next(d for d in documents if d.doc_id == "003_97aab1e512df7213")
    assert len(doc.meta.title) <= 120
    assert doc.passages[0].start == 0  # the first paragraph is article text, not a headline


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("latin1.txt", "caf\xe9 au lait".encode("latin-1"), "not UTF-8"),
        ("binary.txt", b"\x00\x01\x02binary", "binary"),
        ("empty.txt", b"   \n\n", "empty"),
    ],
)
def test_unreadable_files_are_skipped_with_a_warning_naming_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, content: bytes, reason: str
) -> None:
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, name, content)
    with caplog.at_level(logging.WARNING):
        documents, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in documents] == ["good"]
    assert [s.path for s in skipped] == [name]
    assert reason in skipped[0].reason
    assert any(name in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


def test_missing_or_empty_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match=r"no documents \(\.txt, \.md, \.html"):
        load_corpus(tmp_path)
    write(tmp_path, "only-bad.txt", b"\xff\xfe\x00")
    with pytest.raises(CorpusError, match="no readable documents"):
        load_corpus(tmp_path)


def test_sentences_respect_abbreviations_and_initials() -> None:
    text = "Rep. Lee met U.S. officials at 3 p.m. on Monday. J. Smith agreed. Then it rained!"
    spans = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert spans == [
        "Rep. Lee met U.S. officials at 3 p.m. on Monday.",
        "J. Smith agreed.",
        "Then it rained!",
    ]


def test_passages_stay_under_the_size_limit_when_sentences_allow(tmp_path: Path) -> None:
    body = " ".join(f"Sentence number {i} says something about the river level." for i in range(40))
    write(tmp_path, "long.txt", "Long report\n" + body + "\n")
    (doc,), _ = load_corpus(tmp_path, max_chars=200)
    assert len(doc.passages) > 5
    assert all(len(p.text) <= 200 for p in doc.passages)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Read the original article here", True),
        ("Sign up for our newsletter", True),
        ("Related: Storm closes schools", True),
        ("Read more: Storm closes schools", True),
        ("Click to share on Facebook (Opens in new window)", True),
        ("Officials read the statement aloud to reporters.", False),
        ("Rescue teams evacuated 1,400 residents.", False),
    ],
)
def test_call_to_action_detection(line: str, expected: bool) -> None:
    assert is_call_to_action(line) is expected


def test_copyright_lines_are_not_quoted(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.txt",
        "Bridge reopens\nThe bridge reopened on Monday after 40 days of repairs.\n"
        "© 2025 Valley Media Group\nCopyright 2025 Example News. All rights reserved.\n",
    )
    (doc,), _ = load_corpus(tmp_path)
    quoted = " ".join(p.text for p in doc.passages)
    assert "reopened on Monday" in quoted
    assert "©" not in quoted and "rights reserved" not in quoted
    assert is_rights_notice("All rights reserved.")
    assert not is_rights_notice("The copyright office said 40 claims were filed this year.")


def test_two_files_with_one_document_id_keep_the_first(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "a.md", "Report A\nThe river rose by two metres on Friday.\n")
    write(tmp_path, "a.txt", "Report A again\nThe river fell on Saturday.\n")
    with caplog.at_level(logging.WARNING):
        documents, skipped = load_corpus(tmp_path)
    assert [d.meta.path for d in documents] == ["a.md"]
    assert [s.path for s in skipped] == ["a.txt"]
    assert "same document id" in skipped[0].reason and "a.md" in skipped[0].reason
    assert any("a.txt" in r.getMessage() for r in caplog.records)


def _wrapped(text: str, width: int) -> str:
    """``text`` hard-wrapped the way an editor wraps it (front matter kept as it is)."""
    import textwrap

    front = ""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        front, text = text[:end], text[end:]
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(
            textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return front + "\n".join(lines)


FLOOD = SEEDS.parent / "tests" / "corpora" / "flood"


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_hard_wrapped_files_are_read_as_their_paragraphs(tmp_path: Path, width: int) -> None:
    def words(doc: object) -> list[str]:
        return " ".join(p.text for p in doc.passages).split()  # type: ignore[attr-defined]

    for folder in (SEEDS, FLOOD):
        originals, _ = load_corpus(folder)
        wrapped_dir = tmp_path / f"{folder.name}-{width}"
        wrapped_dir.mkdir()
        for path in folder.iterdir():
            (wrapped_dir / path.name).write_text(_wrapped(path.read_text("utf-8"), width), "utf-8")
        wrapped, skipped = load_corpus(wrapped_dir)
        assert not skipped
        by_id = {d.doc_id: d for d in wrapped}
        for original in originals:
            doc = by_id[original.doc_id]
            # The same text is quoted (teasers, credits and headings still left out) …
            assert words(doc) == words(original), doc.doc_id
            assert doc.meta.title == original.meta.title
            assert doc.meta.publisher == original.meta.publisher
            # … verbatim, with the file's own line breaks.
            for p in doc.passages:
                assert doc.text[p.start : p.end] == p.text


def test_a_byte_order_mark_reaches_neither_title_nor_quote(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    write(tmp_path, "lead.txt", b"\xef\xbb\xbf" + ARTICLE.split("\n", 1)[1].encode("utf-8"))
    documents, _ = load_corpus(tmp_path)
    for doc in documents:
        assert "\ufeff" not in doc.meta.title and not doc.meta.title.startswith("\ufeff")
        assert all("\ufeff" not in p.text for p in doc.passages)
        assert all(doc.text[p.start : p.end] == p.text for p in doc.passages)
    titles = {d.doc_id: d.meta.title for d in documents}
    assert titles["bom"] == "Flood waters reach the old town"
    assert titles["lead"].startswith("Heavy rain pushed the river")


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: [unclosed\n---\n",  # not YAML
        "---\n- a list\n---\n",  # YAML, not a mapping
        "---\ntitle: Never closed\n",  # no closing fence
        "---\n\n",  # a rule on its own
    ],
)
def test_broken_front_matter_never_makes_the_title_a_fence(tmp_path: Path, front: str) -> None:
    write(tmp_path, "a.md", front + ARTICLE)
    documents, _ = load_corpus(tmp_path)
    title = documents[0].meta.title
    assert title.strip("-. ") and title != "---"
    assert any("212 homes were damaged" in p.text for p in documents[0].passages)
