"""HTML, PDF and Word documents in the corpus: extraction, pages, bad files, incremental and
parallel builds, the CLI's document listing, and answers equal to the plain-text seeds'."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bot.answer import Snippet
from bot.cli import main
from retrieval import index as idx
from retrieval import ingest, loading, readers
from retrieval.errors import UnreadableFileError
from retrieval.figures.model import FigureValue
from retrieval.index import builder as index_builder
from tests.docmaker import NO_DATE, to_docx, to_html, to_pdf
from tests.test_store import CountingEmbedder, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL = "fake-hash:64"
ARTICLE = """River floods valley town
The river rose through the night and by morning the water had reached the second floor of houses along the bank.
Officials said 212 people were evacuated from the district before noon.
Farmers lost most of the harvest in the lower valley, and the main road stayed closed for a week.
"""


def load(path: Path, corpus: Path | None = None) -> ingest.Document:
    result = ingest.load_document(path, corpus or path.parent, 450)
    assert isinstance(result, ingest.Document), result
    return result


def exact(doc: ingest.Document) -> None:
    for p in doc.passages:
        assert p.text == doc.text[p.start : p.end]


# --- HTML ------------------------------------------------------------------------------------


def test_news_page_quotes_only_the_article_with_its_metadata(tmp_path: Path) -> None:
    page = to_html(ARTICLE, tmp_path / "flood.html", published="2025-03-14T08:00:00Z")
    doc = load(page)
    exact(doc)
    quoted = " ".join(p.text for p in doc.passages)
    assert "212 people were evacuated" in quoted
    for noise in ("cookies", "mortgage", "Celebrity chef", "book club", "World", "rights"):
        assert noise not in doc.text, noise
    meta = doc.meta
    assert meta.title == "River floods valley town"
    assert meta.published == "2025-03-14"
    assert meta.publisher == "The Daily Example"
    assert meta.url == "https://daily.example/flood"
    assert meta.page_starts == () and meta.page_at(0) is None
    assert "River floods valley town" not in quoted  # the headline is the title, not a quote


def test_html_date_comes_from_markup_not_from_a_copyright_line(tmp_path: Path) -> None:
    doc = load(to_html(ARTICLE, tmp_path / "flood.html"))
    assert doc.meta.published is None  # "© 2025" in the footer is no publication date


def test_a_page_date_gives_a_date_without_a_year_its_year(tmp_path: Path) -> None:
    from retrieval.figures.extract import passage_mentions

    article = (
        "Levee breaks after days of rain\n"
        "The levee north of the town broke on 3 March after five days of rain.\n"
    )

    def dates(published: str | None) -> list[float | None]:
        doc = load(to_html(article, tmp_path / "levee.html", published=published))
        return [
            m.value.low
            for p in doc.passages
            for m in passage_mentions(p, doc.meta)
            if m.value.unit == "date"
        ]

    assert dates("2024-03-14T08:00:00Z") == [20240303.0]
    assert dates(None) == [303.0]  # month and day only


# --- PDF -------------------------------------------------------------------------------------


def two_column_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(NO_DATE)
    pdf.set_title("Spring flood report")
    pdf.set_auto_page_break(False)
    columns = [
        (
            "The river rose through the night and by morning the water had reached the second "
            "floor of houses along the bank. Officials said 212 people were evacu-\nated from "
            "the district before noon.",
            "The county estimated the damage at 40 million dollars. Farmers lost most of the "
            "harvest in the lower valley, and roads stayed closed for a week.",
        ),
        (
            "Volunteers filled sandbags along the northern levee for three days while the "
            "water kept rising.",
            "By Friday the state had sent 80 soldiers to help clear the streets and reopen "
            "the schools.",
        ),
    ]
    for number, (left, right) in enumerate(columns, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Valley Gazette - Special flood report")
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(10, 30)
        pdf.multi_cell(85, 5, left, align="L")
        pdf.set_xy(110, 30)
        pdf.multi_cell(85, 5, right, align="L")
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, str(number))
    pdf.output(str(path))
    return path


def test_two_column_pdf_reads_in_order_without_header_numbers_or_hyphen(tmp_path: Path) -> None:
    doc = load(two_column_pdf(tmp_path / "report.pdf"))
    exact(doc)
    text = doc.text
    assert "Valley Gazette" not in text  # the running header
    assert not any(line.strip().isdigit() for line in text.splitlines())  # page numbers
    assert "212 people were evacuated from the district before noon." in text
    assert "evacu-" not in text
    # The left column, then the right one, then the next page.
    order = [
        text.index(s)
        for s in ("The river rose", "The county estimated", "Volunteers", "80 soldiers")
    ]
    assert order == sorted(order)
    assert doc.meta.title == "Spring flood report"
    assert doc.meta.published is None  # a placeholder creation date is no date
    assert len(doc.meta.page_starts) == 2
    pages = {p.text.split()[0]: doc.meta.page_at(p.start) for p in doc.passages}
    assert pages["The"] == 1 and pages["Volunteers"] == 2


def test_pdf_creation_date_is_published(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2025, 3, 14, 9, 30, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 5, "Officials said 212 people were evacuated from the district before noon.")
    pdf.output(str(tmp_path / "dated.pdf"))
    assert load(tmp_path / "dated.pdf").meta.published == "2025-03-14"


# --- Word ------------------------------------------------------------------------------------


def figures_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Flood figures"
    document.core_properties.author = "County emergency office"
    document.add_paragraph("The county office published its flood figures on Monday.")
    rows = [
        ("Measure", "Figure", "As of"),
        ("People evacuated", "212", "14 March"),
        ("Damage", "40 million dollars", "April"),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Crews expect the main road to reopen next week.")
    document.save(str(path))
    return path


def test_docx_reads_paragraphs_and_table_rows_with_core_properties(tmp_path: Path) -> None:
    doc = load(figures_docx(tmp_path / "figures.docx"))
    exact(doc)
    assert doc.meta.title == "Flood figures"
    assert doc.meta.author == "County emergency office"
    quoted = [p.text for p in doc.passages]
    assert any("People evacuated" in q and "212" in q and "14 March" in q for q in quoted)
    assert doc.text.index("published its flood figures") < doc.text.index("212")
    assert doc.text.index("212") < doc.text.index("reopen next week")


# --- bad files -------------------------------------------------------------------------------


def bad_files(folder: Path) -> dict[str, str]:
    """Every kind of unusable file, and a word its skip reason must contain."""
    from fpdf import FPDF
    from PIL import Image

    good = to_pdf(ARTICLE, folder / "good.pdf")
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])

    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.set_font("Helvetica", size=11)
    locked.cell(0, 5, "Officials said 212 people were evacuated.")
    locked.output(str(folder / "encrypted.pdf"))

    scan = FPDF()
    scan.add_page()
    scan.image(Image.new("RGB", (200, 100), "gray"), x=10, y=10, w=100)
    scan.output(str(folder / "scanned.pdf"))

    (folder / "not-a-zip.docx").write_text("just text, not a Word document", "utf-8")
    (folder / "navigation.html").write_text(
        "<html><head><title>Home</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/news'>News</a></li></ul></nav></body></html>",
        "utf-8",
    )
    with (folder / "huge.pdf").open("wb") as fh:  # 200 MB, sparse on disk
        fh.truncate(200 * 2**20)
    return {
        "truncated.pdf": "truncated",
        "encrypted.pdf": "encrypted",
        "scanned.pdf": "text layer",
        "not-a-zip.docx": "zip",
        "navigation.html": "text",
        "huge.pdf": "too large",
    }


def test_bad_files_are_skipped_with_one_warning_each_and_the_rest_indexed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "000_81f72dfa941c5e75.txt", corpus)
    expected = bad_files(corpus)
    with caplog.at_level(logging.WARNING, logger="retrieval.ingest"):
        report = build(corpus, tmp_path / "index", CountingEmbedder(), max_file_bytes=100 * 2**20)
    assert report.documents == 2  # the seed and good.pdf
    assert set(report.skipped) == set(expected)
    for name, word in expected.items():
        assert word in report.skipped[name], (name, report.skipped[name])
        warnings = [
            r for r in caplog.records if r.levelno == logging.WARNING and name in r.getMessage()
        ]
        assert len(warnings) == 1, (name, [r.getMessage() for r in warnings])
    manifest = idx.read(tmp_path / "index")
    assert manifest.skipped == report.skipped


def test_reader_errors_are_one_line_reasons(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(UnreadableFileError) as caught:
        readers.extract(path)
    assert "\n" not in str(caught.value)


# --- builds ----------------------------------------------------------------------------------


def mixed_corpus(folder: Path) -> Path:
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    to_pdf(seeds[0].read_text("utf-8"), folder / "a.pdf")
    to_html(seeds[1].read_text("utf-8"), folder / "b.html")
    to_docx(seeds[2].read_text("utf-8"), folder / "c.docx")
    shutil.copy(seeds[3], folder / "d.txt")
    return folder


def test_a_changed_pdf_is_the_only_file_read_and_embedded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    build(corpus, index, CountingEmbedder())
    read: list[list[str]] = []
    real = index_builder.load_files

    def spy(corpus_dir: Path, rels: Sequence[str], *args: object, **kw: object) -> object:
        read.append(list(rels))
        return real(corpus_dir, rels, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(index_builder, "load_files", spy)
    text = (SEEDS / "000_81f72dfa941c5e75.txt").read_text("utf-8")
    to_pdf(text.replace("4,000", "5,000"), corpus / "a.pdf")
    embedder = CountingEmbedder()
    report = build(corpus, index, embedder)
    assert read == [["a.pdf"]]
    loaded = idx.load(index, MODEL, dense=False)
    a = next(i for i, d in enumerate(loaded.documents) if d.doc_id == "a")
    passages_of_a = {loaded.passage(r).text for r in range(loaded.size) if loaded.rows[r][0] == a}
    assert report.embedded == len(passages_of_a)
    assert set(embedder.seen) >= passages_of_a
    assert any("5,000" in p for p in passages_of_a)


def test_two_files_with_one_document_id_keep_the_first(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (SEEDS / "000_81f72dfa941c5e75.txt").read_text("utf-8")
    to_docx(text, corpus / "report.docx")
    to_pdf(text, corpus / "report.pdf")
    with caplog.at_level(logging.WARNING, logger="retrieval"):
        report = build(corpus, tmp_path / "index", CountingEmbedder())
    assert report.documents == 1
    assert report.skipped == {"report.pdf": "has the same document id (report) as report.docx"}
    assert sum("report.pdf" in r.getMessage() for r in caplog.records) == 1
    index = idx.load(tmp_path / "index", MODEL, dense=False)
    assert [d.path for d in index.documents] == ["report.docx"]
    caplog.clear()
    again = build(corpus, tmp_path / "index", CountingEmbedder())
    assert again.up_to_date and again.skipped == report.skipped
    assert not caplog.records


def test_parallel_extraction_gives_what_serial_extraction_gives(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    rels = sorted(p.name for p in corpus.iterdir())
    counted: list[int] = []
    serial = loading.load_files(corpus, rels, 450, workers=0)
    parallel = loading.load_files(corpus, rels, 450, workers=2, advance=counted.append)
    assert list(parallel) == rels
    assert sum(counted) == len(rels)  # progress counts files
    for rel in rels:
        a, b = serial[rel], parallel[rel]
        assert isinstance(a, ingest.Document) and isinstance(b, ingest.Document)
        assert (a.text, a.meta, a.passages) == (b.text, b.meta, b.passages)


def test_workers_that_cannot_start_leave_the_files_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    rels = sorted(p.name for p in corpus.iterdir())

    def broken(*args: object, **kw: object) -> None:
        from concurrent.futures.process import BrokenProcessPool

        raise BrokenProcessPool("a worker was terminated abruptly")

    monkeypatch.setattr(loading, "_load_in_workers", broken)
    counted: list[int] = []
    loaded = loading.load_files(corpus, rels, 450, workers=2, advance=counted.append)
    assert all(isinstance(loaded[rel], ingest.Document) for rel in rels)
    assert sum(counted) == len(rels)


def test_worker_processes_only_for_many_files(tmp_path: Path) -> None:
    few = [tmp_path / f"{i}.txt" for i in range(3)]
    many_text = [tmp_path / f"{i}.txt" for i in range(loading.PARALLEL_FILES)]
    pdfs = [tmp_path / f"{i}.pdf" for i in range(loading.PARALLEL_DOCUMENTS)]
    assert loading.workers_for(few) == 0
    if (loading.os.cpu_count() or 1) > 1:
        assert loading.workers_for(many_text) >= 2
        assert loading.workers_for(pdfs) >= 2


# --- CLI and renderers --------------------------------------------------------------------------


@pytest.fixture
def cli_logging() -> Iterator[None]:
    """The in-process CLI sets log levels (the root's, the ingest warnings'): restored after."""
    loggers = [logging.getLogger(), logging.getLogger("retrieval.ingest")]
    levels = [lg.level for lg in loggers]
    yield
    for lg, level in zip(loggers, levels, strict=True):
        lg.setLevel(level)


@pytest.mark.usefixtures("cli_logging")
def test_index_info_lists_documents_and_show_prints_the_extracted_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 cut")
    index = tmp_path / "index"
    monkeypatch.setenv("CORPUSBOT_MODEL", MODEL)
    monkeypatch.chdir(tmp_path)
    main(["index", "build", "--corpus", str(corpus), "--index", str(index)])
    capsys.readouterr()
    main(["index", "info", "--json", "--text", "--index", str(index)])
    info = json.loads(capsys.readouterr().out)
    listing = {d["doc_id"]: d for d in info["document_list"]}
    assert set(listing) == {"a", "b", "c", "d"}
    assert listing["a"]["pages"] == 2 and listing["d"]["pages"] is None
    assert "truncated" in info["skipped"]["broken.pdf"]
    loaded = idx.load(index, MODEL, dense=False)
    for r in range(loaded.size):
        passage = loaded.passage(r)
        doc = loaded.documents[int(loaded.rows[r][0])]
        assert passage.text == listing[doc.doc_id]["text"][passage.start : passage.end]
    main(["index", "show", "a", "--index", str(index)])
    assert capsys.readouterr().out == listing["a"]["text"]
    main(["index", "info", "--index", str(index)])
    assert "skipped broken.pdf: is a truncated PDF" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["index", "show", "nope", "--index", str(index)])
    assert exited.value.code == 2


def snippet(page: int | None) -> Snippet:
    return Snippet(
        doc_id="report",
        title="Spring flood report",
        quote="Officials said 212 people were evacuated.",
        start=0,
        end=41,
        score=0.8,
        publisher="Valley Gazette",
        page=page,
    )


def test_page_is_shown_in_every_renderer_and_is_a_json_field() -> None:
    from bot.present import quote_view
    from bot.render_discord import quote_embed
    from bot.render_slack import attribution
    from bot.render_terminal import source_line

    assert snippet(3).to_dict()["page"] == 3
    assert snippet(None).to_dict()["page"] is None
    on_page, no_page = quote_view(snippet(3)), quote_view(snippet(None))
    assert "p. 3" in source_line(on_page)
    assert "p. 3" in attribution(on_page)
    assert "p. 3" in (quote_embed(on_page).footer.text or "")
    for text in (
        source_line(no_page),
        attribution(no_page),
        quote_embed(no_page).footer.text or "",
    ):
        assert "p. " not in text


# --- answers: the seeds in every format --------------------------------------------------------

QUESTIONS = [
    json.loads(line)["question"]
    for line in (ROOT / "tests" / "eval" / "seeds.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
CONVERT = {"html": to_html, "pdf": to_pdf, "docx": to_docx}


def shape(answer: object) -> tuple[object, ...]:
    """What an answer says, less where in its file each quote sits: its sources, and each
    figure group's measure, status and claims (label, as-of, documents)."""
    data = answer.to_dict()  # type: ignore[attr-defined]
    return (
        data["answered"],
        data["summary"],
        sorted({s["doc_id"] for s in data["snippets"]}),
        [
            (
                g["measure"],
                g["status"],
                [(c["label"], c["as_of"], c["doc_ids"]) for c in g["claims"]],
            )
            for g in data["figures"]
        ],
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(CONVERT))
def test_seeds_in_another_format_give_the_same_answers(
    fmt: str, tmp_path: Path, seed_service: object, real_embedder: object
) -> None:
    from bot.core import AnswerService
    from tests.conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        CONVERT[fmt](seed.read_text("utf-8"), corpus / f"{seed.stem}.{fmt}")
    service = AnswerService(
        make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", reload_interval=0),
        embedder=real_embedder,  # type: ignore[arg-type]
    )
    report = service.build(full=True)
    assert report.skipped == {}
    for question in QUESTIONS:
        expected = seed_service.ask(question)  # type: ignore[attr-defined]
        got = service.ask(question)
        assert shape(got) == shape(expected), question
        for s in got.snippets:
            assert (s.page is not None) == (fmt == "pdf")
        for group in got.figures:
            for value in group.values:
                assert (value.page is not None) == (fmt == "pdf")
    service.close()


