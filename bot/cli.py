"""The ``corpusbot`` command line: a thin layer over ``AnswerService``.

Heavy libraries (torch, sentence-transformers, faiss) are imported inside the commands
that need them, so ``corpusbot --help`` answers at once.
Exit codes: 0 success, 1 runtime failure, 2 bad input; errors are one line on stderr.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.settings import Settings
from retrieval.errors import BadInputError, CorpusbotError
from retrieval.text_input import external_text

if TYPE_CHECKING:
    from rich.console import Console

    from bot.core import AnswerService

log = logging.getLogger("corpusbot")

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class BadInput(click.ClickException):
    exit_code = 2


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _settings(
    ctx: click.Context, corpus: Path | None = None, index: Path | None = None
) -> Settings:
    settings: Settings = ctx.ensure_object(Settings)
    update: dict[str, Any] = {}
    if corpus is not None:
        update["corpus_dir"] = corpus
    if index is not None:
        update["index_dir"] = index
    return settings.model_copy(update=update) if update else settings


def _service(settings: Settings) -> AnswerService:
    from bot.core import AnswerService

    return AnswerService(settings)


@contextmanager
def _progress(
    enabled: bool = True,
) -> Iterator[Callable[[int, str], Callable[[int], None]] | None]:
    """A progress-bar factory on stderr: (total, what is counted) → advance(n)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _rate_column(),
        TimeRemainingColumn(),
        console=_stderr(),
        transient=True,
    ) as bar:

        def factory(total: int, counted: str) -> Callable[[int], None]:
            verb = "reading" if counted == "files" else "embedding"
            task = bar.add_task(f"{verb} {counted}", total=total)
            return lambda n: bar.advance(task, n)

        yield factory


