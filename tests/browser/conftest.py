"""Browser tests: the app served for real (werkzeug in a thread, on a temporary instance),
Debian's Chromium driven by Playwright for Python, axe-core from npm for accessibility.

Run them alone with `pytest tests/browser -m browser`. They need Debian's `chromium` (or
SURVEY_CHROMIUM naming another binary), the `playwright` package (the `test` extra; never
`playwright install`: no browser is downloaded) and axe-core (`npm ci` in this folder). Where one
is missing they are skipped, saying what and how to install it; with REQUIRE_BROWSER=1 (as in
.ci/run) they fail instead. Screenshots go to build/browser-artifacts/ (or
SURVEY_BROWSER_ARTIFACTS).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from signing import PASSWORD
from werkzeug.serving import make_server

from survey import accounts, create_app
from survey.web import get_db

from .browsing import AXE, api

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = os.environ.get("SURVEY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("SURVEY_BROWSER_ARTIFACTS", ROOT / "build" / "browser-artifacts"))
# Runs as root; without the background networking flags Chromium keeps trying to reach Google.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CONSULTANT = "amina.consultante@example.ma"
TIMEOUT_MS = 20_000


@pytest.hookimpl(tryfirst=True)  # before `-m` selects
def pytest_collection_modifyitems(items) -> None:
    """Every test of this folder is a browser test, even one whose module forgets to say so."""
    for item in items:
        if HERE in Path(item.path).parents and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


def _missing() -> list[str]:
    """What the browser tests need and do not have, each with how to install it."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        missing.append(
            f"Playwright for Python cannot be imported ({exc}): pip install -e '.[test]' "
            "(no `playwright install`: the tests drive Debian's Chromium)"
        )
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing.append(
            f"no Chromium executable at {CHROMIUM}: apt-get install chromium "
            "(or set SURVEY_CHROMIUM to a Chromium binary)"
        )
    if not AXE.is_file():
        missing.append(f"axe-core is not installed ({AXE} is missing): cd tests/browser && npm ci")
    return missing


@pytest.fixture(scope="package")
def browser_ready():
    """Skip (or, with REQUIRE_BROWSER=1, fail) when something the browser tests need is missing."""
    missing = _missing()
    if missing:
        message = "browser tests cannot run: " + "; ".join(missing)
        if os.environ.get("REQUIRE_BROWSER", "").strip().lower() in ("1", "true", "yes"):
            pytest.fail(f"{message} (REQUIRE_BROWSER=1: this is a failure)", pytrace=False)
        pytest.skip(f"{message} (set REQUIRE_BROWSER=1 to make this a failure)")


class LiveServer:
    """The app served on 127.0.0.1 by werkzeug, in a thread of the test process."""

    def __init__(self, app, url: str):
        self.app = app
        self.url = url

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        return api(self.url, method, path, body)

    def questionnaire(self, sector: str = "insurance") -> dict:
        return self.api("GET", f"/api/v1/questionnaires/readiness?sector={sector}")

    def assessment(self, name: str, *, lang: str, answers=None, submit=False, sector="insurance"):
        """A new `readiness` assessment made through the API; its resume token."""
        body = {
            "questionnaire": "readiness",
            "sector": sector,
            "language": lang,
            "organisation": {"name": name, "size": "10-49"},
            "answers": answers or {},
        }
        token = self.api("POST", "/api/v1/assessments", body)["token"]
        if submit:
            self.api("POST", f"/api/v1/assessments/{token}/submit")
        return token


@pytest.fixture(scope="package")
def live_server(browser_ready, tmp_path_factory):
    """One server for the whole folder, on a free port, with a consultant's account."""
    instance = tmp_path_factory.mktemp("browser-instance")
    with pytest.MonkeyPatch.context() as patch:  # read once, when the app is made
        patch.setenv("SURVEY_INSTANCE_PATH", str(instance))
        app = create_app()
    with app.app_context():
        accounts.create(get_db(), CONSULTANT, PASSWORD, "consultant")
    requests_log = logging.getLogger("werkzeug")
    level = requests_log.level
    requests_log.setLevel(logging.WARNING)  # each request's line; errors still show
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
        requests_log.setLevel(level)


@pytest.fixture(scope="package")
def browser(browser_ready):
    """One headless Chromium for the whole folder."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages, each in a context of its own (no cookies shared), closed after the
    test. The context bypasses the pages' CSP so that axe-core can be injected."""
    contexts = []

    def make(**options):
        context = browser.new_context(
            base_url=live_server.url, bypass_csp=True, accept_downloads=True, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(2 * TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def artifacts(browser_ready) -> Path:
    """The folder where the screenshots are kept, to be looked at after the run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def sign_in():
    """Sign a page's context in as the consultant, through the sign-in page."""

    def run(page, lang: str) -> None:
        page.goto(f"/sign-in?lang={lang}")
        page.locator("input[name=email]").fill(CONSULTANT)
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "/sign-in" not in page.url, f"signing in failed: still on {page.url}"

    return run
