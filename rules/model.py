"""The bouwstenenmodel's entities, defined once (glossary in README.md).

Each entity is one pydantic model with English field names and, as aliases, the Dutch keys of
the data files in `data/`. From that one definition follow: the validation of the YAML files
(`wizard/kb/files.py` validates by alias), what a knowledge-base version stores (the same
records dumped by alias, `wizard/kb/versions.py`), the domain objects the rule engine reasons over
(these very models), the JSON export and its JSON Schema (`wizard/kb/export.py`). Adding a field
to an intervention means adding it here and to the templates that show it.

Fields marked `derived` are not written in an entity's own file: the assembler fills them from the
file that holds the link (a factor lists its interventions; a bouwsteen holds its factors)."""

import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, TypeAdapter, ValidationError, model_validator

from rules.text import text_problem

# Maximum lengths: what a data file may hold is what every place that stores or shows it accepts.
ID_LENGTH = 200
NAME_LENGTH = 300
SHORT_TEXT_LENGTH = 300

# Set while a version or draft is read back from the database (`read_stored`): it was checked
# when it came in, under the rules of its day, and is immutable; refusing it now would break every
# page that shows it. Everything that comes in (data files, the editor, the spreadsheet) is
# checked. A context variable, not pydantic's validation context: Entity's own __init__ drops that.
_reading_stored: ContextVar[bool] = ContextVar("reading_stored", default=False)
# text made only of these characters, with a letter or digit, passes `text_problem` (ordinary
# Dutch text: ASCII, Latin letters with accents, dashes, quotes): checking it character by
# character cost 160 ms per knowledge base, the pattern 2 ms
_PLAIN_TEXT = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u205e\u20ac]*")
_LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def read_stored(model, data):
    """`model.model_validate(data)` for content read back from the database: its free text is not
    checked again (see `_reading_stored`); everything else is."""
    token = _reading_stored.set(True)
    try:
        return model.model_validate(data)
    finally:
        _reading_stored.reset(token)


def _storable(value: str) -> str:
    """Free text as the public forms accept it (rules/text.py): no bidi controls, control
    characters or text of only invisible characters, with the public forms' Dutch message."""
    if _reading_stored.get() or (_PLAIN_TEXT.fullmatch(value) and _LETTER_OR_DIGIT.search(value)):
        return value
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# every free-text field of the knowledge base is one of these (tests/wizard/test_kb_text.py walks
# them all); the length comes before the check, so that pydantic reports it as a text length
_STORABLE = AfterValidator(_storable)
Text = Annotated[str, _STORABLE]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=ID_LENGTH)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH), _STORABLE]
NonEmpty = Annotated[str, Field(min_length=1), _STORABLE]
ShortText = Annotated[str, Field(max_length=SHORT_TEXT_LENGTH), _STORABLE]
TypeNumber = Literal["1", "1.1", "1.2", "1.3", "2", "3", "4", "5", "6", "7", "8", "9"]
EvidenceSource = Literal["NJi", "Movisie", "NJi, Movisie", "eigen inschatting"]
_HTTP_URL = TypeAdapter(HttpUrl)


def _web_link(value: str) -> str:
    """Checked as an http(s) URL, kept as text (normalised the way the URL parser writes it)."""
    problem = text_problem(value)
    if problem:  # the parser would percent-encode it, hiding what was typed
        raise ValueError(problem)
    try:
        return str(_HTTP_URL.validate_python(value))
    except ValidationError:
        raise ValueError(f"{value!r} is geen geldig webadres (URL met http:// of https://)") from None


WebLink = Annotated[str, AfterValidator(_web_link)]
InterventionStatus = Literal["actief", "niet-meer-aangeboden", "teruggetrokken"]
STATUS_LABELS = {"actief": "actief", "niet-meer-aangeboden": "niet meer aangeboden",
                 "teruggetrokken": "teruggetrokken"}


def derived(default=()):
    """A field filled by the assembler from another file, never read from the entity's own file."""
    return Field(default=default, exclude=True, json_schema_extra={"readOnly": True})


