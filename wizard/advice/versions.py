"""Versions of one advice: carrying hand edits and notes over to a newly computed package, the
list of an advice's versions, and the comparison of any two of them.

An advice's working version is the Advice row itself (its number in `Advice.version`); every
earlier version is an AdviceVersion row, frozen when a newer version replaced it. Both are read
here as a `Snapshot`, so that listing and comparing need not know which is which. The edit log is
append-only across versions (wizard/advice/edit_log.py): a newer version's log starts with the
older one's, so the entries after that prefix are what people did in between.

`carry_over` and `compare` are pure (snapshots and knowledge bases in, values out); only
`history` and `snapshot_row` touch the database."""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from rules.advice import Advice as TypedAdvice
from rules.model import KnowledgeBase
from rules.why import why_not
from wizard.advice import edit_log
from wizard.advice.moments import stamp
from wizard.extensions import db
from wizard.filters import first_capital
from wizard.models import Advice, AdviceVersion
from wizard.questionnaire.steps import STEPS

COMPOSED = "samengesteld"
ANSWERS_CHANGED = "antwoorden gewijzigd"


def recalculated(kb_label: str) -> str:
    """The cause of a version made by 'herbereken met de nieuwste kennisbank'."""
    return f"herberekend met kennisbank {kb_label}"


def recomposed_cause(answers_changed: bool, kb_label: str | None) -> str:
    """The cause of a version made by composing the questionnaire again; `kb_label` when that
    also moved the advice to another knowledge-base version."""
    if answers_changed and kb_label:
        return f"{ANSWERS_CHANGED}, kennisbank {kb_label}"
    return ANSWERS_CHANGED if answers_changed else recalculated(kb_label or "")


@dataclass(frozen=True)
class Snapshot:
    """One version of an advice as stored: the working one or a frozen earlier one."""
    number: int
    profile: dict
    kb_version: str
    kb_version_id: int | None
    result: dict
    current: dict
    edits: list
    notes: dict
    made_at: datetime | None
    made_by: str | None
    cause: str
    dropped: list = field(default_factory=list)
    working: bool = False

    @property
    def package(self) -> list[str]:
        return edit_log.package_of(self.current)

    @property
    def made_on(self) -> str:
        """When it was made, as the advice page writes times (day-month-year hours:minutes)."""
        return stamp(self.made_at) or "onbekend"


def working(advice: Advice) -> Snapshot:
    return Snapshot(advice.version or 1, advice.profile, advice.kb_version, advice.kb_version_id, advice.result,
                    advice.current, list(advice.edits), dict(advice.notes), advice.version_made_at or advice.created_at,
                    advice.version_made_by, advice.version_cause or COMPOSED, list(advice.version_dropped or []), True)


def frozen(row: AdviceVersion) -> Snapshot:
    return Snapshot(row.number, row.profile, row.kb_version, row.kb_version_id, row.result, row.current,
                    list(row.edits), dict(row.notes), row.made_at, row.made_by, row.cause, list(row.dropped or []))


def history(advice: Advice) -> list[Snapshot]:
    """Every version of the advice, oldest first; the last is the working one."""
    rows = db.session.scalars(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice.id)
                              .order_by(AdviceVersion.number))
    return [*(frozen(row) for row in rows), working(advice)]


def earlier(advice: Advice, number: int) -> Snapshot | None:
    """Earlier version `number` of the advice (its frozen copy), or None if it has none such."""
    row = db.session.scalar(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice.id,
                                                           AdviceVersion.number == number))
    return frozen(row) if row is not None else None


def snapshot_row(advice: Advice) -> AdviceVersion:
    """The frozen copy of `advice`'s working version, to be added when a newer one replaces it."""
    return AdviceVersion(advice_id=advice.id, number=advice.version or 1, profile=advice.profile,
                         kb_version=advice.kb_version, kb_version_id=advice.kb_version_id, result=advice.result,
                         current=advice.current, edits=list(advice.edits), notes=dict(advice.notes),
                         made_at=advice.version_made_at or advice.created_at, made_by=advice.version_made_by,
                         cause=advice.version_cause or COMPOSED, dropped=list(advice.version_dropped or []))


