"""Benchmark of the website build on both engines against a bare `mkdocs build` of the same pages.

For 1,000 and 10,000 synthetic entries (spread over the real category tree), this script writes a
throw-away project (the repository's mkdocs.yml, templates/, docs/ and overrides/ with synthetic data),
then measures in the same run:

- full:  `python -m awesome_approx build` (validate + README + site through the plugin, strict);
- zensical: `python -m awesome_approx build --engine zensical` (validate + README + the pages and an
         explicit navigation written to build/site-source/, then Zensical renders them);
- validate: `python -m awesome_approx validate` alone, to show how much of `full` is data validation;
- bare:  `python -m mkdocs build` of the same category pages written beforehand as plain Markdown (one
         list line per entry, from the README renderer), same theme and search, no plugin.

Each command runs in its own process; wall time is measured around it and peak memory is the child's
maximum resident set size. The three commands run in turn --repeat times and the fastest of each is
kept, so that load from other processes on the machine weighs on all of them alike. It also prints the
largest generated page, to check the 2 MB limit.

    .venv/bin/python benchmarks/site.py [--sizes 1000 10000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from awesome_approx.catalog.model import MODELINE, Catalog
from awesome_approx.render.readme import entry_line
from awesome_approx.validate import load_catalog
from measured_env import bytecode_env

ROOT = Path(__file__).resolve().parents[1]
TAGS = ("pruning", "quantization", "sparsity", "fpga", "asic", "gpu", "low-rank", "survey", "hardware")
VENUES = ("DAC 2020", "ISCA 2021", "NeurIPS 2019", "IEEE TCAD 40(3)", "MICRO 2022", "arXiv preprint")
WORDS = ("sparse", "approximate", "structured", "kernel", "filter", "tile", "channel", "accelerator",
         "quantised", "network", "pruning", "efficient", "hardware", "inference", "training", "dataflow")
MEASURE = ("import json, resource, subprocess, sys;"
           "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
           "print(json.dumps({'rc': r.returncode, "
           "'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))")


def synthetic_entry(i: int, category: str) -> dict[str, object]:
    words = [WORDS[(i * k + k) % len(WORDS)] for k in range(1, 8)]
    return {
        "title": f"Synthetic study {i}: {' '.join(words).capitalize()}",
        "url": f"https://example.org/paper/{i}",
        "category": category,
        "year": 1995 + i % 31,
        "authors": [f"Author{i} Alpha", f"Author{i + 1} Beta", f"Author{i + 2} Gamma"],
        "venue": VENUES[i % len(VENUES)],
        "doi": f"10.5555/bench.{i}",
        "code": f"https://github.com/bench/repo{i}",
        "description": f"A synthetic benchmark entry number {i} about {words[0]} {words[1]} methods for "
                       f"{words[2]} networks, long enough to look like a real one-sentence description.",
        "tags": sorted({TAGS[i % len(TAGS)], TAGS[(i // 3) % len(TAGS)]}),
        "added": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
    }


def write_project(folder: Path, count: int) -> None:
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("templates", "docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    data = folder / "data"
    (data / "entries").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "categories.yaml", data / "categories.yaml")
    catalog = load_catalog(data).catalog
    categories = catalog.category_ids()
    for i in range(count):
        entry = synthetic_entry(i, categories[i % len(categories)])
        text = MODELINE + "\n" + yaml.safe_dump(entry, sort_keys=False)  # as every real entry file starts
        (data / "entries" / f"bench{i:05d}.yaml").write_text(text, "utf-8")


def write_bare(folder: Path, catalog: Catalog) -> None:
    """The same category pages as plain Markdown, and a mkdocs.yml with the same theme and no plugin."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nThe list.\n", "utf-8")
    groups = catalog.entries_by_category()
    for category in catalog.walk():
        lines = [f"# {category.title}", "", category.description, ""]
        lines += [entry_line(e, category.style) for e in groups.get(category.id, [])]
        path = docs / "categories" / category.id / "index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: bare\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n", "utf-8")


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of one command run in its own process."""
    env = {**bytecode_env(cwd.parent / "bytecode"), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=env, check=True,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["rc"] != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}: {result.stderr}")
    return seconds, report["rss_kb"] / 1024


def largest_page(site: Path) -> tuple[str, int]:
    page = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return page.relative_to(site).as_posix(), page.stat().st_size


def run(count: int, workdir: Path, repeat: int) -> dict[str, object]:
    project, bare = workdir / f"project-{count}", workdir / f"bare-{count}"
    project.mkdir()
    write_project(project, count)
    write_bare(bare, load_catalog(project / "data").catalog)
    # One run of each engine's build, not counted: it writes the bytecode (see measure).
    measure([sys.executable, "-m", "awesome_approx", "build"], project)
    measure([sys.executable, "-m", "mkdocs", "build", "-q"], bare)
    runs = []
    for _ in range(repeat):
        # "cold": every entry file parsed and checked again (--no-cache), as on a fresh clone in CI;
        # "full": the usual run, reusing the results of unchanged files from the previous one.
        runs.append((measure([sys.executable, "-m", "awesome_approx", "build"], project),
                     measure([sys.executable, "-m", "mkdocs", "build", "-q"], bare),
                     measure([sys.executable, "-m", "awesome_approx", "validate"], project),
                     measure([sys.executable, "-m", "awesome_approx", "build", "--no-cache"], project),
                     measure([sys.executable, "-m", "awesome_approx", "build", "--engine", "zensical",
                              "--site-dir", "site-zensical"], project)))
    (full_s, full_mb), (bare_s, bare_mb), (validate_s, _), (cold_s, _), (zensical_s, zensical_mb) = (
        min(r[i] for r in runs) for i in range(5))
    page, size = largest_page(project / "site")
    index = project / "site" / "search" / "search_index.json"
    return {"entries": count, "full_s": full_s, "zensical_s": zensical_s, "zensical_mb": zensical_mb,
            "cold_s": cold_s, "validate_s": validate_s, "full_mb": full_mb,
            "bare_s": bare_s, "bare_mb": bare_mb,
            "ratio": full_s / bare_s, "largest_page": page, "largest_bytes": size,
            "pages": sum(1 for _ in (project / "site").rglob("*.html")),
            "search_index_mb": index.stat().st_size / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the fastest counts")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary dir)")
    args = parser.parse_args()
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="awesome-approx-site-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        print(f"{'entries':>8} {'full s':>8} {'zensical s':>10} {'zen ratio':>9} {'cold s':>8} {'bare s':>8} "
              f"{'ratio':>6} {'cold ratio':>10} "
              f"{'validate s':>10} {'full MiB':>9} "
              f"{'bare MiB':>9} {'pages':>6} {'largest page':>13} {'search index':>13}")
        for count in args.sizes:
            r = run(count, workdir, args.repeat)
            print(f"{r['entries']:>8} {r['full_s']:>8.2f} {r['zensical_s']:>10.2f} "
                  f"{r['zensical_s'] / r['bare_s']:>8.2f}x {r['cold_s']:>8.2f} {r['bare_s']:>8.2f} {r['ratio']:>5.2f}x "
                  f"{r['cold_s'] / r['bare_s']:>9.2f}x "
                  f"{r['validate_s']:>10.2f} {r['full_mb']:>9.0f} {r['bare_mb']:>9.0f} {r['pages']:>6} "
                  f"{r['largest_bytes'] / 2**20:>10.2f} MB {r['search_index_mb']:>10.2f} MB"
                  f"   ({r['largest_page']})", flush=True)
        print("full = MkDocs engine, zensical = Zensical engine, both through `awesome-approx build`; ratios are "
              "against the bare MkDocs build of the same pages measured in the same run")
        print("targets: full build (MkDocs engine) at 10,000 entries <= 1.5x the bare build (issue 9); "
              "no page over 2 MB")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
