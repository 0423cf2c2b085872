"""Time `fmt` and every export format on N synthetic entries (default N = 1,000 and 10,000), in-process.

Each figure is printed next to a baseline measured in the same run, so the ratios hold on any machine:
- fmt: `format_entry` on every file, against a plain YAML load of the same texts with libyaml's C
  loader, as the project uses (the least any YAML-aware formatter must spend);
- exports: each format, against `json.dumps` of the same records (the cheapest serialisation).
Usage: python benchmarks/contribute.py [N ...]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from datetime import date

import yaml

try:  # the loader the project itself uses
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

from awesome_approx.catalog.model import Catalog, Entry
from awesome_approx.contribute.fmt import format_entry
from awesome_approx.render.exports import EXPORT_FORMATS, entry_record

WORDS = ["sparse", "pruning", "quantized", "approximate", "accelerator", "tensor", "kernel", "filter",
         "DNN", "energy", "efficient", "hardware", "R&D", "50%", "C#", "{braces}", "naïve", "GPUs"]


def synthetic(rng: random.Random, index: int) -> Entry:
    year = rng.randint(1990, 2025)
    return Entry(
        id=f"author{index}{year}bench", title=" ".join(rng.choice(WORDS) for _ in range(9)),
        url=f"https://example.org/paper/{index}", category="best-surveys", description="Does a thing.",
        year=year, authors=tuple(f"First{k} Surname{index}x{k}" for k in range(rng.randint(1, 6))),
        venue=rng.choice(["IEEE Transactions on Computers 12(3)", "ISCA 2017", None]),
        arxiv=f"{year % 100:02d}{rng.randint(1, 12):02d}.{index:05d}" if year >= 2015 else None,
        doi=f"10.1234/bench.{index}", tags=("pruning", "gpu"), added=date(2024, 1, 1))


def entry_file(rng: random.Random, entry: Entry) -> str:
    """A hand-written-looking file: fields shuffled, quoting and list style mixed, comments here and there."""
    lines = ["# Checked by hand."]
    record = {k: v for k, v in entry_record(entry).items() if v not in (None, [], "")}
    for name in rng.sample(list(record), len(record)):
        dumped = yaml.safe_dump({name: record[name]}, allow_unicode=True, width=10**6,
                                default_flow_style=None if isinstance(record[name], list) else False)
        lines.append(dumped.rstrip("\n") + ("  # note" if "\n" not in dumped.rstrip("\n") else ""))
    return "\n".join(lines) + "\n"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(size: int) -> None:
    rng = random.Random(size)
    entries = [synthetic(rng, i) for i in range(size)]
    catalog = Catalog((), tuple(entries))
    texts = [entry_file(rng, e) for e in entries]
    baseline = best_of(3, lambda: [yaml.load(t, Loader=SafeLoader) for t in texts])
    fmt = best_of(3, lambda: [format_entry(t) for t in texts])
    print(f"N={size:>6}  fmt {fmt:7.3f} s  ({fmt / baseline:4.1f}x YAML load {baseline:.3f} s)")
    json_base = best_of(3, lambda: json.dumps([entry_record(e) for e in entries]))
    for name, (_, render) in sorted(EXPORT_FORMATS.items()):
        took = best_of(3, lambda render=render: render(catalog))
        print(f"N={size:>6}  export {name:<9} {took:7.3f} s  ({took / json_base:5.1f}x json.dumps "
              f"{json_base:.3f} s)")


def main(sizes: list[int]) -> None:
    for size in sizes:
        measure(size)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000], metavar="N",
                        help="numbers of entries (default: 1000 10000)")
    main(parser.parse_args().sizes)
