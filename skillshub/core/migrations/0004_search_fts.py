"""The full-text structures over SearchEntry's three term columns (words of the title, of the body, and the filters), per database vendor.

SQLite: an FTS5 external-content table (no second copy of the text) kept in sync by triggers.
PostgreSQL: a GIN index on exactly the weighted tsvector expression the search query uses.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(
        title_terms, body_terms, facet_terms,
        content='core_searchentry', content_rowid='id',
        tokenize='ascii', detail='column'
    )""",
    """CREATE TRIGGER core_searchentry_fts_ai AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(rowid, title_terms, body_terms, facet_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.facet_terms);
    END""",
    """CREATE TRIGGER core_searchentry_fts_ad AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title_terms, body_terms, facet_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.facet_terms);
    END""",
    """CREATE TRIGGER core_searchentry_fts_au AFTER UPDATE OF title_terms, body_terms, facet_terms
    ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title_terms, body_terms, facet_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.facet_terms);
        INSERT INTO core_searchentry_fts(rowid, title_terms, body_terms, facet_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.facet_terms);
    END""",
    # Rows written before this migration (none in practice) get indexed too.
    "INSERT INTO core_searchentry_fts(core_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_searchentry_fts_au",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_ad",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_ai",
    "DROP TABLE IF EXISTS core_searchentry_fts",
]
POSTGRES_CREATE = [
    """CREATE INDEX core_searchentry_fts_idx ON core_searchentry USING GIN ((
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
        || setweight(to_tsvector('simple'::regconfig, facet_terms), 'D')
    ))""",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS core_searchentry_fts_idx"]


def _run(schema_editor, statements_by_vendor):  # type: ignore[no-untyped-def]
    for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_entry")]

    operations = [migrations.RunPython(create, drop)]