# ---------------------------------------------------------------------------------------------
# Carrying hand edits and notes over


@dataclass(frozen=True)
class CarryOver:
    ids: list[str]            # the new package: the computed one with the hand edits that still apply
    dropped_edits: list[str]  # a Dutch sentence for each hand edit that no longer applies
    dropped_notes: list[str]  # and for each note whose intervention is no longer in the package

    @property
    def dropped(self) -> list[str]:
        return self.dropped_edits + self.dropped_notes


def carry_over(edits: list[dict], computed: list[str], kb: KnowledgeBase, old_kb: KnowledgeBase,
               note_keys: Iterable[str]) -> CarryOver:
    """Replay the effective hand edits on the package `computed` against `kb` (edit_log.replay).

    No longer applying, and listed: putting in an intervention `kb` lacks or withdrew (it stays
    out); taking out one the rules no longer choose (nothing to take out); a note on an
    intervention that is not in the new package (kept with the earlier version, not shown)."""
    def usable(iid: str) -> bool:
        return iid in kb.interventions and not kb.interventions[iid].withdrawn

    def name(iid: str) -> str:
        known = kb.interventions.get(iid) or old_kb.interventions.get(iid)
        return known.name if known else iid

    dropped: list[str] = []
    for edit in edit_log.effective_edits(edits):
        put_in = edit.get("vervangen_door") if edit["actie"] == "gewisseld" else (
            edit["interventie"] if edit["actie"] == "toegevoegd" else None)
        if put_in and not usable(put_in):
            dropped.append(f"Uw toevoeging van {name(put_in)} kan niet meer: de interventie is niet meer "
                           "beschikbaar in de kennisbank.")
        elif edit["actie"] == "verwijderd" and edit["interventie"] not in computed:
            dropped.append(f"U had {name(edit['interventie'])} uit het pakket gehaald; de regels kiezen deze "
                           "interventie nu zelf niet meer, dus die bewerking is niet meer nodig.")
    ids = [i for i in edit_log.replay(computed, edits) if i in computed or usable(i)]
    notes = [f"De notitie bij {name(key)} hoort bij een interventie die niet meer in het pakket staat; ze "
             "blijft bewaard, maar wordt niet getoond." for key in note_keys if key not in ids]
    return CarryOver(ids, list(dict.fromkeys(dropped)), notes)


# ---------------------------------------------------------------------------------------------
# Comparing two versions


@dataclass(frozen=True)
class Cause:
    """Why an intervention came in or went out: a person's edit, or the rules."""
    by_person: bool
    text: str                       # the edit, or the rules' own sentences
    rules: tuple[str, ...] = ()     # rule ids, when the rules did it
    who: str | None = None
    when: str | None = None
    reason: str | None = None
    context: str | None = None      # "gewijzigde antwoorden", "nieuwe kennisbank", both or None


@dataclass(frozen=True)
class InterventionChange:
    intervention: str
    name: str
    cause: Cause


@dataclass(frozen=True)
class VerdictChange:
    rule: str
    title: str
    before: str
    after: str
    text: str


@dataclass(frozen=True)
class AnswerChange:
    step: str
    question: str
    before: str
    after: str


@dataclass(frozen=True)
class Comparison:
    older: Snapshot
    newer: Snapshot
    kb_change: tuple[str, str] | None       # (older label, newer label) when they differ
    answers: list[AnswerChange]
    added: list[InterventionChange]
    removed: list[InterventionChange]
    verdicts: list[VerdictChange]
    later: list[Snapshot]                   # the versions after `older` up to `newer`, with their causes

    @property
    def unchanged(self) -> bool:
        return not (self.kb_change or self.answers or self.added or self.removed or self.verdicts)


