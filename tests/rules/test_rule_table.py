"""Every rule of the table, pinned by at least one row: (rule id, fact changes, fires?, weight or
sentence). A rule is evaluated by the very ruleset the advice uses, on a neutral fact of its kind
with the changes applied. A rule without a row fails `test_every_rule_has_a_row`."""

import pytest

from rules import advise as advise_module
from rules import engine
from rules.definitions import (CAVEAT, FILTER, FIRST_STEP, PACKAGE, PACKAGE_RULES, PLACEMENT, PLACEMENTS, RULES_BY_ID,
                               SCORE, SUGGESTION, WARNING, ALL_RULES, MIRRORS)

# Neutral facts: no rule of their kind fires on them.
CANDIDATE = {
    "kind": "candidate", "iid": "x", "relevant": True, "direct_count": 0, "appendix_count": 0, "families_unchosen": False,
    "priority_count": 0, "type_count": 0,
    "example_count": 0, "target_count": 0, "target_mismatch": False, "setting_count": 0, "level_match": False,
    "explicit": False, "explicit_no": False, "explicit_unknown": False, "level": 0, "below_min_level": False,
    "offered": "-", "only_offered": False, "withdrawn": False, "indirect_only": False, "indirect_wanted": True,
    "approach_match": False, "online_match": False, "own_estimate": False, "has_evaluation": False,
    "has_level_reason": False, "source_unknown": False, "guided_type_count": 0, "unguided_type_count": 0,
    "collected_via_municipalities": False, "has_municipalities": False, "local_programme": False,
    "has_factors": True, "similar_in_use_count": 0,
}
# The sentences are filled with marked phrases, so a row can check which field a sentence names.
PHRASES = {name: f"«{name}»" for name in (
    "name", "direct_names", "priority_names", "type_factor_names", "type_names", "example_type_names",
    "target_names", "own_target_names", "setting_names", "prevention_names", "level_source", "level_text",
    "min_level", "offered_text", "approach_text", "evaluation", "level_reason", "guided_type_names",
    "unguided_type_names", "municipality_names", "similar_in_use_names", "level", "status_reason", "appendix_names",
    "appendix_type_names", "type_weak_reason")}
ANSWER = {"kind": "answer", "question": "-", "value": "-", "label": "«label»", "mirrored": False, "characteristic": False}
PROFILE = {"kind": "profile", "max_size": 5, "over_capacity": False, "capacity_label": "«capacity_label»",
           "capacity_min": 4, "capacity_max": 5, "all_factors_chosen": False, "chosen_count": 3,
           "min_level_empties": False, "min_level": -1}
PACKAGE_FACT = {
    "kind": "package", "size": 4, "max_size": 5, "size_ok": True, "chosen_count": 3, "uncovered_count": 0,
    "uncovered_names": "«uncovered»", "indirect_count": 1, "indirect_names": "«indirect»", "indirect_wanted": True,
    "explicit_count": 2, "explicit_names": "«explicit»", "explicit_available_count": 3,
    "explicit_available_names": "«available»", "levels_missing_count": 0, "levels_missing": "«missing»",
    "broad_missing": False, "targeted_wanted": True,
    "broad_names": "«broad»", "targeted_names": "«targeted»", "families_wanted": False, "families_count": 0,
    "families_names": "«families»", "parents_wanted": False, "parents_count": 0, "parents_names": "«parents»",
    "duplicates_count": 0, "duplicate_pairs": "«pairs»", "substantiation_ok": True, "substantiated_count": 3,
    "unsubstantiated_count": 1, "unsubstantiated_names": "«unsubstantiated»", "one_group_count": 0,
    "one_group_names": "«one_group»",
}


def answer(question, value, **more):
    return {"question": question, "value": value, **more}


# every mirror rule fires on each of its circumstances, and never on a characteristic
MIRROR_ROWS = [(f"V-SPIEGEL-{key}", answer("risico", risk, mirrored=True), True, "spiegelbeeld")
               for key, _, risks in MIRRORS for risk in risks]
