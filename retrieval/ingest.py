"""Read a corpus folder into documents and sentence-aware passages with exact offsets.

Every passage is ``document.text[start:end]``, so anything quoted from it is verbatim.
Lines that are not part of the article (link teasers, calls to action, credit lines) are
recognised by the text's own signals, never by a list of one corpus's strings:

- a short line that opens with a call-to-action verb or a teaser label ("Read more:",
  "Don't miss:", "Sign up …", "Click here …");
- a credit line ("Source: example.com", "Originally published by …"), which becomes the
  document's publisher instead of a passage;
- a dateline or byline under the headline ("Castlemere, 30 April 2026", "By J. Pike.
  Published 5 May 2026"), which becomes the document's publication date;
- a list item or headline-like line that shares almost no content words with the rest
  of the article (an unrelated headline in a "related stories" block).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import yaml

from retrieval import readers
from retrieval.errors import CorpusError, UnreadableFileError
from retrieval.text.sentences import SPEAKER, sentence_spans
from retrieval.text.stems import stem
from retrieval.text_input import NotUtf8Error, external_text
from retrieval.types import DocumentMeta, Passage

log = logging.getLogger(__name__)
# What finding the corpus files leaves out (folders, names): not in any list of skipped files,
# so never quieted with this module's per-file warnings.
discovery_log = logging.getLogger("retrieval.discovery")

SUFFIXES = (".txt", ".md", *readers.SUFFIXES)
# Bumped whenever passage boundaries or keyword terms change, so an incremental build
# re-ingests everything.
INGEST_VERSION = 12


@dataclass
class Document:
    meta: DocumentMeta
    text: str  # the file's full text, decoded; offsets point into it
    passages: list[Passage] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


@dataclass
class SkippedFile:
    path: str
    reason: str


@dataclass
class Line:
    start: int
    end: int  # exclusive, without the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


# --- small, topic-neutral English lexicons --------------------------------------------------

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves many much said says say according""".split()
)

