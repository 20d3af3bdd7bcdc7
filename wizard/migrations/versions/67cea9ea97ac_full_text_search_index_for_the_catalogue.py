"""full-text search index for the catalogue

An FTS5 table on SQLite, a table of weighted tsvectors with a GIN index on PostgreSQL (plus the
unaccent extension). Both are derived from the intervention rows: they are filled here once from
what is loaded, and `kb load` rebuilds them. Written by hand (autogenerate cannot handle FTS5);
the SQL is a frozen copy of wizard/catalogue/search.py at the time of this revision, so that
later changes there do not change what this migration does.

Revision ID: 67cea9ea97ac
Revises: a9f9d9730abc
Create Date: 2026-11-30 10:12:41.507356

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '67cea9ea97ac'
down_revision = 'a9f9d9730abc'
branch_labels = None
depends_on = None

SQLITE_UPGRADE = [
    # IF EXISTS: the test fixtures drop only the tables the models know, then upgrade again
    "DROP TABLE IF EXISTS intervention_fts",
    "CREATE VIRTUAL TABLE intervention_fts USING fts5("
    "intervention_id UNINDEXED, name, description, aim, target_group, provider, "
    "tokenize='unicode61 remove_diacritics 2')",
    """
    INSERT INTO intervention_fts (intervention_id, name, description, aim, target_group, provider)
    SELECT i.id,
           i.name || ' ' || coalesce((SELECT group_concat(a.value, ' ') FROM json_each(i.aliases) AS a), ''),
           i.description,
           i.aim,
           coalesce(i.target_group_text, '') || ' ' || coalesce(
               (SELECT group_concat(v.label, ' ') FROM json_each(i.target_groups) AS g
                JOIN vocabulary_term AS v ON v.vocabulary = 'doelgroepen' AND v.id = g.value), ''),
           coalesce(i.provider, '')
    FROM intervention AS i
    """,
]

POSTGRES_UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TABLE IF EXISTS intervention_search",
    "CREATE TABLE intervention_search (intervention_id VARCHAR(200) PRIMARY KEY, document TSVECTOR NOT NULL)",
    "CREATE INDEX ix_intervention_search_document ON intervention_search USING GIN (document)",
    """
    INSERT INTO intervention_search (intervention_id, document)
    SELECT i.id,
           setweight(to_tsvector('dutch', unaccent(i.name || ' ' || coalesce(
               (SELECT string_agg(a, ' ') FROM json_array_elements_text(i.aliases) AS a), ''))), 'A')
           || setweight(to_tsvector('dutch', unaccent(coalesce(i.target_group_text, '') || ' ' || coalesce(
               (SELECT string_agg(v.label, ' ') FROM json_array_elements_text(i.target_groups) AS g
                JOIN vocabulary_term AS v ON v.vocabulary = 'doelgroepen' AND v.id = g), ''))), 'B')
           || setweight(to_tsvector('dutch', unaccent(i.description || ' ' || i.aim)), 'C')
           || setweight(to_tsvector('dutch', unaccent(coalesce(i.provider, ''))), 'D')
    FROM intervention AS i
    """,
]


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    for statement in POSTGRES_UPGRADE if _postgres() else SQLITE_UPGRADE:
        op.execute(statement)


def downgrade():
    # the unaccent extension stays: other objects may have come to depend on it
    op.execute("DROP TABLE IF EXISTS intervention_search" if _postgres() else "DROP TABLE IF EXISTS intervention_fts")
