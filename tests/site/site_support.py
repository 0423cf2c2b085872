"""Constants and helpers shared by the website tests (a module with a name of its own: every test
folder may have a conftest.py, and `from conftest import ...` would pick whichever was imported last)."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from awesome_approx.catalog.model import Catalog
from awesome_approx.config import load_config
from awesome_approx.site.engines import build_with_engine
from awesome_approx.validate import load_catalog

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "site"
DATA = FIXTURES / "data"
BAD_DATA = FIXTURES / "bad-data"
ARTIFACTS = ROOT / "test-artifacts"
# Debian's chromium by default; another Chromium-based browser through this variable (GitHub's runners
# have Google Chrome, see .github/workflows/ci.yml).
CHROMIUM = Path(os.environ.get("AWESOME_APPROX_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
LOOPBACK = ("127.0.0.1", "localhost")


@dataclass
class Watch:
    """What a page did that a test must see: console errors, uncaught exceptions, requests that left the
    machine (refused) and requests that failed."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.foreign_requests == [], "requests to other hosts"
        assert self.failed_requests == [], "failed requests"
        assert self.page_errors == [], "uncaught exceptions"
        assert self.console_errors == [], "console errors"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def search_result(page, engine: str, query: str, title: str):
    """Type `query` into the site's search, key by key as a reader does, and return the locator of the
    first result whose title holds `title`. The two engines draw different search boxes: Material's
    (an input in the header) and Zensical's (a dialog opened by a button, results as listbox options)."""
    if engine == "zensical":
        page.locator("button.md-search__button").click()
        box = page.get_by_role("combobox", name="Search")
        box.press_sequentially(query)
        result = page.get_by_role("listbox", name="Search results").get_by_role("option").filter(has_text=title)
    else:
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query)  # Material searches on keyup
        result = page.locator(".md-search-result__link", has_text=title)
    result = result.first
    result.wait_for()
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A real HTTP server on loopback for `folder`; yields its address (ending in /)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_fixture_site(engine: str, folder: Path, catalog: Catalog | None = None) -> Path:
    """The site of `catalog` (default: the fixture data) built by `engine` into folder/site. A catalog
    made in a test skips validation, to test what the pages do with data validation would refuse."""
    site = folder / "site"
    catalog = catalog or load_catalog(DATA).catalog
    build_with_engine(engine, catalog, load_config(ROOT), ROOT / "mkdocs.yml", site, data_path=DATA,
                      source_dir=folder / "source")
    return site
