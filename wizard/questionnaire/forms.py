"""One form per step. Forms own validation: choices come from the knowledge base, so an unknown
id is refused, and every message is Dutch and names the field."""

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (BooleanField, Field, IntegerField, RadioField, SelectChoice, SelectField, SelectMultipleField,
                     StringField, TextAreaField, widgets)
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional, StopValidation,
                                ValidationError)

from rules.profile import MAX_TEXT, Preferences
from rules.model import KnowledgeBase
from wizard.questionnaire.per_kb import PerKnowledgeBase
from wizard.validators import StorableText

_CHOICES = PerKnowledgeBase(size=16)  # one entry per form class


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        super().pre_validate(form)
        # a browser sends each box once; a doubled value is a hand-made request or import
        doubled = sorted({value for value in self.data or () if self.data.count(value) > 1})
        if doubled:
            raise ValidationError("Elke keuze mag er maar één keer in staan, niet twee keer: "
                                  + ", ".join(f"'{value}'" for value in doubled) + ".")


class DutchForm(FlaskForm):
    class Meta:
        locales = ("nl_NL", "nl")  # WTForms' own Dutch messages for what we do not word ourselves

    @staticmethod
    def choices_of(kb: KnowledgeBase) -> dict[str, list[SelectChoice]]:
        """field name -> its choices in `kb` (forms with choices override this)."""
        return {}

    def set_choices(self, kb: KnowledgeBase) -> None:
        """Give the fields their choices from `kb`. Built once per knowledge base and form (step
        1 sorts all 120 interventions): the lists are shared, WTForms only reads them."""
        for name, choices in _CHOICES.get(kb, type(self).__name__, lambda: self.choices_of(kb)).items():
            self[name].choices = choices

    def error_target(self, name: str, message: str) -> str:
        """The id of the control an error-summary link for `message` of field `name` leads to."""
        return self[name].id


class StepForm(DutchForm):
    """A form of a questionnaire step. It has no CSRF field of its own: the app-wide CSRFProtect
    (wizard/extensions.py) refuses every POST without a valid token before any view runs, and a
    form field would only sign a second token per request (its own check is skipped once
    CSRFProtect passed). The step page writes the token with csrf_token() (_step.html)."""
    class Meta:
        csrf = False


class ParseErrorAlone:
    """A field whose parse error (already among its errors: validate starts from process_errors)
    stands alone, without the other validators' messages beside it: 'Vul een getal in' and
    'moet tussen 0 en 1000 liggen' for one mistake would be two messages."""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


