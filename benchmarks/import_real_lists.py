"""Benchmark `import-markdown` on the real hand-written lists in ../shared/corpus/real-lists/.

Prints, per list: linked items, entries written, the share imported, the lines left out by reason,
seconds for the whole import (parse, write through fmt, validate, move into place) and linked items per
second. Baseline, measured in the same run: markdown-it tokenising the same file (the least any
Markdown-based importer must do), as a ratio. The lists are read where they are, never copied.
Targets (issue 12): at least 90% of linked items imported on each list, at least 2,000 linked items a
second. On a shared machine the seconds are noisy: each figure is the best of RUNS runs.

A second baseline, also measured in the same run, is the disk: creating as many files of the same sizes
in a fresh folder beside the import (`write floor`), which no importer that writes one file per entry
can go below. On a disk shared with other jobs this floor alone can swing from 0.05 s to 0.6 s for 800
files, so compare `x floor` across runs rather than the seconds.

    .venv/bin/python benchmarks/import_real_lists.py [FOLDER]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from markdown_it import MarkdownIt

from awesome_approx.contribute.importer import ImportRefused, ImportReport, import_markdown

FOLDER = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real-lists"
RUNS = 5


def timed_import(source: Path) -> tuple[float, ImportReport | ImportRefused, list[int]]:
    best, outcome = float("inf"), None
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            try:
                outcome = import_markdown(source, Path(folder) / "data")
            except ImportRefused as refused:
                outcome = refused
            best = min(best, time.perf_counter() - start)
            sizes = written_sizes(outcome) if isinstance(outcome, ImportReport) else []
    return best, outcome, sizes  # type: ignore[return-value]


def write_floor(sizes: list[int]) -> float:
    """Seconds to create len(sizes) files of these sizes in a new folder, as the staging step must."""
    best = float("inf")
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            for number, size in enumerate(sizes):
                (Path(folder) / f"{number}.yaml").write_bytes(b"x" * size)
            best = min(best, time.perf_counter() - start)
    return best


def written_sizes(outcome: ImportReport) -> list[int]:
    return [path.stat().st_size for path in outcome.written if path.exists()]


def tokenising(text: str) -> float:
    parser = MarkdownIt("commonmark").enable("table")
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        parser.parse(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=FOLDER, help=f"the lists (default: {FOLDER})")
    folder = parser.parse_args().folder
    sources = sorted(folder.glob("*.md")) if folder.is_dir() else []
    sources = [s for s in sources if s.name != "README.md"]
    if not sources:
        print(f"skipped: no real lists in {folder.resolve()} (the shared corpus is not on this machine)")
        return 0
    print(f"{'list':<22}{'linked':>8}{'entries':>9}{'share':>8}{'seconds':>9}{'items/s':>9}{'x tokenise':>12}"
          f"{'floor s':>9}{'x floor':>9}  left out by reason")
    for source in sources:
        seconds, outcome, sizes = timed_import(source)
        baseline = tokenising(source.read_text("utf-8"))
        floor = write_floor(sizes)
        if isinstance(outcome, ImportRefused):
            print(f"{source.stem:<22} refused: " + "; ".join(p.message for p in outcome.problems[:3]))
            continue
        reasons = Counter(p.code for p in outcome.left_out)
        shown = ", ".join(f"{code} {count}" for code, count in reasons.most_common()) or "-"
        linked = outcome.linked_items
        share = outcome.imported / linked if linked else 1.0
        print(f"{source.stem:<22}{linked:>8}{outcome.imported:>9}{share:>8.1%}{seconds:>9.3f}"
              f"{linked / seconds:>9,.0f}{seconds / baseline:>12.1f}{floor:>9.3f}{seconds / floor:>9.1f}  {shown}")
    print(f"(best of {RUNS} runs each; the machine may be shared, so compare the ratio columns across runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
