"""Fuzzing every form and the profile import with arbitrary text (NUL, bidi controls, invisible
characters, huge values, deep JSON): never a 500, and a refusal changes nothing that is stored.

Example counts are modest: the suite runs on SQLite and PostgreSQL in CI."""

import io
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rules.text import text_problem
from tests.helpers import detached
from tests.wizard.test_advice import make_advice
from tests.wizard.test_questionnaire import STEP1, STEP2, STEP4, new_session
from wizard.extensions import db
from wizard.models import Advice, WizardSession

FUZZ = settings(max_examples=20, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

SPECIAL = ["\x00", "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u2060",
           "\ufeff", "\u3164", "\x1b", "\x7f", "\r\n", "\t", " ", "<script>", "'", '"', "&", "é", "😀", "%00"]
nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), max_size=30),  # mostly acceptable
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=3), max_size=8).map("".join),
    st.sampled_from(["", "x" * 121, "x" * 2001, "a" * 100_000, "\u202eztsoO", "\u200b" * 5]),
)
refused = (400, 422)


def field_values(valid):
    """Either the valid value or arbitrary text (or a list of it, for multi-valued fields)."""
    return st.one_of(st.just(valid), nasty_text, st.lists(nasty_text, max_size=3))


def step_data(valid: dict, extra=("gemeente", "aanleiding")):
    keys = sorted(set(valid) | set(extra))
    return st.fixed_dictionaries({key: field_values(valid.get(key, "")) for key in keys})


STEP_DATA = {1: STEP1, 2: STEP2, 3: {"factoren": ["mediawijsheid"], "prioriteit": []}, 4: STEP4}


def stored_session(app, sid):
    session = detached(app, WizardSession, sid)
    return session.answers, session.completed_steps


@pytest.mark.parametrize("number", [1, 2, 3, 4])
@FUZZ
@given(data=st.data())
def test_every_wizard_step_survives_arbitrary_input(app, number, data):
    client = app.test_client()
    sid = new_session(client)
    form = data.draw(step_data(STEP_DATA[number]))
    before = stored_session(app, sid)
    status = client.post(f"/wizard/{sid}/stap/{number}", data=form).status_code
    event(f"status {status}")  # --hypothesis-show-statistics shows how often each branch ran
    assert status in (303, *refused)
    answers, completed = stored_session(app, sid)
    if status == 303:
        assert number in completed
        for text in (answers.get("gemeente", ""), answers.get("context", {}).get("aanleiding", "")):
            assert text_problem(text) is None
    else:
        assert (answers, completed) == before


@pytest.fixture(scope="module")
def advice_id(app):
    return make_advice(app.test_client())


def stored_advice(app, advice_id):
    advice = detached(app, Advice, advice_id)
    return advice.current, advice.edits, advice.notes


@FUZZ
@given(data=st.data())
def test_the_package_edit_form_survives_arbitrary_input(app, advice_id, data):
    client = app.test_client()
    before = stored_advice(app, advice_id)
    in_package = [item["interventie"] for item in before[0]["pakket"]]
    others = [alt["interventie"] for alt in before[0]["alternatieven"]] + ["aarhus-model"]
    form = {"actie": data.draw(st.sampled_from(["verwijder", "wissel", "voeg-toe"]) | nasty_text),
            "interventie": data.draw(st.sampled_from(in_package + others) | nasty_text),
            "alternatief": data.draw(st.sampled_from(others) | nasty_text)}
    response = client.post(f"/advies/{advice_id}/pakket", data=form)
    event(f"status {response.status_code}")
    assert response.status_code in (303, *refused)
    if response.status_code != 303:
        assert stored_advice(app, advice_id) == before


@FUZZ
@given(notitie=nasty_text, interventie=st.sampled_from(["", "_algemeen", "aarhus-model"]) | nasty_text)
def test_the_note_form_survives_arbitrary_input(app, advice_id, notitie, interventie):
    client = app.test_client()
    before = stored_advice(app, advice_id)
    response = client.post(f"/advies/{advice_id}/notitie", data={"notitie": notitie, "interventie": interventie})
    event(f"status {response.status_code}")
    assert response.status_code in (303, *refused)
    if response.status_code == 303:
        notes = stored_advice(app, advice_id)[2]
        assert all(text_problem(note) is None for key, note in notes.items() if key not in ("_revisies", "_in_document", "_auteurs"))
    else:
        assert stored_advice(app, advice_id) == before


json_text = nasty_text | st.sampled_from(["\ud800", "\udfff", "a\udc00b"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | json_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(json_text, children, max_size=3),
    max_leaves=12)
VALID_PROFILE = {"gemeente": "Arnhem", "doelgroepen": ["jongeren"], "context": {"aanleiding": "Onrust."},
                 "factoren": [{"id": "mediawijsheid"}]}


def one_field_replaced(choice) -> dict:
    """The valid profile with one field (or the aanleiding inside context) replaced."""
    field, value = choice
    if field == "aanleiding":
        return {**VALID_PROFILE, "context": {"aanleiding": value}}
    return {**VALID_PROFILE, field: value}


almost_valid_profiles = st.tuples(st.sampled_from(["gemeente", "aanleiding", *VALID_PROFILE]),
                                  json_text | json_values).map(one_field_replaced)
profile_files = st.one_of(
    almost_valid_profiles.map(lambda value: json.dumps(value).encode()),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(1, 3000).map(lambda depth: b'{"a":' * depth + b"1" + b"}" * depth),
    st.binary(max_size=200),
)


def session_count(app) -> int:
    with app.app_context():
        return db.session.query(WizardSession).count()


@FUZZ
@given(body=profile_files)
def test_the_profile_import_survives_arbitrary_files(app, body):
    client = app.test_client()
    before = session_count(app)
    response = client.post("/wizard/import", data={"profiel": (io.BytesIO(body), "profiel.json")},
                           content_type="multipart/form-data")
    event(f"status {response.status_code}")
    assert response.status_code in (303, 422)
    assert session_count(app) == before + (1 if response.status_code == 303 else 0)
    if response.status_code == 303:
        answers, _ = stored_session(app, response.location.split("/")[2])
        assert text_problem(answers["gemeente"]) is None
