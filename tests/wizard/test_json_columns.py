"""JSON columns are written and read with orjson (wizard/extensions.py); what the json module
wrote before still reads the same."""

import json
import math

from tests.wizard.test_questionnaire import STEP1, new_session, stored
from wizard.extensions import json_text, json_value


def test_a_stored_document_reads_back_equal(app, client):
    sid = new_session(client)
    answers = {"gemeente": "Zeestad \u202f€", "aantal": 12, "fractie": 0.1, "lijst": ["a", "b"], "leeg": None}
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": answers["gemeente"]}).status_code == 303
    assert stored(app, sid).answers["gemeente"] == answers["gemeente"]
    assert json_value(json_text(answers)) == answers


def test_what_the_json_module_wrote_reads_as_it_did():
    for written in (json.dumps({"score": float("nan")}), json.dumps({"score": float("inf")}),
                    json.dumps({"n": 2 ** 70}), json.dumps({"a": 1}, indent=2)):
        expected, got = json.loads(written), json_value(written)
        assert got.keys() == expected.keys()
        for key in got:
            assert got[key] == expected[key] or (math.isnan(got[key]) and math.isnan(expected[key]))


def test_non_string_keys_are_written_as_json_writes_them():
    assert json.loads(json_text({1: "a", 2.5: "b"})) == json.loads(json.dumps({1: "a", 2.5: "b"}))
