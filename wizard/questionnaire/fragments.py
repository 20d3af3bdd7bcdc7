"""Parts of the step pages rendered once and reused: the rows of a choice list with and without
their tick, step 3's tree of bouwstenen, themes and protective factors (a factor with and
without its ticks, around the reasons the engine gives for it), the progress links and step
URLs, a field's fieldset or text box around what the page fills in, single checkboxes, select
options and step 4's effect ladder.

Rendering each row on every request was most of a step's time (step 1 lists all 120
interventions: ~1,200 escapes and ~2,000 template output pieces per page). What a row shows
depends only on the field and its choices, which come from the knowledge base, so per request
only the ticks are chosen. The caches are bounded and keyed by what the HTML is made of (or by
the knowledge-base object, which never changes), so they never serve stale HTML."""

from functools import lru_cache

from flask import current_app, get_template_attribute, request, url_for
from markupsafe import Markup, escape

from wizard.models import could_be_token
from wizard.questionnaire import bp
from wizard.questionnaire.per_kb import PerKnowledgeBase
from wizard.questionnaire.steps import STEPS

FIELDS = "questionnaire/_fields.html"
FACTOR = "questionnaire/_step3_factor.html"

# stands in for what a page fills in when a fragment is rendered once; no knowledge-base text
# holds it (NUL bytes are refused), and _split checks that it appears exactly where expected
_HOLE = "\x00"


def _split(html: str, holes: int) -> list[str]:
    parts = html.split(_HOLE)
    if len(parts) != holes + 1:
        raise ValueError(f"fragment has {len(parts) - 1} placeholders, not {holes}")
    return parts


@lru_cache(maxsize=256)
def _rows(kind: str, name: str, required: bool, choices: tuple, values: tuple | None, field_id: str,
          id_prefix: str | None, explanations: tuple) -> tuple:
    """(value, row without tick, row with tick) per choice, in order (see choice_rows)."""
    if values is not None:
        labels = dict(choices)
        choices = tuple((value, labels[value]) for value in values)
    ids = [f"{id_prefix}{value}" for value, _ in choices] if id_prefix is not None else \
        [f"{field_id}-{n}" for n in range(len(choices))]
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
    # choices from the knowledge base carry their (value, label) pairs, made once (forms.ChoiceList)
    choices = getattr(field.choices, "pairs", None) or tuple((c.value, c.label) for c in field.choices)
    rows = _rows(kind, field.name, bool(required), choices, None if values is None else tuple(values), field.id,
                 id_prefix, tuple(sorted(explanations.items())) if explanations else ())
    if kind == "checkbox":
        chosen = _lookup(field.data or [])
        if not chosen:
            return _none_ticked(rows)
        return Markup("".join([on if value in chosen else off for value, off, on in rows]))
    return Markup("".join([on if value == field.data else off for value, off, on in rows]))


@lru_cache(maxsize=256)
def _none_ticked(rows: tuple) -> Markup:
    """The rows of `_rows` without any tick, joined (step 1's 120 interventions are mostly left
    alone)."""
    return Markup("".join(off for _, off, _ in rows))


_FIELDSETS: dict[tuple, tuple] = {}  # what a field's HTML is made of -> that HTML, split around its holes
_FIELDSETS_SIZE = 256


def _parts(key: tuple, render, holes: int) -> tuple:
    """The HTML `render()` makes, split at its `holes` placeholders: made once per `key`, which
    must name everything the HTML is made of (never a value a user entered: that fills a hole)."""
    parts = _FIELDSETS.get(key)
    if parts is None:
        parts = tuple(Markup(part) for part in _split(render(), holes))
        if len(_FIELDSETS) >= _FIELDSETS_SIZE:  # bounded; a clear is rare and costs one render each
            _FIELDSETS.clear()
        _FIELDSETS[key] = parts
    return parts


def choice_fieldset(field, kind: str = "radio", explanations: dict | None = None, hint: str | None = None,
                    required: bool | None = None) -> Markup:
    """The fieldset of choice list `field` with its rows (macro fieldset of _fields.html;
    `required` None: as the field's validators say). Without errors on the field the fieldset
    around the rows is rendered once per field id, label, hint and required mark (what
    the macro reads) and reused; with errors it is made afresh."""
    required = bool(field.flags.required if required is None else required)
    rows = choice_rows(field, kind, explanations, required)
    if field.errors:
        return Markup(get_template_attribute(FIELDS, "fieldset")(field, hint, required, rows))
    before, after = _parts(("fieldset", field.id, field.label.text, hint, required),
                           lambda: get_template_attribute(FIELDS, "fieldset")(field, hint, required, Markup(_HOLE)), 1)
    return before + rows + after


