"""Parts of the step pages rendered once and reused: the rows of a choice list with and without
their tick, and a protective factor of step 3 as it stands when the engine did not suggest it.

Rendering each row on every request was most of a step's time (step 1 lists all 120
interventions: ~1,200 escapes and ~2,000 template output pieces per page). What a row shows
depends only on the field and its choices, which come from the knowledge base, so per request
only the ticks are chosen. The caches are bounded and keyed by what the HTML is made of (or by
the knowledge-base object, which never changes), so they never serve stale HTML."""

from functools import lru_cache

from flask import get_template_attribute
from markupsafe import Markup

from wizard.questionnaire import bp
from wizard.questionnaire.per_kb import PerKnowledgeBase

FIELDS = "questionnaire/_fields.html"
FACTOR = "questionnaire/_step3_factor.html"


@lru_cache(maxsize=256)
def _rows(kind: str, name: str, required: bool, choices: tuple, ids: tuple, explanations: tuple) -> tuple:
    """(value, row without tick, row with tick) per choice, in order."""
    row = get_template_attribute(FIELDS, "choice_row")
    notes = dict(explanations)
    return tuple((value, Markup(row(kind, id_, name, value, label, False, required, notes.get(value))),
                  Markup(row(kind, id_, name, value, label, True, required, notes.get(value))))
                 for (value, label), id_ in zip(choices, ids))


def choice_rows(field, kind: str = "radio", explanations: dict | None = None, required: bool = False,
                values=None, id_prefix: str | None = None) -> Markup:
    """The <li> of every choice of `field` (macro choice_row of _fields.html), ticked as the
    field's data says: for a checkbox list every value in it, for radio buttons the one equal to it.
    `values`: only these choices, in this order (step 2 groups its risk indications).
    The ids are `<field id>-<position>`, or with `id_prefix` `<id_prefix><value>`."""
    choices = tuple((c.value, c.label) for c in field.choices)
    if values is not None:
        labels = dict(choices)
        choices = tuple((value, labels[value]) for value in values)
    ids = tuple(f"{id_prefix}{value}" for value, _ in choices) if id_prefix is not None else \
        tuple(f"{field.id}-{n}" for n in range(len(choices)))
    rows = _rows(kind, field.name, bool(required), choices, ids, tuple(sorted((explanations or {}).items())))
    if kind == "checkbox":
        data = field.data or []
        chosen = set(data) if all(isinstance(v, str) for v in data) else data
        return Markup("".join(on if value in chosen else off for value, off, on in rows))
    return Markup("".join(on if value == field.data else off for value, off, on in rows))


_FACTORS = PerKnowledgeBase(size=1024)  # 4 per factor (ticked or not, high priority or not)


def factor_item(kb, fid: str, chosen: bool, high: bool, reasons=None, stray: bool = False) -> Markup:
    """Step 3's <li> of factor `fid` (macro factor_item of _step3_factor.html). Reused as is when
    the engine gave no reasons and the priority tick is not in error; otherwise made afresh."""
    macro = get_template_attribute(FACTOR, "factor_item")
    if reasons or stray:
        return Markup(macro(kb.factors[fid], chosen, high, reasons, stray))
    return _FACTORS.get(kb, (fid, chosen, high), lambda: Markup(macro(kb.factors[fid], chosen, high, None, False)))


# every template may use them (the feedback and beheer forms use the choices macro too)
bp.add_app_template_global(choice_rows)
bp.add_app_template_global(factor_item)
