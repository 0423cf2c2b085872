"""A small, seeded, bounded fuzz of entry files built from hostile pieces (issue 10): deep nesting, huge
scalars, odd unicode, bytes that are not UTF-8, tags, anchors, merge keys, duplicate keys, wrong types.

For every case, `validate`, `readme`, `export` and `fmt` must end with an exit code (never a traceback),
write nothing outside their own outputs (README.md, the export file, the entry files fmt may rewrite,
.cache/), never run what a tag asks for, and leave README.md untouched when the data fails validation.
The cases are fixed by their seeds, so a failure is reproducible by its test id.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from awesome_approx.cli import main
from workspace import make_project

CASES = 40
CANARY = "pwned-by-a-yaml-tag"
BASE = (b"title: A Fuzzed Entry\nurl: https://example.org/fuzz\ncategory: best-surveys\n"
        b"description: An entry file built from hostile pieces.\n")
ODD_TEXT = ["\u202eevil\u202c", "zero\u200bwidth\u200djoin", "line\u2028separator", "e\u0301\u0301\u0301",
            "\U0001f9ea\U0001f9ea", "next\u0085line", "\ufeffbom inside", "\u0000nul", "tab\there",
            "\ud7ff\ue000\uffff", "ｆｕｌｌｗｉｄｔｈ", "</script><script>alert(1)</script>",
            "[x](javascript:alert(1)) | pipe ` tick"]


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def deep(rng: random.Random) -> bytes:
    depth = rng.choice([300, 1000, 5000])
    return f"title: {'[' * depth}x{']' * depth}\n".encode()


def huge(rng: random.Random) -> bytes:
    size = rng.choice([1_000, 20_000, 300_000])
    field = rng.choice(["description", "title", "venue"])
    return f"{field}: A{'x' * size}.\n".encode()


def odd_unicode(rng: random.Random) -> bytes:
    field = rng.choice(["title", "venue", "description"])
    return f"{field}: {quoted(rng.choice(ODD_TEXT))}\n".encode("utf-8", "surrogatepass")


def raw_bytes(rng: random.Random) -> bytes:
    return b"title: " + rng.choice([b"\xff\xfe", b"\xed\xa0\x80", b"caf\xe9", b"\x00", b"\xc3"]) + b"\n"


def tag(rng: random.Random) -> bytes:
    return rng.choice([
        f"title: !!python/object/apply:os.system ['touch {CANARY}']\n",
        f"title: !!python/object/apply:builtins.open ['{CANARY}', 'w']\n",
        "url: !custom https://example.org\n", "year: !!binary aGVsbG8=\n", "authors: !!set {a, b}\n",
        "description: !!str Tagged.\n",
    ]).encode()


def anchor(rng: random.Random) -> bytes:
    return rng.choice([
        "title: &t A title\nvenue: *t\n",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "<<: {title: Merged}\n", "base: &b {title: X}\n<<: *b\n",
    ]).encode()


def wrong_type(rng: random.Random) -> bytes:
    return rng.choice([
        "year: 1e400\n", "year: .nan\n", "year: 99999999999999999999999\n", "added: 2020-13-45\n",
        "authors: {a: 1}\n", "url: [1, 2]\n", "tags: [UPPER, UPPER]\n", "? [complex, key]\n: value\n",
        "title: a\ntitle: b\n", "arxiv: 2008.13006\n", "category: [best-surveys]\n",
    ]).encode()


PIECES: dict[str, Callable[[random.Random], bytes]] = {
    "huge": huge, "unicode": odd_unicode, "bytes": raw_bytes, "tag": tag, "anchor": anchor, "type": wrong_type,
}
DEEP_SHARE = 0.1
"""Of the cases, about this share also get a deeply nested value (the loader's depth limit must refuse
it as too-deep, whatever else the file holds)."""

COMMANDS = {
    "validate": ["validate"],
    "readme": ["readme"],
    "export": ["export", "--format", "csv", "--output", "out/list.csv"],
    "fmt": ["fmt"],
}


DEEP_ONLY = -1
"""The seed of the one case that is a valid entry plus a deeply nested title and nothing else: the other
pieces of a mixed case often stop the loader before the nesting is reached."""


def hostile_entry(seed: int) -> tuple[bytes, tuple[str, ...]]:
    rng = random.Random(seed)
    if seed == DEEP_ONLY:
        kinds, pieces = (), []
    else:
        kinds = tuple(rng.sample(sorted(PIECES), rng.randint(1, 3)))
        pieces = [PIECES[kind](rng) for kind in kinds]
    if seed == DEEP_ONLY or rng.random() < DEEP_SHARE:
        kinds, pieces = (*kinds, "deep"), [*pieces, deep(rng)]
    parts = [BASE, *pieces] if rng.random() < 0.7 else [*pieces, BASE]
    return b"".join(parts), kinds


def case_params() -> list:
    params = []
    for seed in (*range(CASES), DEEP_ONLY):
        _, kinds = hostile_entry(seed)
        params.append(pytest.param(seed, id=f"seed{seed}-{'+'.join(kinds)}"))
    return params


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def may_write(command: str, name: str) -> bool:
    """What each command may change: its own output, and the validation cache."""
    own = {"readme": name == "README.md", "export": name == "out/list.csv",
           "fmt": name.startswith("data/entries/")}
    return name.startswith(".cache/") or own.get(command, False)


@pytest.mark.parametrize("seed", case_params())
def test_hostile_entry_files_never_crash_and_write_only_where_intended(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seed: int) -> None:
    text, _ = hostile_entry(seed)
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", {"fuzzed.yaml": text})
    readme = project / "README.md"
    readme.write_text("the committed README\n", encoding="utf-8")
    monkeypatch.chdir(project)
    everything_before = files_of(tmp_path)
    codes = {}
    for name, command in COMMANDS.items():
        before = files_of(project)
        codes[name] = main(command)  # an exception here is the traceback a user would see
        assert codes[name] in (0, 1), capsys.readouterr().err
        assert {n for n in changed(before, files_of(project)) if not may_write(name, n)} == set()
    capsys.readouterr()
    if codes["validate"] == 1:
        assert readme.read_text(encoding="utf-8") == "the committed README\n"
        assert codes["readme"] == codes["export"] == 1 and not (project / "out").exists()
    outside = {n for n in changed(everything_before, files_of(tmp_path)) if not n.startswith("project/")}
    assert outside == set()
    assert not list(tmp_path.rglob(f"*{CANARY}*")) and not Path(CANARY).exists()
