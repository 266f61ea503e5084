"""PostgreSQL: store the search vectors instead of recomputing them.

An expression index finds candidates, but every candidate was then rechecked by recomputing
its tsvector from the text, and the "words in the title" step could not use the index at all
(a weight-restricted query needs the recheck): broad queries took seconds on 130,000 entries.
Two generated columns hold the vectors (the whole weighted entry, and the title alone), each
with its own GIN index, so a match, a rank and the title step all read stored vectors.
SQLite's FTS5 table is unaffected.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS core_searchentry_fts_idx",
    """ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
        || setweight(to_tsvector('simple'::regconfig, facet_terms), 'D')
    ) STORED""",
    """ALTER TABLE core_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title_terms)
    ) STORED""",
    "CREATE INDEX core_searchentry_vector_idx ON core_searchentry USING GIN (search_vector)",
    "CREATE INDEX core_searchentry_title_idx ON core_searchentry USING GIN (title_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS core_searchentry_title_idx",
    "DROP INDEX IF EXISTS core_searchentry_vector_idx",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS search_vector",
    """CREATE INDEX core_searchentry_fts_idx ON core_searchentry USING GIN ((
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
        || setweight(to_tsvector('simple'::regconfig, facet_terms), 'D')
    ))""",
]


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_fts")]

    operations = [migrations.RunPython(forward, backward)]
