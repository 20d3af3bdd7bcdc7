"""The advice as a typed object: what `advise()` and `review()` return.

English field names, the Dutch JSON keys of the contract as aliases. There is one JSON form,
`advice.to_json()`; `Advice.from_json(data)` reads it back, including advices stored before a
field was added (every field added after the first contract has a default). The JSON Schema of
this form is published as docs/advies.schema.json (written by `python -m rules.advice_schema`)."""

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    # extra="ignore": a stored advice may carry keys a later version dropped; they are not errors
    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    def to_json(self) -> dict:
        """The JSON form (Dutch keys), as stored and downloaded."""
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_json(cls, data: dict):
        """Read the JSON form back, also as stored by earlier versions."""
        return cls.model_validate(data)


class Reason(_Model):
    """Why an intervention is where it is: the rule, its Dutch sentence and its score contribution."""
    rule: str = Field(alias="regel")
    text: str = Field(alias="tekst")
    weight: float = Field(default=0.0, alias="gewicht")


class SuggestionReason(_Model):
    """Why a protective factor is suggested: the rule that fired on an answer, and its sentence."""
    rule: str = Field(alias="regel")
    text: str = Field(alias="tekst")


class SuggestedFactor(_Model):
    factor: str = Field(alias="factor")
    reasons: list[SuggestionReason] = Field(default_factory=list, alias="redenen")


class TypeGuidance(_Model):
    """What Bijlage 2 says about one intervention type: its werkzame elementen and randvoorwaarden."""
    type: str = Field(alias="type")
    label: str = Field(alias="label")
    working_elements: list[str] = Field(default_factory=list, alias="werkzame_elementen")
    preconditions: list[str] = Field(default_factory=list, alias="randvoorwaarden")


class PackageItem(_Model):
    rank: int = Field(alias="rang")
    intervention: str = Field(alias="interventie")
    name: str = Field(alias="naam")
    score: float = Field(alias="score")
    bouwsteen: int = Field(alias="bouwsteen")
    level: int | None = Field(alias="trede")
    level_source: str | None = Field(alias="trede_bron")
    covers: list[str] = Field(default_factory=list, alias="dekt_factoren")
    reasons: list[Reason] = Field(default_factory=list, alias="redenen")
    caveats: list[str] = Field(default_factory=list, alias="kanttekeningen")
    # added for issue 11; optional so that stored advices keep rendering
    level_reason: str | None = Field(default=None, alias="trede_reden")
    offered: str | None = Field(default=None, alias="aangeboden")
    type_guidance: list[TypeGuidance] = Field(default_factory=list, alias="typen")
    indicators: list[str] = Field(default_factory=list, alias="indicatoren")


class Alternative(_Model):
    intervention: str = Field(alias="interventie")
    name: str = Field(alias="naam")
    instead_of: str = Field(alias="in_plaats_van")
    score: float = Field(alias="score")
    reasons: list[Reason] = Field(default_factory=list, alias="redenen")


class Exclusion(_Model):
    """An intervention that is not in the package, and the true cause."""
    intervention: str = Field(alias="interventie")
    rule: str = Field(alias="regel")
    text: str = Field(alias="tekst")


class Gap(_Model):
    factor: str = Field(alias="factor")
    name: str = Field(alias="naam")
    types: list[str] = Field(default_factory=list, alias="interventietypes")
    text: str = Field(alias="tekst")


class PackageRuleVerdict(_Model):
    rule: str = Field(alias="regel")
    title: str = Field(alias="titel")
    met: bool = Field(alias="voldaan")
    text: str = Field(alias="tekst")


class Notice(_Model):
    """Advice about the profile itself (its context or choices), with what to do about it."""
    rule: str = Field(alias="regel")
    text: str = Field(alias="tekst")


class Advice(_Model):
    municipality: str = Field(alias="gemeente")
    kb_version: str = Field(alias="kennisbank_versie")
    chosen_factors: list[str] = Field(default_factory=list, alias="gekozen_factoren")
    suggested_factors: list[SuggestedFactor] = Field(default_factory=list, alias="voorgestelde_factoren")
    package: list[PackageItem] = Field(default_factory=list, alias="pakket")
    alternatives: list[Alternative] = Field(default_factory=list, alias="alternatieven")
    excluded: list[Exclusion] = Field(default_factory=list, alias="uitgesloten")
    in_use: list[str] = Field(default_factory=list, alias="al_ingezet")
    gaps: list[Gap] = Field(default_factory=list, alias="lacunes")
    package_rules: list[PackageRuleVerdict] = Field(default_factory=list, alias="pakketregels")
    # added for issue 11; optional so that stored advices keep rendering
    warnings: list[Notice] = Field(default_factory=list, alias="waarschuwingen")
    first_steps: list[Notice] = Field(default_factory=list, alias="eerste_stappen")

    def item(self, intervention_id: str) -> PackageItem | None:
        return next((p for p in self.package if p.intervention == intervention_id), None)

    def verdict(self, rule_id: str) -> PackageRuleVerdict | None:
        return next((r for r in self.package_rules if r.rule == rule_id), None)


def json_schema() -> dict:
    """The JSON Schema of `Advice.to_json()` (Dutch keys)."""
    schema = Advice.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://bouwstenenwijzer.nl/docs/advies.schema.json", **schema}
