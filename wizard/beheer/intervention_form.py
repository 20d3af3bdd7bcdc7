"""The form to edit one intervention, generated from `rules.model.Intervention.model_fields`, so
that a new field of the model appears here without a change (as a text box, a list of lines or a
choice, after its type).

The form checks only what is its own (a reason is given); the record it builds is validated by
`wizard.kb.drafts.save_intervention` exactly as `kb check` validates, and `show_refusal` puts
those Dutch messages back on the fields they name. Field names are the Dutch keys of the data
files, which are also the names the validation errors carry."""

import typing
from datetime import date

from wtforms import Field, RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from rules.model import STATUS_LABELS, Intervention, KnowledgeBase
from wizard.beheer.kb_forms import strip
from wizard.feedback.forms import DutchForm
from wizard.filters import first_capital
from wizard.validators import StorableText

# fields chosen from a vocabulary of the knowledge base (data/vocabulaires.yaml)
VOCABULARY_FIELDS = ("doelgroepen", "settings", "preventieniveau", "aanpak")
FACTOR_FIELD = "factoren"
REASON_FIELD = "reden"
YES_NO = [SelectChoice("ja", "Ja"), SelectChoice("nee", "Nee")]
YES_NO_UNKNOWN = [*YES_NO, SelectChoice("", "Onbekend (leeg)")]
# labels for the keys whose Dutch name is not readable as it stands
LABELS = {"id": "Id", "trede": "Trede op de effectladder", "trede_bron": "Bron van de trede",
          "trede_reden": "Reden bij de trede", "herzien_op": "Herzien op", "status_reden": "Reden van de status",
          "type_omschrijving": "Omschrijving van het type", "doelgroep_tekst": "Doelgroep (tekst uit het rapport)",
          "verzameld_via_gemeenten": "Verzameld via gemeenten", "breed_inzetbaar": "Breed inzetbaar",
          "preventieniveau": "Preventieniveau", "weblinks": "Weblinks",
          "koppelingen_uit_bijlage2": "Factoren waarvan de koppeling uit Bijlage 2 komt (geen B3.x-rij; ids)"}


def _label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def _choice_label(value: str) -> str:
    """A code as a choice reads it, capitalised like Ja/Nee: 'Niet meer aangeboden', 'NJi'."""
    text = STATUS_LABELS.get(value, value)
    return first_capital(text)


def _args(annotation) -> tuple:
    return tuple(a for a in typing.get_args(annotation) if a is not type(None))


def _is_list(annotation) -> bool:
    return typing.get_origin(annotation) in (tuple, list)


def _literal_values(annotation) -> tuple[str, ...] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    for arg in _args(annotation):
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
    return None


def _max_length(info) -> int | None:
    lengths = [m.max_length for m in info.metadata if getattr(m, "max_length", None)]
    return min(lengths) if lengths else None


class LinesField(TextAreaField):
    """A list edited as one item per line; empty lines are left out."""

    def _value(self):
        return "\n".join(self.data or ())

    def process_formdata(self, valuelist):
        self.data = [line.strip() for line in (valuelist[0] if valuelist else "").splitlines() if line.strip()]


def _checkboxes(label):
    # choices are checked by the knowledge-base validation, which names unknown terms in Dutch
    return SelectMultipleField(label, choices=[], validate_choice=False)


def _field_for(key: str, info) -> Field:
    """A form field for one model field, after its type."""
    annotation, label = info.annotation, _label(key)
    if key in VOCABULARY_FIELDS or key == "types":
        if _is_list(annotation):
            return _checkboxes(label)
        return RadioField(label, choices=[], validate_choice=False)
    if _is_list(annotation):
        return LinesField(label, description="Eén per regel.")
    literal = _literal_values(annotation)
    if literal is not None:
        choices = [SelectChoice(v, _choice_label(v)) for v in literal]
        if type(None) in typing.get_args(annotation):
            choices.append(SelectChoice("", "Leeg"))
        return RadioField(label, choices=choices, validate_choice=False)
    if annotation is bool:
        return RadioField(label, choices=YES_NO, validate_choice=False)
    if bool in _args(annotation):
        return RadioField(label, choices=YES_NO_UNKNOWN, validate_choice=False)
    if date in _args(annotation) or annotation is date:
        return StringField(label, description="Als JJJJ-MM-DD, bijvoorbeeld 2026-12-01; leeg als onbekend.")
    if int in _args(annotation) or annotation is int:
        return StringField(label, description="Een getal; leeg als onbekend.")
    if _max_length(info):
        return StringField(label)
    return TextAreaField(label)