def text_field(field, hint: str | None = None, multiline: bool = False, required: bool | None = None,
               unit: str | None = None) -> Markup:
    """Text box `field` with its label (macro text_control of _fields.html; `required` None: as
    the field's validators say). Without errors on the field it is rendered once per what the
    macro reads besides the value (id, name, label, type, hint, multiline, required, unit), and
    the value, escaped, is filled in; with errors it is made afresh."""
    required = bool(field.flags.required if required is None else required)
    value = escape(_text_value(field, multiline))
    if field.errors:
        return Markup(get_template_attribute(FIELDS, "text_control")(field, hint, multiline, required, unit, value))
    key = ("text", field.id, field.name, field.label.text, field.type, hint, multiline, required, unit)
    before, after = _parts(key, lambda: get_template_attribute(FIELDS, "text_control")(
        field, hint, multiline, required, unit, Markup(_HOLE)), 1)
    return before + value + after


def _text_value(field, multiline: bool):
    """What the text box of `field` shows: its data, or what was typed when that did not parse."""
    if multiline:
        return field.data or ""
    if field.type == "DutchNumberField":
        return field._value()
    return field.data if field.data is not None else (field.raw_data[0] if field.raw_data else "")


def checkbox_field(field) -> Markup:
    """The single checkbox `field` with its label (macro checkbox of _fields.html), rendered once
    per id, name, label and tick."""
    ticked = bool(field.data)
    return _parts(("checkbox", field.id, field.name, field.label.text, ticked),
                  lambda: get_template_attribute(FIELDS, "checkbox_control")(field.id, field.name, field.label.text,
                                                                            ticked), 0)[0]


def step_url(sid: str, number: int) -> str:
    """url_for('questionnaire.step', sid=sid, number=number), with the URL around the id made
    once per mount point and step (an id that is not one of our tokens is made afresh)."""
    if not could_be_token(sid):
        return url_for("questionnaire.step", sid=sid, number=number)
    before, after = _step_url_parts(request.script_root, number)
    return before + sid + after


@lru_cache(maxsize=64)
def _step_url_parts(script_root: str, number: int) -> tuple:
    # url_for writes the NUL of the placeholder as %00
    return tuple(_split(url_for("questionnaire.step", sid=_HOLE, number=number).replace("%00", _HOLE), 1))


def select_options(field) -> Markup:
    """The <option> of every choice of select list `field` (macro option of _fields.html), the
    one equal to its data selected (no data: the empty value)."""
    choices = getattr(field.choices, "pairs", None) or tuple((c.value, c.label) for c in field.choices)
    selected = field.data or ""
    return Markup("".join([on if value == selected else off for value, off, on in _options(choices)]))


@lru_cache(maxsize=64)
def _options(choices: tuple) -> tuple:
    option = get_template_attribute(FIELDS, "option")
    return tuple((value, Markup(option(value, label, False)), Markup(option(value, label, True)))
                 for value, label in choices)


LADDER = "questionnaire/_ladder.html"
_LADDER = PerKnowledgeBase(size=1)


def effect_ladder(kb) -> Markup:
    """Step 4's explanation of the effect ladder (macro ladder of _ladder.html), rendered once
    per knowledge base: it shows only knowledge-base text."""
    return _LADDER.get(kb, "ladder", lambda: Markup(get_template_attribute(LADDER, "ladder")(kb)))


def form_macros():
    """The macros of _fields.html, from the module Jinja makes of it once. `{% import %}` in a
    page made that module afresh on every render (running all of _fields.html), because a Flask
    page's context holds globals the cached module lacks; the macros need none of them."""
    return current_app.jinja_env.get_template(FIELDS).module


def chosen_labels(field) -> list[str]:
    """The labels of the choices of checkbox list `field` that its data ticks, in the order of
    the choices (a loop in Python: step 1 offers all 120 interventions)."""
    chosen = _lookup(field.data or [])
    return [c.label for c in field.choices if c.value in chosen]


def _lookup(values):
    """`values` as a set, for quick lookups; stored answers of another shape than strings
    (which a set may not be able to hold) are looked up in as they are."""
    return set(values) if all(isinstance(v, str) for v in values) else values


_FACTORS = PerKnowledgeBase(size=1024)  # up to 8 per factor: (ticked, high priority), with and without reasons
_TREE = PerKnowledgeBase(size=1)  # the skeleton of the factor tree