# Verbs that open a call to action aimed at the reader, not a sentence of the article.
CTA_VERBS = frozenset(
    """read click tap subscribe sign follow share download watch listen join register get
    see visit check like continue""".split()
)
# Labels of teaser and navigation lines ("Don't miss:", "Related:", "Read more:").
TEASER_LABELS = re.compile(
    r"^\W*+(don[’']?t miss|do not miss|read more|read also|also read|see also|related( stories| articles| coverage)?"
    r"|more from|more on|recommended|trending|popular|watch|listen|must read|top stories|you may also like"
    r"|advertisement|sponsored|promoted|editor[’']?s picks?)\b\s*[:\-–—|]",
    re.IGNORECASE,
)
CTA_OBJECTS = frozenset(
    """here article story newsletter newsletters app link below more us updates alerts
    original full podcast video subscription free now today page comments window email
    print facebook twitter linkedin whatsapp""".split()
)
# "© 2025 Example Media", "Copyright 2025 …", "… All rights reserved."
RIGHTS_NOTICE = re.compile(r"^\W*(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
CREDIT_LINE = re.compile(
    r"^\W*+(?:original(?:ly)?\s+(?:source|published|posted|appeared)(?:\s+(?:by|in|on|at))?"
    r"|source|sources|via|credit|courtesy(?:\s+of)?|published\s+by|reprinted\s+from|republished\s+from)"
    r"\s*[:\-–—]?\s*(?P<who>\S.{0,80})$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*(?:[-*•·▪–—]|\d{1,2}[.)])\s+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_HAS_WORD = re.compile(r"\w")
TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";")


def meaning_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning, as written."""
    return [
        w
        for w in (m.group(0).lower() for m in WORD.finditer(text))
        if w not in STOPWORDS and len(w) > 2
    ]


def content_words(text: str) -> list[str]:
    """Stems (``stems.stem``) of the words that carry meaning, so that "troops" meets "troop"
    and "died" meets "dead"."""
    return [stem(w) for w in meaning_words(text)]


# --- reading files -----------------------------------------------------------------------------


def discover(corpus_dir: Path) -> list[Path]:
    """All corpus files under ``corpus_dir``, sorted, hidden folders and files left out.

    A subfolder that cannot be listed, and a file or folder whose name is not UTF-8 (so no
    quote could name it), is reported with a warning naming it; the rest is still found.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path is not a folder: {corpus_dir}")

    def shown(path: Path) -> str:
        rel = path.relative_to(corpus_dir) if path.is_relative_to(corpus_dir) else path
        return external_text(rel.as_posix())

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else corpus_dir
        if where == corpus_dir:
            raise CorpusError(f"corpus folder cannot be read ({exc.strerror or exc}): {corpus_dir}")
        discovery_log.warning("skipping folder %s: %s", shown(where), unreadable_reason(exc))

    def usable_name(folder: str, name: str) -> bool:
        if name.startswith("."):
            return False
        try:
            external_text(name, strict=True)
        except NotUtf8Error:
            discovery_log.warning("skipping %s: its name is not UTF-8", shown(Path(folder, name)))
            return False
        return True

    files = []
    for folder, subfolders, names in os.walk(corpus_dir, onerror=unreadable):
        subfolders[:] = sorted(d for d in subfolders if usable_name(folder, d))
        for name in names:
            path = Path(folder, name)
            if path.suffix.lower() not in SUFFIXES or not usable_name(folder, name):
                continue
            try:
                if not path.is_file():
                    continue
            except OSError as exc:  # a link that cannot be followed
                discovery_log.warning("skipping %s: %s", shown(path), unreadable_reason(exc))
                continue
            files.append(path)
    if not files:
        raise CorpusError(f"corpus folder has no documents ({', '.join(SUFFIXES)}): {corpus_dir}")
    return sorted(files)


def doc_id_for(path: Path, corpus_dir: Path) -> str:
    return path.relative_to(corpus_dir).with_suffix("").as_posix()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unreadable_reason(exc: OSError) -> str:
    """Why a file that failed to open or read is skipped, in a few words."""
    return f"cannot be read ({exc.strerror or exc})"


def read_text(path: Path) -> tuple[str | None, str]:
    """The file's text, or None and the reason it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, unreadable_reason(exc)
    if b"\x00" in data:
        return None, "looks binary (contains NUL bytes)"
    try:
        text = external_text(data, strict=True)  # quotes must be exact: refused, not replaced
    except NotUtf8Error as exc:
        return None, str(exc)
    if not text.strip():
        return None, "is empty"
    return text, ""


_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)


def split_front_matter(text: str) -> tuple[dict[str, object], int]:
    """YAML front matter as a dict, and the offset where the body starts.

    Front matter that is not a YAML mapping (or has no closing fence) gives no metadata and
    stays in the body, so nothing in it is lost; its fence is never the title.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, 0
    if not isinstance(data, dict):
        return {}, 0
    return {str(k).lower(): v for k, v in data.items()}, match.end()


def iter_lines(text: str, start: int) -> Iterator[Line]:
    pos = start
    for raw in text[start:].splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield Line(pos, pos + len(body), body)
        pos += len(raw)


# --- line classification -------------------------------------------------------------------------


def _more_words_than(text: str, n: int) -> bool:
    """Whether ``text`` has more than ``n`` words (reading no further than word n + 1)."""
    return sum(1 for _ in islice(WORD.finditer(text), n + 1)) > n


def _words(text: str) -> list[str]:
    return [m.group(0).lower() for m in WORD.finditer(text)]


def is_call_to_action(text: str) -> bool:
    stripped = BULLET.sub("", text.strip())
    if TEASER_LABELS.match(stripped):
        return True
    words = [m.group(0).lower() for m in islice(WORD.finditer(stripped), 13)]
    if not words or len(words) > 12:
        return False
    first = words[0]
    if first in {"don't", "don’t", "dont"} and len(words) > 1:
        first = words[1]
    # "Read the original article here", "Sign up for our newsletter", "Click here …"
    return first in CTA_VERBS and any(w in CTA_OBJECTS for w in words[1:])


def is_rights_notice(text: str) -> bool:
    """A copyright line: the site's small print, not the article."""
    return not _more_words_than(text, 25) and bool(RIGHTS_NOTICE.search(text.strip()))


def credit_of(text: str) -> str | None:
    """The publisher named by a credit line, or None when the line is not one."""
    stripped = text.strip()
    match = CREDIT_LINE.match(stripped)
    if not match:
        return None
    prose = len(stripped) > 100 or (
        stripped.endswith((".", "!", "?")) and " " in stripped.rstrip(".!?")
    )
    # A sentence ending in a period is prose, unless it ends in a bare domain.
    if prose and not re.search(r"\b[\w-]+\.[a-z]{2,}\.?$", stripped):
        return None
    who = match.group("who").strip().rstrip(".")
    if len(_words(who)) > 8:
        return None
    return who or None


def is_heading(text: str) -> bool:
    """A short line that titles a section rather than stating something."""
    stripped = text.strip()
    if BULLET.match(stripped) or len(stripped) < 2:
        return False
    if stripped.endswith("?"):
        # a question alone titles the section below; one a speaker asks is a turn of talk
        return not _more_words_than(stripped, 14) and not SPEAKER.match(stripped)
    if _more_words_than(stripped, 10):
        return False
    return not stripped.endswith(TERMINAL)


# A line that gives a figure after its label, as fact sheets do ("- Of which DVDs and other
# media: 308", "Late charges written off: £41,200 in total"): data, whatever its words.
# At most four words follow the figure; more make it a headline ("Watch: 10 things to do …").
_LABELLED_FIGURE = re.compile(
    r"[^:\d]+:\s*[-+~≈]?\s*[£$€¥]?\s?\d[\d,.]*\s*(?:%|[a-zA-Z]{1,3}\b)?(?:\s+[^\s\d]+){0,4}\s*"
)


# A list item that is a sentence, ending in a full stop after more than so many words, is
# the text's own: headlines end in none.
_FULL_STOP = "."
_SENTENCE_WORDS = 5


def _is_teaser_like(text: str) -> bool:
    """Lines that could be an unrelated headline: list items and unpunctuated short lines, but
    not a figure after its label."""
    stripped = text.strip()
    item = BULLET.sub("", stripped, count=1)
    label = _LABELLED_FIGURE.fullmatch(item)
    if label and _HAS_WORD.search(label.group().partition(":")[0]):
        return False
    if item.endswith(_FULL_STOP) and _more_words_than(item, _SENTENCE_WORDS):
        return False  # "- Our aim is to reopen the bridge by 30 June 2026.": the text's own
    return bool(BULLET.match(stripped)) or (
        not stripped.endswith(TERMINAL) and not _more_words_than(stripped, 25)
    )


def introduced_list_items(lines: list[Line]) -> set[int]:
    """List items under a line that announces them ("… including:"): they belong to the
    article. Blank lines and other list items between the two do not matter."""
    introduced: set[int] = set()
    announced = False  # whether the last line that is neither blank nor a list item ends in ":"
    for i, line in enumerate(lines):
        if not line.stripped:
            continue
        if BULLET.match(line.text):
            if announced:
                introduced.add(i)
        else:
            announced = line.stripped.endswith(":")
    return introduced


def off_topic_lines(lines: list[Line], candidates: list[int]) -> set[int]:
    """Indices of candidate lines whose content words barely occur in the rest of the text.

    An unrelated headline dropped into an article ("related stories") shares almost none of
    its content words with the article around it; a real list item shares several.
    """
    counts: Counter[str] = Counter()
    per_line: dict[int, list[str]] = {}
    for i, line in enumerate(lines):
        words = content_words(line.text)
        per_line[i] = words
        counts.update(set(words))
    off: set[int] = set()
    for i in candidates:
        unique = set(per_line[i])
        if len(unique) < 3:
            continue
        shared = sum(1 for w in unique if counts[w] > 1)
        if shared / len(unique) < 0.3:
            off.add(i)
    return off


# --- passages ----------------------------------------------------------------------------------------


def build_passages(
    doc_id: str, text: str, blocks: Iterable[list[Line]], max_chars: int
) -> list[Passage]:
    """Group each block's sentences into passages of at most about ``max_chars``."""
    passages: list[Passage] = []
    for block in blocks:
        sentences: list[tuple[int, int]] = []
        for line in block:
            body_start = line.start + (len(line.text) - len(line.text.lstrip()))
            sentences.extend(sentence_spans(text, body_start, line.end))
        current: list[tuple[int, int]] = []
        for span in sentences:
            if current and span[1] - current[0][0] > max_chars:
                passages.append(_passage(doc_id, text, current))
                current = []
            current.append(span)
        if current:
            passages.append(_passage(doc_id, text, current))
    return passages


def _passage(doc_id: str, text: str, spans: list[tuple[int, int]]) -> Passage:
    start, end = spans[0][0], spans[-1][1]
    return Passage(doc_id=doc_id, start=start, end=end, text=text[start:end])


def _joins_previous(previous: Line, line: Line) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence, this one goes on."""
    prev = previous.stripped
    cur = line.stripped
    return (
        bool(prev)
        and bool(cur)
        and not prev.endswith(TERMINAL)
        and cur[0].islower()
        and not BULLET.match(cur)
    )


# A file whose lines are all at most this long, most of them near the longest, is hard-wrapped.
MAX_WRAP_WIDTH = 120


def wrap_width(lines: list[Line]) -> int | None:
    """The column a hard-wrapped file breaks its lines at; None when its lines are paragraphs."""
    lengths = [len(line.text.rstrip()) for line in lines if line.stripped]
    if len(lengths) < 4:
        return None
    width = max(lengths)
    if width > MAX_WRAP_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near >= max(2, 0.25 * len(lengths)) else None


# A joined paragraph longer than this is prose, never a call to action, a credit line or a
# headline, so no more of it is read to tell (which keeps joining linear in the file's size).
ROLE_PROBE = 600


def join_wrapped(text: str, lines: list[Line]) -> list[Line]:
    """The file's lines with hard-wrapped paragraphs joined into one line each.

    Judging a wrapped paragraph line by line would take each short, unpunctuated piece for a
    heading or a teaser. A line continues the one before when the wrapping broke it there:
    its first word would not have fitted at the end of the line before. A list item, a
    credit line, a call to action, or a short unpunctuated line after a finished sentence (a
    heading) stands alone all the same; a capitalised line after a call to action, a credit
    line or the headline starts anew, unless it is the headline's own short tail.
    """
    width = wrap_width(lines)
    if width is None:
        return lines
    spans: list[tuple[int, int]] = []  # (start, end) of each joined line, in ``text``
    known: dict[tuple[int, int], bool] = {}  # probe span → whether it stands alone

    def probe_stands_alone(span: tuple[int, int]) -> bool:
        """Whether a joined line stands alone, judged on its probe (see ``ROLE_PROBE``);
        a long paragraph's probe stops changing, so it is judged once."""
        probe = (span[0], min(span[1], span[0] + ROLE_PROBE))
        if probe not in known:
            known.clear()
            known[probe] = _stands_alone(text[probe[0] : probe[1]])
        return known[probe]

    last_piece = ""  # the last physical line of the last joined line
    for line in lines:
        first_word = line.stripped.split(maxsplit=1)[0] if line.stripped else ""
        if (
            spans
            and last_piece.strip()
            and first_word
            and len(last_piece.rstrip()) + 1 + len(first_word) > width
            and not BULLET.match(line.text)
            and not _stands_alone(line.text)
            and not (last_piece.rstrip().endswith(TERMINAL) and is_heading(line.text))
            and not (line.stripped[:1].isupper() and probe_stands_alone(spans[-1]))
            and not (len(spans) == 1 and _headline_then(text, spans[0], line, width))
        ):
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
        last_piece = line.text
    return [Line(start, end, text[start:end]) for start, end in spans]


def _headline_then(text: str, span: tuple[int, int], line: Line, width: int) -> bool:
    """``text[span]``, the first line, is the headline (on one line of the file), and
    ``line`` opens the article rather than ending it."""
    start, end = span
    if end - start > ROLE_PROBE:
        return False
    first = text[start:end]
    tail = is_heading(line.text) and len(line.stripped) < 0.6 * width
    return (
        "\n" not in first
        and is_heading(first)
        and not first.strip().endswith(TERMINAL)
        and line.stripped[:1].isupper()
        and not tail
    )


def _stands_alone(text: str) -> bool:
    return credit_of(text) is not None or is_call_to_action(text)


# A dateline or byline is one of the first lines after the headline (a standfirst may come
# between), or the opening of a paragraph there before its dash: short, and its one date (day, month and year) stands
# apart from any sentence ("Castlemere, 30 April 2026", "The Circuit. By T. Lind. Published
# 5 May 2026", "The Daily Clarion. Tuesday 24 November 2026. By J. Pike", "Tarvik, 13 April
# 2026 — The election …").
DATELINE_LINES = 4
DATELINE_MAX_WORDS = 16
_DATELINE_DASH = re.compile(r"\s[—–-]{1,2}\s")
_PUBLISHED_WORDS = frozenset({"published", "updated", "posted", "dated", "issued", "filed"})
# What may follow the date on such a line: its time of day ("10:42 AM GMT").
_CLOCK_WORDS = frozenset(
    {"at", "a", "p", "m", "am", "pm", "gmt", "utc", "bst", "cet", "cest", "et", "est", "edt"}
)
_SEPARATORS = frozenset({",", ".", "|", "·", "•", "—", "–", "-", "/", ":", "(", ")"})


def dateline_date(text: str, month_first: bool = False) -> str | None:
    """The ISO date a dateline or byline states, else None.

    A line whose date follows an event word ("Released 17 November 1997", "Founded 3 May
    1850") states a fact of the article's subject, not when the article was written."""
    from retrieval.figures import lexicon as lx
    from retrieval.figures.dates import NUMERIC_DAY, find_dates, numeric_day
    from retrieval.figures.tokens import tokenize

    if numeric := NUMERIC_DAY.match(text.strip().strip("*_#> ")):
        first, second, year = (int(g) for g in numeric.groups())
        numbered = numeric_day(first, second, year, month_first)  # "14/03/2026"
        return None if numbered is None or numbered.date is None else numbered.date.isoformat()
    tokens = [t for t in tokenize(text.strip()) if t.text not in {"*", "_", "#", ">"}]
    if not tokens or sum(t.kind == "word" for t in tokens) > DATELINE_MAX_WORDS:
        return None
    # A bare weekday beside the day names the same day ("Wednesday 13 May 2026").
    spans = [s for s in find_dates(tokens) if not (s.period in lx.WEEKDAYS and s.relative == "on")]
    if len(spans) != 1 or spans[0].low is None or spans[0].low != spans[0].high:
        return None
    span = spans[0]
    start = span.lead
    if start and tokens[start - 1].kind == "word" and tokens[start - 1].lower in lx.WEEKDAYS:
        start -= 1
    said = tokens[start - 1] if start else None
    follows = tokens[span.j :]
    while follows and (follows[0].kind != "word" and follows[0].text not in _SEPARATORS):
        follows = follows[1:]
    ends = all(t.kind != "word" or t.lower in _CLOCK_WORDS for t in follows)
    stated = said is not None and said.lower in _PUBLISHED_WORDS
    # "posted Friday 27 February 2026 by Sonia Pellow, secretary": its author after it
    ends = ends or (stated and bool(follows) and follows[0].lower == "by")
    apart = said is None or said.text in _SEPARATORS or stated
    if not apart and said is not None and said.kind == "word":
        apart = lx.event_class(said.text) is None and ends and start == span.lead
        apart = apart and said.lower not in lx.FUNCTION_WORDS
    if not (apart and (ends or follows[0].text in _SEPARATORS)):
        return None
    day = int(span.low or 0)
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTH_DAY = re.compile(rf"\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b", re.IGNORECASE)


def _month_first(text: str) -> bool:
    """Whether a document writes its days month first ("March 14") more often than day first
    ("14 March"): how to read its "03/04/2026"."""
    return len(_MONTH_DAY.findall(text)) > len(_DAY_MONTH.findall(text))


def _dateline(
    lines: list[Line], worded: list[int], after_title: bool, month_first: bool = False
) -> tuple[int, str, bool]:
    """The publication date a document without front matter states under its headline: the
    line's index, the ISO date, and whether the line is nothing but that dateline."""
    skip = 1 if after_title else 0
    for i in worded[skip : skip + DATELINE_LINES]:
        line = lines[i].text
        if found := dateline_date(line, month_first):
            return i, found, True
        opening = _DATELINE_DASH.search(line)
        if opening and (found := dateline_date(line[: opening.start()], month_first)):
            return i, found, False
    return -1, "", False


def parse_document(text: str, doc_id: str, path: str, sha256: str, max_chars: int) -> Document:
    front, body_start = split_front_matter(text)
    lines = join_wrapped(text, list(iter_lines(text, body_start)))
    nonblank = [i for i, line in enumerate(lines) if line.stripped]
    # The title comes from the first line that has a word: not a rule ("---") or a stray fence.
    worded = [i for i in nonblank if _HAS_WORD.search(lines[i].text)]

    title = str(front.get("title") or "").strip()
    skip: set[int] = set()
    if not title and worded:
        first = lines[worded[0]]
        title = " ".join(first.stripped.lstrip("#").split())  # a wrapped headline: one line
        if _is_prose(first) or (not is_heading(first.text) and first.stripped.endswith((".", ";"))):
            # No headline: the article opens with its lead paragraph, which stays quotable.
            s, e = sentence_spans(text, first.start, first.end)[0]
            title = _shorten(text[s:e], 120)
        else:
            skip.add(worded[0])  # the headline is shown as the title, not quoted again
    published = _optional_str(front.get("published") or front.get("date"))
    if published is None:
        after_title = bool(worded) and worded[0] in skip
        at, dated, whole = _dateline(lines, worded, after_title, _month_first(text))
        published = dated or None
        if whole:
            skip.add(at)  # the dateline is shown as the report's date, not quoted

    publisher = front.get("publisher") or front.get("source")
    for i in nonblank:
        if i in skip:
            continue
        credit = credit_of(lines[i].text)
        if credit:
            skip.add(i)
            publisher = publisher or credit
        elif is_call_to_action(lines[i].text) or is_rights_notice(lines[i].text):
            skip.add(i)
    introduced = introduced_list_items(lines)
    candidates = [
        i
        for i in nonblank
        if i not in skip and _is_teaser_like(lines[i].text) and i not in introduced
    ]
    skip |= off_topic_lines(lines, candidates)
    for i in sorted(skip):
        log.debug("%s: not quoted: %r", doc_id, lines[i].stripped[:80])
    # A heading with a number in it is data ("Released 17 November 1997"), not a title.
    headings = {
        i
        for i in nonblank
        if i not in skip and is_heading(lines[i].text) and not re.search(r"\d", lines[i].text)
    }

    # Paragraph blocks: a run of kept lines; list items and hard-wrapped lines stay together.
    blocks: list[list[Line]] = []
    previous: Line | None = None
    for i, line in enumerate(lines):
        if not line.stripped or i in skip or i in headings:
            previous = None
            continue
        bullet = bool(BULLET.match(line.text))
        if previous is not None and (
            _joins_previous(previous, line) or (bullet and BULLET.match(previous.text))
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous = line

    blocks = answers_with_questions(blocks)
    meta = DocumentMeta(
        doc_id=doc_id,
        path=path,
        title=title or doc_id,
        publisher=_optional_str(publisher),
        url=_optional_str(front.get("url")),
        published=published,
        sha256=sha256,
    )
    passages = build_passages(doc_id, text, blocks, max_chars)
    return Document(meta=meta, text=text, passages=passages)


def answers_with_questions(blocks: list[list[Line]]) -> list[list[Line]]:
    """``blocks`` with each answer of a transcript in one block with the question it answers:
    a speaker's turn that ends asking ("… What did the array cost?") and the next speaker's
    turn ("MARIT HALVORSEN: About eighty-four million pounds, …"). The answer's figures are
    of what was asked, and a passage that quotes one quotes the other."""
    out: list[list[Line]] = []
    joined = False  # the last block is a question with its answer already
    for block in blocks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not joined
            and previous[-1].stripped.endswith("?")
            and SPEAKER.match(previous[0].text)
            and SPEAKER.match(block[0].text)
        ):
            out[-1] = [*previous, *block]
            joined = True
        else:
            out.append(block)
            joined = False
    return out


def _is_prose(line: Line) -> bool:
    return _more_words_than(line.text, 30) or len(sentence_spans(line.text, 0, len(line.text))) > 1


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _optional_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value).strip() or None