def _rate_column() -> Any:
    """A progress column: passages embedded per second."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = f"{speed:,.0f} passages/s" if speed else "… passages/s"
            return Text(shown, style="progress.data.speed")

    return RateColumn()


corpus_option = click.option(
    "--corpus",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Corpus folder [default: CORPUSBOT_CORPUS_DIR or seeds].",
)
index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Index folder [default: CORPUSBOT_INDEX_DIR or index].",
)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="corpusbot")
def cli() -> None:
    """Answer questions over a corpus with verbatim, sourced quotes and side-by-side figures."""


@cli.group()
def index() -> None:
    """Build and inspect the search index."""


@index.command("build")
@corpus_option
@index_option
@click.option("--full", is_flag=True, help="Re-embed every passage instead of only changed files.")
@click.pass_context
def index_build(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, full: bool
) -> None:
    """Turn the corpus folder into an index (incremental unless --full)."""
    settings = _settings(ctx, corpus, index_dir)
    service = _service(settings)
    # Skipped files are listed once, below, with the ones skipped by earlier builds.
    logging.getLogger("retrieval.ingest").setLevel(logging.ERROR)
    with _progress() as progress:
        report = service.build(full=full, progress=progress)
    for path, reason in report.skipped.items():
        click.echo(f"skipped {path}: {reason}", err=True)
    click.echo(report.summary())


@index.command("info")
@index_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print the manifest and the documents as JSON."
)
@click.option(
    "--text", "with_text", is_flag=True, help="With --json: each document's extracted text too."
)
@click.pass_context
def index_info(ctx: click.Context, index_dir: Path | None, as_json: bool, with_text: bool) -> None:
    """Show what the index holds and how it was built."""
    from retrieval import index as idx

    settings = _settings(ctx, None, index_dir)
    manifest = idx.read(settings.index_dir)
    if as_json:
        records = idx.document_records(settings.index_dir)
        shown = manifest.to_dict()
        shown["document_list"] = [_document_entry(r, with_text) for r in records]
        click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    for key in ("model", "dimension", "index_type", "documents", "passages", "built_at"):
        click.echo(f"{key}: {getattr(manifest, key)}")
    external = manifest.vector_store
    if external:  # the vectors are searched there; index_type is then unused
        click.echo(
            f"vector_store: {external.get('backend')} at {external.get('location')}, "
            f"generation {external.get('generation')}"
        )
    else:
        click.echo(f"vector_store: faiss at {settings.index_dir / idx.FAISS_DIR}")
    for path, reason in manifest.skipped.items():
        click.echo(f"skipped {path}: {reason}")


def _document_entry(record: dict[str, Any], with_text: bool) -> dict[str, Any]:
    """One document of ``index info --json``: its metadata, pages and text length."""
    text = str(record.get("text", ""))
    entry = {k: record.get(k) for k in ("doc_id", "path", "title", "publisher", "url")}
    entry.update(
        published=record.get("published"),
        author=record.get("author"),
        pages=len(record.get("page_starts") or []) or None,
        chars=len(text),
    )
    if with_text:
        entry["text"] = text
    return entry


@index.command("show")
@click.argument("doc_id")
@index_option
@click.pass_context
def index_show(ctx: click.Context, doc_id: str, index_dir: Path | None) -> None:
    """Print the extracted text of document DOC_ID (the text quotes are cut from)."""
    from retrieval import index as idx

    settings = _settings(ctx, None, index_dir)
    records = idx.document_records(settings.index_dir)
    for record in records:
        if record.get("doc_id") == doc_id:
            click.echo(str(record.get("text", "")), nl=False)
            return
    raise BadInput(
        f"no document {doc_id!r} in the index (`corpusbot index info --json` lists them)"
    )


def _prepare(service: AnswerService, *, quiet: bool) -> None:
    """Build the index first when it is missing or stale; say so on stderr."""
    with _progress(not quiet) as progress:
        report = service.ensure_ready(progress=progress)
    if report is not None:
        click.echo(report.summary(), err=True)


@cli.command()
@click.argument("question", required=False)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the answer as JSON (JSON Lines in batch mode)."
)
@click.option(
    "--top-k",
    type=click.IntRange(1, 50),
    default=None,
    help="How many passages to quote [default: 5].",
)
@click.option(
    "--chart",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also draw the figures side by side into this PNG file.",
)
@click.option(
    "--context",
    "context",
    multiple=True,
    metavar="PREVIOUS QUESTION",
    help="A question asked before, oldest first (repeatable): QUESTION is read as its follow-up.",
)
@corpus_option
@index_option
@click.pass_context
def ask(
    ctx: click.Context,
    question: str | None,
    as_json: bool,
    top_k: int | None,
    chart: Path | None,
    context: tuple[str, ...],
    corpus: Path | None,
    index_dir: Path | None,
) -> None:
    """Answer QUESTION, or each line of standard input when QUESTION is left out."""
    from bot.core import validate_question

    settings = _settings(ctx, corpus, index_dir)
    if question is not None:
        question = external_text(question)  # an undecodable argument: U+FFFD, not a crash
        validate_question(question, settings.max_question_chars)  # fail fast, before any loading
        for earlier in context:
            validate_question(earlier, settings.max_question_chars)
    elif context:
        raise BadInput("--context needs a QUESTION to be the follow-up of")
    elif sys.stdin is None or sys.stdin.isatty():
        raise BadInput("give a QUESTION, or pipe questions on standard input, one per line")
    if chart is not None:
        _check_chart_path(chart, question)

    service = _service(settings)
    _prepare(service, quiet=as_json and question is None)
    if question is not None:
        answer = service.ask(question, top_k=top_k, earlier=context)
        if as_json:
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            from rich.console import Console

            from bot.render_terminal import print_answer

            print_answer(answer, Console())
        if chart is not None:
            _write_chart(answer, chart)
        return

    from bot.render_terminal import one_line

    failures = 0
    for line in _stdin_lines():
        text = external_text(line).strip()
        if not text:
            continue
        try:
            answer = service.ask(text, top_k=top_k)
        except BadInputError as exc:
            failures += 1
            shown = text if len(text) <= 200 else text[:200] + "…"
            click.echo(
                json.dumps({"question": shown, "error": str(exc)})
                if as_json
                else f"{shown}\terror: {exc}"
            )
            continue
        click.echo(
            json.dumps(answer.to_dict(), ensure_ascii=False) if as_json else one_line(answer)
        )
    if failures:
        raise BadInput(f"{failures} question(s) could not be answered (see the error lines)")


def _check_chart_path(path: Path, question: str | None) -> None:
    if question is None:
        raise BadInput("--chart draws one answer: give a QUESTION")
    folder = path.absolute().parent
    if not folder.is_dir():
        raise BadInput(f"--chart {path}: the folder {folder} does not exist")


def _write_chart(answer: Any, path: Path) -> None:
    """Draw ``answer``'s figures into ``path``; say on stderr when there is nothing to draw."""
    from bot.chart import draw

    drawn = draw(answer)
    if drawn is None:
        click.echo(
            f"no chart: no figure group has two values to compare ({path} not written)", err=True
        )
        return
    path.write_bytes(drawn.png)
    rows = sum(drawn.drawn_rows)
    click.echo(f"chart: {path} ({len(drawn.panels)} group(s), {rows} values)", err=True)