@pytest.mark.slow
def test_a_pdf_of_a_seed_report_gives_its_figures_with_pages(
    tmp_path: Path, seed_service: object, real_embedder: object
) -> None:
    from bot.core import AnswerService
    from tests.conftest import make_settings

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    seed = corpus / "002_2d5f8284cf6943aa.txt"
    to_pdf(seed.read_text("utf-8"), corpus / "report.pdf", pages=3)
    seed.unlink()
    service = AnswerService(
        make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", reload_interval=0),
        embedder=real_embedder,  # type: ignore[arg-type]
    )
    service.build(full=True)
    answer = service.ask("How many died?", top_k=10)
    expected = seed_service.ask("How many died?", top_k=10)  # type: ignore[attr-defined]
    renamed = {"002_2d5f8284cf6943aa": "report"}
    assert {s.doc_id for s in answer.snippets} == {
        renamed.get(s.doc_id, s.doc_id) for s in expected.snippets
    }

    def deaths(answer: object, doc_id: str) -> list[FigureValue]:
        group = next(g for g in answer.figures if g.measure == "deaths")  # type: ignore[attr-defined]
        return [v for v in group.values if v.doc_id == doc_id]

    from_pdf = deaths(answer, "report")
    from_txt = deaths(expected, "002_2d5f8284cf6943aa")
    assert [(v.text, v.as_of) for v in from_pdf] == [(v.text, v.as_of) for v in from_txt]
    assert from_pdf
    index = idx.load(tmp_path / "index", dense=False)
    number = next(i for i, d in enumerate(index.documents) if d.doc_id == "report")
    meta, text = index.documents[number], index.texts[number]
    assert len(meta.page_starts) == 3
    for value in from_pdf:
        assert value.page == meta.page_at(text.index(value.quote))
        assert value.page is not None and 1 <= value.page <= 3
    pdf_snippets = [s for s in answer.snippets if s.doc_id == "report"]
    assert pdf_snippets and all(s.page == meta.page_at(s.start) for s in pdf_snippets)
    service.close()


@pytest.mark.parametrize(
    ("line", "is_number"),
    [
        *[(line, True) for line in ("3", "- 3 -", "Page 3 of 9", "iv", "3 / 9")],
        *[(line, False) for line in ("Civil", "Mix", "Summary", "2,700 wounded")],
    ],
)
def test_page_number_lines(line: str, is_number: bool) -> None:
    from retrieval.readers.pdf import PAGE_NUMBER

    assert bool(PAGE_NUMBER.match(line)) is is_number
