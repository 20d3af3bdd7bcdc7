"""Parts of the advice page rendered once per knowledge-base version and reused: the options of
its two intervention choosers ('Waarom staat een interventie er niet in?' and 'Interventie
toevoegen'), which list every intervention of the knowledge base by name.

Rendered per request they were an escape and a few template pieces per intervention, twice per
page, the same on every page of that version. What an option shows depends only on the
intervention, whether it is the chosen one and (when adding) whether the advice's rules
excluded it; so each is rendered once in each of those forms, and a page only picks them. The
cache holds one knowledge-base object (wizard/questionnaire/per_kb.py), which never changes."""

from flask import get_template_attribute
from markupsafe import Markup

from rules.model import KnowledgeBase
from wizard.advice import bp
from wizard.questionnaire.per_kb import PerKnowledgeBase

CHOOSERS = "advice/_choosers.html"

_OPTIONS = PerKnowledgeBase(size=1)


def _options(kb: KnowledgeBase) -> tuple:
    """Per intervention, in the order of its name (as the choosers list them): (id, why option
    not chosen, chosen, {(chosen, excluded): add option})."""
    def render() -> tuple:
        why = get_template_attribute(CHOOSERS, "why_option")
        add = get_template_attribute(CHOOSERS, "add_option")
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


bp.add_app_template_global(why_options)
bp.add_app_template_global(add_options)
