"""What a policy officer sees in the questionnaire: history and caching, step aids, resuming."""

from tests.wizard.test_questionnaire import STEP1, new_session

HTMX = {"HX-Request": "true"}


def test_questionnaire_pages_are_never_stored_by_the_browser(client):
    sid = new_session(client)
    for url in ("/wizard/", f"/wizard/{sid}/stap/1", f"/wizard/{sid}/overzicht"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store", url
        assert "HX-Request" in response.headers["Vary"], url


def test_a_history_restore_after_back_gets_the_whole_page_with_the_saved_answers(client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    html = client.get(f"/wizard/{sid}/stap/1", headers={**HTMX, "HX-History-Restore-Request": "true"}).get_data(as_text=True)
    assert "<html" in html and 'value="Voorbeeldstad"' in html
    partial = client.get(f"/wizard/{sid}/stap/1", headers=HTMX).get_data(as_text=True)
    assert "<html" not in partial and 'value="Voorbeeldstad"' in partial


def test_the_step_form_opts_out_of_the_browsers_form_restore(client):
    sid = new_session(client)
    assert 'autocomplete="off"' in client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)
