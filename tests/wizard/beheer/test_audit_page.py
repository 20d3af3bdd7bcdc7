"""/beheer/audit: stored rows shown in Dutch words (the rows themselves unchanged) and a filter
that finds a part of who or what, in any case."""

import pytest

from wizard import audit
from wizard.audit import AuditEvent
from wizard.beheer.audit_display import ChangeLine, change_lines, reason_text, target_text, value_text
from wizard.extensions import db


@pytest.mark.parametrize("stored, shown", [
    (True, "ja"), (False, "nee"), (None, "(leeg)"), ("", "(leeg)"),
    (25000, "25000"), (1.5, "1,5"), (6, "6"), (1234, "1234"),
    (["jongeren", "ouders"], "jongeren, ouders"), ([], "(geen)"),
    ("2026-12-01", "1-12-2026"), ("2026-13-45", "2026-13-45"), ("Stichting Formaat", "Stichting Formaat"),
    ({"id": "mediawijsheid", "prioriteit": "hoog"}, "mediawijsheid (prioriteit: hoog)"),
    ({"min_trede": None, "aanpak": "beide"}, "min trede: (leeg), aanpak: beide"),
])
def test_a_stored_value_reads_as_dutch_text(stored, shown):
    assert value_text(stored) == shown


@pytest.mark.parametrize("changes, lines", [
    ({"actief": [True, False]}, [("actief", "ja → nee")]),
    ({"rol": [None, "adviseur"]}, [("rol", "(leeg) → adviseur")]),
    # a step saved again: only the part of the answers that changed
    ({"voorkeuren": [{"min_trede": None, "alleen_aangeboden": False, "max_interventies": 5},
                     {"min_trede": None, "alleen_aangeboden": False, "max_interventies": 6}]},
     [("voorkeuren, max interventies", "5 → 6")]),
    # a step saved the first time: every answer on its own line
    ({"context": [None, {"online": True, "budget_euro": 25000, "huidige_interventies": []}]},
     [("context, online", "ja"), ("context, budget euro", "25000"), ("context, huidige interventies", "(geen)")]),
    ({"doelgroepen": [["jongeren", "ouders"], ["jongeren", "professionals"]]},
     [("doelgroepen", "erbij: professionals; eraf: ouders")]),
    ({"factoren": [[{"id": "a", "prioriteit": "normaal"}], [{"id": "a", "prioriteit": "hoog"}]]},
     [("factoren", "erbij: a (prioriteit: hoog); eraf: a (prioriteit: normaal)")]),
    ({"notitie _algemeen": [None, "Afspraak met ESS"]}, [("algemene notitie", "(leeg) → Afspraak met ESS")]),
    ({"tweestapsverificatie": [None, "authenticator"]}, [("tweestapsverificatie", "(leeg) → authenticator-app")]),
    ({"herzien_op": [None, "2026-12-01"]}, [("herzien op", "(leeg) → 1-12-2026")]),
    (None, []),
])
def test_changes_read_as_lines_of_field_and_what_happened(changes, lines):
    assert change_lines(changes) == [ChangeLine(label, text) for label, text in lines]


@pytest.mark.parametrize("event, stored, shown", [
    ("inloggen", "via password", "met wachtwoord"),
    ("inloggen", "via password, authenticator", "met wachtwoord en code uit de authenticator-app"),
    ("inloggen", "wachtwoord onjuist", "wachtwoord onjuist"),
    ("toegang geweigerd", "geen rol adviseur: GET /trajecten", "geen rol adviseur (pagina geopend: /trajecten)"),
    ("toegang geweigerd", "geen adviseur van dit traject: POST /advies/tsiW-dOV5hWCjsYpGUEtZcp4MRMIIrfv/notitie",
     "geen adviseur van dit traject (formulier verstuurd: /advies/***/notitie)"),
    # a person's own reason is shown as written, even when it looks like a request
    ("interventie verwijderd", "zie de mail: GET /trajecten", "zie de mail: GET /trajecten"),
    ("interventie verwijderd", None, "-"),
])
def test_reasons_written_by_the_program_read_in_dutch_and_a_persons_as_written(event, stored, shown):
    assert reason_text(event, stored) == shown


