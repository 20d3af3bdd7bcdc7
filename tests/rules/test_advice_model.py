"""The typed advice: one JSON form with the Dutch keys of the contract, read back unchanged,
stored advices of before the typed model still readable, and the published schema up to date."""

import json

import jsonschema
import pytest

from rules.advice import Advice, PackageItem, json_schema
from rules.advice_schema import SCHEMA_PATH, schema_text
from rules.advise import advise, review
from rules.profile import parse_profile

# An advice as stored before the typed model existed (keys of the first contract only).
STORED_BEFORE_TYPED_MODEL = {
    "gemeente": "Oudstad", "kennisbank_versie": "abc123", "gekozen_factoren": ["identiteit"],
    "voorgestelde_factoren": [{"factor": "identiteit", "redenen": [{"regel": "V-EXTREMISME", "tekst": "Voorgesteld."}]}],
    "pakket": [{"rang": 1, "interventie": "alfa", "naam": "Alfa", "score": 17.5, "bouwsteen": 1, "trede": 2,
                "trede_bron": "NJi", "dekt_factoren": ["identiteit"],
                "redenen": [{"regel": "S-FACTOR-DIRECT", "tekst": "Het rapport noemt haar.", "gewicht": 10.0}],
                "kanttekeningen": ["Let op."]}],
    "alternatieven": [{"interventie": "beta", "naam": "Beta", "in_plaats_van": "alfa", "score": 3.0, "redenen": []}],
    "uitgesloten": [{"interventie": "gamma", "regel": "F-MIN-TREDE", "tekst": "Uitgesloten."}],
    "al_ingezet": [], "lacunes": [{"factor": "x", "naam": "X", "interventietypes": ["7"], "tekst": "Geen."}],
    "pakketregels": [{"regel": "P-DEKKING", "titel": "Dekking", "voldaan": True, "tekst": "Gedekt."}],
}


def test_a_stored_advice_of_the_first_contract_reads_into_the_typed_model():
    advice = Advice.from_json(STORED_BEFORE_TYPED_MODEL)
    assert advice.municipality == "Oudstad"
    assert advice.package[0].reasons[0].weight == 10.0
    assert advice.package[0].type_guidance == [] and advice.warnings == []  # later fields default
    assert advice.alternatives[0].instead_of == "alfa"
    assert advice.verdict("P-DEKKING").met is True


def test_to_json_keeps_every_key_of_the_first_contract():
    out = Advice.from_json(STORED_BEFORE_TYPED_MODEL).to_json()
    for key, value in STORED_BEFORE_TYPED_MODEL.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for stored, written in zip(value, out[key]):
                assert {k: written[k] for k in stored} == stored
        else:
            assert out[key] == value


def test_fields_fill_by_english_name_as_well():
    item = PackageItem(rank=1, intervention="alfa", name="Alfa", score=1.0, bouwsteen=1, level=None,
                       level_source=None)
    assert item.to_json()["interventie"] == "alfa" and item.to_json()["trede"] is None


def test_advise_and_review_return_the_typed_advice_and_its_json_round_trips(small_kb):
    profile = parse_profile({"gemeente": "Teststad", "factoren": [{"id": "identiteit"}, {"id": "mediawijsheid"}],
                             "doelgroepen": ["ouders-opvoeders"]}, small_kb)
    advice = advise(profile, small_kb)
    assert isinstance(advice, Advice)
    data = advice.to_json()
    assert json.loads(json.dumps(data)) == data
    assert Advice.from_json(data) == advice
    edited = review(profile, small_kb, [p.intervention for p in advice.package][:1], set())
    assert isinstance(edited, Advice) and len(edited.package) == 1


def test_the_json_of_an_advice_validates_against_the_published_schema(small_kb):
    profile = parse_profile({"gemeente": "Teststad", "factoren": [{"id": "identiteit"}]}, small_kb)
    jsonschema.validate(advise(profile, small_kb).to_json(), json.loads(SCHEMA_PATH.read_text()))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**STORED_BEFORE_TYPED_MODEL, "pakket": [{"rang": "een"}]}, json_schema())


def test_the_published_schema_is_generated_from_the_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), \
        "docs/advies.schema.json is verouderd: draai `python -m rules.advice_schema`"
