"""A document without front matter takes its publication date from the dateline or byline
under its headline, so that "today" and "last Thursday" in it can be read as dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.ingest import dateline_date, load_corpus


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Castlemere, 30 April 2026", "2026-04-30"),
        ("News release, 5 May 2026", "2026-05-05"),
        ("*The Circuit. By Tomasz Lind. Published 5 May 2026*", "2026-05-05"),
        ("Castlemere Courier, Wednesday 13 May 2026", "2026-05-13"),
        ("The Daily Clarion. Tuesday 24 November 2026. By Joanna Pike, editor", "2026-11-24"),
        ("By Jane Doe | March 3, 2025, 10:42 AM", "2025-03-03"),
        ("Published: March 3, 2025 at 10:42 a.m. ET", "2025-03-03"),
        ("Issued 2024-11-12", "2024-11-12"),
        ("*Tenants' forum blog — posted Monday 9 March 2026 by Ada Quill, chair*", "2026-03-09"),
        ("Published 14 June 2025 by the Harbour Trust", "2025-06-14"),
    ],
)
def test_datelines_and_bylines_give_the_date(line: str, iso: str) -> None:
    assert dateline_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Released 17 November 1997",  # a fact of the subject, not when it was written
        "The storm hit on 3 March 2025 and killed 12 people in the town.",
        "The election of 12 April 2026",
        "HARLOW, 6 March",  # no year
        "Between 3 March and 21 April 2026 an attacker had access",
        "Wednesday",
        "Reports of 3 March 2025 and 4 March 2025",  # two dates: which one?
        "Opened 3 March 2025 by the mayor",  # an event's date, not the report's
    ],
)
def test_other_lines_give_none(line: str) -> None:
    assert dateline_date(line) is None


def _doc(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (doc,), _ = load_corpus(tmp_path)
    return doc


def test_a_dateline_under_the_headline_dates_the_report_and_is_not_quoted(
    tmp_path: Path,
) -> None:
    doc = _doc(
        tmp_path,
        "Port statement on the crane collapse\nRivermouth, 30 April 2026\n\n"
        "A crane collapsed at the port today. Two workers were hurt.\n",
    )
    assert doc.meta.published == "2026-04-30"
    assert all("30 April" not in p.text for p in doc.passages)
    assert doc.passages[0].text.startswith("A crane collapsed")


def test_a_dateline_opening_the_first_paragraph_stays_quoted(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "Crane collapse at the port\n\nRIVERMOUTH, 30 April 2026 — A crane collapsed at the "
        "port today, injuring two workers, the harbour authority said.\n",
    )
    assert doc.meta.published == "2026-04-30"
    assert doc.passages[0].text.startswith("RIVERMOUTH, 30 April 2026")


def test_front_matter_wins_and_a_date_deep_in_the_text_is_not_a_dateline(
    tmp_path: Path,
) -> None:
    dated = _doc(tmp_path, "---\npublished: 2025-01-02\n---\nHeadline\nRivermouth, 30 April 2026\n")
    assert dated.meta.published == "2025-01-02"
    (tmp_path / "r.txt").unlink()
    paragraphs = "".join(f"The port was busy in week {n}. Ships waited.\n\n" for n in range(4))
    body = f"Crane collapse\n\n{paragraphs}Rivermouth, 30 April 2026\n"
    assert _doc(tmp_path, body).meta.published is None


def test_a_byline_under_a_standfirst_dates_the_report(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "Crane collapse closes the north quay\n\nTwo workers were hurt. The quay may stay shut "
        "for a month.\n\nBy Ana Ruiz, Port Gazette. 30 April 2026\n\nA crane collapsed today.\n",
    )
    assert doc.meta.published == "2026-04-30"


def test_a_dated_report_reads_its_weekday_as_a_date(tmp_path: Path) -> None:
    from retrieval.figures import analyze
    from retrieval.types import Hit

    doc = _doc(
        tmp_path,
        "Port statement\nRivermouth, Thursday 30 April 2026\n\nThe harbour authority closed "
        "the north quay on Monday after a crane collapsed.\n",
    )
    (passage,) = doc.passages
    report = analyze("When was the north quay closed?", [Hit(passage, doc.meta, 1.0, 0.5)])
    (value,) = report.groups[0].values
    assert (value.text, value.low) == ("Monday", 20260427)
