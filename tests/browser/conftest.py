"""Fixtures for tests that drive a real headless Chromium (Debian's /usr/bin/chromium) against
the app served on 127.0.0.1. Without Chromium they skip, except under CI=true, where a missing
browser is a failure."""

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from wizard import create_app
from wizard.accounts import services
from wizard.config import TestConfig

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# the machine has no network: without these flags Chromium keeps trying to reach Google's hosts
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def live_server(app):
    """The app with CSRF protection on, as in production, served in a thread."""
    served = create_app(TestConfig, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
                        WTF_CSRF_ENABLED=True, SERVER_NAME=None)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium niet gevonden ({CHROMIUM}); installeer het Debian-pakket 'chromium'."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core (shipped by axe-playwright-python, offline) on the page; fail on any
    violation of impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()

    def check(page, label=""):
        results = axe.run(page)
        violations = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        details = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                            f"{[n['target'] for n in v['nodes']][:3]}" for v in violations)
        assert not violations, f"axe {label}:\n{details}"
    return check


BEHEERDER_PASSWORD = "browser-wachtwoord-lang"


def _account_maker(app, role: str, password: str):
    """ensure(email) -> email: makes sure an account with `role` and `password` exists."""
    def ensure(email: str) -> str:
        with app.app_context():
            if services.find_user(email) is None:
                services.create_user(email, role, password)
        return email
    return ensure


@pytest.fixture
def beheerder_account(app):
    """Make sure a beheerder with `email` and BEHEERDER_PASSWORD exists; returns the e-mail address."""
    return _account_maker(app, "beheerder", BEHEERDER_PASSWORD)


ADVISEUR_PASSWORD = "browser-adviseur-wachtwoord"


@pytest.fixture
def adviseur_account(app):
    """Make sure an adviseur with `email` and ADVISEUR_PASSWORD exists; returns the e-mail address."""
    return _account_maker(app, "adviseur", ADVISEUR_PASSWORD)