MIRROR_ROWS += [(f"V-SPIEGEL-{key}", answer("risico", "geslacht-man", characteristic=True), False, None)
                for key, _, _ in MIRRORS[:3]]


# (rule id, changes to the neutral fact, fires?, expected weight (SCORE) or a phrase of the sentence)
ROWS = [
    # suggestions and answer warnings/first steps: changes to ANSWER
    ("V-VERTICAAL", answer("verschijningsvorm", "verticale-polarisatie"), True, "«label» noemde"),
    ("V-VERTICAAL", answer("verschijningsvorm", "jihadistisch"), False, None),
    ("V-ONLINE", answer("online", "ja"), True, "mediawijsheid"),
    ("V-HORIZONTAAL", answer("verschijningsvorm", "maatschappelijke-spanningen"), True, "positief contact"),
    ("V-EXTREMISME", answer("verschijningsvorm", "rechts-extremisme"), True, "ideologische"),
    ("V-OUDERS", answer("doelgroep", "ouders-opvoeders"), True, "type 2"),
    ("V-OUDERS", answer("doelgroep", "families"), False, None),
    ("V-FAMILIES", answer("doelgroep", "families"), True, "interventietype 3"),
    ("V-JONGEREN", answer("doelgroep", "jongvolwassenen"), True, "groepsdruk"),
    ("V-SCHOOL", answer("setting", "school"), True, "binding met school"),
    ("V-START", answer("fase", "in-ontwikkeling"), True, "lokaal netwerk"),
    ("V-START", answer("fase", "gevestigd"), False, None),
    ("V-PROFESSIONALS", answer("doelgroep", "professionals-jeugd"), True, "bouwsteen 6"),
    *MIRROR_ROWS,
    ("W-KENMERK", answer("risico", "geslacht-man", characteristic=True), True, "kenmerk, geen omstandigheid"),
    ("W-KENMERK", answer("risico", "schooluitval", mirrored=True), False, None),
    ("W-GEEN-SPIEGEL", answer("risico", "repressie"), True, "geen beschermende factor als spiegelbeeld"),
    ("W-GEEN-SPIEGEL", answer("risico", "schooluitval", mirrored=True), False, None),
    ("W-GEEN-SPIEGEL", answer("risico", "jongere-leeftijd", characteristic=True), False, None),
    ("E-LOKALE-ANALYSE", answer("fase", "start"), True, "lokale analyse"),
    ("E-ESS-GESPREK", answer("fase", "in-ontwikkeling"), True, "Expertise-unit Sociale Stabiliteit"),
    ("E-ESS-GESPREK", answer("fase", "gevestigd"), False, None),
    # profile warnings: changes to PROFILE
    ("W-CAPACITEIT", {"over_capacity": True, "max_size": 8, "capacity_min": 2, "capacity_max": 3}, True,
     "hoogstens 8 interventies, maar bij de gekozen capaciteit («capacity_label») past een pakket van 2 tot 3"),
    ("W-MAXIMUM", {"max_size": 20}, True, "maximum van 20"),
    ("W-MAXIMUM", {"max_size": 19}, False, None),
    ("W-ALLE-FACTOREN", {"all_factors_chosen": True, "chosen_count": 52}, True, "alle 52 beschermende factoren"),
    ("W-MIN-TREDE-LEEG", {"min_level_empties": True, "min_level": 4}, True, "minimale trede 4"),
    # package warning: changes to PACKAGE_FACT
    ("W-EEN-GROEP", {"one_group_count": 1}, True, "«one_group» richt zich op één religieuze of etnische groep"),
    # filters: changes to CANDIDATE
    ("F-INDIRECT", {"indirect_only": True, "indirect_wanted": False}, True, "indirecte bouwsteen"),
    ("F-INDIRECT", {"indirect_only": True}, False, None),
    ("F-MIN-TREDE", {"below_min_level": True}, True, "(«level_text») lager is dan de minimale trede «min_level»"),
    ("F-TERUGGETROKKEN", {"withdrawn": True}, True, "«status_reason»"),
    ("F-TERUGGETROKKEN", {"withdrawn": False}, False, None),
    ("F-AANGEBODEN", {"only_offered": True, "offered": "onbekend"}, True, "«offered_text»"),
    ("F-AANGEBODEN", {"only_offered": True, "offered": "ja"}, False, None),
    ("F-AANSLUITING", {"relevant": False}, True, "niet is gekoppeld"),
    ("F-FAMILIES", {"families_unchosen": True}, True, "die koos u niet als doelgroep"),
    # not linked to a chosen factor at all: that is the reason given (F-AANSLUITING), not this one
    ("F-FAMILIES", {"families_unchosen": True, "relevant": False}, False, None),
    # scores: changes to CANDIDATE, expected weight
    ("S-FACTOR-DIRECT", {"direct_count": 2}, True, 20.0),
    ("S-FACTOR-BIJLAGE2", {"appendix_count": 2}, True, 20.0),
    ("S-FACTOR-DIRECT", {"appendix_count": 2}, False, None),
    ("S-PRIORITEIT", {"priority_count": 1}, True, 5.0),
    ("S-FACTOR-TYPE", {"type_count": 3}, True, 3.0),  # counts once, however many type links
    ("S-VOORBEELD", {"example_count": 1}, True, 2.0),
    ("S-DOELGROEP", {"target_count": 2}, True, 4.0),
    ("S-ANDERE-DOELGROEP", {"target_mismatch": True}, True, -4.0),
    ("S-SETTING", {"setting_count": 1}, True, 1.5),
    ("S-PREVENTIENIVEAU", {"level_match": True}, True, 1.0),
    ("S-EXPLICIET", {"explicit": True}, True, 3.0),
    ("S-TREDE-1", {"level": 1}, True, 0.5),
    ("S-TREDE-2", {"level": 2}, True, 1.0),
    ("S-TREDE-3", {"level": 3}, True, 1.5),
    ("S-TREDE-3", {"level": 2}, False, None),
    ("S-AANGEBODEN", {"offered": "ja"}, True, 1.0),
    ("S-AANBOD-ONBEKEND", {"offered": "onbekend"}, True, -1.0),
    ("S-NIET-AANGEBODEN", {"offered": "nee"}, True, -6.0),
    ("S-AANPAK", {"approach_match": True}, True, 1.5),
    ("S-ONLINE", {"online_match": True}, True, 1.5),
    # caveats: changes to CANDIDATE, a phrase of the sentence
    ("K-NIET-AANGEBODEN", {"offered": "nee"}, True, "niet meer aangeboden"),
    ("K-AANBOD-ONBEKEND", {"offered": "onbekend"}, True, "vraag het na"),
    ("K-GEEN-TREDE", {"level": -1}, True, "(bron onbekend)"),
    ("K-GEEN-TREDE", {"level": -1, "has_level_reason": True}, False, None),
    ("K-GEEN-TREDE-REDEN", {"level": -1, "has_level_reason": True}, True, "Geen niveau van onderbouwing: «level_reason»"),
    ("K-EIGEN-INSCHATTING", {"own_estimate": True, "has_evaluation": True}, True, "op basis van «evaluation»"),
    ("K-EIGEN-INSCHATTING", {"own_estimate": True}, False, None),
    ("K-EIGEN-INSCHATTING-ZONDER-EVALUATIE", {"own_estimate": True}, True, "noemt er geen evaluatie bij"),
    ("K-BRON-ONBEKEND", {"level": 3, "source_unknown": True}, True, "trede 3 zonder bron"),
    ("K-BRON-ONBEKEND-REDEN", {"level": 3, "source_unknown": True, "has_level_reason": True}, True,
     "bron onbekend: «level_reason»"),
    ("K-TYPE-ELEMENTEN", {"level": 1, "guided_type_count": 1}, True, "«guided_type_names»"),
    ("K-TYPE-ELEMENTEN", {"level": 2, "guided_type_count": 1}, False, None),
    ("K-TYPE-ZONDER-ELEMENTEN", {"level": -1, "unguided_type_count": 1}, True, "geeft voor «unguided_type_names» geen"),
    ("K-GEMEENTE", {"collected_via_municipalities": True, "has_municipalities": True}, True, "«municipality_names»"),
    ("K-GEMEENTE", {"has_municipalities": True}, False, None),  # listed, but not collected via them
    ("K-VERTALEN", {"local_programme": True}, True, "vertalen, niet overnemen"),
    ("K-NIET-EXPLICIET", {"explicit_no": True}, True, "Niet expliciet gericht"),
    ("K-EXPLICIET-ONBEKEND", {"explicit_unknown": True}, True, "zegt niet of"),
    ("K-GEEN-FACTOR", {"has_factors": False}, True, "bij geen beschermende factor"),
    ("K-LIJKT-OP-INGEZET", {"similar_in_use_count": 1}, True, "«similar_in_use_names»"),
    # package rules: changes to PACKAGE_FACT, expected verdict as (met, phrase)
    ("P-DEKKING", {}, True, (True, "Elke gekozen beschermende factor (3)")),
    ("P-DEKKING", {"uncovered_count": 2}, True, (False, "«uncovered»")),
    ("P-DEKKING", {"chosen_count": 0}, True, (False, "geen beschermende factor gekozen")),
    ("P-INDIRECT", {}, True, (True, "«indirect»")),
    ("P-INDIRECT", {"indirect_count": 0}, True, (False, "geen indirect element")),
    ("P-INDIRECT", {"indirect_count": 0, "indirect_wanted": False}, True, (False, "De gemeente koos ervoor de indirecte bouwsteen niet")),
    ("P-EXPLICIET", {}, True, (True, "Expliciet preventief in het pakket: «explicit»")),
    ("P-EXPLICIET", {"explicit_count": 0}, True, (False, "«available»")),
    ("P-EXPLICIET", {"explicit_count": 0, "explicit_available_count": 0}, True, (True, "geen expliciet preventieve")),
    ("P-NIVEAUS", {}, True, (True, "«broad»")),
    ("P-NIVEAUS", {"levels_missing_count": 1}, True, (False, "«missing» ontbreekt")),
    ("P-NIVEAUS", {"size": 0}, True, (False, "Het pakket is leeg")),
    # no risk indications and no families: targeted prevention does not fit, so its absence is no failure
    ("P-NIVEAUS", {"levels_missing_count": 1, "targeted_wanted": False}, True, (True, "Gerichte preventie is hier niet nodig")),
    ("P-NIVEAUS", {"levels_missing_count": 1, "targeted_wanted": False, "broad_missing": True}, True,
     (False, "«missing» ontbreekt")),
    ("P-FAMILIES", {}, True, (True, "niet als doelgroep")),
    ("P-FAMILIES", {"families_wanted": True, "families_count": 1}, True, (True, "«families»")),
    ("P-FAMILIES", {"families_wanted": True}, True, (False, "type 3")),
    ("P-OUDERS", {}, True, (True, "niet als doelgroep")),
    ("P-OUDERS", {"parents_wanted": True, "parents_count": 1}, True, (True, "«parents»")),
    ("P-OUDERS", {"parents_wanted": True}, True, (False, "type 2")),
    ("P-DUPLICAAT", {}, True, (True, "Geen interventies in het pakket overlappen")),
    ("P-DUPLICAAT", {"duplicates_count": 1}, True, (False, "«pairs»")),
    ("P-ONDERBOUWD", {}, True, (True, "bekende onderbouwing (trede 1 of hoger): 3; zonder")),
    ("P-ONDERBOUWD", {"unsubstantiated_count": 0}, True, (True, "Elke interventie in het pakket heeft een bekende onderbouwing")),
    ("P-ONDERBOUWD", {"substantiation_ok": False}, True, (False, "«unsubstantiated»")),
    ("P-ONDERBOUWD", {"size": 0}, True, (False, "Het pakket is leeg")),
    ("P-MAXIMUM", {}, True, (True, "Omvang van het pakket: 4, binnen het maximum van 5")),
    ("P-MAXIMUM", {"size_ok": False}, True, (False, "meer dan het maximum")),
]