def _stdin_lines() -> Iterator[bytes | str]:
    """Standard input line by line, as bytes where it has them: decoding is external_text's."""
    source = getattr(sys.stdin, "buffer", None) or sys.stdin
    yield from source


@cli.command()
@corpus_option
@index_option
@click.pass_context
def chat(ctx: click.Context, corpus: Path | None, index_dir: Path | None) -> None:
    """A terminal chat on the same core: follow-ups are read in context; `/new` (or an empty
    line twice) starts over; Ctrl-D or `exit` leaves."""
    settings = _settings(ctx, corpus, index_dir)
    run_chat(settings)


def run_chat(settings: Settings) -> None:
    from rich.console import Console

    from bot.render_terminal import print_answer

    console = Console()
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:  # an undecodable line reaches external_text, not a crash
        reconfigure(errors="surrogateescape")
    service = _service(settings)
    console.print(f"[dim]corpusbot: loading the index of {settings.corpus_dir} …[/]")
    _prepare(service, quiet=False)
    console.print(
        "[bold]Ask about the corpus.[/] [dim](`/new` starts over; Ctrl-D or `exit` leaves)[/]"
    )
    session = 0
    blank = False
    while True:
        try:
            question = external_text(console.input("[bold cyan]you>[/] "))
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if question.strip().lower() in {"exit", "quit", ":q"}:
            return
        if question.strip().lower() == "/new" or (blank and not question.strip()):
            session += 1  # a fresh conversation: nothing asked before counts
            blank = False
            console.print("[dim]New conversation.[/]")
            continue
        blank = not question.strip()
        if blank:
            continue
        try:
            answer = service.ask(question, conversation=f"chat:{id(console)}:{session}")
        except BadInputError as exc:
            console.print(f"[red]{exc}[/]")
            continue
        print_answer(answer, console)


@cli.command("eval")
@click.argument("questions", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--top-k", type=click.IntRange(1, 50), default=None, help="Passages per question [default: 5]."
)
@corpus_option
@index_option
@click.pass_context
def eval_command(
    ctx: click.Context,
    questions: Path,
    as_json: bool,
    top_k: int | None,
    corpus: Path | None,
    index_dir: Path | None,
) -> None:
    """Score retrieval, figures and abstention on a QUESTIONS.jsonl file, or on a file of
    conversations (lines with "turns"), whose follow-ups are also scored on their reading."""
    from rich.console import Console

    from bot.conversation_eval import (
        is_conversation_file,
        render_conversation_eval,
        run_conversation_eval,
    )
    from bot.evaluation import EvalReport, render_eval, run_eval

    settings = _settings(ctx, corpus, index_dir)
    service = _service(settings)
    _prepare(service, quiet=as_json)
    k = top_k or settings.top_k
    if is_conversation_file(questions):
        talk = run_conversation_eval(
            questions, lambda q, key: service.ask(q, top_k=k, conversation=key), k
        )
        report: EvalReport = talk
        shown = render_conversation_eval(talk)
    else:
        report = run_eval(questions, lambda q: service.ask(q, top_k=k), k)
        shown = render_eval(report)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        Console().print(shown)


