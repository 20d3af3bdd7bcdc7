"""Every URL rule under /beheer, found in the app's url_map (so new pages are covered without
touching this file), refuses anonymous visitors and adviseurs."""

import pytest

from wizard import create_app
from wizard.config import TestConfig


def _beheer_requests():
    app = create_app(TestConfig, DATABASE_URL="sqlite://")
    for rule in app.url_map.iter_rules():
        if rule.rule == "/beheer" or rule.rule.startswith("/beheer/"):
            converters = rule._converters
            values = {name: (1 if type(conv).__name__ in ("IntegerConverter",) else "x")
                      for name, conv in converters.items()}
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule.rule, values


REQUESTS = list(_beheer_requests())


def _url(app, rule, values):
    path = rule
    for name, value in values.items():
        path = path.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
    return path


def test_the_walk_found_the_beheer_pages():
    rules = {rule for _, rule, _ in REQUESTS}
    assert {"/beheer", "/beheer/gebruikers", "/beheer/feedback", "/beheer/links"} <= rules


@pytest.mark.parametrize("method, rule, values", REQUESTS, ids=[f"{m} {r}" for m, r, _ in REQUESTS])
def test_anonymous_is_sent_to_the_login_page(app, client, method, rule, values):
    response = client.open(_url(app, rule, values), method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen?next=")


@pytest.mark.parametrize("method, rule, values", REQUESTS, ids=[f"{m} {r}" for m, r, _ in REQUESTS])
def test_an_adviseur_is_refused(app, make_user, new_client, login, method, rule, values):
    client = new_client()
    login(client, make_user("adviseur"))
    response = client.open(_url(app, rule, values), method=method)
    assert response.status_code == 403
    assert "Geen toegang" in response.get_data(as_text=True)


def test_a_beheerder_gets_the_dashboard(beheerder):
    html = beheerder[0].get("/beheer").get_data(as_text=True)
    for title in ("Nieuwe meldingen", "Weblinks met een probleem", "Onbekend of de interventie nog wordt aangeboden"):
        assert title in html
