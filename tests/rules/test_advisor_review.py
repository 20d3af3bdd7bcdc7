"""The defects an ESS advisor found reviewing the advice of five invented municipalities
(review of 2026-12-01, findings A1, A4, A5 and A6), each on the real knowledge base."""

from rules.advise import evaluate
from rules.profile import parse_profile
from tests.rules.test_scenarios import advice_for, ids, verdict

# Veenwolde: residents, one factor, nothing else filled in (no risk indications, no families)
VEENWOLDE = dict(gemeente="Veenwolde", context={"inwoners": "klein", "fase": "start", "online": True, "capaciteit": "beperkt"},
                 doelgroepen=["bewoners"], factoren=[{"id": "sociaal-vertrouwen"}],
                 voorkeuren={"max_interventies": 3, "indirect_meenemen": True})


def test_without_risk_indications_or_families_targeted_prevention_is_not_required(real_kb):
    # S-PREVENTIENIVEAU: selective prevention fits when risk indications are given, indicated when
    # families are a target group; with neither, P-NIVEAUS does not fail for its absence (A5)
    advice = advice_for(real_kb, **VEENWOLDE)
    levels = verdict(advice, "P-NIVEAUS")
    assert levels.met and "niet nodig" in levels.text and "ontbreekt" not in levels.text
    assert not any(r.rule == "PL-GERICHT" for item in advice.package for r in item.reasons)


def test_with_risk_indications_targeted_prevention_is_still_required(real_kb):
    data = {**VEENWOLDE, "risico_indicaties": ["laag-vertrouwen-in-andersdenkenden"]}
    advice = advice_for(real_kb, **data)
    levels = verdict(advice, "P-NIVEAUS")
    targeted = [p.name for p in advice.package
                if {"selectief", "geindiceerd"} & set(real_kb.interventions[p.intervention].prevention_levels)]
    assert levels.met == bool(targeted)
    assert "niet nodig" not in levels.text


# Lindehoven: parents and schools, children; families of radicalising persons not chosen
LINDEHOVEN = dict(gemeente="Lindehoven", context={"capaciteit": "beperkt", "online": True, "fase": "start",
                                                   "verschijningsvormen": ["horizontale-polarisatie"]},
                  doelgroepen=["ouders-opvoeders", "kinderen", "professionals-onderwijs"], settings=["school", "gezin"],
                  factoren=[{"id": "positieve-opvoedstijl", "prioriteit": "hoog"},
                            {"id": "goede-band-met-familie-opvoedondersteuners"},
                            {"id": "democratische-vorming-en-burgerschapscompetenties"},
                            {"id": "goede-en-positieve-band-met-school-werk"}],
                  voorkeuren={"min_trede": 2, "alleen_aangeboden": True, "max_interventies": 5,
                              "indirect_meenemen": False})


def test_family_support_only_when_families_are_a_chosen_target_group(real_kb):
    # A1: Familieondersteuning (type 3, for families of radicalising persons) is linked to these
    # family factors, but the municipality chose parents and schools, not those families
    advice = advice_for(real_kb, **LINDEHOVEN)
    assert "familieondersteuning" not in ids(advice)
    excluded = {e.intervention: e for e in advice.excluded}
    assert excluded["familieondersteuning"].rule == "F-FAMILIES"
    assert "families van radicaliserende personen" in excluded["familieondersteuning"].text
    levels = verdict(advice, "P-NIVEAUS")
    assert "Familieondersteuning" not in levels.text
    # the factor it filled gets what the rules otherwise give: another intervention or a gap
    gaps = {g.factor for g in advice.gaps}
    covered = {f for p in advice.package for f in p.covers}
    assert "goede-band-met-familie-opvoedondersteuners" in gaps | covered
    # with families chosen it is proposed again
    chosen = advice_for(real_kb, **{**LINDEHOVEN, "doelgroepen": LINDEHOVEN["doelgroepen"] + ["families"]})
    assert "familieondersteuning" in ids(chosen)


def test_a_link_the_data_team_added_from_bijlage2_is_not_called_an_example_of_the_report(real_kb):
    # Familieondersteuning is in no B3.x row (data/AFWIJKINGEN.md 4.10); its links to the family
    # factors come from Bijlage 2, type 3 (5.11)
    advice = advice_for(real_kb, doelgroepen=["families"], factoren=[{"id": "positieve-opvoedstijl"},
                                                                      {"id": "stabiele-thuissituatie"}])
    item = next(p for p in advice.package if p.intervention == "familieondersteuning")
    texts = {r.rule: r.text for r in item.reasons}
    assert "S-FACTOR-DIRECT" not in texts
    assert not any("Het rapport noemt haar als voorbeeld" in t for t in texts.values())
    appendix = texts["S-FACTOR-BIJLAGE2"]
    assert appendix.startswith("De tabellen van Bijlage 3 noemen haar niet bij ")
    assert "omdat Bijlage 2 haar type, type 3 (ondersteuning gezinnen met familieleden die radicaliseren), daarop " \
        "richt" in appendix
    assert "Positieve opvoedstijl" in appendix and "Stabiele thuissituatie" in appendix


