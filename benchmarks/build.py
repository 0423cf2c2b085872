"""Time `validate` and `readme` on N synthetic entries (default N = 1,500 and 10,000), cold and warm.

Prints wall time and peak memory of each command run in a fresh process (as a user runs it), next to
a baseline measured in the same run: a bare `yaml.load(..., Loader=CSafeLoader)` of the same files in one
process, the least any YAML-based tool must spend. Both sides run from bytecode, as on a normal install
(see benchmarks/measured_env.py). Usage: python benchmarks/build.py [N ...] (--help for more)
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measured_env import bytecode_env

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["best-surveys", "dedicated-hw", "unstructured", "structured-sub-kernel", "structured-kernel",
              "structured-filter", "structured-hardware-friendly"]
WORDS = ["sparse", "pruning", "quantized", "approximate", "accelerator", "tensor", "kernel", "filter",
         "structured", "energy", "efficient", "hardware", "training", "inference", "network", "deep"]
MODELINE = "# yaml-language-server: $schema=../../src/awesome_approx/schema/entry.schema.json\n"


def synthetic_entry(rng: random.Random, index: int) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {index}"
    year = rng.randint(1990, 2025)
    authors = "\n".join(f"  - Author{index}x{k} Surname{k}" for k in range(rng.randint(1, 6)))
    arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{index:05d}" if year >= 2015 else ""
    lines = [
        MODELINE,
        f"title: {title}\n",
        f"url: https://example.org/paper/{index}\n",
        f"category: {rng.choice(CATEGORIES)}\n",
        f"year: {year}\n",
        f"authors:\n{authors}\n",
        f"venue: Conference {index % 40}\n",
        f'arxiv: "{arxiv}"\n' if arxiv else "",
        f"doi: 10.1234/bench.{index}\n",
        f"code: https://github.com/bench/repo{index}\n",
        f"description: {' '.join(rng.choice(WORDS) for _ in range(15)).capitalize()}.\n",
        "tags: [pruning, sparsity]\n",
        "added: 2026-11-25\n",
    ]
    return "".join(lines)


def make_data_dir(target: Path, count: int) -> None:
    (target / "entries").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "categories.yaml", target / "categories.yaml")
    rng = random.Random(count)
    for index in range(count):
        (target / "entries" / f"bench{index:06d}.yaml").write_text(synthetic_entry(rng, index), "utf-8")


MEASURE = (
    "import resource, runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_path(sys.argv[0], run_name='__main__') if sys.argv[0].endswith('.py') else "
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
    "except SystemExit as stop:\n"
    "    code = stop.code\n"
    "else:\n"
    "    code = 0\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'@@peak {max(own, kids)} {code}', file=sys.stderr)\n"
)


def run_measured(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code."""
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=cwd, capture_output=True, text=True,
                               check=False, env=bytecode_env(cwd / "bytecode"))
    wall = time.perf_counter() - start
    marker = [line for line in completed.stderr.splitlines() if line.startswith("@@peak ")]
    if not marker:
        raise RuntimeError(completed.stderr)
    _, peak_kb, code = marker[-1].split()
    return wall, int(peak_kb) / 1024, int(code) if code.lstrip("-").isdigit() else 1


REPEATS = 5
"""Each figure is the fastest of this many runs, after one warm-up run of each (see main)."""

STEPS = (("validate (cold)", ["validate", "--no-cache"]),
         ("readme (cold)", ["readme", "--no-cache"]),
         ("validate (warm)", ["validate"]),
         ("readme (warm)", ["readme"]))
"""Cold: every file parsed and checked (--no-cache), as on a fresh clone in CI. Warm: the cache of unchanged
files' results from the previous run, as for a contributor or `make site`."""

BASELINE = """\
import sys, yaml, pathlib
[yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in sorted(pathlib.Path(sys.argv[1]).glob('entries/*.yaml'))]
"""


def main(counts: list[int]) -> None:
    print(f"{'N':>7} {'step':<22} {'wall s':>8} {'peak MB':>8} {'vs baseline':>12} {'median of rounds':>17}")
    for count in counts:
        with tempfile.TemporaryDirectory() as temp:
            project = Path(temp)
            make_data_dir(project / "data", count)
            shutil.copytree(ROOT / "templates", project / "templates")
            (project / "pyproject.toml").write_text(
                "[tool.awesome-approx]\ndata_dir = 'data'\n", "utf-8")
            baseline_script = project / "baseline.py"
            baseline_script.write_text(BASELINE, "utf-8")
            # Rounds of the baseline and then every step, so that a machine that slows down or speeds up
            # during the run weighs on both alike; each round's ratio is against that round's baseline.
            # One run of each, not counted: it writes the bytecode (see measured_env.py) and fills the page cache.
            run_measured([str(baseline_script), str(project / "data")], project)
            for _, step in STEPS:
                run_measured(["awesome_approx", *step], project)
            base_runs: list[tuple[float, float, int]] = []
            step_runs: dict[str, list[tuple[float, float, int]]] = {label: [] for label, _ in STEPS}
            for _ in range(REPEATS):
                base_runs.append(run_measured([str(baseline_script), str(project / "data")], project))
                for label, step in STEPS:
                    step_runs[label].append(run_measured(["awesome_approx", *step], project))
            base, base_mem, _ = min(base_runs)
            print(f"{count:>7} {'baseline CSafeLoader':<22} {base:>8.2f} {base_mem:>8.0f} {'1.00x':>12}")
            for label, runs in step_runs.items():
                wall, mem, code = min(runs)
                rounds = statistics.median(run[0] / b[0] for run, b in zip(runs, base_runs, strict=True))
                status = "" if all(run[2] == 0 for run in runs) else f"  (exit {code})"
                print(f"{count:>7} {label:<22} {wall:>8.2f} {mem:>8.0f} {wall / base:>11.2f}x {rounds:>16.2f}x{status}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1_500, 10_000], metavar="N",
                        help="numbers of entries (default: 1500 10000)")
    main(parser.parse_args().sizes)
    print("targets (issue 9): validate cold <= 0.5 s at 1,500 entries and <= 1.3x the baseline at 10,000;\n"
          "validate warm <= 0.5 s and readme warm <= 0.8 s at 10,000; peak memory <= 300 MB\n"
          "cold: --no-cache, every file parsed and checked; warm: unchanged files' results reused from the\n"
          "cache the previous run wrote (as in CI, where validate runs before readme --check, and in every\n"
          "`make site` after the first)")
