"""Property-based tests over random valid profiles on the real knowledge base."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.advise import advise
from rules.profile import parse_profile
from rules.text import BIDI_CONTROLS, text_problem

# what a name may hold (rules/text.py): no control characters, bidi controls or lone surrogates
NAME_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=BIDI_CONTROLS)


def profiles(kb):
    def vocab(name):
        return st.lists(st.sampled_from(sorted(kb.vocabulary_ids(name))), unique=True, max_size=4)
    factor_ids = sorted(kb.factors)
    return st.fixed_dictionaries({
        "gemeente": st.text(NAME_CHARACTERS, min_size=1, max_size=40).filter(
            lambda s: s.strip() and text_problem(s) is None),  # and at least one visible character
        "context": st.fixed_dictionaries({
            "inwoners": st.sampled_from(["klein", "middel", "groot"]),
            "fase": st.sampled_from(["start", "in-ontwikkeling", "gevestigd"]),
            "verschijningsvormen": vocab("verschijningsvormen"),
            "online": st.booleans(),
            "huidige_interventies": st.lists(st.sampled_from(sorted(kb.interventions)), unique=True, max_size=3),
        }),
        "doelgroepen": vocab("doelgroepen"),
        "settings": vocab("settings"),
        "risico_indicaties": st.lists(st.sampled_from(sorted(kb.risk_factors)), unique=True, max_size=2),
        "factoren": st.lists(st.sampled_from(factor_ids), unique=True, max_size=6).map(
            lambda ids: [{"id": f, "prioriteit": "hoog" if n == 0 else "normaal"} for n, f in enumerate(ids)]),
        "voorkeuren": st.fixed_dictionaries({
            "min_trede": st.one_of(st.none(), st.integers(0, 5)),
            "alleen_aangeboden": st.booleans(),
            "max_interventies": st.integers(1, 12),
            "indirect_meenemen": st.booleans(),
            "aanpak": st.sampled_from(["persoonsgericht", "collectief", "beide"]),
        }),
    })


def test_random_valid_profiles_never_crash_never_exceed_the_maximum_and_always_explain(real_kb):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(profiles(real_kb))
    def check(data):
        advice = advise(parse_profile(data, real_kb), real_kb).to_json()
        assert len(advice["pakket"]) <= data["voorkeuren"]["max_interventies"]
        for item in advice["pakket"]:
            assert item["redenen"]
            level = real_kb.interventions[item["interventie"]].level
            if data["voorkeuren"]["min_trede"] is not None:
                assert level is not None and level >= data["voorkeuren"]["min_trede"]
            if data["voorkeuren"]["alleen_aangeboden"]:
                assert real_kb.interventions[item["interventie"]].offered == "ja"
        places = ([p["interventie"] for p in advice["pakket"]] + [a["interventie"] for a in advice["alternatieven"]]
                  + [e["interventie"] for e in advice["uitgesloten"]] + advice["al_ingezet"])
        assert sorted(places) == sorted(real_kb.interventions)
        assert [p["rang"] for p in advice["pakket"]] == list(range(1, len(advice["pakket"]) + 1))
        assert all(isinstance(r["voldaan"], bool) and r["tekst"] for r in advice["pakketregels"])
    check()
