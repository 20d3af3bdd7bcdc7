"""Under htmx a refused request shows its Dutch message in the page instead of nothing."""

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.test_wizard_browser import fill_step1, start, submit
from wizard import create_app
from wizard.config import TestConfig

pytestmark = pytest.mark.browser


def test_htmx_errors_show_the_dutch_message_in_the_page(page, live_server):
    start(page, live_server)
    fill_step1(page)
    page.context.clear_cookies()  # the session cookie that holds the CSRF secret is lost
    submit(page)
    message = page.locator("#melding .utrecht-alert")
    message.wait_for()
    assert "De beveiligingscode van het formulier ontbreekt of is verlopen" in message.inner_text()
    page.wait_for_function("document.activeElement && document.activeElement.matches('#melding .utrecht-alert')")
    assert page.url.endswith("/stap/1") and page.get_by_label("Naam van de gemeente").input_value() == "Teststad"

    page.reload()
    page.locator("#aanleiding").evaluate("(box) => { box.value = 'x'.repeat(3 * 1024 * 1024); }")
    submit(page)
    page.get_by_text("Te veel gegevens. Wat u verstuurde is te groot (hoogstens 2 MB).").wait_for()


@pytest.fixture
def failing_server(app):
    """The app as in production (an exception becomes the 500 page), with a route that fails."""
    served = create_app(TestConfig, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], PROPAGATE_EXCEPTIONS=False,
                        SERVER_NAME=None)
    served.add_url_rule("/kapot", "kapot", lambda: 1 / 0)
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_server_error_under_htmx_shows_the_dutch_message(page, failing_server):
    page.goto(failing_server + "/")
    page.evaluate("htmx.ajax('GET', '/kapot', {target: 'main'})")
    message = page.locator("#melding [role=alert]")
    message.wait_for()
    assert message.inner_text().startswith("Er is een fout opgetreden. Er ging aan onze kant iets mis.")
    assert page.get_by_role("heading", level=1).inner_text() == "Bouwstenenwijzer"  # the page itself stays