def compare(older: Snapshot, older_kb: KnowledgeBase, newer: Snapshot, newer_kb: KnowledgeBase,
            between: Sequence[Snapshot] = ()) -> Comparison:
    """What changed from `older` to `newer` (older.number < newer.number), each knowledge base
    being the one its version was made with. `between`: the versions after `older` up to and
    including `newer`, whose causes and dropped carry-overs the comparison lists."""
    answers_changed = older.profile != newer.profile
    kb_changed = older.kb_version_id != newer.kb_version_id or older.kb_version != newer.kb_version
    context = ", ".join(part for part, applies in (("gewijzigde antwoorden", answers_changed),
                                                   ("nieuwe kennisbank", kb_changed)) if applies) or None
    since = newer.edits[len(older.edits):] if newer.edits[:len(older.edits)] == older.edits else newer.edits
    before, after = older.package, newer.package
    typed = TypedAdvice.from_json(newer.current)

    def name(iid: str) -> str:
        known = newer_kb.interventions.get(iid) or older_kb.interventions.get(iid)
        return known.name if known else iid

    computed = _ids(newer.result)

    def change(iid: str, put_in: bool, by_the_rules: Callable[[str], Cause]) -> InterventionChange:
        """The person who moved `iid` in (or out), if one did since `older`; else the rules."""
        entry = _person(since, newer.edits, iid, put_in=put_in, computed=computed)
        return InterventionChange(iid, name(iid), _person_cause(entry, name, newer.edits) if entry else by_the_rules(iid))

    def chosen_by_the_rules(iid: str) -> Cause:
        item = typed.item(iid)
        reasons = [r for r in item.reasons if r.rule != "HANDMATIG"] if item else []
        return Cause(False, " ".join(r.text for r in reasons) or "De regels kiezen deze interventie.",
                     tuple(r.rule for r in reasons), context=context)

    def left_out_by_the_rules(iid: str) -> Cause:
        if iid not in newer_kb.interventions:
            return Cause(False, f"{name(iid)} staat niet (meer) in kennisbank {newer.kb_version}.", context=context)
        answer = why_not(typed, newer_kb, iid)
        return Cause(False, answer["tekst"], (answer["regel"],) if answer["regel"] else (), context=context)

    added = [change(iid, True, chosen_by_the_rules) for iid in after if iid not in before]
    removed = [change(iid, False, left_out_by_the_rules) for iid in before if iid not in after]
    return Comparison(older, newer, (older.kb_version, newer.kb_version) if kb_changed else None,
                      answer_changes(older.profile, older_kb, newer.profile, newer_kb), added, removed,
                      _verdicts(older.current, newer.current), list(between))


def _ids(advice_json: dict) -> set[str]:
    return set(edit_log.package_of(advice_json))


def _moves(entry: dict, log: list[dict], computed: set[str]) -> tuple[set[str], set[str]]:
    """(put in, taken out) by one edit-log entry; an undo moves the opposite of what it undoes."""
    action = entry["actie"]
    if action == "toegevoegd":
        return {entry["interventie"]}, set()
    if action == "verwijderd":
        return set(), {entry["interventie"]}
    if action == "gewisseld":
        return {entry["vervangen_door"]}, {entry["interventie"]}
    if action == "hersteld":
        return set(computed), set()
    if action == "ongedaan":
        undone = next((e for e in log if e.get("revisie") == entry.get("maakt_ongedaan")), None)
        if undone and undone["actie"] in edit_log.PACKAGE_EDITS:
            put_in, taken_out = _moves(undone, log, computed)
            return taken_out, put_in
    return set(), set()


def _person(since: list[dict], log: list[dict], iid: str, put_in: bool, computed: set[str]) -> dict | None:
    """The newest entry among `since`, not undone, that put `iid` in (or took it out)."""
    undone = {e.get("maakt_ongedaan") for e in log if e["actie"] == "ongedaan"}
    for entry in reversed(since):
        if entry.get("revisie") in undone and entry["actie"] in edit_log.UNDOABLE:
            continue
        moved_in, moved_out = _moves(entry, log, computed)
        if iid in (moved_in if put_in else moved_out):
            return entry
    return None