class Entity(BaseModel):
    """Immutable, validated by the Dutch keys of the files or by the English names in code."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True,
                              populate_by_name=True)

    def __init__(self, *args, **kwargs):
        # positional construction in field order, as the dataclasses these models replace allowed
        kwargs.update(zip(type(self).model_fields, args))
        super().__init__(**kwargs)

    def file_record(self) -> dict:
        """The entity as its data file writes it (Dutch keys, derived fields left out)."""
        return self.model_dump(mode="json", by_alias=True)


class Term(Entity):
    """One entry of a controlled vocabulary (doelgroep, setting, preventieniveau, ...)."""
    id: Id
    label: Name
    explanation: NonEmpty = Field(alias="uitleg")


class EvidenceLevel(Entity):
    """A trede of the effectladder."""
    level: int = Field(alias="trede", ge=0, le=5)
    name: Name = Field(alias="naam")
    description: NonEmpty = Field(alias="omschrijving")
    remark: Text | None = Field(default=None, alias="opmerking")


class InterventionType(Entity):
    number: TypeNumber = Field(alias="nummer")
    name: Name = Field(alias="naam")
    # a name without the part that describes its target group in terms of risk, for documents
    # about a municipality's own package (the B&W document): there 'jongeren met een risico op ...
    # radicalisering' would label the pupils of a universal programme (review 2026-12-01, A2)
    short_name: Name | None = Field(default=None, alias="korte_naam")
    parent: TypeNumber | None = Field(default=None, alias="hoofdtype")
    description: NonEmpty = Field(alias="omschrijving")
    target_and_aims: Text | None = Field(default=None, alias="doelgroepen_en_doelen")
    factors_addressed: tuple[NonEmpty, ...] = Field(default=(), alias="beschermende_factoren")
    working_elements: tuple[NonEmpty, ...] = Field(default=(), alias="werkzame_elementen")
    preconditions: tuple[NonEmpty, ...] = Field(default=(), alias="randvoorwaarden")
    examples: tuple[NonEmpty, ...] = Field(default=(), alias="voorbeelden")
    sources: tuple[NonEmpty, ...] = Field(default=(), alias="bronnen")
    remark: Text | None = Field(default=None, alias="opmerking")

    @model_validator(mode="after")
    def _empty_lists_are_explained(self) -> "InterventionType":
        # the report gives none for some types (8, 9); that must be said, not silently empty
        if not (self.working_elements and self.preconditions) and not self.remark:
            raise ValueError("lege werkzame_elementen of randvoorwaarden vragen een opmerking waarom")
        if self.short_name is not None and (self.short_name == self.name or len(self.short_name) >= len(self.name)):
            raise ValueError("korte_naam moet korter zijn dan naam (laat haar weg als de naam zelf kort genoeg is)")
        return self

    @property
    def label(self) -> str:
        """'Type 4: <naam>', as the catalogue and the advice page name the type."""
        return f"{self._kind} {self.number}: {self.name}"

    @property
    def short_label(self) -> str:
        """'Type 4: <korte_naam>' (the name where the type has no short name), as the B&W document
        names the type of a package item."""
        return f"{self._kind} {self.number}: {self.short_name or self.name}"

    @property
    def _kind(self) -> str:
        return "Subtype" if self.parent else "Type"


class ProtectiveFactor(Entity):
    id: Id
    name: Name = Field(alias="naam")
    explanation: Text | None = Field(default=None, alias="toelichting")
    subfactors: tuple[NonEmpty, ...] = Field(default=(), alias="subfactoren")
    references: tuple[NonEmpty, ...] = Field(default=(), alias="referenties")
    types: tuple[TypeNumber, ...] = ()
    intervention_ids: tuple[Id, ...] = Field(default=(), alias="interventies")
    aliases: tuple[Name, ...] = Field(default=(), alias="aliassen")
    remark: Text | None = Field(default=None, alias="opmerking")
    bouwsteen: int = derived(0)
    theme: str = derived("")

    @property
    def indirect(self) -> bool:
        return self.bouwsteen == 6


@dataclass(frozen=True)
class Theme:
    name: str
    bouwsteen: int
    factor_ids: tuple[str, ...]


@dataclass(frozen=True)
class Bouwsteen:
    number: int
    name: str
    description: str
    themes: tuple[Theme, ...]


class RiskFactor(Entity):
    """Only ever an indicator for choosing target groups, never for selecting individuals."""
    id: Id
    name: Name = Field(alias="naam")
    bouwsteen: int = derived(0)
    explanation: Text | None = Field(default=None, alias="toelichting")


class Intervention(Entity):
    id: Id
    name: Name = Field(alias="naam")
    aliases: tuple[Name, ...] = Field(default=(), alias="aliassen")
    types: tuple[TypeNumber, ...] = ()
    type_description: ShortText | None = Field(default=None, alias="type_omschrijving")
    offered: Literal["ja", "nee", "onbekend"] = Field(alias="aangeboden")
    description: NonEmpty = Field(alias="omschrijving")
    aim: NonEmpty = Field(alias="doel")
    explicit: bool | None = Field(alias="expliciet")
    target_group_text: Text | None = Field(default=None, alias="doelgroep_tekst")
    provider: Text | None = Field(default=None, alias="uitvoerder")
    level: int | None = Field(alias="trede", ge=0, le=5)
    level_source: EvidenceSource | None = Field(default=None, alias="trede_bron")
    level_reason: Text | None = Field(default=None, alias="trede_reden")
    evaluation: Text | None = Field(default=None, alias="evaluatie")
    weblinks: tuple[WebLink, ...] = ()
    collected_via_municipalities: bool | None = Field(default=None, alias="verzameld_via_gemeenten")
    municipalities: tuple[Name, ...] = Field(default=(), alias="gemeenten")
    target_groups: tuple[NonEmpty, ...] = Field(alias="doelgroepen", min_length=1)
    settings: tuple[NonEmpty, ...] = Field(min_length=1)
    prevention_levels: tuple[Literal["universeel", "selectief", "geindiceerd"], ...] = Field(
        alias="preventieniveau", min_length=1)
    approach: Literal["persoonsgericht", "collectief", "beide"] = Field(alias="aanpak")
    online: bool
    broadly_applicable: bool = Field(alias="breed_inzetbaar")
    # factors whose link to this intervention (in the factor's `interventies`) is no row of tables
    # B3.1-B3.6 but the data team's addition from Bijlage 2 (data/AFWIJKINGEN.md 5.11): the advice
    # must not say the report names her as an example there
    appendix_factor_ids: tuple[Id, ...] = Field(default=(), alias="koppelingen_uit_bijlage2")
    remark: Text | None = Field(default=None, alias="opmerking")
    status: InterventionStatus = "actief"
    status_reason: Text | None = Field(default=None, alias="status_reden")
    reviewed_on: date | None = Field(default=None, alias="herzien_op")
    factor_ids: tuple[str, ...] = derived()

    @model_validator(mode="after")
    def _consistent(self) -> "Intervention":
        if self.level is None:
            if not self.level_reason:
                raise ValueError("trede_reden is verplicht als trede leeg is")
            if self.level_source is not None:
                raise ValueError("trede_bron hoort leeg te zijn als trede leeg is")
        elif self.level_source is None and not self.level_reason:
            # the report sometimes gives a trede without its source (2gather): say so
            raise ValueError("trede_bron is verplicht als trede is ingevuld (of leg in trede_reden uit waarom die ontbreekt)")
        if self.status != "actief" and not self.status_reason:
            raise ValueError(f"status_reden is verplicht bij status '{self.status}'")
        if self.status == "niet-meer-aangeboden" and self.offered != "nee":
            raise ValueError("status 'niet-meer-aangeboden' vraagt aangeboden: nee")
        return self

    @property
    def own_estimate(self) -> bool:
        return self.level_source == "eigen inschatting"

    @property
    def withdrawn(self) -> bool:
        """Withdrawn from the model (e.g. shown ineffective): never proposed again, but still
        readable in the advices that hold it."""
        return self.status == "teruggetrokken"


@dataclass(frozen=True)
class KnowledgeBase:
    version: str
    bouwstenen: tuple[Bouwsteen, ...]
    factors: dict[str, ProtectiveFactor]
    interventions: dict[str, Intervention]
    types: dict[str, InterventionType]
    levels: tuple[EvidenceLevel, ...]
    risk_factors: dict[str, RiskFactor]
    vocabularies: dict[str, tuple[Term, ...]]
    extras: dict = field(default_factory=dict)

    def bouwsteen_of(self, intervention: Intervention, covered: Iterable[str] = ()) -> int:
        """The bouwsteen an intervention belongs to: 6 for a system intervention (type 9), which the
        advice counts as the indirect element (P-INDIRECT) whatever factor the report lists it at;
        else, in a package, that of the first (in report order) of the chosen factors it covers
        there, `covered`, which its paragraph names; else that of its first linked factor (the
        report lists it first there), else the lowest one its types serve."""
        if "9" in intervention.types:
            return 6
        covered = [f for f in self.factors if f in set(covered)]
        for fid in covered or intervention.factor_ids:
            return self.factors[fid].bouwsteen
        candidates = [f.bouwsteen for f in self.factors.values()
                      if set(f.types) & set(intervention.types)]
        return min(candidates, default=6)

    def is_indirect(self, intervention: Intervention) -> bool:
        """Part of the indirect bouwsteen 6: linked to one of its factors, or a system
        intervention (type 9: cooperation, expertise, signalling)."""
        return "9" in intervention.types or any(self.factors[f].indirect for f in intervention.factor_ids)

    def vocabulary_ids(self, name: str) -> set[str]:
        return {term.id for term in self.vocabularies.get(name, ())}

    def label(self, vocabulary: str, term_id: str) -> str:
        for term in self.vocabularies.get(vocabulary, ()):
            if term.id == term_id:
                return term.label
        return term_id
