"""Under htmx a refused request shows its Dutch message in the page instead of nothing."""

import pytest

from tests.browser.test_wizard_browser import fill_step1, start, submit

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
