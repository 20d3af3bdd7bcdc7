"""Parts of the advice page and the B&W document rendered once and reused (macros of
templates/advice/_fragments.html); per request they were most of the escapes and template pieces.

- Per knowledge-base version: the options of the two intervention choosers ('Waarom staat een
  interventie er niet in?' and 'Interventie toevoegen'), which list every intervention by name;
  each is rendered once in every form a page can show (chosen or not, excluded by the rules or
  not) and a page only picks them. And an intervention's logic (rules/logic.py, a function of the
  intervention, the chosen factors it covers and the knowledge base) with its table rows.
  These caches hold one knowledge-base object (wizard/questionnaire/per_kb.py), which never changes.
- Keyed by everything they show: a package item's type guidance and indicators, as stored with the
  advice (text of the knowledge base, the same for every advice with that type or intervention).

Nothing a user typed is kept: the caches hold knowledge-base text only."""

from functools import lru_cache

from flask import get_template_attribute
from markupsafe import Markup

from rules.logic import intervention_logic
from rules.model import KnowledgeBase
from wizard.advice import bp
from wizard.questionnaire.per_kb import PerKnowledgeBase

FRAGMENTS = "advice/_fragments.html"

_OPTIONS = PerKnowledgeBase(size=1)
_LOGIC = PerKnowledgeBase(size=4096)  # per (intervention, covered factors): the logic and its rows


def _options(kb: KnowledgeBase) -> tuple:
    """Per intervention, in the order of its name (as the choosers list them): (id, why option
    not chosen, chosen, {(chosen, excluded): add option})."""
    def render() -> tuple:
        why = get_template_attribute(FRAGMENTS, "why_option")
        add = get_template_attribute(FRAGMENTS, "add_option")
        ordered = sorted(kb.interventions.values(), key=lambda i: i.name.lower())
        return tuple((i.id, Markup(why(i, False)), Markup(why(i, True)),
                      {(chosen, excluded): Markup(add(i, chosen, excluded))
                       for chosen in (False, True) for excluded in (False, True)})
                     for i in ordered)
    return _OPTIONS.get(kb, "options", render)


def why_options(kb: KnowledgeBase, asked: str | None) -> Markup:
    """The <option> of every intervention, the one `asked` about selected."""
    return Markup("".join(on if iid == asked else off for iid, off, on, _ in _options(kb)))


def add_options(kb: KnowledgeBase, left_out: set[str], excluded: set[str], chosen: str | None) -> Markup:
    """The <option> of every intervention not `left_out` (in the package or already running),
    `chosen` selected, those in `excluded` marked as excluded by the rules."""
    return Markup("".join(add[iid == chosen, iid in excluded] for iid, _, _, add in _options(kb) if iid not in left_out))


def logic_of(kb: KnowledgeBase, iid: str, covered: list[str]) -> dict:
    """intervention_logic of `iid` covering `covered` (shared between requests: do not change it)."""
    return _LOGIC.get(kb, ("logic", iid, tuple(covered)), lambda: intervention_logic(kb.interventions[iid], covered, kb))


def logic_table(kb: KnowledgeBase, iid: str, covered: list[str]) -> Markup:
    """The rows doel to prestatie-indicatoren of the logic of `iid` in the B&W document."""
    return _LOGIC.get(kb, ("rows", iid, tuple(covered)),
                      lambda: Markup(get_template_attribute(FRAGMENTS, "logic_rows")(logic_of(kb, iid, covered))))


def logic_weblinks(kb: KnowledgeBase, iid: str) -> Markup:
    """The 'Meer informatie' row of the logic of `iid` in the B&W document ('' without web links)."""
    def render() -> Markup:
        intervention = kb.interventions.get(iid)
        if not (intervention and intervention.weblinks):
            return Markup("")
        return Markup(get_template_attribute(FRAGMENTS, "logic_links")(intervention))
    return _LOGIC.get(kb, ("links", iid), render)


def _types_key(types: list[dict]) -> tuple:
    # every field the macros read, so that equal keys render equal HTML
    return tuple((t.get("label", ""), tuple(t.get("werkzame_elementen") or ()), tuple(t.get("randvoorwaarden") or ()))
                 for t in types)


def _types_of(key: tuple) -> list[dict]:
    return [{"label": label, "werkzame_elementen": elements, "randvoorwaarden": conditions}
            for label, elements, conditions in key]


@lru_cache(maxsize=512)
def _type_guidance(key: tuple) -> Markup:
    return Markup(get_template_attribute(FRAGMENTS, "card_types")(_types_of(key)))


@lru_cache(maxsize=512)
def _logic_type_table(key: tuple) -> Markup:
    return Markup(get_template_attribute(FRAGMENTS, "logic_type_rows")(_types_of(key)))


@lru_cache(maxsize=2048)
def _indicator_list(indicators: tuple) -> Markup:
    return Markup(get_template_attribute(FRAGMENTS, "card_indicators")(indicators))


def type_guidance(types: list[dict]) -> Markup:
    """A package card's werkzame elementen and randvoorwaarden of its types (item["typen"])."""
    return _type_guidance(_types_key(types))


def logic_type_table(types: list[dict]) -> Markup:
    """The same as rows of the logic table in the B&W document."""
    return _logic_type_table(_types_key(types))


def indicator_list(indicators: list[str]) -> Markup:
    """A package card's indicators (item["indicatoren"])."""
    return _indicator_list(tuple(indicators))


for _function in (why_options, add_options, logic_table, logic_weblinks, type_guidance, logic_type_table, indicator_list):
    bp.add_app_template_global(_function)