def load_document(
    path: Path, corpus_dir: Path, max_chars: int, max_bytes: int | None = None
) -> Document | SkippedFile:
    rel = path.relative_to(corpus_dir).as_posix()
    found: readers.Extracted | None = None
    text: str | None
    too_large = readers.size_error(path, max_bytes)
    if too_large:
        text, reason = None, too_large
    elif readers.handles(path):  # HTML, PDF, Word: their extracted text
        try:
            found = readers.extract(path)
            text, reason = found.text, ""
        except UnreadableFileError as exc:
            text, reason = None, str(exc)
    else:
        text, reason = read_text(path)
    if text is None:
        return skip(rel, reason)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = parse_document(text, doc_id_for(path, corpus_dir), rel, sha, max_chars)
    if found is not None:
        doc.meta = readers.with_metadata(doc.meta, found)
    if not doc.passages:
        return skip(rel, "has no article text")
    return doc


def skip(rel: str, reason: str) -> SkippedFile:
    """A corpus file left out, with the warning that names it."""
    log.warning("skipping %s: %s", rel, reason)
    return SkippedFile(rel, reason)


def load_corpus(
    corpus_dir: Path, max_chars: int = 450, max_bytes: int | None = None
) -> tuple[list[Document], list[SkippedFile]]:
    """Every usable document under ``corpus_dir``; unusable files are skipped with a warning."""
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    owners: dict[str, str] = {}  # doc_id → the file that has it
    for path in discover(corpus_dir):
        doc_id = doc_id_for(path, corpus_dir)
        rel = path.relative_to(corpus_dir).as_posix()
        if doc_id in owners:  # "a.txt" and "a.md": one id, so quotes could not name the file
            skipped.append(skip(rel, f"has the same document id ({doc_id}) as {owners[doc_id]}"))
            continue
        owners[doc_id] = rel
        result = load_document(path, corpus_dir, max_chars, max_bytes)
        (skipped if isinstance(result, SkippedFile) else documents).append(result)  # type: ignore[arg-type]
    if not documents:
        raise CorpusError(f"no readable documents in {corpus_dir} ({len(skipped)} skipped)")
    return documents, skipped
