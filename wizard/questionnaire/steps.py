"""The steps of the questionnaire and the mapping between their forms and the stored answers.

Answers are stored in the shape of the profile contract (rules/profile.py), so that export,
import and the rule engine need no translation."""

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from rules.advise import suggest
from rules.definitions import CAPACITY_SIZES, CHARACTERISTICS
from rules.model import KnowledgeBase
from rules.facts import package_size
from rules.profile import Context, Preferences, Profile, parse_profile
from wizard.questionnaire import forms
from wizard.questionnaire.per_kb import PerKnowledgeBase

DEFAULT_PREFERENCES = Preferences().model_dump()


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    form: type
    keys: tuple[str, ...]  # the profile keys this step's form writes (see `store`)


STEPS = (
    Step(1, "gemeente", "Gemeente en lokale context", forms.ContextForm, ("gemeente", "context")),
    Step(2, "doelgroepen", "Doelgroepen en omgevingen", forms.TargetForm, ("doelgroepen", "settings", "risico_indicaties")),
    Step(3, "factoren", "Beschermende factoren", forms.FactorForm, ("factoren",)),
    Step(4, "voorkeuren", "Voorkeuren", forms.PreferenceForm, ("voorkeuren",)),
)
OVERVIEW = 5
PROFILE_KEYS = tuple(key for s in STEPS for key in s.keys)


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
                "huidige_interventies": ctx.get("huidige_interventies", []),
                "budget_euro": ctx.get("budget_euro"), "budget_fte": ctx.get("budget_fte")}
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
            "huidige_interventies": form.huidige_interventies.data,
            "budget_euro": form.budget_euro.data, "budget_fte": form.budget_fte.data}
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


# every answer that names a knowledge-base id: (where, the id's kind in Dutch, the ids a version knows)
_ID_ANSWERS = (
    (("context", "verschijningsvormen"), "verschijningsvorm", lambda kb: kb.vocabulary_ids("verschijningsvormen")),
    (("context", "huidige_interventies"), "interventie", lambda kb: set(kb.interventions)),
    (("doelgroepen",), "doelgroep", lambda kb: kb.vocabulary_ids("doelgroepen")),
    (("settings",), "setting", lambda kb: kb.vocabulary_ids("settings")),
    (("risico_indicaties",), "risico-indicatie", lambda kb: set(kb.risk_factors)),
    (("factoren",), "beschermende factor", lambda kb: set(kb.factors)),
)


def _ids(answers: dict, where: tuple[str, ...]) -> list:
    value = answers.get(where[0], {} if len(where) > 1 else [])
    return value.get(where[1], []) if len(where) > 1 else value


def _id_of(value) -> str:
    return value.get("id") if isinstance(value, dict) else value


def still_valid(answers: dict, kb: KnowledgeBase) -> dict:
    """The answers without the ids `kb` does not know. Only for answers moved to a newer
    version than they were given in: `misfits` names what this leaves out, so nothing is
    dropped silently."""
    answers = {**answers, "context": {**answers.get("context", {})}}
    for where, _, known in _ID_ANSWERS:
        ids = known(kb)  # once per kind, not once per answer
        kept = [v for v in _ids(answers, where) if _id_of(v) in ids]
        if len(where) > 1:
            answers[where[0]][where[1]] = kept
        else:
            answers[where[0]] = kept
    return answers


def misfits(answers: dict, kb: KnowledgeBase, previous: KnowledgeBase | None = None) -> list[str]:
    """A Dutch sentence for every answer that `kb` no longer knows, naming it as `previous`
    (the version it was given in) called it."""
    sentences = []
    for where, what, known in _ID_ANSWERS:
        ids = known(kb)  # once per kind, not once per answer
        for value in _ids(answers, where):
            iid = _id_of(value)
            if iid not in ids:
                sentences.append(f"De {what} {_old_name(previous, what, iid)!r} bestaat niet meer in de nieuwste "
                                 "kennisbank en telt daarom niet meer mee.")
    return sentences


def _old_name(kb: KnowledgeBase | None, what: str, iid: str) -> str:
    if kb is None:
        return iid
    table = {"interventie": kb.interventions, "beschermende factor": kb.factors, "risico-indicatie": kb.risk_factors}
    if what in table and iid in table[what]:
        return table[what][iid].name
    for vocabulary in ("verschijningsvormen", "doelgroepen", "settings"):
        if iid in kb.vocabulary_ids(vocabulary):
            return kb.label(vocabulary, iid)
    return iid


def risk_groups(kb: KnowledgeBase) -> tuple[list[str], list[tuple]]:
    """Step 2's risk indications: the ids of the personal characteristics (shown apart, beside
    the warning against stigma) and the circumstances per bouwsteen, as (bouwsteen, risk factor
    ids) pairs. Made once per knowledge base."""
    return _RISK_GROUPS.get(kb, "groups", lambda: _risk_groups(kb))


_RISK_GROUPS = PerKnowledgeBase(size=1)


def _risk_groups(kb: KnowledgeBase) -> tuple[list[str], list[tuple]]:
    risks = list(kb.risk_factors.values())
    characteristics = [r.id for r in risks if r.id in CHARACTERISTICS]
    circumstances = [(b, [r.id for r in risks if r.bouwsteen == b.number and r.id not in CHARACTERISTICS])
                     for b in kb.bouwstenen]
    return characteristics, [(b, group) for b, group in circumstances if group]


def capacity_limit(answers: dict) -> int | None:
    """How many factors fit the capacity of step 1: the largest package that capacity carries
    (rules.definitions.CAPACITY_SIZES), since each factor asks for at least one intervention."""
    capacity = answers.get("context", {}).get("capaciteit")
    return CAPACITY_SIZES[capacity][1] if capacity in CAPACITY_SIZES else None


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


def answered_steps(answers: dict, kb: KnowledgeBase) -> list[int]:
    """The steps whose answers are present and pass that step's own form, as if the user had
    submitted them (an imported profile is held to the same rules as the questionnaire)."""
    done = []
    for definition in STEPS:
        if not any(key in answers for key in definition.keys):
            continue
        form = definition.form(formdata=_as_submitted(form_data(definition.number, answers)), meta={"csrf": False})
        form.set_choices(kb)
        if form.validate():
            done.append(definition.number)
    return done


def _as_submitted(data: dict) -> MultiDict:
    """Form data as a browser posts it: one value per checked box, nothing for an unchecked one."""
    submitted = MultiDict()
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if item is True:
                submitted.add(name, "y")
            elif item is not None and item is not False:
                submitted.add(name, str(item))
    return submitted
