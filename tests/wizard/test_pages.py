import pytest

from rules.definitions import ALL_RULES
from tests.wizard.test_advice import make_advice
from wizard import create_app
from wizard.config import Config, TestConfig, database_uri
from wizard.kb.access import knowledge_base


def test_home_lists_the_six_bouwstenen_from_the_database(client, real_kb):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl"' in html and 'href="#inhoud"' in html
    for bouwsteen in real_kb.bouwstenen:
        assert bouwsteen.name in html
    assert len(real_kb.bouwstenen) == 6


def test_pages_use_only_vendored_assets(client):
    html = client.get("/").get_data(as_text=True)
    assert "https://" not in html.split("<body")[0]
    with client.get("/static/vendor/htmx/htmx-2.0.11.min.js") as response:
        assert response.status_code == 200 and b"htmx" in response.data


def test_rules_page_lists_every_rule_with_its_weight(client):
    html = client.get("/hoe-komt-het-advies-tot-stand").get_data(as_text=True)
    for rule in ALL_RULES:
        assert f'id="{rule.id}"' in html
    assert "+10,0 per keer" in html and "−4,0" in html  # S-FACTOR-DIRECT, S-ANDERE-DOELGROEP: a Dutch decimal comma


def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.get_data(as_text=True)


def test_health_reports_the_newest_knowledge_base_version(app, client):
    from wizard.kb.access import newest_id
    with app.app_context():
        newest = newest_id()
    assert client.get("/gezond").get_json() == {"status": "ok", "kennisbank": str(newest)}


@pytest.mark.parametrize("url, expected", [
    (None, "sqlite:////inst/bouwstenenwijzer.sqlite"),
    ("postgresql://u:p@db/bsw", "postgresql+psycopg://u:p@db/bsw"),
    ("postgres://u@db/bsw", "postgresql+psycopg://u@db/bsw"),
    ("sqlite:////tmp/x.sqlite", "sqlite:////tmp/x.sqlite"),
])
def test_database_url_is_mapped_to_sqlalchemy(url, expected):
    assert database_uri({"DATABASE_URL": url}, "/inst") == expected