def _model_keys() -> list[tuple[str, object]]:
    """(Dutch key, field info) of every field the data file writes, in the model's order."""
    return [(info.alias or name, info) for name, info in Intervention.model_fields.items() if not info.exclude]


class InterventionForm(DutchForm):
    """Built by `intervention_form()`; the generated fields are added below."""


# in the order of the page (WTForms orders fields as they were made), so that the error summary does too
for _key, _info in _model_keys():
    setattr(InterventionForm, _key, _field_for(_key, _info))
setattr(InterventionForm, FACTOR_FIELD, _checkboxes("Beschermende factoren"))
InterventionForm.reden = TextAreaField("Reden van de wijziging", filters=[strip], validators=[
    DataRequired("Geef een reden voor deze wijziging."), StorableText(),
    Length(max=2000, message="De reden is te lang: gebruik hoogstens 2000 tekens.")],
    description="Waarom deze wijziging? Dit komt in het audit log en bij het concept.")
FIELD_KEYS = [key for key, _ in _model_keys()]
ANNOTATIONS = dict(_model_keys())


def intervention_form(kb: KnowledgeBase, record: dict | None = None, factor_ids: list[str] | None = None,
                      formdata=None) -> InterventionForm:
    """The form with its choices from `kb`, filled from the request or else from `record`."""
    data = None
    if record is not None:
        data = {key: _form_value(record.get(key), ANNOTATIONS[key].annotation) for key in FIELD_KEYS}
        data[FACTOR_FIELD] = list(factor_ids or ())
    form = InterventionForm(formdata=formdata, data=data)
    for key in VOCABULARY_FIELDS:
        form[key].choices = [SelectChoice(t.id, t.label) for t in kb.vocabularies.get(key, ())]
    form.types.choices = [SelectChoice(t.number, t.label) for t in kb.types.values()]
    form[FACTOR_FIELD].choices = [SelectChoice(f.id, f.name) for f in kb.factors.values()]
    return form


def _form_value(value, annotation):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None:
        return [] if _is_list(annotation) else ""
    if isinstance(value, int):
        return str(value)
    return value


def _record_value(raw, annotation):
    """What the user typed, as the data file would hold it; wrong values stay as typed, so the
    validation names them."""
    if _is_list(annotation):
        return list(raw or ())
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if type(None) in typing.get_args(annotation) else ("" if annotation is str else None)
    raw = raw.strip() if isinstance(raw, str) else raw
    if annotation is bool or bool in _args(annotation):
        return {"ja": True, "nee": False}.get(raw, raw)
    if (annotation is int or int in _args(annotation)) and raw.lstrip("-").isdigit():
        return int(raw)
    return raw


def record_of(form: InterventionForm, iid: str) -> dict:
    """The intervention as its data file writes it, from the form (the id from the page)."""
    record = {key: _record_value(form[key].data, ANNOTATIONS[key].annotation) for key in FIELD_KEYS}
    record["id"] = iid
    return record


def show_refusal(form: InterventionForm, errors: list[tuple[str, str]]) -> list[str]:
    """Put each (field, message) on its form field; returns the messages that name no field
    (cross-file checks), for the page's error summary. A message of a check across fields
    ('trede_reden is verplicht als ...') goes to the field it starts with."""
    general = []
    for key, message in errors:
        if not key:
            key = next((k for k in sorted(FIELD_KEYS, key=len, reverse=True) if message.startswith(k + " ")), "")
        if key in form._fields:
            form[key].errors = [*form[key].errors, message]
        else:
            general.append(message)
    return general
