import pytest

from rules.profile import ProfileInvalid, parse_profile


def valid(**overrides):
    profile = {"gemeente": "Teststad", "doelgroepen": ["jongeren"], "settings": ["school"],
               "factoren": [{"id": "identiteit", "prioriteit": "hoog"}]}
    profile.update(overrides)
    return profile


def test_a_valid_profile_gets_defaults_from_the_contract(small_kb):
    profile = parse_profile(valid(), small_kb)
    assert profile.voorkeuren.max_interventies is None  # the size then follows from the capacity
    assert profile.voorkeuren.indirect_meenemen is True
    assert profile.high_priority_ids == {"identiteit"}


@pytest.mark.parametrize("change, field, message", [
    ({"gemeente": ""}, "gemeente", "mag niet leeg zijn"),
    ({"gemeente": "x" * 121}, "gemeente", "te lang"),
    ({"doelgroepen": ["pubers"]}, "doelgroepen[0]", "onbekende doelgroep 'pubers'"),
    ({"settings": ["kroeg"]}, "settings[0]", "onbekende setting 'kroeg'"),
    ({"factoren": [{"id": "geluk"}]}, "factoren[0].id", "onbekende beschermende factor 'geluk'"),
    ({"factoren": [{"id": "identiteit", "prioriteit": "urgent"}]}, "factoren[0].prioriteit", "moet een van"),
    ({"risico_indicaties": ["armoede"]}, "risico_indicaties[0]", "onbekende risicofactor"),
    ({"context": {"huidige_interventies": ["bestaat-niet"]}}, "context.huidige_interventies[0]", "onbekende interventie"),
    ({"context": {"verschijningsvormen": ["onrust"]}}, "context.verschijningsvormen[0]", "onbekende verschijningsvorm"),
    ({"context": {"aanleiding": "x" * 2001}}, "context.aanleiding", "te lang"),
    ({"context": {"online": "ja"}}, "context.online", "true of false"),
    ({"voorkeuren": {"max_interventies": 0}}, "voorkeuren.max_interventies", "minstens 1"),
    ({"voorkeuren": {"min_trede": 6}}, "voorkeuren.min_trede", "hoogstens 5"),
    ({"voorkeuren": {"aanpak": "alles"}}, "voorkeuren.aanpak", "moet een van"),
    ({"onbekend_veld": 1}, "onbekend_veld", "geen bekend veld"),
    ({"doelgroepen": ["jongeren", "jongeren"]}, "doelgroepen[1]", "dubbel"),
])
def test_invalid_fields_are_refused_with_a_dutch_message_naming_the_field(small_kb, change, field, message):
    with pytest.raises(ProfileInvalid) as exc:
        parse_profile(valid(**change), small_kb)
    assert any(f == field and message in m for f, m in exc.value.errors), exc.value.errors


def test_structural_and_unknown_id_errors_are_reported_together(small_kb):
    with pytest.raises(ProfileInvalid) as exc:
        parse_profile(valid(gemeente="", doelgroepen=["pubers"]), small_kb)
    fields = {f for f, _ in exc.value.errors}
    assert {"gemeente", "doelgroepen[0]"} <= fields


def test_a_profile_that_is_not_an_object_is_refused(small_kb):
    with pytest.raises(ProfileInvalid) as exc:
        parse_profile([1, 2], small_kb)
    assert exc.value.errors == [("profiel", "moet een object zijn")]


@pytest.mark.parametrize("budget, field, message", [
    ({"budget_euro": -1}, "context.budget_euro", "moet minstens 0 zijn"),
    ({"budget_euro": "veel"}, "context.budget_euro", "moet een geheel getal zijn"),
    ({"budget_fte": "een halve"}, "context.budget_fte", "moet een getal zijn"),
])
def test_the_optional_budget_is_checked_when_given(small_kb, budget, field, message):
    assert parse_profile(valid(), small_kb).context.budget_euro is None
    assert parse_profile(valid(context={"budget_euro": 25000, "budget_fte": 1.5}), small_kb).context.budget_fte == 1.5
    with pytest.raises(ProfileInvalid) as refused:
        parse_profile(valid(context=budget), small_kb)
    assert (field, message) in refused.value.errors
