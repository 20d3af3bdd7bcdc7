"""The shapes of the data files in `data/` (see data/FORMAT.md): containers around the entities
of `rules/model.py`, which define every field once. Validation only: no I/O here.

Keys are the Dutch keys of the files, since reviewers read those files next to the report."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rules.model import (EvidenceLevel, Intervention, InterventionType, Name, NonEmpty, ProtectiveFactor,
                         RiskFactor, Term, Text)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class ThemeFile(_Strict):
    naam: Name
    factoren: list[ProtectiveFactor] = Field(min_length=1)


class BouwsteenFile(_Strict):
    nummer: int = Field(ge=1, le=6)
    naam: Name
    omschrijving: NonEmpty
    themas: list[ThemeFile] = Field(min_length=1)


VOCABULARIES = (
    "doelgroepen", "settings", "preventieniveau", "aanpak", "inwoners", "fase",
    "verschijningsvormen", "capaciteit", "prioriteit",
)


class VocabulariesFile(_Strict):
    doelgroepen: list[Term]
    settings: list[Term]
    preventieniveau: list[Term]
    aanpak: list[Term]
    inwoners: list[Term]
    fase: list[Term]
    verschijningsvormen: list[Term]
    capaciteit: list[Term]
    prioriteit: list[Term]


class DatabankLevelFile(_Strict):
    niveau: NonEmpty
    trede: int = Field(ge=0, le=5)


class DatabankFile(_Strict):
    code: Literal["NJi", "Movisie"]
    naam: Name
    niveaus: list[DatabankLevelFile]
    opmerking: Text | None = None


class EffectLadderFile(_Strict):
    treden: list[EvidenceLevel] = Field(min_length=6, max_length=6)
    databanken: list[DatabankFile]
    eigen_inschatting: NonEmpty
    waarschuwing: NonEmpty

    @field_validator("treden")
    @classmethod
    def _all_levels_in_order(cls, treden: list[EvidenceLevel]) -> list[EvidenceLevel]:
        if [t.level for t in treden] != list(range(6)):
            raise ValueError("de treden moeten 0 t/m 5 zijn, op volgorde")
        return treden


class RiskBouwsteenFile(_Strict):
    bouwsteen: int = Field(ge=1, le=6)
    factoren: list[RiskFactor]
    opmerking: Text | None = None


class RiskFactorsFile(_Strict):
    toelichting: NonEmpty
    bouwstenen: list[RiskBouwsteenFile]


class KnowledgeBaseContent(_Strict):
    """All data files of one knowledge-base version together: what a version stores, and what
    `kb export --format yaml` writes back as files."""
    vocabulaires: VocabulariesFile
    effectladder: EffectLadderFile
    interventietypes: list[InterventionType]
    risicofactoren: RiskFactorsFile
    bouwstenen: list[BouwsteenFile]
    interventies: list[Intervention]
