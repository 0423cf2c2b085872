"""What a project made by `import-markdown --out DIR` needs to build its website besides data/ and
pyproject.toml: DIR/mkdocs.yml and the site's look (docs/assets/, overrides/), taken from awesome-approx's
own, so that `awesome-approx build` works at once. Templates are not copied: a project without a
templates/ folder renders with awesome-approx's own (config.Config.templates_path).

The mkdocs.yml is awesome-approx's own with what belongs to this list taken out (description,
repository, edit links, its hand-written pages) and site_name left empty, so that the plugin names
the site by the imported list's `title`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PLUGIN = "awesome-approx"
SITE_LOOK = ("docs/assets", "overrides")
"""Folders of awesome-approx copied as they are: stylesheet, scripts, vendored libraries, theme partials."""
THIS_LISTS = ("site_description", "repo_url", "repo_name", "edit_uri")
"""Settings of awesome-approx's mkdocs.yml that describe this list, not the imported one."""


def site_config(tool_config: dict[str, Any], source_name: str) -> str:
    """The imported project's mkdocs.yml (pure), from awesome-approx's own configuration."""
    config = {key: value for key, value in tool_config.items() if key not in THIS_LISTS}
    config["site_name"] = ""
    config["plugins"] = [PLUGIN if isinstance(item, dict) and PLUGIN in item else item
                         for item in tool_config.get("plugins") or []]
    theme = dict(config.get("theme") or {})
    theme["features"] = [f for f in theme.get("features", []) if f != "content.action.edit"]  # no repository yet
    config["theme"] = theme
    header = (f"# Written by `awesome-approx import-markdown` from {source_name}. The pages are generated from\n"
              "# data/ by the awesome-approx plugin; the site's name is [tool.awesome-approx] title in\n"
              "# pyproject.toml (site_name is left empty for the plugin). Build with `awesome-approx build`.\n")
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=110)


def scaffold_files(tool_root: Path, source_name: str) -> dict[str, str]:
    """Relative path -> text of every file of the site scaffold, read from awesome-approx's source tree."""
    tool_config = yaml.safe_load((tool_root / "mkdocs.yml").read_text("utf-8"))
    files = {"mkdocs.yml": site_config(tool_config, source_name)}
    for folder in SITE_LOOK:
        for path in sorted((tool_root / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(tool_root).as_posix()] = path.read_text("utf-8")
    return files
