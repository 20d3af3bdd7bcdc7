"""Knowledge-base versions: publish a validated knowledge base as a new, immutable version, and
turn a stored version back into the domain objects the rule engine reasons over."""

import hashlib
import json

import sqlalchemy as sa
from sqlalchemy.orm import Session

from rules import model as d
from wizard import models as m
from wizard.kb.schema import KnowledgeBaseContent


def content_digest(content: KnowledgeBaseContent) -> str:
    """The same records give the same digest, however the files were formatted."""
    text = json.dumps(content.model_dump(mode="json", by_alias=True), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def newest_version_id(session: Session) -> int | None:
    return session.scalar(sa.select(sa.func.max(m.KnowledgeBaseVersion.id)))


def publish(session: Session, content: KnowledgeBaseContent, source: str, author: str | None = None,
            note: str | None = None) -> tuple[m.KnowledgeBaseVersion, bool]:
    """Add `content` as the newest version, unless it equals the newest one already.

    Returns the newest version and whether it was created now. Does not commit."""
    digest = content_digest(content)
    newest_id = newest_version_id(session)
    if newest_id is not None:
        newest = session.get(m.KnowledgeBaseVersion, newest_id)
        if newest.digest == digest:
            return newest, False
    version = m.KnowledgeBaseVersion(digest=digest, content=content.model_dump(mode="json", by_alias=True),
                                     source=source, author=author, note=note)
    session.add(version)
    session.flush()
    return version, True


def assemble(content: KnowledgeBaseContent, version: str) -> d.KnowledgeBase:
    """The domain knowledge base of one version: the entities of its files, with the links that
    other files hold (a factor lists its interventions, a bouwsteen holds its factors) filled in."""
    by_intervention: dict[str, list[str]] = {}
    bouwstenen, factors = [], {}
    for b in content.bouwstenen:
        themes = []
        for t in b.themas:
            for f in t.factoren:
                factors[f.id] = f.model_copy(update={"bouwsteen": b.nummer, "theme": t.naam})
                for iid in f.intervention_ids:
                    by_intervention.setdefault(iid, []).append(f.id)
            themes.append(d.Theme(name=t.naam, bouwsteen=b.nummer, factor_ids=tuple(f.id for f in t.factoren)))
        bouwstenen.append(d.Bouwsteen(number=b.nummer, name=b.naam, description=b.omschrijving, themes=tuple(themes)))
    interventions = {i.id: i.model_copy(update={"factor_ids": tuple(by_intervention.get(i.id, ()))})
                     for i in sorted(content.interventies, key=lambda i: i.id)}
    risks = {r.id: r.model_copy(update={"bouwsteen": block.bouwsteen})
             for block in content.risicofactoren.bouwstenen for r in block.factoren}
    vocabularies = {name: tuple(getattr(content.vocabulaires, name))
                    for name in sorted(type(content.vocabulaires).model_fields)}
    ladder = content.effectladder
    return d.KnowledgeBase(
        version=version, bouwstenen=tuple(bouwstenen), factors=factors, interventions=interventions,
        types={t.number: t for t in content.interventietypes}, levels=tuple(ladder.treden),
        risk_factors=risks, vocabularies=vocabularies, extras={
            "databanken": [db.model_dump(mode="json") for db in ladder.databanken],
            "eigen_inschatting": ladder.eigen_inschatting,
            "effectladder_waarschuwing": ladder.waarschuwing,
            "risicofactoren_toelichting": content.risicofactoren.toelichting,
        })


def from_row(row: m.KnowledgeBaseVersion) -> d.KnowledgeBase:
    return assemble(d.read_stored(KnowledgeBaseContent, row.content), str(row.id))
