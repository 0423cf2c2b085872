"""Project settings from `[tool.awesome-approx]` in pyproject.toml: defaults in one place, validated.

Unknown keys and wrong types are errors (a typo in configuration must not be silently ignored).
Paths are resolved against the folder holding pyproject.toml, so commands work from any subfolder.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOOL_CHECKOUT = Path(__file__).resolve().parents[2]
"""The awesome-approx source tree this package runs from (the editable install `make test` makes). Its
templates/ are those of a project without its own (an imported list), and import-markdown copies its
docs/assets/ and overrides/ into a new project."""


class ConfigError(Exception):
    """pyproject.toml holds a setting we cannot use."""


@dataclass(frozen=True)
class Config:
    root: Path = field(default_factory=Path.cwd)
    data_dir: str = "data"
    templates_dir: str = "templates"
    readme: str = "README.md"
    repo_url: str = "https://github.com/awesome-approx/awesome-approx"
    branch: str = "main"
    site_url: str = ""
    contact: str = "maintainers@awesome-approx.invalid"
    title: str = "Approximate Computing in Deep Neural Networks"  # the list's name (CITATION.cff, feed)
    authors: str = "The awesome-approx contributors"  # who to cite, "; " between names (CITATION.cff)
    citation: str = "CITATION.cff"
    cache_file: str = ".cache/links.json"
    validate_cache_file: str = ".cache/validate.marshal"
    require_descriptions: bool = False
    """A missing description is an error when true, else a warning (imported lists rarely have them)."""
    intro: str = ""  # the list's introduction (import-markdown carries a source list's own here)
    summary: str = ""  # what the list holds, in a phrase: the README says "<summary>: N entries, ..."
    license_note: str = ""  # Markdown closing the README (the content's and the code's licences)

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    @property
    def templates_path(self) -> Path:
        """The project's templates folder, or awesome-approx's own when the project has none."""
        own = self.root / self.templates_dir
        return own if own.is_dir() else TOOL_CHECKOUT / "templates"

    @property
    def readme_path(self) -> Path:
        return self.root / self.readme

    @property
    def validate_cache_path(self) -> Path:
        return self.root / self.validate_cache_file

    @property
    def citation_path(self) -> Path:
        return self.root / self.citation

    @property
    def cache_path(self) -> Path:
        return self.root / self.cache_file


SETTINGS = {f.name: f for f in dataclasses.fields(Config) if f.name != "root"}


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` with a pyproject.toml naming this tool, else `start`."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "tool.awesome-approx" in candidate.read_text("utf-8", errors="replace"):
            return folder
    return start


def load_config(start: Path | None = None) -> Config:
    root = find_root((start or Path.cwd()).resolve())
    path = root / "pyproject.toml"
    if not path.is_file():
        return Config(root=root)
    try:
        document = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot parse: {error}") from error
    table: dict[str, Any] = document.get("tool", {}).get("awesome-approx", {})
    return Config(root=root, **_checked(table, path))


def _checked(table: dict[str, Any], path: Path) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in SETTINGS:
            known = ", ".join(sorted(SETTINGS))
            raise ConfigError(f"{path}: [tool.awesome-approx] has unknown key '{key}' (known: {known})")
        expected = bool if SETTINGS[name].type in (bool, "bool") else str
        if not isinstance(value, expected):
            kind = "true or false" if expected is bool else "a string"
            raise ConfigError(f"{path}: [tool.awesome-approx] {key} must be {kind}")
        values[name] = value
    return values