# Placement rules have no condition of their own (compose and the cause finder choose them,
# pinned in test_advise_small and test_scenarios); here: their sentence and its named fields.
PLACEMENT_ROWS = [
    ("PL-DEKKING", {"factor_name": "F"}, "de factor 'F' te dekken"),
    ("PL-DEKKING-PRIORITEIT", {"factor_name": "F"}, "hoge prioriteit"),
    ("PL-INSPIRATIE", {"factor_name": "F"}, "geen interventie die nu wordt aangeboden dekt"),
    ("PL-INDIRECT", {}, "indirect element"),
    ("PL-FAMILIES", {}, "families"),
    ("PL-OUDERS", {}, "ouders"),
    ("PL-BREED", {}, "brede (universele)"),
    ("PL-GERICHT", {}, "gerichte"),
    ("PL-RANG", {"factor_names": "A en B"}, "direct gekoppeld is aan A en B en er plaats was"),
    ("PL-ONDERBOUWD", {}, "onderbouwde interventie"),
    ("HANDMATIG", {}, "Met de hand aan het pakket toegevoegd."),
    ("UIT-HANDMATIG", {}, "Met de hand uit het pakket gehaald."),
    ("UIT-DUPLICAAT", {"twin_name": "Y"}, "Overlapt met Y"),
    ("UIT-DUPLICAAT-LACUNE", {"twin_name": "Y", "open_names": "B"},
     "Overlapt met Y: een type en een doelgroep gemeen, en Y dekt al wat zij direct dekt. Maar via haar type past zij bij B, "
     "waarvoor het pakket niets heeft"),
    ("UIT-TYPE", {}, "Alleen via haar interventietype"),
    ("UIT-TYPE-NIET-AANGEBODEN", {"type_factor_names": "A", "open_names": "A", "size": 1, "max_size": 3},
     "(zie de lacunes), maar zij wordt niet meer aangeboden; gebruik haar hooguit als inspiratie."),
    ("UIT-TYPE-RUIMTE", {"type_factor_names": "A en B", "open_names": "B", "size": 1, "max_size": 3},
     "gekoppeld aan A en B: het rapport noemt haar daar niet als voorbeeld, een zwakkere koppeling. Voor B staat geen "
     "interventie in het pakket die het rapport daar noemt (zie de lacunes). Er is plaats in het pakket (1 van 3)"),
    ("UIT-TYPE-VOL", {"type_factor_names": "A", "open_names": "A", "size": 3, "max_size": 3},
     "maar het pakket is vol (3 van 3)"),
    ("UIT-GEEN-KOPPELING", {}, "Niet direct gekoppeld"),
    ("UIT-SPOOR", {"track_name": "T", "track_filled": "staat Y al in het pakket"}, "als T; daarvoor staat Y al in het pakket."),
    ("UIT-SPOOR-LACUNE", {"track_name": "T", "track_filled": "loopt Y al", "open_names": "B"},
     "als T; daarvoor loopt Y al. Maar via haar type past zij bij B"),
    ("UIT-SPOOR-NIET-AANGEBODEN", {"track_name": "T"}, "niet meer aangeboden"),
    ("UIT-RUIMTE-NIET-AANGEBODEN", {}, "Ze wordt niet meer aangeboden; gebruik haar hooguit als inspiratie."),
    ("UIT-SPOOR-ONGEKOZEN", {"track_name": "T"}, "richt zich niet op een doelgroep die u koos"),
    ("UIT-NIET-AANGEBODEN", {"factor_names": "A"}, "wat ze dekt (A) dekt het pakket al"),
    ("UIT-ONDERBOUWD", {}, "meer niet-onderbouwde dan onderbouwde"),
    ("UIT-BALANS", {}, "evenveel interventies zonder als met"),
    ("UIT-VOL", {"size": 3, "max_size": 3, "score": "5,0", "lowest_score": "9,0"}, "vol (3 van 3) en ze scoort (5,0) lager"),
    ("UIT-VOL-PLAATSEN", {"size": 3, "max_size": 3}, "vol (3 van 3)"),
    ("UIT-RUIMTE", {"size": 2, "max_size": 3}, "plaats in het pakket (2 van 3)"),
    ("LACUNE", {"factor_name": "F"}, "voor 'F'"),
    ("LACUNE-VOL", {"fitting_names": "A", "size": 3, "max_size": 3},
     "Wel passend, maar niet in het pakket omdat het vol is (3 van 3): A. Zie de alternatieven"),
    ("LACUNE-VOL-GEEN-ALTERNATIEF", {"fitting_names": "A", "size": 3, "max_size": 3},
     "omdat het vol is (3 van 3): A. Verhoog het maximum of haal een interventie uit het pakket"),
    ("LACUNE-ANDERS", {"fitting_names": "A"}, "Wel passend, maar om een andere reden dan de omvang van het pakket niet "
                                             "opgenomen: A."),
    ("LACUNE-FILTER", {"filtered_names": "A"}, "Door uw voorkeuren valt af wat het rapport hierbij noemt: A."),
    ("LACUNE-GEEN", {}, "geen voorbeeld dat hier past"),
    ("LACUNE-TYPE-KANDIDATEN", {"type_candidate_names": "X en Y"}, "Via hun type passen X en Y bij deze factor"),
    ("LACUNE-TYPE-KANDIDATEN-ONDER-MEER", {"type_candidate_names": "X, Y en Z"},
     "Via hun type passen onder meer X, Y en Z bij deze factor"),
    ("LACUNE-TYPE-KANDIDAAT", {"type_candidate_names": "X"},
     "Via haar type past X bij deze factor; het rapport noemt haar daar niet als voorbeeld, dus voor deze factor is zij "
     "zwakker onderbouwd."),
    ("LACUNE-RUIMTE", {"size": 1, "max_size": 3}, "Er is plaats in het pakket (1 van 3)"),
    ("LACUNE-TYPE-ELEMENTEN", {"guided_type_names": "type 4"}, "van type 4 (Bijlage 2)"),
    ("LACUNE-TYPE-VOORBEELDEN", {"unguided_type_names": "type 8", "example_names": "D"},
     "Voor type 8 geeft Bijlage 2 geen algemene werkzame elementen"),
    ("LACUNE-TYPEN", {"type_names": "type 7"}, "aan type 7"),
    ("LACUNE-GEEN-TYPE", {}, "geen interventietype"),
    ("WAAROM-IN-PAKKET", {"name": "X", "rank": 2}, "X staat wél in het pakket (nummer 2)"),
    ("WAAROM-AL-INGEZET", {"name": "X"}, "X loopt al"),
    ("WAAROM-ALTERNATIEF", {"name": "X", "other_name": "Y", "cause": "Z."}, "X staat als alternatief bij Y. Z."),
    ("WAAROM-ONBEKEND", {}, "niet voor in de kennisbank"),
    ("WAAROM-NIETS", {"name": "X"}, "zegt niets over X"),
]