class DutchNumberField(ParseErrorAlone, Field):
    """A number as Dutch people type it: '25.000', '€ 25.000,-', '1,5', '-1' (a minus sign is
    read, so that the range validator, not the parser, says what is allowed). `whole` asks for
    an integer (euro); otherwise one decimal comma or point is allowed (fte)."""
    widget = widgets.TextInput()

    def __init__(self, label=None, validators=None, whole=False, example="", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.whole, self.example = whole, example

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{self.data:,}".replace(",", ".") if self.whole else f"{self.data:g}".replace(".", ",")

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        text = re.sub(r"[€\s]|,-$", "", text).replace("\u2212", "-")  # U+2212: the typographic minus
        if self.whole:
            text = text.replace(".", "")
            if re.fullmatch(r"-?\d+(,\d{1,2})?", text):
                self.data = round(float(text.replace(",", ".")))
                return
        elif re.fullmatch(r"-?\d+([.,]\d+)?", text):
            self.data = float(text.replace(",", "."))
            return
        raise ValueError(f"Vul een getal in, bijvoorbeeld {self.example}.")


class CountField(ParseErrorAlone, IntegerField):
    """A whole number; what is no whole number ('2.5', 'zes') gets `message` alone."""

    def __init__(self, label=None, validators=None, message="", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parse_message = message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.parse_message) from None


class ChoiceList(list):
    """The choices of a field, made once and then only read (see DutchForm.set_choices), with
    their (value, label) pairs made once too: the key under which their rendered rows are kept
    (wizard/questionnaire/fragments.py choice_rows)."""

    def __init__(self, choices):
        super().__init__(choices)
        self.pairs = tuple((c.value, c.label) for c in self)


def _choices(pairs) -> ChoiceList:
    return ChoiceList(SelectChoice(value, label) for value, label in pairs)


def _terms(kb: KnowledgeBase, vocabulary: str) -> list[SelectChoice]:
    return _choices((t.id, t.label) for t in kb.vocabularies.get(vocabulary, ()))


class ContextForm(StepForm):
    gemeente = StringField("Naam van de gemeente", validators=[
        DataRequired("Vul de naam van de gemeente in."),
        Length(max=120, message="De naam van de gemeente mag hoogstens 120 tekens lang zijn."), StorableText()])
    inwoners = RadioField("Grootte van de gemeente", validators=[InputRequired("Kies de grootte van de gemeente.")])
    fase = RadioField("Fase van de lokale preventieve aanpak",
                      validators=[InputRequired("Kies de fase van uw lokale aanpak.")])
    verschijningsvormen = MultiCheckboxField("Welke verschijnselen baren zorgen?", validators=[Optional()])
    online = RadioField("Speelt er een online dimensie?", choices=_choices([("ja", "Ja"), ("nee", "Nee")]),
                        validators=[InputRequired("Geef aan of er een online dimensie speelt.")])
    aanleiding = TextAreaField("Wat is de aanleiding voor uw vraag?", validators=[
        Optional(), Length(max=MAX_TEXT, message=f"De aanleiding mag hoogstens {MAX_TEXT} tekens lang zijn."),
        StorableText()])
    capaciteit = RadioField("Capaciteit (tijd en budget) voor de aanpak",
                            validators=[InputRequired("Kies de capaciteit voor de aanpak.")])
    huidige_interventies = MultiCheckboxField("Welke interventies lopen al in uw gemeente?", validators=[Optional()])
    budget_euro = DutchNumberField("Beschikbaar budget per jaar (euro)", whole=True, example="25.000", validators=[
        Optional(), NumberRange(0, 100_000_000, message="Het budget moet tussen 0 en 100 miljoen euro liggen.")])
    budget_fte = DutchNumberField("Beschikbare formatie (fte)", example="1,5", validators=[
        Optional(), NumberRange(0, 1000, message="De formatie moet tussen 0 en 1000 fte liggen.")])

    @staticmethod
    def choices_of(kb: KnowledgeBase) -> dict[str, list[SelectChoice]]:
        return {"inwoners": _terms(kb, "inwoners"), "fase": _terms(kb, "fase"),
                "verschijningsvormen": _terms(kb, "verschijningsvormen"), "capaciteit": _terms(kb, "capaciteit"),
                "huidige_interventies": _choices(sorted(((i.id, i.name) for i in kb.interventions.values()),
                                                        key=lambda c: c[1].lower()))}


class TargetForm(StepForm):
    doelgroepen = MultiCheckboxField("Doelgroepen", validators=[Optional()])
    settings = MultiCheckboxField("Omgevingen (settings)", validators=[Optional()])
    risico_indicaties = MultiCheckboxField("Risico-indicaties op groepsniveau (optioneel)", validators=[Optional()])

    @staticmethod
    def choices_of(kb: KnowledgeBase) -> dict[str, list[SelectChoice]]:
        return {"doelgroepen": _terms(kb, "doelgroepen"), "settings": _terms(kb, "settings"),
                "risico_indicaties": _choices((r.id, r.name) for r in kb.risk_factors.values())}

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.doelgroepen.data:
            self.doelgroepen.errors.append("Kies ten minste één doelgroep.")
            return False
        return True


class FactorForm(StepForm):
    factoren = MultiCheckboxField("Beschermende factoren", validators=[Optional()])
    prioriteit = MultiCheckboxField("Hoge prioriteit", validators=[Optional()])

    @staticmethod
    def choices_of(kb: KnowledgeBase) -> dict[str, list[SelectChoice]]:
        choices = _choices((f.id, f.name) for f in kb.factors.values())
        return {"factoren": choices, "prioriteit": choices}

    def set_choices(self, kb: KnowledgeBase) -> None:
        super().set_choices(kb)
        self._names = {f.id: f.name for f in kb.factors.values()}
        self.stray_ids: list[str] = []

    def error_target(self, name: str, message: str) -> str:
        stray = dict(zip(self.prioriteit.errors, self.stray_ids))
        return f"prio-{stray[message]}" if name == "prioriteit" and message in stray else super().error_target(name, message)

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        # Optional() skips the choice check for an empty value: an empty or blank box is no choice at all
        for field in (self.factoren, self.prioriteit):
            field.data = [value for value in field.data or [] if value.strip()]
        if not self.factoren.data:
            self.factoren.errors.append("Kies ten minste één beschermende factor.")
            return False
        # in order of the form, so that the summary follows the page
        self.stray_ids = [f for f in self.prioriteit.data if f not in set(self.factoren.data)]
        for fid in self.stray_ids:
            self.prioriteit.errors.append(f"u gaf ‘{self._names[fid]}’ hoge prioriteit, maar koos die factor niet. "
                                          "Vink de factor aan of haal het vinkje bij hoge prioriteit weg.")
        return not self.stray_ids


# the range of the profile contract, so that the form and the contract cannot disagree
_SIZE = {type(m).__name__: m for m in Preferences.model_fields["max_interventies"].metadata}
MIN_PACKAGE, MAX_PACKAGE = _SIZE["Ge"].ge, _SIZE["Le"].le


class PreferenceForm(StepForm):
    size_range = (MIN_PACKAGE, MAX_PACKAGE)  # stated beside the field before any error
    min_trede = SelectField("Minimale trede op de effectladder", validators=[Optional()])
    alleen_aangeboden = BooleanField("Alleen interventies die op dit moment worden aangeboden")
    aanpak = RadioField("Voorkeur voor aanpak", validators=[InputRequired("Kies een voorkeur voor de aanpak.")])
    max_interventies = CountField("Hoeveel interventies mag het pakket hoogstens tellen?", validators=[
        InputRequired("Vul een aantal in."),
        NumberRange(MIN_PACKAGE, MAX_PACKAGE,
                    message=f"Het pakket telt minstens {MIN_PACKAGE} en hoogstens {MAX_PACKAGE} interventies.")],
        message=f"Vul een heel getal in, van {MIN_PACKAGE} tot en met {MAX_PACKAGE}.")
    indirect_meenemen = BooleanField("Neem de indirecte bouwsteen mee (samenwerking, deskundigheid, signalering)")

    @staticmethod
    def choices_of(kb: KnowledgeBase) -> dict[str, list[SelectChoice]]:
        return {"min_trede": _choices([("", "Geen minimum")] + [
                    (str(level.level), f"Trede {level.level}: {level.name}") for level in kb.levels]),
                "aanpak": _terms(kb, "aanpak")}


class ImportForm(DutchForm):
    profiel = FileField("Profielbestand (JSON)", validators=[
        FileRequired("Kies een profielbestand."),
        FileAllowed(["json"], "Het profiel moet een .json-bestand zijn."),
        FileSize(max_size=200_000, message="Het profielbestand is te groot (hoogstens 200 kB).")])
