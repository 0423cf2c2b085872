"""Fixtures for the website tests: the site built once per session and engine (MkDocs and Zensical) from
tests/fixtures/site/data, served by a real HTTP server on loopback, and Debian's Chromium driven by
Playwright. Every test that uses `built_site` or `site_url` runs once per engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK, Watch, build_fixture_site, serve_folder

from awesome_approx.site.engines import ENGINES


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def built_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the repository's mkdocs.yml, templates and docs/, built from the fixture data."""
    return build_fixture_site(engine, tmp_path_factory.mktemp(f"built-{engine}"))


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built by MkDocs only, for what only our MkDocs plugin does (its search views)."""
    return build_fixture_site("mkdocs", tmp_path_factory.mktemp("built-mkdocs-only"))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a skipped browser test would hide a missing install step
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, watch: Watch) -> Iterator[object]:
    """A fresh page in which every request to a host other than loopback (or a local file) is refused
    and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def gate(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "file") or url.hostname in LOOPBACK:
            route.continue_()
        else:
            watch.foreign_requests.append(route.request.url)
            route.abort()

    context.set_default_timeout(10_000)
    context.route("**/*", gate)
    tab = context.new_page()
    tab.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
    tab.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    # ERR_ABORTED is the browser cancelling a page's pending loads when the test navigates away.
    tab.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
           and watch.failed_requests.append(f"{request.url} ({request.failure})"))
    try:
        yield tab
    finally:
        context.close()