def test_the_audit_page_shows_dutch_values_and_leaves_the_stored_row_as_it_was(app, beheerder):
    client, _ = beheerder
    stored = {"voorkeuren": [{"max_interventies": 5, "alleen_aangeboden": False},
                             {"max_interventies": 6, "alleen_aangeboden": True}]}
    with app.app_context():
        entry = audit.record("antwoorden stap 4 opgeslagen", target="vragenlijst:#weergave-proef",
                             changes={"voorkeuren": tuple(stored["voorkeuren"])})
        audit.record("inloggen", target="account:weergave@gemeente.example", actor="weergave@gemeente.example",
                     reason="via password")
        audit.record("notitie opgeslagen", target="advies:#weergave-proef", changes={"notitie 2gather": (None, "<b>vet</b>")})
        db.session.commit()
        entry_id = entry.id
    html = client.get("/beheer/audit?waarop=weergave").get_data(as_text=True)
    assert "voorkeuren, max interventies: 5 → 6" in html and "voorkeuren, alleen aangeboden: nee → ja" in html
    assert "met wachtwoord" in html and "notitie 2gather: (leeg) → &lt;b&gt;vet&lt;/b&gt;" in html
    assert "True" not in html and "False" not in html and "{" not in html.split("<tbody")[1]
    assert "via password" not in html
    with app.app_context():
        assert db.session.get(AuditEvent, entry_id).changes == stored


@pytest.fixture
def filter_rows(app):
    """Events of two made-up actors about made-up targets, some with % and _ in them."""
    rows = [("Filter.Adviseur@Gemeente.example", "traject:9001"), ("filter-beheer@gemeente.example", "traject:9002"),
            ("filter-beheer@gemeente.example", "melding:100%_echt"), ("filter-beheer@gemeente.example", "melding:100xyecht")]
    with app.app_context():
        for actor, target in rows:
            audit.record("filterproef", target=target, actor=actor)
        db.session.commit()


@pytest.mark.parametrize("wie, waarop, expected", [
    ("adviseur@gemeente", None, {"traject:9001"}),               # a part is enough
    ("FILTER.ADVISEUR", None, {"traject:9001"}),                 # case does not matter
    (None, "TRAJECT:900", {"traject:9001", "traject:9002"}),
    ("filter-beheer", "melding", {"melding:100%_echt", "melding:100xyecht"}),
    (None, "100%_", {"melding:100%_echt"}),                       # % and _ match only themselves
    (None, "_echt", {"melding:100%_echt"}),
    ("niemand-zo", None, set()),
])
def test_the_filter_finds_part_of_who_or_what_in_any_case(app, beheerder, filter_rows, wie, waarop, expected):
    with app.app_context():
        found = {e.target for e in audit.recent(500, wie, waarop) if e.event == "filterproef"}
    assert found == expected
    client, _ = beheerder
    html = client.get("/beheer/audit", query_string={k: v for k, v in (("wie", wie), ("waarop", waarop)) if v}
                      ).get_data(as_text=True)
    for target in {"traject:9001", "traject:9002", "melding:100%_echt", "melding:100xyecht"}:
        assert (f">{target}<" in html) == (target in expected)


def test_the_filter_explains_that_a_part_is_enough(beheerder):
    client, _ = beheerder
    html = client.get("/beheer/audit").get_data(as_text=True)
    assert 'aria-describedby="filter-uitleg"' in html and "Een deel van de tekst is genoeg" in html


def test_the_audit_table_scrolls_in_its_own_labelled_region(beheerder):
    client, _ = beheerder
    html = client.get("/beheer/audit").get_data(as_text=True)
    assert '<div class="table-scroll" role="region" aria-labelledby="audit-bijschrift" tabindex="0">' in html
    assert 'id="audit-bijschrift"' in html


def test_ids_of_factors_and_interventions_read_as_their_names(app):
    # the QA walk: 'factoren: (leeg) → goede-en-positieve-band-met-school-werk (prioriteit: normaal)' and
    # 'interventie:2do-school'; names as in data/bouwstenen/*.yaml and data/interventies/2do-school.yaml
    with app.test_request_context("/"):
        lines = change_lines({"factoren": [None, [{"id": "mediawijsheid", "prioriteit": "hoog"}]]})
        assert [(line.label, line.text) for line in lines] == [("factoren", "(leeg) → Mediawijsheid (prioriteit: hoog)")]
        assert target_text("interventie:2do-school") == "interventie 2DO School"
        assert target_text("interventie:bestaat-niet") == "interventie:bestaat-niet"
        assert target_text("traject:2") == "traject:2" and target_text(None) == "-"
