"""The log of hand edits of an advice, and what of it still counts.

Every entry is a dict with `actie`, `op` (ISO time), `revisie` (the advice revision it created),
`door` (who: an adviseur's name or "gemeente"; missing in entries from before authors were
kept) and, where given, `reden` (why, required for an override). By `actie`:

- "verwijderd": `interventie` taken out;  "toegevoegd": `interventie` put in;
- "gewisseld": `interventie` replaced by `vervangen_door`;
- "hersteld": back to the package the rules computed; earlier package edits stop counting;
- "ongedaan": the entry with revision `maakt_ongedaan` (a package edit or a "hersteld") stops counting;
- "herberekend": recomputed with knowledge base `kennisbank_versie` as version `versie` (edits replayed on it);
- "nieuwe-versie": recomputed from changed answers as version `versie` (edits replayed on it).

The log is append-only: undo and restore add an entry, so the history keeps every step."""

PACKAGE_EDITS = ("verwijderd", "toegevoegd", "gewisseld")
UNDOABLE = (*PACKAGE_EDITS, "hersteld")
MUNICIPALITY = "gemeente"  # the author of an edit made through an invitation link, without an account


def package_of(advice_json: dict) -> list[str]:
    """The intervention ids of the package of a stored advice (`result` or `current`), in order."""
    return [item["interventie"] for item in advice_json["pakket"]]


def effective_edits(edits: list[dict]) -> list[dict]:
    """The package edits that still shape the package, in order: without those undone and
    without those before a restore that is not itself undone."""
    undone = {e.get("maakt_ongedaan") for e in edits if e["actie"] == "ongedaan"}
    kept: list[dict] = []
    for edit in edits:
        if edit.get("revisie") in undone and edit["actie"] in UNDOABLE:
            continue
        if edit["actie"] == "hersteld":
            kept = []
        elif edit["actie"] in PACKAGE_EDITS:
            kept.append(edit)
    return kept


def last_undoable(edits: list[dict]) -> dict | None:
    """The newest package edit or restore that is not undone: what 'ongedaan maken' reverts."""
    undone = {e.get("maakt_ongedaan") for e in edits if e["actie"] == "ongedaan"}
    return next((e for e in reversed(edits) if e["actie"] in UNDOABLE and e.get("revisie") not in undone), None)


def replay(computed: list[str], edits: list[dict]) -> list[str]:
    """The package ids after applying the effective edits to the computed package `computed`.
    An edit that no longer applies (its intervention already out, or already in) changes nothing."""
    ids = list(computed)
    for edit in effective_edits(edits):
        iid = edit["interventie"]
        if edit["actie"] == "verwijderd" and iid in ids:
            ids.remove(iid)
        elif edit["actie"] == "toegevoegd" and iid not in ids:
            ids.append(iid)
        elif edit["actie"] == "gewisseld":
            new = edit["vervangen_door"]
            if iid in ids and new not in ids:
                ids[ids.index(iid)] = new
            elif new not in ids:
                ids.append(new)
    return ids


def hand_added(edits: list[dict]) -> set[str]:
    """Interventions put in by hand (added, or swapped in) and not taken out again."""
    added: set[str] = set()
    for edit in effective_edits(edits):
        if edit["actie"] == "toegevoegd":
            added.add(edit["interventie"])
        elif edit["actie"] == "gewisseld":
            added.add(edit["vervangen_door"])
            added.discard(edit["interventie"])
        elif edit["actie"] == "verwijderd":
            added.discard(edit["interventie"])
    return added


def hand_removed(edits: list[dict]) -> set[str]:
    """Interventions taken out by hand (removed, or swapped out) and not put back."""
    removed: set[str] = set()
    for edit in effective_edits(edits):
        if edit["actie"] == "verwijderd":
            removed.add(edit["interventie"])
        elif edit["actie"] == "gewisseld":
            removed.add(edit["interventie"])
            removed.discard(edit["vervangen_door"])
        elif edit["actie"] == "toegevoegd":
            removed.discard(edit["interventie"])
    return removed
