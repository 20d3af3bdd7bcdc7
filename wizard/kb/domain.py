"""The one mapping from database rows to `rules` domain objects, cached per loaded version so
that a request costs one small query while the knowledge base is unchanged."""

import threading

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from rules import model as d
from wizard import models as m

_cache: dict[str, d.KnowledgeBase] = {}
_lock = threading.Lock()


class KnowledgeBaseNotLoaded(RuntimeError):
    pass


def current_version(session: Session) -> str | None:
    return session.scalar(sa.select(m.KnowledgeBaseMeta.version))


def load_knowledge_base(session: Session) -> d.KnowledgeBase:
    """The knowledge base as it is in the database now.

    :raise KnowledgeBaseNotLoaded: if `kb load` has not run against this database."""
    version = current_version(session)
    if version is None:
        raise KnowledgeBaseNotLoaded("De kennisbank is nog niet geladen: voer 'bouwstenenwijzer kb load' uit.")
    with _lock:
        if version not in _cache:
            _cache.clear()  # only the loaded version is ever asked for again
            _cache[version] = _build(session, version)
        return _cache[version]


def _build(session: Session, version: str) -> d.KnowledgeBase:
    links = session.execute(sa.select(m.factor_intervention).order_by(
        m.factor_intervention.c.factor_id, m.factor_intervention.c.position)).all()
    by_factor: dict[str, list[str]] = {}
    by_intervention: dict[str, list[str]] = {}
    for fid, iid, _ in links:
        by_factor.setdefault(fid, []).append(iid)

    bouwstenen, factors = [], {}
    rows = session.scalars(sa.select(m.Bouwsteen).order_by(m.Bouwsteen.number).options(
        selectinload(m.Bouwsteen.themes).selectinload(m.Theme.factors).selectinload(m.ProtectiveFactor.types)))
    for b in rows:
        themes = []
        for t in b.themes:
            for f in t.factors:
                factors[f.id] = d.ProtectiveFactor(
                    id=f.id, name=f.name, bouwsteen=b.number, theme=t.name, explanation=f.explanation,
                    subfactors=tuple(f.subfactors), references=tuple(f.references),
                    types=tuple(x.number for x in sorted(f.types, key=lambda x: x.position)),
                    intervention_ids=tuple(by_factor.get(f.id, ())))
                for iid in by_factor.get(f.id, ()):
                    by_intervention.setdefault(iid, []).append(f.id)
            themes.append(d.Theme(name=t.name, bouwsteen=b.number, factor_ids=tuple(f.id for f in t.factors)))
        bouwstenen.append(d.Bouwsteen(number=b.number, name=b.name, description=b.description, themes=tuple(themes)))

    types = {t.number: d.InterventionType(
        number=t.number, name=t.name, parent=t.parent_number, description=t.description,
        target_and_aims=t.target_and_aims, factors_addressed=tuple(t.factors_addressed),
        working_elements=tuple(t.working_elements), preconditions=tuple(t.preconditions),
        examples=tuple(t.examples))
        for t in session.scalars(sa.select(m.InterventionType).order_by(m.InterventionType.position))}

    interventions = {}
    for i in session.scalars(sa.select(m.Intervention).order_by(m.Intervention.id).options(
            selectinload(m.Intervention.types))):
        interventions[i.id] = d.Intervention(
            id=i.id, name=i.name, offered=i.offered, description=i.description, aim=i.aim,
            explicit=i.explicit, level=i.level, level_source=i.level_source,
            types=tuple(t.number for t in i.types), factor_ids=tuple(by_intervention.get(i.id, ())),
            target_groups=tuple(i.target_groups), settings=tuple(i.settings),
            prevention_levels=tuple(i.prevention_levels), approach=i.approach, online=i.online,
            broadly_applicable=i.broadly_applicable,
            collected_via_municipalities=i.collected_via_municipalities,
            municipalities=tuple(i.municipalities), aliases=tuple(i.aliases),
            type_description=i.type_description, target_group_text=i.target_group_text,
            provider=i.provider, level_reason=i.level_reason, evaluation=i.evaluation,
            weblinks=tuple(i.weblinks), remark=i.remark)

    levels = tuple(d.EvidenceLevel(level=l.level, name=l.name, description=l.description)
                   for l in session.scalars(sa.select(m.EvidenceLevel).order_by(m.EvidenceLevel.level)))
    risks = {r.id: d.RiskFactor(id=r.id, name=r.name, bouwsteen=r.bouwsteen_number, explanation=r.explanation)
             for r in session.scalars(sa.select(m.RiskFactor).order_by(m.RiskFactor.position))}
    vocabularies: dict[str, list[d.Term]] = {}
    for t in session.scalars(sa.select(m.VocabularyTerm).order_by(m.VocabularyTerm.vocabulary, m.VocabularyTerm.position)):
        vocabularies.setdefault(t.vocabulary, []).append(d.Term(t.id, t.label, t.explanation))
    extras = session.scalar(sa.select(m.KnowledgeBaseMeta.extras)) or {}
    return d.KnowledgeBase(
        version=version, bouwstenen=tuple(bouwstenen), factors=factors, interventions=interventions,
        types=types, levels=levels, risk_factors=risks,
        vocabularies={k: tuple(v) for k, v in vocabularies.items()}, extras=extras)
