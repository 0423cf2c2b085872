"""Benchmark `import-markdown` on a synthetic awesome list; prints figures, asserts nothing.

Baseline: markdown-it-py tokenising the same text (the least any Markdown-based importer must do).
Figures: our parse (tokens -> categories and entries), rendering the files, and the whole import
(parse, render, validate with load_catalog, write atomically), each as seconds and as a ratio to the
baseline measured in the same run.

    .venv/bin/python benchmarks/import_markdown.py [ENTRIES]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from awesome_approx.contribute.importer import import_markdown, render_files
from awesome_approx.contribute.markdown_list import parse_markdown

SECTIONS = 20


def synthetic_list(entries: int) -> str:
    """A list in the three shapes the importer reads: citation bullets, named bullets and a table."""
    per_section = max(1, entries // SECTIONS)
    lines = ["# Synthetic List", "", "## Contents", ""]
    lines += [f"- [Section {s}](#section-{s})" for s in range(SECTIONS)]
    for s in range(SECTIONS):
        lines += ["", f"## Section {s}", "", f"Papers and tools of section {s}.", ""]
        shape = s % 3
        if shape == 2:
            lines += ["| Paper | Year | Authors | Venue |", "|---|---|---|---|"]
        for i in range(per_section):
            n = s * per_section + i
            arxiv = f"{15 + n % 10:02d}{1 + n % 12:02d}.{n:05d}"
            if shape == 0:
                lines.append(f"- {2015 + n % 10} [Paper {n} on pruning](https://arxiv.org/abs/{arxiv}), "
                             f"Author{n} & al. - Prunes network {n} in a new way.")
            elif shape == 1:
                lines.append(f"- [Tool {n}](https://github.com/org{n}/tool{n}) - Quantises model {n}.")
            else:
                lines.append(f"| [Paper {n} on sparsity](https://doi.org/10.1000/{n}) | {2015 + n % 10} | "
                             f"Author{n} et al. | Venue {n % 7} |")
    return "\n".join(lines) + "\n"


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("entries", type=int, nargs="?", default=5000, help="entries of the list (default: 5000)")
    entries = arguments.parse_args().entries
    text = synthetic_list(entries)
    parser = MarkdownIt("commonmark").enable("table")
    baseline = best_of(3, lambda: parser.parse(text))
    parse = best_of(3, lambda: parse_markdown(text, "synthetic.md"))
    parsed = parse_markdown(text, "synthetic.md")
    render = best_of(3, lambda: render_files(parsed))

    def whole() -> None:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "list.md"
            source.write_text(text, encoding="utf-8")
            import_markdown(source, Path(folder) / "data")

    full = best_of(1, whole)
    print(f"synthetic list: {len(parsed.entries)} entries in {sum(1 for _ in parsed.walk())} sections, "
          f"{len(text) / 1024:.0f} KiB, {len(parsed.problems)} lines not understood")
    print(f"{'step':<42}{'seconds':>10}{'x baseline':>12}")
    for name, seconds in [("baseline: markdown-it tokenising", baseline),
                          ("parse_markdown (tokens -> entries)", parse),
                          ("render_files (entries -> YAML text)", render),
                          ("import_markdown (+ validate + write)", full)]:
        print(f"{name:<42}{seconds:>10.3f}{seconds / baseline:>12.1f}")
    print(f"whole import: {len(parsed.entries) / full:,.0f} entries per second")


if __name__ == "__main__":
    main()