_BASE = {SUGGESTION: ANSWER, FIRST_STEP: ANSWER, FILTER: CANDIDATE, SCORE: CANDIDATE, CAVEAT: CANDIDATE,
         PACKAGE: PACKAGE_FACT}
_RULESETS = {SUGGESTION: advise_module._ANSWERS, FIRST_STEP: advise_module._ANSWERS,
             FILTER: advise_module._FILTERS, SCORE: advise_module._SCORES, CAVEAT: advise_module._CAVEATS,
             PACKAGE: advise_module._PACKAGE}
_WARNING_FACTS = {"answer": (ANSWER, advise_module._ANSWERS), "profile": (PROFILE, advise_module._PROFILE),
                  "package": (PACKAGE_FACT, advise_module._PACKAGE)}


def _evaluate(rule):
    if rule.kind == WARNING:
        kind = next(value for field, _, value in rule.when if field == "kind")
        return _WARNING_FACTS[kind]
    return _BASE[rule.kind], _RULESETS[rule.kind]


def test_every_rule_has_a_row():
    covered = {row[0] for row in ROWS if row[2]} | {row[0] for row in PLACEMENT_ROWS}
    missing = [r.id for r in ALL_RULES if r.id not in covered]
    assert not missing, f"regels zonder rij in de tabeltest: {missing}"


