"""The start-up check of the rule table: every name a rule uses exists in the knowledge base."""

from dataclasses import replace

import pytest

from rules.check import RuleTableInvalid, assert_rules_fit, check_rules, names_of


def test_the_real_knowledge_base_fits_the_rule_table(real_kb):
    assert check_rules(names_of(real_kb)) == []


@pytest.mark.parametrize("drop, expected", [
    ("factors", "Regel V-ONLINE noemt beschermende factor 'mediawijsheid'"),
    ("risk_factors", "noemt risicofactor 'geslacht-man'"),
    ("types", "noemt interventietype '3'"),
    ("doelgroepen", "Regel V-OUDERS noemt doelgroepen-waarde 'ouders-opvoeders'"),
    ("interventions", "noemt interventie 'diamant'"),
])
def test_a_missing_name_gives_a_dutch_message_naming_it(real_kb, drop, expected):
    known = names_of(real_kb)
    removed = {"factors": "mediawijsheid", "risk_factors": "geslacht-man", "types": "3",
               "interventions": "diamant", "doelgroepen": "ouders-opvoeders"}[drop]
    if drop == "doelgroepen":
        known = replace(known, vocabularies={**known.vocabularies,
                                             "doelgroepen": known.vocabularies["doelgroepen"] - {removed}})
    else:
        known = replace(known, **{drop: getattr(known, drop) - {removed}})
    assert any(expected in message for message in check_rules(known))


def test_the_indicator_constants_are_checked_against_the_knowledge_base(real_kb):
    known = names_of(real_kb)
    known = replace(known, factors=known.factors - {"participatie-in-besluitvorming-en-politieke-inspraak"})
    assert any(message.startswith("De indicator voor inspraak (type 8) noemt beschermende factor "
                                  "'participatie-in-besluitvorming-en-politieke-inspraak'") for message in check_rules(known))


def test_assert_rules_fit_refuses_a_knowledge_base_that_lacks_names(small_kb):
    with pytest.raises(RuleTableInvalid, match="De regeltabel .* past niet bij de kennisbank"):
        assert_rules_fit(small_kb)
