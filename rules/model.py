"""The bouwstenenmodel as plain, immutable domain objects (glossary in README.md).

Built by the app from the database (wizard/kb/domain.py) or by tests by hand; the rule engine
reasons over nothing else."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary (doelgroep, setting, preventieniveau, ...)."""
    id: str
    label: str
    explanation: str


@dataclass(frozen=True)
class EvidenceLevel:
    """A trede of the effectladder."""
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class InterventionType:
    number: str
    name: str
    parent: str | None
    description: str
    target_and_aims: str | None = None
    factors_addressed: tuple[str, ...] = ()
    working_elements: tuple[str, ...] = ()
    preconditions: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        kind = "Subtype" if self.parent else "Type"
        return f"{kind} {self.number}: {self.name}"


@dataclass(frozen=True)
class ProtectiveFactor:
    id: str
    name: str
    bouwsteen: int
    theme: str
    explanation: str | None = None
    subfactors: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    intervention_ids: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class RiskFactor:
    """Only ever an indicator for choosing target groups, never for selecting individuals."""
    id: str
    name: str
    bouwsteen: int
    explanation: str | None = None


@dataclass(frozen=True)
class Intervention:
    id: str
    name: str
    offered: str  # ja | nee | onbekend
    description: str
    aim: str
    explicit: bool | None
    level: int | None
    level_source: str | None
    types: tuple[str, ...] = ()
    factor_ids: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    prevention_levels: tuple[str, ...] = ()
    approach: str = "beide"
    online: bool = False
    broadly_applicable: bool = True
    collected_via_municipalities: bool | None = None
    municipalities: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    type_description: str | None = None
    target_group_text: str | None = None
    provider: str | None = None
    level_reason: str | None = None
    evaluation: str | None = None
    weblinks: tuple[str, ...] = ()
    remark: str | None = None

    @property
    def own_estimate(self) -> bool:
        return self.level_source == "eigen inschatting"


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

    def bouwsteen_of(self, intervention: Intervention) -> int:
        """The bouwsteen an intervention belongs to: that of its first linked factor
        (the report lists it first there), else the lowest one its types serve."""
        for fid in intervention.factor_ids:
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