def factor_item(kb, fid: str, chosen: bool, high: bool, reasons=None, stray: bool = False) -> Markup:
    """Step 3's <li> of factor `fid` (macro factor_item of _step3_factor.html). Reused as is when
    the engine gave no reasons and the priority tick is not in error; with reasons the <li>
    around them is reused and only the reasons are filled in (joined by a space, escaped, as
    the macro does); an error on it is made afresh."""
    if stray:
        return Markup(_factor_macro()(kb.factors[fid], chosen, high, reasons, stray))
    if reasons is None:
        return _FACTORS.get(kb, (fid, chosen, high),
                            lambda: Markup(_factor_macro()(kb.factors[fid], chosen, high, None, False)))
    before, after = _FACTORS.get(kb, (fid, chosen, high, "reasons"), lambda: tuple(
        Markup(part) for part in _split(_factor_macro()(kb.factors[fid], chosen, high, [{"tekst": Markup(_HOLE)}],
                                                        False), 1)))
    return before + Markup(" ").join(r["tekst"] for r in reasons) + after


def _factor_macro():
    return get_template_attribute(FACTOR, "factor_item")


def factor_tree(kb, chosen, high, suggested: dict, stray) -> Markup:
    """Every bouwsteen of step 3 with its factors (macro bouwsteen of _step3_factor.html): open
    when one of its factors is chosen, suggested or in error. `chosen`, `high`, `stray`: factor
    ids; `suggested`: factor id -> the engine's reasons."""
    chosen, high, stray = _lookup(list(chosen)), _lookup(list(high)), _lookup(list(stray))
    html = []
    for ids, pieces in _TREE.get(kb, "tree", lambda: _tree_skeleton(kb)):
        is_open = any(fid in chosen or fid in suggested or fid in stray for fid in ids)
        for n, piece in enumerate(pieces[is_open]):
            html.append(piece if n % 2 == 0 else
                        factor_item(kb, piece, piece in chosen, piece in high, suggested.get(piece), piece in stray))
    return Markup("".join(html))


def _tree_skeleton(kb) -> list[tuple[set, tuple[list, list]]]:
    """Per bouwsteen: its factor ids and, closed and open, its HTML split around its factors
    ([html, factor id, html, factor id, ..., html])."""
    macro = get_template_attribute(FACTOR, "bouwsteen")
    skeleton = []
    for b in kb.bouwstenen:
        ids = [fid for t in b.themes for fid in t.factor_ids]
        holes = {fid: Markup(f"{_HOLE}{fid}{_HOLE}") for fid in ids}
        closed, opened = (_split(macro(b, is_open, holes), 2 * len(ids)) for is_open in (False, True))
        skeleton.append((set(ids), tuple([Markup(p) if n % 2 == 0 else p for n, p in enumerate(parts)]
                                         for parts in (closed, opened))))
    return skeleton


PROGRESS = "questionnaire/_progress_nav.html"


def progress_nav(session, current: int) -> Markup:
    """The progress links of questionnaire `session` on the page of step `current` (5: the
    overview), from macro progress of _progress_nav.html. Made once per current step, set of
    completed steps and mount point, with the questionnaire's id filled in; an id that is not
    one of our tokens (which need no escaping) is made afresh."""
    done = tuple(s.number for s in STEPS if s.number in session.completed_steps)
    if not could_be_token(session.id):
        return Markup(get_template_attribute(PROGRESS, "progress")(STEPS, current, done, session.id))
    return Markup(session.id).join(_progress_parts(request.script_root, current, done))


@lru_cache(maxsize=256)
def _progress_parts(script_root: str, current: int, done: tuple) -> tuple:
    # url_for writes the NUL of the placeholder as %00
    html = get_template_attribute(PROGRESS, "progress")(STEPS, current, done, _HOLE)
    links = sum(1 for s in STEPS if s.number in done or s.number == current) + 1
    return tuple(Markup(part) for part in _split(html.replace("%00", _HOLE), links))


# every template may use them (the feedback and beheer forms use the choices macro too)
bp.add_app_template_global(choice_rows)
bp.add_app_template_global(chosen_labels)
bp.add_app_template_global(choice_fieldset)
bp.add_app_template_global(text_field)
bp.add_app_template_global(checkbox_field)
bp.add_app_template_global(step_url)
bp.add_app_template_global(form_macros)
bp.add_app_template_global(select_options)
bp.add_app_template_global(effect_ladder)
bp.add_app_template_global(factor_tree)
bp.add_app_template_global(progress_nav)
