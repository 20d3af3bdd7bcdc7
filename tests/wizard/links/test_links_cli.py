"""`links check` end to end: a knowledge base whose only weblinks point at a local server, in a
database of its own, then the results on /beheer/links."""

import pytest
import yaml

from tests.conftest import _fresh_schema, make_app
from tests.wizard.conftest import PASSWORD
from wizard.accounts import services
from wizard.extensions import db
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.links.models import LinkCheck

CHOSEN = "brown-eyes-blue-eyes-filmworkshop"


@pytest.fixture
def local_links_app(data_copy, tmp_path, site):
    server, base = site
    for path in (data_copy / "interventies").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("weblinks") or path.stem == CHOSEN:
            data["weblinks"] = [f"{base}/ok", f"{base}/oud", f"{base}/weg", f"{base}/stil"] if path.stem == CHOSEN else []
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # its own SQLite file, also when the suite runs on PostgreSQL: this knowledge base is not the real one
    app = make_app(tmp_path, KB_DATA_DIR=data_copy, DATABASE_URL=f"sqlite:///{tmp_path / 'links.sqlite'}")
    _fresh_schema(app)
    with app.app_context():
        replace_knowledge_base(db.session, read_knowledge_base(data_copy))
        services.create_user("links-beheerder@gemeente.example", "beheerder", PASSWORD)
    return app, base


def test_links_check_stores_results_and_the_beheer_page_lists_the_problems(local_links_app):
    app, base = local_links_app
    assert "De weblinks zijn nog niet gecontroleerd" in _beheer_page(app, "/beheer/links")
    result = app.test_cli_runner().invoke(args=["links", "check", "--timeout", "1"])
    assert result.exit_code == 0, result.output
    assert "4 links gecontroleerd, 3 met een probleem." in result.output
    assert f"verplaatst\t{CHOSEN}\t{base}/oud\t{base}/nieuw" in result.output
    html = _beheer_page(app, "/beheer/links")
    assert f"{base}/weg" in html and "(HTTP 404)" in html
    assert f"naar {base}/nieuw" in html and "geen antwoord binnen de tijdslimiet" in html
    assert f"{base}/ok<" not in html
    # the edit page exists, so each problem has a button to fix the link in a draft
    assert f'href="/beheer/interventies/{CHOSEN}/bewerken">Herstel in een concept</a>' in html
    dashboard = _beheer_page(app, "/beheer")
    assert "<strong>3</strong> weblinks verplaatst, kapot of onbereikbaar" in dashboard

    # a second run keeps one row per link, and when each problem was first seen
    with app.app_context():
        first = {(r.url, r.failing_since) for r in db.session.query(LinkCheck)}
    app.test_cli_runner().invoke(args=["links", "check", "--timeout", "1", "--interventie", CHOSEN])
    with app.app_context():
        assert {(r.url, r.failing_since) for r in db.session.query(LinkCheck)} == first


def _beheer_page(app, path):
    client = app.test_client()
    client.post("/inloggen", data={"email": "links-beheerder@gemeente.example", "password": PASSWORD})
    return client.get(path).get_data(as_text=True)