def test_production_refuses_to_start_without_secret_key(tmp_path):
    class Production(Config):
        PRODUCTION = True
        SECRET_KEY = None
    with pytest.raises(RuntimeError, match="SECRET_KEY is verplicht"):
        create_app(Production, DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite")


def test_development_keeps_a_generated_secret_key_in_the_instance_folder(tmp_path):
    class Dev(TestConfig):
        SECRET_KEY = None
    first = create_app(Dev, DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite")
    second = create_app(Dev, DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite")
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] and len(first.config["SECRET_KEY"]) == 64


# --- the knowledge base per request ----------------------------------------------------------

def _kb_reads(app, monkeypatch):
    from wizard.kb import access
    reads = []
    original = access.load_knowledge_base

    def counting(session, version_id=None):
        # a given version is immutable and served from memory; only "the newest" asks the database
        if version_id is None:
            reads.append(1)
        return original(session, version_id)
    monkeypatch.setattr(access, "load_knowledge_base", counting)
    return reads


def test_a_request_reads_the_knowledge_base_once_however_often_it_is_used(app, client, monkeypatch):
    reads = _kb_reads(app, monkeypatch)
    with app.test_request_context("/"):
        assert knowledge_base() is knowledge_base() is knowledge_base()
    assert len(reads) == 1
    sid = client.post("/wizard/nieuw").headers["Location"].split("/")[2]
    reads.clear()
    # a step shows its questionnaire's own version (choices and their explanations), never "the newest"
    assert client.get(f"/wizard/{sid}/stap/1").status_code == 200
    assert reads == []


def test_with_a_version_check_interval_a_process_reads_the_version_at_most_that_often(app, monkeypatch):
    from wizard.kb import access
    reads = _kb_reads(app, monkeypatch)
    clock = [1000.0]
    monkeypatch.setattr(access.time, "monotonic", lambda: clock[0])
    monkeypatch.setitem(app.config, "KB_VERSION_CHECK_SECONDS", 2)
    app.extensions.pop("recent_knowledge_base", None)
    client = app.test_client()
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert len(reads) == 1
    clock[0] += 2.5
    assert client.get("/").status_code == 200
    assert len(reads) == 2
    app.extensions.pop("recent_knowledge_base", None)


def test_without_a_version_check_interval_every_request_reads_the_version(app, client, monkeypatch):
    reads = _kb_reads(app, monkeypatch)
    assert app.config["KB_VERSION_CHECK_SECONDS"] == 0  # TestConfig: loads are seen at once
    for _ in range(3):
        client.get("/")
    assert len(reads) == 3


def test_rules_page_shows_every_rule_whole(client):
    import html as html_module
    import re
    page = html_module.unescape(client.get("/hoe-komt-het-advies-tot-stand").get_data(as_text=True))
    blank = lambda t: re.sub(r"\{[a-z_]+\}", "…", t)  # noqa: E731
    for rule in ALL_RULES:
        assert rule.source in page and rule.title in page, rule.id
        if rule.template:
            assert blank(rule.template) in page, rule.id
        for verdict in rule.verdicts:
            assert blank(verdict.template) in page, rule.id


def _rule_rows(client) -> dict[str, str]:
    import html as html_module
    import re
    page = client.get("/hoe-komt-het-advies-tot-stand").get_data(as_text=True)
    rows = re.findall(r'<tr class="utrecht-table__row" id="([^"]+)">(.*?)</tr>', page, re.S)
    return {rid: html_module.unescape(re.sub(r"<[^>]+>", " ", row)) for rid, row in rows}


def test_rules_page_shows_no_engine_fields_or_operators_to_the_public(client):
    """QA: 'Voorwaarde: question == verschijningsvorm en value in ...', 'has_evaluation == False'."""
    rows = _rule_rows(client)
    assert set(rows) == {rule.id for rule in ALL_RULES}
    fields = {field for rule in ALL_RULES for field, _, _ in rule.when + tuple(c for v in rule.verdicts for c in v.when)}
    for rule_id, text in rows.items():
        assert not any(op in text for op in ("==", ">=", "<=", " > ", " < ", "value in")), (rule_id, text)
        assert not [f for f in fields if "_" in f and f in text], (rule_id, text)
        assert "question" not in text and "rules/" not in text and "Voorwaarde: altijd" not in text, (rule_id, text)


@pytest.mark.parametrize("rule_id, question, choices", [
    ("V-VERTICAAL", "‘Welke verschijnselen baren zorgen?’ (stap 1)",
     [("verschijningsvormen", "verticale-polarisatie"), ("verschijningsvormen", "anti-institutioneel")]),
    ("V-ONLINE", "‘Speelt er een online dimensie?’ (stap 1)", ["Ja"]),
    ("V-JONGEREN", "‘Doelgroepen’ (stap 2)", [("doelgroepen", "jongeren"), ("doelgroepen", "jongvolwassenen")]),
    ("V-SCHOOL", "‘Omgevingen (settings)’ (stap 2)", [("settings", "school")]),
    ("E-LOKALE-ANALYSE", "‘Fase van de lokale preventieve aanpak’ (stap 1)", [("fase", "start"), ("fase", "in-ontwikkeling")]),
    ("V-SPIEGEL-IDENTITEIT", "‘Risico-indicaties op groepsniveau (optioneel)’ (stap 2)", ["risk:identiteitscrises"]),
])
def test_a_rule_that_depends_on_an_answer_names_the_question_and_choices_as_the_questionnaire_does(
        client, real_kb, rule_id, question, choices):
    text = " ".join(_rule_rows(client)[rule_id].split())
    labels = [c if isinstance(c, str) and not c.startswith("risk:") else
              real_kb.risk_factors[c[5:]].name if isinstance(c, str) else real_kb.label(*c) for c in choices]
    assert f"Voorwaarde: u koos bij {question}: " in text, text
    assert all(label in text.split("Voorwaarde:")[1] for label in labels), text
    assert " of ".join(labels[-2:]) in text  # 'A of B', as a sentence reads


def test_a_rule_about_derived_facts_says_its_condition_in_its_own_sentence_only(client):
    rows = _rule_rows(client)
    assert "Voorwaarde" not in rows["K-EIGEN-INSCHATTING-ZONDER-EVALUATIE"]
    assert "het rapport noemt er geen evaluatie bij" in rows["K-EIGEN-INSCHATTING-ZONDER-EVALUATIE"]
    assert "Voldaan: Het pakket bevat een indirect element" in " ".join(rows["P-INDIRECT"].split())


def test_create_app_refuses_a_rule_table_that_names_what_the_knowledge_base_lacks(app, small_kb, monkeypatch):
    import wizard
    from rules.check import RuleTableInvalid
    monkeypatch.setattr(wizard, "knowledge_base", lambda: small_kb)
    with pytest.raises(RuleTableInvalid, match="noemt beschermende factor"):
        wizard._check_rule_table(app)


def test_pages_name_their_icon_so_browsers_do_not_ask_for_a_missing_favicon(client):
    assert '<link rel="icon" href="data:,">' in client.get("/").get_data(as_text=True)
    # the B&W document has its own <head>, not base.html's
    advice_id = make_advice(client)
    assert '<link rel="icon" href="data:,">' in client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