@pytest.mark.parametrize("base", [ANSWER, CANDIDATE, PROFILE])
def test_the_neutral_facts_fire_nothing(base):
    ruleset = {"answer": advise_module._ANSWERS, "candidate": advise_module._FILTERS, "profile": advise_module._PROFILE}
    assert engine.evaluate(ruleset[base["kind"]], [base]) == []
    if base is CANDIDATE:
        assert engine.evaluate(advise_module._SCORES, [base]) == []
        assert engine.evaluate(advise_module._CAVEATS, [base]) == []


@pytest.mark.parametrize("rule_id, changes, fires, expected", ROWS, ids=[f"{r[0]}-{n}" for n, r in enumerate(ROWS)])
def test_rule_row(rule_id, changes, fires, expected):
    rule = RULES_BY_ID[rule_id]
    base, ruleset = _evaluate(rule)
    fact = {**base, **changes}
    firings = engine.evaluate(ruleset, [fact])
    if rule.kind == PACKAGE:
        met, phrase = expected
        verdicts = sorted((int(f.rule.id.split("/")[1]), f) for f in firings if f.rule.id.split("/")[0] == rule_id)
        assert verdicts, f"{rule_id}: geen uitkomst"
        n, firing = verdicts[0]
        assert rule.verdicts[n].met is met
        assert phrase in firing.rule.template.format(**fact)
        return
    mine = [f for f in firings if f.rule.id == rule_id]
    assert bool(mine) is fires
    if not fires:
        return
    fields = {**PHRASES, **fact} if fact["kind"] == "candidate" else fact
    if rule.kind == SCORE:
        assert advise_module._weight(mine[0]) == expected
        assert rule.template.format(**fields)
    else:
        assert expected in rule.template.format(**fields)


@pytest.mark.parametrize("rule_id, fields, phrase", PLACEMENT_ROWS, ids=[r[0] for r in PLACEMENT_ROWS])
def test_placement_sentence(rule_id, fields, phrase):
    assert RULES_BY_ID[rule_id].kind == PLACEMENT
    assert phrase in advise_module.fill(rule_id, fields)


def test_the_neutral_candidate_has_exactly_the_fields_the_facts_have(small_kb):
    from rules.facts import matches
    from rules.profile import parse_profile
    profile = parse_profile({"gemeente": "T", "factoren": [{"id": "identiteit"}]}, small_kb)
    fact = matches(profile, small_kb, ["identiteit"], [])["alfa"].fact()
    assert set(fact) == set(CANDIDATE)
    assert set(PHRASES) == set(matches(profile, small_kb, ["identiteit"], [])["alfa"].phrases())


def test_every_package_rule_has_a_met_and_an_unmet_outcome():
    for rule in PACKAGE_RULES:
        assert {v.met for v in rule.verdicts} == {True, False}, rule.id


def test_placement_table_and_rules_by_id_agree():
    assert set(PLACEMENTS) == {r.id for r in ALL_RULES if r.kind == PLACEMENT}