ACTION_WORDS = {"toegevoegd": "met de hand toegevoegd", "verwijderd": "met de hand verwijderd",
                "gewisseld": "met de hand gewisseld", "hersteld": "terug naar het berekende advies gezet",
                "ongedaan": "een bewerking ongedaan gemaakt"}
# an undo names what it undid, as the history on the advice page does
UNDONE_WORDS = {"toegevoegd": "het toevoegen ongedaan gemaakt", "verwijderd": "het verwijderen ongedaan gemaakt",
                "gewisseld": "de wissel ongedaan gemaakt", "hersteld": "het herstel van het berekende advies ongedaan gemaakt"}


def _person_cause(entry: dict, name, edits: Sequence[dict] = ()) -> Cause:
    words = ACTION_WORDS.get(entry["actie"], entry["actie"])
    if entry["actie"] == "ongedaan":
        undone = next((e for e in edits if e.get("revisie") == entry.get("maakt_ongedaan")), None)
        words = UNDONE_WORDS.get(undone["actie"], words) if undone else words
    if entry["actie"] == "gewisseld":
        words = f"{name(entry['interventie'])} met de hand gewisseld voor {name(entry['vervangen_door'])}"
    return Cause(True, first_capital(words), who=entry.get("door"), when=stamp(entry.get("op")) or None,
                 reason=entry.get("reden"))


def _verdicts(before: dict, after: dict) -> list[VerdictChange]:
    old = {r["regel"]: r for r in before["pakketregels"]}
    new = {r["regel"]: r for r in after["pakketregels"]}

    def word(verdict: dict | None) -> str:
        return "niet getoetst" if verdict is None else ("voldaan" if verdict["voldaan"] else "niet voldaan")

    changes = []
    for rule in [*new, *(r for r in old if r not in new)]:
        if word(old.get(rule)) != word(new.get(rule)):
            shown = new.get(rule) or old[rule]
            changes.append(VerdictChange(rule, shown["titel"], word(old.get(rule)), word(new.get(rule)), shown["tekst"]))
    return changes


# ---------------------------------------------------------------------------------------------
# Answers, in the words of the questionnaire's overview (templates/questionnaire/_overview.html)

def _list(kind: str):
    def words(value, kb: KnowledgeBase) -> str:
        names = []
        for item in value or []:
            if kind == "factoren":
                fid = item["id"]
                label = kb.factors[fid].name if fid in kb.factors else fid
                names.append(label + (" (hoge prioriteit)" if item.get("prioriteit") == "hoog" else ""))
            elif kind == "interventies":
                names.append(kb.interventions[item].name if item in kb.interventions else item)
            elif kind == "risico":
                names.append(kb.risk_factors[item].name if item in kb.risk_factors else item)
            else:
                names.append(kb.label(kind, item))
        return ", ".join(names) or "geen"
    return words


def _term(vocabulary: str):
    return lambda value, kb: kb.label(vocabulary, value) if value else "—"


def _plain(value, kb) -> str:
    return str(value) if value not in (None, "") else "—"


def _yes_no(value, kb) -> str:
    return "ja" if value else "nee"


def _euro(value, kb) -> str:
    return "niet opgegeven" if value is None else "€ " + f"{value:,}".replace(",", ".")


def _fte(value, kb) -> str:
    return "niet opgegeven" if value is None else f"{value:g}".replace(".", ",") + " fte"


