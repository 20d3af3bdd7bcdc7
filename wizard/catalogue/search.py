"""Full-text search over the interventions, behind one interface for both databases.

SQLite (the embedded default) uses an FTS5 table, PostgreSQL a table of weighted tsvectors with
a GIN index; a migration creates them and fills them once. Both are derived data: `kb load`
rebuilds them from the newest version in its own transaction, so a failed load leaves the old index as well.

User input never reaches a query language: it is cut into words of letters and digits, and only
those words, quoted, become the match expression. Every word must occur; the last one may be the
start of a longer word ('mediawijs' finds 'mediawijsheid'), since people search while typing."""

import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import Session

FTS5_TABLE = "intervention_fts"
POSTGRES_TABLE = "intervention_search"
# Alembic autogenerate cannot reflect these (FTS5 also keeps shadow tables named <table>_<suffix>)
FULL_TEXT_TABLES = (FTS5_TABLE, POSTGRES_TABLE)

MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+")


def search_terms(query: str) -> list[str]:
    """The words of a user's query: letters and digits only, lowercased, at most MAX_TERMS.

    >>> search_terms('  "Ouders" AND (school*  -')
    ['ouders', 'and', 'school']
    """
    return _WORD.findall(unicodedata.normalize("NFKC", query).casefold())[:MAX_TERMS]


def is_full_text_table(name: str) -> bool:
    return name in FULL_TEXT_TABLES or name.startswith(FTS5_TABLE + "_")


def search_interventions(session: Session, query: str) -> dict[str, float]:
    """Ids of the interventions whose name (or alias), description, aim, target group or
    provider contain every word of `query`, the last word also as a prefix, with a rank: higher
    is more relevant. A query without words matches nothing."""
    terms = search_terms(query)
    if not terms:
        return {}
    backend = _postgres_search if _dialect(session) == "postgresql" else _fts5_search
    return backend(session, terms)


def rebuild_search_index(session: Session, kb) -> None:
    """Replace the index by one built from the interventions of `kb` (the newest version),
    in the caller's transaction."""
    rows = [_document(kb, i) for i in kb.interventions.values()]
    if _dialect(session) == "postgresql":
        session.execute(sa.text(f"DELETE FROM {POSTGRES_TABLE}"))
        if rows:
            session.execute(sa.text(POSTGRES_INSERT), rows)
    else:
        session.execute(sa.text(f"DELETE FROM {FTS5_TABLE}"))
        if rows:
            session.execute(sa.text(FTS5_INSERT), rows)


def _document(kb, i) -> dict:
    """The searchable text of one intervention, in the columns both backends weigh."""
    target_labels = " ".join(kb.label("doelgroepen", g) for g in i.target_groups)
    return {"id": i.id, "name": " ".join((i.name, *i.aliases)), "description": i.description, "aim": i.aim,
            "target_group": f"{i.target_group_text or ''} {target_labels}", "provider": i.provider or ""}


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# --- SQLite FTS5 --------------------------------------------------------------------------

# name (with aliases) weighs most, then the target group; bm25 is lower for better matches
_FTS5_WEIGHTS = "0.0, 10.0, 2.0, 2.0, 4.0, 1.0"  # intervention_id, name, description, aim, target_group, provider

FTS5_INSERT = f"""
INSERT INTO {FTS5_TABLE} (intervention_id, name, description, aim, target_group, provider)
VALUES (:id, :name, :description, :aim, :target_group, :provider)
"""


def fts5_match_expression(terms: list[str]) -> str:
    """Every term quoted as an FTS5 string (so no word is read as an operator), the last one
    as a prefix.

    >>> fts5_match_expression(['and', 'mediawijs'])
    '"and" "mediawijs"*'
    """
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def _fts5_search(session: Session, terms: list[str]) -> dict[str, float]:
    rows = session.execute(sa.text(
        f"SELECT intervention_id, bm25({FTS5_TABLE}, {_FTS5_WEIGHTS}) FROM {FTS5_TABLE} "
        f"WHERE {FTS5_TABLE} MATCH :expression"), {"expression": fts5_match_expression(terms)})
    return {iid: -score for iid, score in rows}


# --- PostgreSQL ----------------------------------------------------------------------------

# weights: A name and aliases, B target group, C description and aim, D provider
POSTGRES_INSERT = f"""
INSERT INTO {POSTGRES_TABLE} (intervention_id, document)
VALUES (:id,
        setweight(to_tsvector('dutch', unaccent(CAST(:name AS TEXT))), 'A')
        || setweight(to_tsvector('dutch', unaccent(CAST(:target_group AS TEXT))), 'B')
        || setweight(to_tsvector('dutch', unaccent(CAST(:description AS TEXT) || ' ' || CAST(:aim AS TEXT))), 'C')
        || setweight(to_tsvector('dutch', unaccent(CAST(:provider AS TEXT))), 'D'))
"""


def _postgres_search(session: Session, terms: list[str]) -> dict[str, float]:
    # Each term is its own bound parameter and contains only letters and digits, so to_tsquery
    # sees no operators. Stop words give an empty tsquery, which && ignores. The last term also
    # matches unstemmed as a prefix, because a half-typed word stems unpredictably.
    params = {f"t{n}": term for n, term in enumerate(terms[:-1])}
    parts = [f"to_tsquery('dutch', unaccent(:t{n}))" for n in range(len(params))]
    params["last"] = terms[-1] + ":*"
    parts.append("(to_tsquery('dutch', unaccent(:last)) || to_tsquery('simple', unaccent(:last)))")
    tsquery = " && ".join(parts)
    rows = session.execute(sa.text(
        f"SELECT s.intervention_id, ts_rank(s.document, q.query) FROM {POSTGRES_TABLE} AS s, "
        f"(SELECT {tsquery} AS query) AS q WHERE s.document @@ q.query"), params)
    return {iid: float(rank) for iid, rank in rows}
