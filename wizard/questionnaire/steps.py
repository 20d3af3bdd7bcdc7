"""The steps of the questionnaire and the mapping between their forms and the stored answers.

Answers are stored in the shape of the profile contract (rules/profile.py), so that export,
import and the rule engine need no translation."""

from dataclasses import dataclass

from rules.advise import suggest
from rules.model import KnowledgeBase
from rules.facts import package_size
from rules.profile import Context, Preferences, Profile, parse_profile
from wizard.questionnaire import forms

DEFAULT_PREFERENCES = Preferences().model_dump()


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    form: type


STEPS = (
    Step(1, "gemeente", "Gemeente en lokale context", forms.ContextForm),
    Step(2, "doelgroepen", "Doelgroepen en settings", forms.TargetForm),
    Step(3, "factoren", "Beschermende factoren", forms.FactorForm),
    Step(4, "voorkeuren", "Voorkeuren", forms.PreferenceForm),
)
OVERVIEW = 5


def step(number: int) -> Step:
    return STEPS[number - 1]


def form_data(number: int, answers: dict) -> dict:
    """What the form of step `number` shows for the stored answers."""
    ctx = answers.get("context", {})
    if number == 1:
        return {"gemeente": answers.get("gemeente", ""), "inwoners": ctx.get("inwoners"), "fase": ctx.get("fase"),
                "verschijningsvormen": ctx.get("verschijningsvormen", []),
                "online": None if "online" not in ctx else ("ja" if ctx["online"] else "nee"),
                "aanleiding": ctx.get("aanleiding", ""), "capaciteit": ctx.get("capaciteit"),
                "huidige_interventies": ctx.get("huidige_interventies", [])}
    if number == 2:
        return {key: answers.get(key, []) for key in ("doelgroepen", "settings", "risico_indicaties")}
    if number == 3:
        chosen = answers.get("factoren", [])
        return {"factoren": [f["id"] for f in chosen],
                "prioriteit": [f["id"] for f in chosen if f.get("prioriteit") == "hoog"]}
    prefs = {**DEFAULT_PREFERENCES, **answers.get("voorkeuren", {})}
    if prefs["max_interventies"] is None:  # prefill the size that fits the capacity of step 1
        prefs["max_interventies"] = package_size(Profile.model_construct(
            context=Context.model_construct(capaciteit=answers.get("context", {}).get("capaciteit")),
            voorkeuren=Preferences()))
    return {**prefs, "min_trede": "" if prefs["min_trede"] is None else str(prefs["min_trede"])}


def store(number: int, form, answers: dict) -> dict:
    """The answers with step `number` replaced by the validated form's data."""
    answers = {**answers}
    if number == 1:
        answers["gemeente"] = form.gemeente.data.strip()
        answers["context"] = {
            "inwoners": form.inwoners.data, "fase": form.fase.data,
            "verschijningsvormen": form.verschijningsvormen.data, "online": form.online.data == "ja",
            "aanleiding": (form.aanleiding.data or "").strip(), "capaciteit": form.capaciteit.data,
            "huidige_interventies": form.huidige_interventies.data}
    elif number == 2:
        for key in ("doelgroepen", "settings", "risico_indicaties"):
            answers[key] = getattr(form, key).data
    elif number == 3:
        high = set(form.prioriteit.data)
        answers["factoren"] = [{"id": f, "prioriteit": "hoog" if f in high else "normaal"} for f in form.factoren.data]
    else:
        answers["voorkeuren"] = {
            "min_trede": int(form.min_trede.data) if form.min_trede.data not in (None, "") else None,
            "alleen_aangeboden": form.alleen_aangeboden.data, "max_interventies": form.max_interventies.data,
            "indirect_meenemen": form.indirect_meenemen.data, "aanpak": form.aanpak.data}
    return answers


def still_valid(answers: dict, kb: KnowledgeBase) -> dict:
    """Drop ids the knowledge base no longer knows (it may have been reloaded since)."""
    answers = {**answers}
    ctx = {**answers.get("context", {})}
    ctx["verschijningsvormen"] = [v for v in ctx.get("verschijningsvormen", []) if v in kb.vocabulary_ids("verschijningsvormen")]
    ctx["huidige_interventies"] = [i for i in ctx.get("huidige_interventies", []) if i in kb.interventions]
    answers["context"] = ctx
    for key, known in (("doelgroepen", kb.vocabulary_ids("doelgroepen")), ("settings", kb.vocabulary_ids("settings")),
                       ("risico_indicaties", set(kb.risk_factors))):
        answers[key] = [v for v in answers.get(key, []) if v in known]
    answers["factoren"] = [f for f in answers.get("factoren", []) if f.get("id") in kb.factors]
    return answers


def suggestions(answers: dict, kb: KnowledgeBase) -> dict[str, list[dict]]:
    """The factors the rule engine suggests for the answers so far, with their reasons."""
    partial = {key: value for key, value in answers.items() if key in ("context", "doelgroepen", "settings", "risico_indicaties")}
    partial["context"] = {k: v for k, v in partial.get("context", {}).items() if v is not None}
    return suggest(parse_profile({"gemeente": answers.get("gemeente") or "-", **partial}, kb), kb)


def profile(answers: dict, kb: KnowledgeBase):
    """The complete, validated profile (raises rules.profile.ProfileInvalid)."""
    data = {key: answers[key] for key in ("gemeente", "context", "doelgroepen", "settings", "risico_indicaties",
                                           "factoren", "voorkeuren") if key in answers}
    data["context"] = {k: v for k, v in data.get("context", {}).items() if v is not None}
    return parse_profile(data, kb)
