"""Write a validated knowledge base into the database, replacing the previous one in one
transaction: either all of it is written or the database stays exactly as it was."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from wizard import models as m
from wizard.catalogue.search import rebuild_search_index
from wizard.kb.files import ValidatedKnowledgeBase


def replace_knowledge_base(session: Session, kb: ValidatedKnowledgeBase) -> None:
    """Replace every knowledge-base table's content by `kb` and commit; roll back on any error."""
    try:
        for table in m.KNOWLEDGE_BASE_TABLES:
            session.execute(sa.delete(table))
        _write(session, kb)
        session.commit()
    except Exception:
        session.rollback()
        raise


def _write(session: Session, kb: ValidatedKnowledgeBase) -> None:
    for vocabulary in type(kb.vocabularies).model_fields:
        for pos, term in enumerate(getattr(kb.vocabularies, vocabulary)):
            session.add(m.VocabularyTerm(vocabulary=vocabulary, id=term.id, label=term.label,
                                         explanation=term.uitleg, position=pos))
    for level in kb.effectladder.treden:
        session.add(m.EvidenceLevel(level=level.trede, name=level.naam, description=level.omschrijving,
                                    remark=level.opmerking))
    types = {}
    for pos, t in enumerate(kb.types):
        types[t.nummer] = m.InterventionType(
            number=t.nummer, name=t.naam, parent_number=t.hoofdtype, description=t.omschrijving,
            target_and_aims=t.doelgroepen_en_doelen, factors_addressed=t.beschermende_factoren,
            working_elements=t.werkzame_elementen, preconditions=t.randvoorwaarden,
            examples=t.voorbeelden, sources=t.bronnen, remark=t.opmerking, position=pos)
    session.add_all(types.values())
    session.flush()

    for iid, i in kb.interventions.items():
        session.add(m.Intervention(
            id=iid, name=i.naam, aliases=i.aliassen, type_description=i.type_omschrijving,
            offered=i.aangeboden, description=i.omschrijving, aim=i.doel, explicit=i.expliciet,
            target_group_text=i.doelgroep_tekst, provider=i.uitvoerder, level=i.trede,
            level_source=i.trede_bron, level_reason=i.trede_reden, evaluation=i.evaluatie,
            weblinks=[str(u) for u in i.weblinks], collected_via_municipalities=i.verzameld_via_gemeenten,
            municipalities=i.gemeenten, target_groups=i.doelgroepen, settings=i.settings,
            prevention_levels=i.preventieniveau, approach=i.aanpak, online=i.online,
            broadly_applicable=i.breed_inzetbaar, remark=i.opmerking,
            types=[types[n] for n in i.types]))

    links = []
    for b in kb.bouwstenen:
        bouwsteen = m.Bouwsteen(number=b.nummer, name=b.naam, description=b.omschrijving)
        session.add(bouwsteen)
        for tpos, t in enumerate(b.themas):
            theme = m.Theme(name=t.naam, position=tpos)
            bouwsteen.themes.append(theme)
            for fpos, f in enumerate(t.factoren):
                fid = f.id
                theme.factors.append(m.ProtectiveFactor(
                    id=fid, name=f.naam, explanation=f.toelichting, subfactors=f.subfactoren,
                    references=f.referenties, remark=f.opmerking, position=fpos,
                    types=[types[n] for n in f.types]))
                links += [{"factor_id": fid, "intervention_id": iid, "position": n}
                          for n, iid in enumerate(f.interventies, start=1)]
    for rpos, block in enumerate(kb.risks.bouwstenen):
        for pos, r in enumerate(block.factoren):
            session.add(m.RiskFactor(id=r.id, bouwsteen_number=block.bouwsteen, name=r.naam,
                                     explanation=r.toelichting, position=rpos * 100 + pos))
    session.flush()
    if links:
        session.execute(sa.insert(m.factor_intervention), links)
    ladder = kb.effectladder
    session.add(m.KnowledgeBaseMeta(version=kb.version, extras={
        "databanken": [d.model_dump() for d in ladder.databanken],
        "eigen_inschatting": ladder.eigen_inschatting,
        "effectladder_waarschuwing": ladder.waarschuwing,
        "risicofactoren_toelichting": kb.risks.toelichting,
    }))
    rebuild_search_index(session)  # in this transaction: a failed load keeps the old index too
