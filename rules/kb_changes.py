"""What changes for an advice when it is recomputed with a newer knowledge base: per intervention
of the old package, and per answer that the newer version no longer knows. Plain data in, plain
data out; the sentences are Dutch because users read them."""

from dataclasses import dataclass

from rules.model import STATUS_LABELS, KnowledgeBase


@dataclass(frozen=True)
class Change:
    kind: str          # toegevoegd | verwijderd | hernoemd | teruggetrokken | trede | aangeboden
    intervention: str  # id
    text: str


def package_changes(old_kb: KnowledgeBase, new_kb: KnowledgeBase, old_ids: list[str],
                    new_ids: list[str]) -> list[Change]:
    """The differences between the package `old_ids` (read against `old_kb`) and the package
    `new_ids` that the newer `new_kb` gives, in the order of the old package, then the new."""
    def name(iid: str) -> str:
        known = new_kb.interventions.get(iid) or old_kb.interventions.get(iid)
        return known.name if known else iid

    changes = []
    for iid in old_ids:
        old, new = old_kb.interventions.get(iid), new_kb.interventions.get(iid)
        if new is None:
            changes.append(Change("verwijderd", iid, f"{name(iid)} staat niet meer in de kennisbank en valt uit het pakket."))
            continue
        if old is not None and old.name != new.name:
            changes.append(Change("hernoemd", iid, f"{old.name} heet nu {new.name}."))
        if new.status != "actief" and (old is None or old.status != new.status):
            reason = f": {new.status_reason}" if new.status_reason else ""
            changes.append(Change("teruggetrokken", iid, f"{new.name} is nu '{STATUS_LABELS[new.status]}'{reason}."))
        if old is not None and old.level != new.level:
            changes.append(Change("trede", iid, f"De trede van {new.name} is veranderd van "
                                                f"{_level(old.level)} naar {_level(new.level)}."))
        if old is not None and old.offered != new.offered:
            changes.append(Change("aangeboden", iid, f"Of {new.name} wordt aangeboden is veranderd van "
                                                     f"'{old.offered}' naar '{new.offered}'."))
        if iid not in new_ids:
            changes.append(Change("verwijderd", iid, f"{new.name} staat niet meer in het pakket."))
    for iid in new_ids:
        if iid not in old_ids:
            changes.append(Change("toegevoegd", iid, f"{name(iid)} komt in het pakket."))
    return changes


def _level(level: int | None) -> str:
    return "onbekend" if level is None else f"trede {level}"