QUESTIONS = (
    (1, "Gemeente", ("gemeente",), _plain),
    (1, "Grootte", ("context", "inwoners"), _term("inwoners")),
    (1, "Fase", ("context", "fase"), _term("fase")),
    (1, "Verschijnselen", ("context", "verschijningsvormen"), _list("verschijningsvormen")),
    (1, "Online dimensie", ("context", "online"), _yes_no),
    (1, "Aanleiding", ("context", "aanleiding"), _plain),
    (1, "Capaciteit", ("context", "capaciteit"), _term("capaciteit")),
    (1, "Budget per jaar", ("context", "budget_euro"), _euro),
    (1, "Formatie", ("context", "budget_fte"), _fte),
    (1, "Interventies die al lopen", ("context", "huidige_interventies"), _list("interventies")),
    (2, "Doelgroepen", ("doelgroepen",), _list("doelgroepen")),
    (2, "Omgevingen (settings)", ("settings",), _list("settings")),
    (2, "Risico-indicaties (groepsniveau)", ("risico_indicaties",), _list("risico")),
    (3, "Gekozen factoren", ("factoren",), _list("factoren")),
    (4, "Minimale trede", ("voorkeuren", "min_trede"), lambda v, kb: "geen minimum" if v is None else f"trede {v}"),
    (4, "Alleen nu aangeboden", ("voorkeuren", "alleen_aangeboden"), _yes_no),
    (4, "Aanpak", ("voorkeuren", "aanpak"), _term("aanpak")),
    (4, "Hoogstens", ("voorkeuren", "max_interventies"),
     lambda v, kb: "zoveel als de capaciteit draagt" if v is None else f"{v} interventies"),
    (4, "Indirecte bouwsteen", ("voorkeuren", "indirect_meenemen"), lambda v, kb: "meenemen" if v else "niet meenemen"),
)


def _at(profile: dict, where: tuple[str, ...]):
    value = profile
    for key in where:
        value = (value or {}).get(key)
    return value


def _same(a, b) -> bool:
    """Equal answers; the order of a multiple choice does not count."""
    if isinstance(a, list) and isinstance(b, list):
        def key(v):
            return repr(sorted(v.items())) if isinstance(v, dict) else repr(v)
        return sorted(map(key, a)) == sorted(map(key, b))
    return a == b


def answer_changes(before: dict, older_kb: KnowledgeBase, after: dict, newer_kb: KnowledgeBase) -> list[AnswerChange]:
    """Every question whose answer differs, old -> new, each named as its own version's
    knowledge base names it, under the title of its questionnaire step."""
    titles = {s.number: s.title for s in STEPS}
    changes = []
    for number, question, where, words in QUESTIONS:
        old, new = _at(before, where), _at(after, where)
        if not _same(old, new):
            changes.append(AnswerChange(titles[number], question,
                                        words(old, older_kb), words(new, newer_kb)))
    return changes



class VersionChoiceInvalid(ValueError):
    """A `van` or `naar` that names no version of this advice; the message is Dutch, `status` 400 or 404."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def choose(snapshots: Sequence[Snapshot], van: str | None, naar: str | None) -> tuple[Snapshot, Snapshot, bool]:
    """(older, newer, swapped) for the query `van`/`naar`: numbers of two versions, in either order
    (`swapped` when `van` was the newer one). Neither given: the previous and the newest version.

    :raise VersionChoiceInvalid: when only one is given, one is not a number (400), or it names no
        version of the advice (404)."""
    by_number = {s.number: s for s in snapshots}
    if van in (None, "") and naar in (None, ""):
        return (snapshots[-2] if len(snapshots) > 1 else snapshots[-1]), snapshots[-1], False
    numbers = []
    for label, value in (("van", van), ("naar", naar)):
        if value in (None, ""):
            raise VersionChoiceInvalid(f"Kies bij '{label}' ook een versie om mee te vergelijken.", 400)
        # ASCII digits only, and few: '²' passes isdigit() and 5,000 nines exceed int()'s limit
        if not re.fullmatch(r"[0-9]{1,6}", value.strip()):
            raise VersionChoiceInvalid(f"'{label}' moet het nummer van een versie zijn, zoals 1 of 2.", 400)
        value = value.strip()
        if int(value) not in by_number:
            has = ("alleen versie 1" if snapshots[-1].number == 1 else f"versie 1 tot en met {snapshots[-1].number}")
            raise VersionChoiceInvalid(f"Dit advies heeft geen versie {int(value)} (bij '{label}'); het heeft {has}.", 404)
        numbers.append(int(value))
    first, second = numbers
    return by_number[min(numbers)], by_number[max(numbers)], first > second
