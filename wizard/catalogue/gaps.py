"""The coverage of the bouwstenenmodel: per protective factor, how many interventions the report
links to it directly (its tables B3.1-B3.6, not the links the knowledge base added from
Bijlage 2), per trede of the effectladder. Empty cells are where new interventions are needed
(the report's recommendation, ch. 5)."""

from dataclasses import dataclass

from rules.model import Bouwsteen, KnowledgeBase, ProtectiveFactor, Theme
from wizard.catalogue.pages import from_appendix

LEVEL_COLUMNS: tuple[int | None, ...] = (0, 1, 2, 3, 4, 5, None)  # None: no trede known
WELL_FOUNDED = 2  # trede 2 'veelbelovend' and higher: at least a sound theory of change


@dataclass(frozen=True)
class CoverageRow:
    factor: ProtectiveFactor
    counts: tuple[int, ...]  # one per LEVEL_COLUMNS

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def well_founded(self) -> int:
        return sum(n for level, n in zip(LEVEL_COLUMNS, self.counts) if level is not None and level >= WELL_FOUNDED)


@dataclass(frozen=True)
class CoverageGroup:
    bouwsteen: Bouwsteen
    themes: tuple[tuple[Theme, tuple[CoverageRow, ...]], ...]

    @property
    def rows(self) -> list[CoverageRow]:
        return [row for _, rows in self.themes for row in rows]


def coverage(kb: KnowledgeBase) -> list[CoverageGroup]:
    """Rows in the model's order: bouwsteen, theme, factor."""
    def row(fid: str) -> CoverageRow:
        factor = kb.factors[fid]
        levels = [kb.interventions[i].level for i in factor.intervention_ids
                  if i in kb.interventions and not from_appendix(kb.interventions[i], factor)]
        return CoverageRow(factor, tuple(levels.count(column) for column in LEVEL_COLUMNS))
    return [CoverageGroup(b, tuple((t, tuple(row(f) for f in t.factor_ids if f in kb.factors)) for t in b.themes))
            for b in kb.bouwstenen]


def heat(count: int) -> str:
    """The colour class of a cell. The number is always printed too: colour is never the only
    carrier of meaning."""
    if count == 0:
        return "heat-0"
    if count == 1:
        return "heat-1"
    if count <= 3:
        return "heat-2"
    return "heat-3"