def test_a_table_link_and_a_bijlage2_link_of_one_intervention_get_their_own_sentences(real_kb):
    # Hulplijn Extremisme (LSE): the B3.6 row 'Meldpunt voor professionals' (5.4) and, from
    # Bijlage 2, 'Positieve opvoedstijl' (5.11)
    profile = parse_profile({"gemeente": "X", "doelgroepen": ["families"], "factoren": [
        {"id": "meldpunt-voor-professionals"}, {"id": "positieve-opvoedstijl"}]}, real_kb)
    reasons = {r.rule: r for r in evaluate(profile, real_kb).reasons("hulplijn-extremisme-van-lse")}
    assert reasons["S-FACTOR-DIRECT"].text == "Het rapport noemt haar als voorbeeld bij Meldpunt voor professionals."
    assert "Positieve opvoedstijl" in reasons["S-FACTOR-BIJLAGE2"].text
    assert "Meldpunt" not in reasons["S-FACTOR-BIJLAGE2"].text
    assert reasons["S-FACTOR-DIRECT"].weight == reasons["S-FACTOR-BIJLAGE2"].weight == 10.0


MAASVELD = dict(gemeente="Maasveld", context={"inwoners": "groot", "fase": "gevestigd", "online": True, "capaciteit": "ruim",
                                              "verschijningsvormen": ["rechts-extremisme", "anti-institutioneel",
                                                                      "horizontale-polarisatie"],
                                              "huidige_interventies": ["datmeenjeniet"]},
                doelgroepen=["jongeren", "jongvolwassenen", "professionals-jeugd", "professionals-onderwijs"],
                settings=["online", "school", "jongerenwerk"],
                risico_indicaties=["online-blootstelling-aan-radicaal-extremistische-inhoud",
                                   "beperkte-digitale-weerbaarheid", "in-een-bubbel-zitten"],
                factoren=[{"id": "mediawijsheid", "prioriteit": "hoog"},
                          {"id": "weerbaarheid-tegen-online-groepsdruk", "prioriteit": "hoog"},
                          {"id": "kritisch-en-complex-denkvermogen"}, {"id": "multi-perspectiviteit"},
                          {"id": "trainingen-voor-professionals-in-herkennen-duiden-en-omgaan-met-signalen-van-polarisatie-en-radicalisering"}],
                voorkeuren={"alleen_aangeboden": True, "max_interventies": 10, "indirect_meenemen": True})


def test_an_overlapping_alternative_stands_by_the_intervention_it_overlaps(real_kb):
    # A6: 'Training Dialoog onder druk' overlaps Intervisie voor professionals (type 9, professionals),
    # not BOUNCE, next to which it stood with a button swapping BOUNCE for it
    advice = advice_for(real_kb, **MAASVELD)
    assert {"bounce-trainingen", "intervisie-voor-professionals"} <= set(ids(advice))
    alt = next(a for a in advice.alternatives if a.intervention == "training-dialoog-onder-druk")
    assert alt.instead_of == "intervisie-voor-professionals"
    assert alt.reasons[0].text.startswith("Overlapt met Intervisie voor professionals:")


def test_a_type_linked_intervention_is_not_said_to_be_replaced_when_nothing_fills_its_factor(real_kb):
    # A4: B3.4 'Sociaal vertrouwen Type 6' names no intervention (data/AFWIJKINGEN.md 5.10); the
    # type-6 interventions are linked to it only through their type, and the package (1 of 3) has
    # nothing for it
    advice = advice_for(real_kb, **VEENWOLDE)
    assert len(advice.package) < 3 and "sociaal-vertrouwen" in {g.factor for g in advice.gaps}
    type6 = [i for i in real_kb.interventions.values()
             if "6" in i.types and "sociaal-vertrouwen" not in i.factor_ids]
    causes = {e.intervention: e for e in advice.excluded}
    causes.update({a.intervention: a.reasons[0] for a in advice.alternatives})
    said = {i.id: causes[i.id] for i in type6 if i.id in causes}
    assert said and not any(c.rule == "UIT-TYPE" for c in said.values())
    room = [c for c in said.values() if c.rule == "UIT-TYPE-RUIMTE"]
    assert room and all("Sociaal vertrouwen" in c.text and "(1 van 3)" in c.text for c in room)
    # the gap names the weaker candidates and the room
    gap = next(g for g in advice.gaps if g.factor == "sociaal-vertrouwen")
    assert "Via hun type passen" in gap.text and "zwakker onderbouwd" in gap.text
    assert any(real_kb.interventions[c].name in gap.text for c in {i.id for i in type6} & set(said))
    assert "Er is plaats in het pakket (1 van 3)" in gap.text
