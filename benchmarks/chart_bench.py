"""How long a chart of figures takes to draw, against a bare matplotlib PNG in the same run.

    .venv/bin/python benchmarks/chart_bench.py [--repeat 40]

Cases: a small chart (one group, 3 values) and the largest one drawn (3 groups of 12 values,
every shape). The baseline saves a figure of as many pixels holding one plain scatter of as
many points: what matplotlib's Agg costs with its default axes. The two are timed in turn, so
that on a shared machine both see the same load. matplotlib is imported and warmed up before
timing (the first chart in a process also pays its import, reported apart). Prints one
Markdown table; the target is p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot import chart  # noqa: E402
from bot.answer import Answer  # noqa: E402
from retrieval.figures.model import Claim, FigureGroup, FigureValue  # noqa: E402

TARGET_MS = 300.0


def _value(doc: str) -> FigureValue:
    return FigureValue("x", None, None, "people", doc, "q", publisher=f"Publisher {doc}")


def _claims(n: int) -> list[Claim]:
    shapes = [
        lambda v: Claim(f"about {v}", v * 0.9, v * 1.1, "people", "in May", qualifier="approx"),
        lambda v: Claim(f"more than {v}", v, None, "people", None, qualifier="lower"),
        lambda v: Claim(f"up to {v}", None, v, "people", None, qualifier="atmost"),
        lambda v: Claim(f"{v}–{v + 50}", v, v + 50, "people", "by June"),
        lambda v: Claim(str(v), v, v, "people", None, time_key=float(v)),
    ]
    out = []
    for i in range(n):
        claim = shapes[i % len(shapes)](100 + 37 * i)
        claim.mentions = [_value(f"d{i}-{k}") for k in range(1 + i % 3)]
        out.append(claim)
    return out


def answer(groups: int, rows: int) -> Answer:
    figures = [FigureGroup(f"measure {g}", "differ", _claims(rows)) for g in range(groups)]
    return Answer("how many?", True, figures=figures, summary="s")


def bare(rows: int, size: tuple[int, int]) -> Callable[[], bytes]:
    from matplotlib.figure import Figure

    def draw() -> bytes:
        figure = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
        ax = figure.subplots()
        ax.scatter(range(rows), range(rows))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        return buffer.getvalue()

    return draw


def timed(fns: list[Callable[[], object]], repeat: int) -> list[tuple[list[float], list[float]]]:
    """Each function's wall-clock and CPU times in ms, taken in turn (on a shared machine all
    see the same load; the CPU time is what a quiet machine would take, one core each)."""
    for fn in fns:
        fn()  # warm
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in fns]
    for _ in range(repeat):
        for fn, (wall, cpu) in zip(fns, times, strict=True):
            started, used = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()

    started = time.perf_counter()
    first = chart.draw(answer(1, 3))
    first_ms = (time.perf_counter() - started) * 1000
    assert first is not None

    print(
        "| chart | ours p50 | ours p95 | bare Agg p95 | ratio p95 | target p95 ≤ 300 ms "
        "| ours CPU p95 | bare Agg CPU p95 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for groups, rows in ((1, 3), (3, 12)):
        a = answer(groups, rows)
        drawn = chart.draw(a)
        assert drawn is not None
        with Image.open(io.BytesIO(drawn.png)) as image:
            size = image.size  # the baseline is as many pixels
        (ours, ours_cpu), (base, base_cpu) = timed(
            [partial(chart.draw, a), bare(groups * rows, size)], args.repeat
        )
        ok = "yes" if p95(ours) <= TARGET_MS else "NO"
        print(
            f"| {groups} group(s) × {rows} values, {size[0]}×{size[1]} px "
            f"| {statistics.median(ours):.0f} ms "
            f"| {p95(ours):.0f} ms | {p95(base):.0f} ms | {p95(ours) / p95(base):.2f}× | {ok} "
            f"| {p95(ours_cpu):.0f} ms | {p95(base_cpu):.0f} ms |"
        )
    print(f"\nFirst chart in a process (imports matplotlib): {first_ms:.0f} ms")


if __name__ == "__main__":
    main()
