"""Schemas of the data files in `data/` (see data/FORMAT.md). Validation only: no I/O here.

Field names are the Dutch keys of the files, since reviewers read those files next to the report.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

NonEmpty = Annotated[str, Field(min_length=1)]
# a stable identifier: written in the file, never derived again once a record exists
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=200)]
TypeNumber = Literal["1", "1.1", "1.2", "1.3", "2", "3", "4", "5", "6", "7", "8", "9"]
EvidenceSource = Literal["NJi", "Movisie", "NJi, Movisie", "eigen inschatting"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FactorFile(_Strict):
    id: Id
    naam: NonEmpty
    toelichting: str | None = None
    subfactoren: list[NonEmpty] = []
    referenties: list[NonEmpty] = []
    types: list[TypeNumber] = []
    interventies: list[Id] = []
    opmerking: str | None = None


class ThemeFile(_Strict):
    naam: NonEmpty
    factoren: list[FactorFile] = Field(min_length=1)


class BouwsteenFile(_Strict):
    nummer: int = Field(ge=1, le=6)
    naam: NonEmpty
    omschrijving: NonEmpty
    themas: list[ThemeFile] = Field(min_length=1)


class InterventionFile(_Strict):
    id: Id
    naam: NonEmpty
    aliassen: list[NonEmpty] = []
    types: list[TypeNumber] = []
    type_omschrijving: str | None = None
    aangeboden: Literal["ja", "nee", "onbekend"]
    omschrijving: NonEmpty
    doel: NonEmpty
    expliciet: bool | None
    doelgroep_tekst: str | None = None
    uitvoerder: str | None = None
    trede: int | None = Field(ge=0, le=5)
    trede_bron: EvidenceSource | None = None
    trede_reden: str | None = None
    evaluatie: str | None = None
    weblinks: list[HttpUrl] = []
    verzameld_via_gemeenten: bool | None = None
    gemeenten: list[NonEmpty] = []
    doelgroepen: list[NonEmpty] = Field(min_length=1)
    settings: list[NonEmpty] = Field(min_length=1)
    preventieniveau: list[Literal["universeel", "selectief", "geindiceerd"]] = Field(min_length=1)
    aanpak: Literal["persoonsgericht", "collectief", "beide"]
    online: bool
    breed_inzetbaar: bool
    opmerking: str | None = None

    @model_validator(mode="after")
    def _trede_is_explained(self) -> "InterventionFile":
        if self.trede is None:
            if not self.trede_reden:
                raise ValueError("trede_reden is verplicht als trede leeg is")
            if self.trede_bron is not None:
                raise ValueError("trede_bron hoort leeg te zijn als trede leeg is")
        elif self.trede_bron is None and not self.trede_reden:
            # the report sometimes gives a trede without its source (2gather): say so
            raise ValueError("trede_bron is verplicht als trede is ingevuld (of leg in trede_reden uit waarom die ontbreekt)")
        return self


class TermFile(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    label: NonEmpty
    uitleg: NonEmpty


VOCABULARIES = (
    "doelgroepen", "settings", "preventieniveau", "aanpak", "inwoners", "fase",
    "verschijningsvormen", "capaciteit", "prioriteit",
)


class VocabulariesFile(_Strict):
    doelgroepen: list[TermFile]
    settings: list[TermFile]
    preventieniveau: list[TermFile]
    aanpak: list[TermFile]
    inwoners: list[TermFile]
    fase: list[TermFile]
    verschijningsvormen: list[TermFile]
    capaciteit: list[TermFile]
    prioriteit: list[TermFile]


class LevelFile(_Strict):
    trede: int = Field(ge=0, le=5)
    naam: NonEmpty
    omschrijving: NonEmpty
    opmerking: str | None = None


class DatabankLevelFile(_Strict):
    niveau: NonEmpty
    trede: int = Field(ge=0, le=5)


class DatabankFile(_Strict):
    code: Literal["NJi", "Movisie"]
    naam: NonEmpty
    niveaus: list[DatabankLevelFile]
    opmerking: str | None = None


class EffectLadderFile(_Strict):
    treden: list[LevelFile] = Field(min_length=6, max_length=6)
    databanken: list[DatabankFile]
    eigen_inschatting: NonEmpty
    waarschuwing: NonEmpty

    @field_validator("treden")
    @classmethod
    def _all_levels_in_order(cls, treden: list[LevelFile]) -> list[LevelFile]:
        if [t.trede for t in treden] != list(range(6)):
            raise ValueError("de treden moeten 0 t/m 5 zijn, op volgorde")
        return treden


class InterventionTypeFile(_Strict):
    nummer: TypeNumber
    naam: NonEmpty
    hoofdtype: TypeNumber | None = None
    omschrijving: NonEmpty
    doelgroepen_en_doelen: str | None = None
    beschermende_factoren: list[NonEmpty] = []
    werkzame_elementen: list[NonEmpty] = []
    randvoorwaarden: list[NonEmpty] = []
    voorbeelden: list[NonEmpty] = []
    bronnen: list[NonEmpty] = []
    opmerking: str | None = None

    @model_validator(mode="after")
    def _empty_lists_are_explained(self) -> "InterventionTypeFile":
        # the report gives none for some types (8, 9); that must be said, not silently empty
        if not (self.werkzame_elementen and self.randvoorwaarden) and not self.opmerking:
            raise ValueError("lege werkzame_elementen of randvoorwaarden vragen een opmerking waarom")
        return self


class RiskFactorFile(_Strict):
    id: Id
    naam: NonEmpty
    toelichting: str | None = None


class RiskBouwsteenFile(_Strict):
    bouwsteen: int = Field(ge=1, le=6)
    factoren: list[RiskFactorFile]
    opmerking: str | None = None


class RiskFactorsFile(_Strict):
    toelichting: NonEmpty
    bouwstenen: list[RiskBouwsteenFile]
