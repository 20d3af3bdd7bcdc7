"""Maintaining the knowledge base on the web: edits collect in one open draft on top of the
newest version; publishing the draft makes it the next version (wizard/kb/versions.py).

Every change is validated exactly as `kb check` validates the data files: the record against its
model in rules/model.py, the whole draft against the cross-file checks of wizard/kb/crosscheck.py.
A change that fails changes nothing. Every change carries who, when, which fields from what to
what and why; the caller writes the same to the audit log in the same transaction."""

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.orm import Session

from rules.model import Intervention, read_stored
from wizard import models as m
from wizard.catalogue.search import rebuild_search_index
from wizard.kb.crosscheck import check_links, review_date_problem
from wizard.kb.errors import KbError, dutch_message, field_errors
from wizard.kb.files import ValidatedKnowledgeBase
from wizard.kb.schema import KnowledgeBaseContent
from wizard.kb.versions import assemble, newest_version_id, publish


class DraftRefused(ValueError):
    """A change that cannot be made; `errors` are (field, Dutch message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" if field else message for field, message in errors))


@dataclass(frozen=True)
class Change:
    record: str
    fields: dict[str, tuple[object, object]]
    reason: str
    author: str


def open_draft(session: Session) -> m.KnowledgeBaseDraft | None:
    return session.scalar(sa.select(m.KnowledgeBaseDraft).where(m.KnowledgeBaseDraft.status == "open")
                          .order_by(m.KnowledgeBaseDraft.id.desc()))


def open_or_start(session: Session, author: str) -> m.KnowledgeBaseDraft:
    """The open draft, or a new one on top of the newest version."""
    draft = open_draft(session)
    if draft is not None:
        return draft
    base_id = newest_version_id(session)
    if base_id is None:
        raise DraftRefused([("", "De kennisbank is nog niet geladen: voer 'bouwstenenwijzer kb load' uit.")])
    base = session.get(m.KnowledgeBaseVersion, base_id)
    draft = m.KnowledgeBaseDraft(base_version_id=base_id, content=base.content, changes=[], status="open",
                                 revision=0, created_by=author)
    session.add(draft)
    session.flush()
    return draft


def working_content(session: Session) -> dict:
    """What an edit would change: the open draft's content, else the newest version's."""
    draft = open_draft(session)
    if draft is not None:
        return draft.content
    base_id = newest_version_id(session)
    if base_id is None:
        raise DraftRefused([("", "De kennisbank is nog niet geladen: voer 'bouwstenenwijzer kb load' uit.")])
    return session.get(m.KnowledgeBaseVersion, base_id).content


def content_of(draft: m.KnowledgeBaseDraft) -> KnowledgeBaseContent:
    """The draft as read back (every change to it was checked by `_check` when it was made)."""
    return read_stored(KnowledgeBaseContent, draft.content)


def intervention_record(draft: m.KnowledgeBaseDraft, iid: str) -> dict | None:
    return next((i for i in draft.content["interventies"] if i["id"] == iid), None)


def factor_links(draft: m.KnowledgeBaseDraft, iid: str) -> list[str]:
    return _links_in(draft.content["bouwstenen"], iid)


def _links_in(bouwstenen: list[dict], iid: str) -> list[str]:
    return [f["id"] for b in bouwstenen for t in b["themas"] for f in t["factoren"] if iid in f["interventies"]]


def save_intervention(session: Session, draft: m.KnowledgeBaseDraft, record: dict, factor_ids: list[str] | None,
                      reason: str, author: str, new: bool = False) -> Change:
    """Put one intervention (as its data file writes it) and its factor links into the draft.

    :raise DraftRefused: with a Dutch message per wrong field; the draft is unchanged then."""
    content, fields = check_intervention(draft.content, record, factor_ids, new,
                                         [] if reason.strip() else [("reden", "geef een reden voor deze wijziging")])
    change = Change(f"interventie:{record['id']}", fields, reason.strip(), author)
    _apply(session, draft, content, change)
    return change


def check_intervention(base: dict, record: dict, factor_ids: list[str] | None, new: bool,
                       errors: list[tuple[str, str]] = ()) -> tuple[dict, dict[str, tuple[object, object]]]:
    """The content `base` (of a draft or version) with the intervention `record` and its factor
    links put in, and the fields that changed; changes nothing.

    :raise DraftRefused: with `errors` and every error of the record together, so that one
    submit shows all that is wrong; then the cross-file checks, once the record itself is valid."""
    errors = list(errors)
    iid = str(record.get("id") or "").strip()
    old = next((i for i in base["interventies"] if i["id"] == iid), None)
    if new and old is not None:
        errors.append(("id", f"er is al een interventie met id {iid!r}"))
    if not new and old is None:
        errors.append(("id", f"onbekende interventie {iid!r}"))
    try:
        intervention = Intervention.model_validate(record)
    except ValidationError as exc:
        raise DraftRefused(errors + field_errors(exc)) from None
    if problem := review_date_problem(intervention.reviewed_on):
        errors.append(("herzien_op", problem))
    if errors:
        raise DraftRefused(errors)
    content = {**base, "interventies": [i for i in base["interventies"] if i["id"] != intervention.id]
               + [intervention.file_record()]}
    content["interventies"].sort(key=lambda i: i["id"])
    old_links = _links_in(base["bouwstenen"], intervention.id)
    links = old_links if factor_ids is None else list(factor_ids)
    content["bouwstenen"] = _with_links(content["bouwstenen"], intervention.id, links)
    _check(content)
    fields = {k: (None if old is None else old.get(k), v) for k, v in intervention.file_record().items()
              if old is None or old.get(k) != v}
    if links != old_links:
        fields["factoren"] = (old_links, links)
    return content, fields


def retire(session: Session, draft: m.KnowledgeBaseDraft, iid: str, reason: str, author: str) -> Change:
    """Withdraw an intervention: it stays readable in the advices that hold it, and is no
    longer proposed."""
    record = intervention_record(draft, iid)
    if record is None:
        raise DraftRefused([("id", f"onbekende interventie {iid!r}")])
    return save_intervention(session, draft, {**record, "status": "teruggetrokken", "status_reden": reason.strip()},
                             None, reason, author)


def replace_content(session: Session, draft: m.KnowledgeBaseDraft, content: KnowledgeBaseContent,
                    fields: dict[str, tuple[object, object]], reason: str, author: str) -> Change:
    """Take over a whole edited knowledge base (the spreadsheet import) as one change."""
    dumped = content.model_dump(mode="json", by_alias=True)
    _check(dumped)
    change = Change("kennisbank", fields, reason, author)
    _apply(session, draft, dumped, change)
    return change


def publish_draft(session: Session, draft: m.KnowledgeBaseDraft, author: str, note: str | None = None) -> m.KnowledgeBaseVersion:
    """Make the draft the newest version (and the catalogue's search index follow it).

    :raise DraftRefused: if another version was published since the draft began."""
    newest = newest_version_id(session)
    if newest != draft.base_version_id:
        raise DraftRefused([("", f"Sinds dit concept begon is versie {newest} gepubliceerd. Verwerp het concept "
                                 "en begin opnieuw, zodat geen wijziging van die versie verloren gaat.")])
    if not draft.changes:
        raise DraftRefused([("", "Het concept bevat nog geen wijzigingen.")])
    content = content_of(draft)
    version, _ = publish(session, content, source="beheer", author=author, note=note)
    rebuild_search_index(session, assemble(content, str(version.id)))
    draft.status, draft.published_version_id = "gepubliceerd", version.id
    return version


def discard(draft: m.KnowledgeBaseDraft) -> None:
    draft.status = "verworpen"


def _with_links(bouwstenen: list[dict], iid: str, factor_ids: list[str]) -> list[dict]:
    wanted = set(factor_ids)
    result = []
    for b in bouwstenen:
        themes = []
        for t in b["themas"]:
            factors = []
            for f in t["factoren"]:
                ids = [i for i in f["interventies"] if i != iid]
                if f["id"] in wanted:
                    # a link kept stays in its place in the report's order; a new one goes last
                    ids = f["interventies"] if iid in f["interventies"] else ids + [iid]
                factors.append({**f, "interventies": ids})
            themes.append({**t, "factoren": factors})
        result.append({**b, "themas": themes})
    known = {f["id"] for b in bouwstenen for t in b["themas"] for f in t["factoren"]}
    unknown = sorted(wanted - known)
    if unknown:
        raise DraftRefused([("factoren", f"onbekende beschermende factor {fid!r}") for fid in unknown])
    return result


class _Place:
    """Where a cross-file error points, for a draft: a record, not a file and line."""

    def __init__(self, label: str):
        self.file = label

    def error(self, message: str, *path) -> KbError:
        return KbError(self.file, 0, message)


def _check(content: dict) -> None:
    """The cross-file checks of `kb check`, on the draft as a whole."""
    try:
        parsed = KnowledgeBaseContent.model_validate(content)
    except ValidationError as exc:
        raise DraftRefused([(".".join(map(str, e["loc"])), dutch_message(e)) for e in exc.errors()]) from None
    kb = ValidatedKnowledgeBase(bouwstenen=parsed.bouwstenen, interventions={i.id: i for i in parsed.interventies},
                                vocabularies=parsed.vocabulaires, effectladder=parsed.effectladder,
                                types=parsed.interventietypes, risks=parsed.risicofactoren)
    errors = check_links(kb, {b.nummer: _Place(f"bouwsteen {b.nummer}") for b in parsed.bouwstenen},
                         {i.id: _Place(f"interventie {i.id}") for i in parsed.interventies},
                         _Place("interventietypes"), _Place("vocabulaires"))
    if errors:
        raise DraftRefused([(e.file, e.message) for e in errors])


def _apply(session: Session, draft: m.KnowledgeBaseDraft, content: dict, change: Change) -> None:
    """Write `content` only if nobody changed the draft since it was read (compare-and-set)."""
    entry = {"record": change.record, "fields": {k: [old, new] for k, (old, new) in change.fields.items()},
             "reason": change.reason, "author": change.author,
             "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    result = session.execute(
        sa.update(m.KnowledgeBaseDraft)
        .where(m.KnowledgeBaseDraft.id == draft.id, m.KnowledgeBaseDraft.revision == draft.revision)
        .values(content=content, changes=[*draft.changes, entry], revision=draft.revision + 1,
                updated_at=datetime.now(timezone.utc))
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise DraftRefused([("", "Iemand anders heeft het concept intussen gewijzigd. Laad de pagina opnieuw; "
                                 "uw wijziging is niet opgeslagen.")])
    session.refresh(draft)
