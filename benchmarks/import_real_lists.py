"""Benchmark `import-markdown` on the real hand-written lists in ../shared/corpus/real-lists/.

Prints, per list: linked items, entries written, the share imported, the lines left out by reason,
seconds for the whole import (parse, write through fmt, validate, move into place) and linked items per
second. Baseline, measured in the same run: markdown-it tokenising the same file (the least any
Markdown-based importer must do), as a ratio. The lists are read where they are, never copied.
Targets (issue 12): at least 90% of linked items imported on each list, at least 2,000 linked items a
second. On a shared machine the seconds are noisy: each figure is the best of RUNS runs.

    .venv/bin/python benchmarks/import_real_lists.py [FOLDER]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from markdown_it import MarkdownIt

from awesome_approx.contribute.importer import ImportRefused, ImportReport, import_markdown

FOLDER = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real-lists"
RUNS = 3


def timed_import(source: Path) -> tuple[float, ImportReport | ImportRefused]:
    best, outcome = float("inf"), None
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            try:
                outcome = import_markdown(source, Path(folder) / "data")
            except ImportRefused as refused:
                outcome = refused
            best = min(best, time.perf_counter() - start)
    return best, outcome  # type: ignore[return-value]


def tokenising(text: str) -> float:
    parser = MarkdownIt("commonmark").enable("table")
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        parser.parse(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    sources = sorted(folder.glob("*.md")) if folder.is_dir() else []
    sources = [s for s in sources if s.name != "README.md"]
    if not sources:
        print(f"skipped: no real lists in {folder.resolve()} (the shared corpus is not on this machine)")
        return 0
    print(f"{'list':<22}{'linked':>8}{'entries':>9}{'share':>8}{'seconds':>9}{'items/s':>9}{'x tokenise':>12}"
          "  left out by reason")
    for source in sources:
        seconds, outcome = timed_import(source)
        baseline = tokenising(source.read_text("utf-8"))
        if isinstance(outcome, ImportRefused):
            print(f"{source.stem:<22} refused: " + "; ".join(p.message for p in outcome.problems[:3]))
            continue
        reasons = Counter(p.code for p in outcome.left_out)
        shown = ", ".join(f"{code} {count}" for code, count in reasons.most_common()) or "-"
        linked = outcome.linked_items
        share = outcome.imported / linked if linked else 1.0
        print(f"{source.stem:<22}{linked:>8}{outcome.imported:>9}{share:>8.1%}{seconds:>9.3f}"
              f"{linked / seconds:>9,.0f}{seconds / baseline:>12.1f}  {shown}")
    print("(best of 3 runs each; the machine may be shared, so compare the ratio column across runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