def _parse_since(value: str | None) -> Any:
    from datetime import UTC, datetime

    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadInput(f"--since {value!r} is not a date (YYYY-MM-DD or an ISO time)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _feedback_store(settings: Settings) -> Any:
    from bot.feedback import FeedbackStore, default_path

    path = default_path(settings)
    if not path.exists():
        raise BadInput(f"no feedback database at {path} (set CORPUSBOT_FEEDBACK_DB)")
    return FeedbackStore(path, create=False)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the votes as JSON Lines.")
@click.option("--since", default=None, help="Only votes cast or changed since DATE (YYYY-MM-DD).")
@click.option("--down", is_flag=True, help="Only 👎 votes.")
@index_option
@click.pass_context
def feedback(
    ctx: click.Context, as_json: bool, since: str | None, down: bool, index_dir: Path | None
) -> None:
    """List the 👍/👎 votes given to answers in Slack and Discord."""
    ctx.meta["corpusbot.index_dir"] = index_dir
    if ctx.invoked_subcommand is not None:
        return
    moment = _parse_since(since)
    store = _feedback_store(_settings(ctx, None, index_dir))
    records = store.votes(since=moment, down_only=down)
    if as_json:
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    for record in records:
        mark = "+1" if record.vote > 0 else "-1"
        docs = ",".join(dict.fromkeys(s.doc_id for s in record.sources)) or "-"
        reason = f"\treason: {record.reason}" if record.reason else ""
        click.echo(
            f"{record.updated_at}\t{mark}\t{record.platform}:{record.channel}\t"
            f"{record.question}\t[{docs}]{reason}"
        )
    ups = sum(r.vote > 0 for r in records)
    click.echo(f"{len(records)} votes: {ups} up, {len(records) - ups} down", err=True)


@feedback.command("export-eval")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--since", default=None, help="Only votes cast or changed since DATE (YYYY-MM-DD).")
@click.pass_context
def feedback_export_eval(ctx: click.Context, file: Path, since: str | None) -> None:
    """Write the 👎 questions to FILE.jsonl as eval cases to complete by hand."""
    from bot.feedback import eval_cases

    moment = _parse_since(since)
    if file.exists():
        raise BadInput(f"{file} exists already; choose a new file (nothing was written)")
    index_dir = ctx.meta.get("corpusbot.index_dir")
    store = _feedback_store(_settings(ctx, None, index_dir))
    cases = eval_cases(store.votes(since=moment, down_only=True))
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    file.write_text(text, encoding="utf-8")
    click.echo(
        f"{len(cases)} eval case(s) written to {file}; add expected_docs and expected_figures "
        "by hand (docs/evaluation.md)",
        err=True,
    )


@cli.command()
@click.argument("platform", type=click.Choice(["slack", "discord"]))
@corpus_option
@index_option
@click.pass_context
def serve(ctx: click.Context, platform: str, corpus: Path | None, index_dir: Path | None) -> None:
    """Run the bot on Slack or Discord."""
    settings = _settings(ctx, corpus, index_dir)
    serve_platform(settings, platform)


def serve_platform(settings: Settings, platform: str) -> None:
    if logging.getLogger().level > logging.INFO:
        # A server should say where it listens and when it reloads, even at the default level.
        logging.getLogger("bot").setLevel(logging.INFO)
    if platform == "slack":
        from bot import slack_app

        slack_app.check_slack_settings(settings)
        service = _service(settings)
        _prepare(service, quiet=False)
        slack_app.serve(settings, service.ask)
    else:
        from bot import discord_app

        discord_app.check_discord_settings(settings)
        service = _service(settings)
        _prepare(service, quiet=False)
        discord_app.serve(settings, service.ask)


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """The bot's main job: Slack or Discord when their tokens are set, else the terminal chat."""
    settings = _settings(ctx)
    if settings.slack_enabled:
        serve_platform(settings, "slack")
    elif settings.discord_enabled:
        serve_platform(settings, "discord")
    else:
        run_chat(settings)


def _setting_error(exc: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError) and exc.errors():
        err = exc.errors()[0]
        name = "_".join(str(p) for p in err.get("loc", ())).upper()
        return f"invalid setting CORPUSBOT_{name}: {err.get('msg')}"
    return f"invalid settings: {exc}"


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: settings, logging, and one-line errors with exit codes."""
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s: %(message)s", stream=sys.stderr
    )
    try:
        settings = Settings()
    except Exception as exc:  # pydantic's ValidationError, or an unreadable .env
        click.echo(f"Error: {_setting_error(exc)}", err=True)
        sys.exit(2)
    logging.getLogger().setLevel(settings.log_level)
    for noisy in ("httpx", "sentence_transformers", "transformers", "faiss", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        cli.main(args=argv, prog_name="corpusbot", standalone_mode=False, obj=settings)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(2)
    except click.UsageError as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except BadInputError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except CorpusbotError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:  # a folder that cannot be written, a disk that is full, …
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: one line here, the traceback at DEBUG
        log.debug("unexpected error", exc_info=True)
        click.echo(
            f"Error: {type(exc).__name__}: {exc} (CORPUSBOT_LOG_LEVEL=DEBUG shows where)", err=True
        )
        sys.exit(1)
