"""The database side of the keyword index (see briefing.releases.search for why bigrams).

SQLite: an FTS5 table over releases_release.search_grams (external content, so the grams are
stored once), kept in step by triggers, which also see bulk inserts and raw fixture loads.
PostgreSQL: a GIN index on the grams as an array; the query repeats the indexed expression.

Both are made by `ensure_keyword_index` after every migrate (post_migrate), with IF NOT EXISTS:
on SQLite, Django rebuilds a table to alter it and the rebuilt table has no triggers, so setting
them up once in a migration would not last; the FTS table is rebuilt whenever its triggers were
missing.
"""

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

# Literal SQL, no interpolation: the names are fixed and nothing here comes from a request.
CREATE_FTS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS releases_release_grams USING fts5("
    "search_grams, content='releases_release', content_rowid='id', "
    # Grams are lower-cased already; folding accents too would let 'fé' match 'fe'.
    "tokenize='unicode61 remove_diacritics 0')"
)
TRIGGERS = {
    "releases_release_grams_insert": """
        CREATE TRIGGER IF NOT EXISTS releases_release_grams_insert
        AFTER INSERT ON releases_release BEGIN
            INSERT INTO releases_release_grams(rowid, search_grams)
            VALUES (new.id, new.search_grams);
        END""",
    "releases_release_grams_delete": """
        CREATE TRIGGER IF NOT EXISTS releases_release_grams_delete
        AFTER DELETE ON releases_release BEGIN
            INSERT INTO releases_release_grams(releases_release_grams, rowid, search_grams)
            VALUES ('delete', old.id, old.search_grams);
        END""",
    "releases_release_grams_update": """
        CREATE TRIGGER IF NOT EXISTS releases_release_grams_update
        AFTER UPDATE OF search_grams ON releases_release BEGIN
            INSERT INTO releases_release_grams(releases_release_grams, rowid, search_grams)
            VALUES ('delete', old.id, old.search_grams);
            INSERT INTO releases_release_grams(rowid, search_grams)
            VALUES (new.id, new.search_grams);
        END""",
}
REBUILD_FTS = "INSERT INTO releases_release_grams(releases_release_grams) VALUES ('rebuild')"
# The grams as an array, through a function whose declared cost is honest: splitting a TOASTed
# column costs far more than the planner's default for a function, and with that default
# PostgreSQL preferred scanning every release (72 ms, EXPLAIN ANALYZE) to the index (14 ms).
# plpgsql, because an SQL function would be inlined and its cost forgotten.
CREATE_GRAMS_FUNCTION = """
    CREATE OR REPLACE FUNCTION briefing_grams(grams text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
    AS $$ BEGIN RETURN string_to_array(grams, ' '); END $$"""
POSTGRES_INDEXES = (
    "DROP INDEX IF EXISTS releases_release_grams_gin",  # the first form, on string_to_array
    "CREATE INDEX IF NOT EXISTS releases_release_grams_idx ON releases_release "
    "USING gin ((briefing_grams(search_grams)))",
)
SQLITE_CANDIDATES = (
    '"releases_release"."id" IN '
    "(SELECT rowid FROM releases_release_grams WHERE releases_release_grams MATCH %s)"
)
# The same expression as the GIN index, or PostgreSQL cannot use it.
POSTGRES_CANDIDATES = 'briefing_grams("releases_release"."search_grams") @> %s::text[]'


def ensure_keyword_index(using: str) -> None:
    from django.db import connections

    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                ["releases_release_grams%"],
            )
            existing = {row[0] for row in cursor.fetchall()}
            cursor.execute(CREATE_FTS_TABLE)
            for create_trigger in TRIGGERS.values():
                cursor.execute(create_trigger)
            if existing != set(TRIGGERS):
                cursor.execute(REBUILD_FTS)
        elif connection.vendor == "postgresql":
            cursor.execute(CREATE_GRAMS_FUNCTION)
            for statement in POSTGRES_INDEXES:
                cursor.execute(statement)


def indexed_candidates(grams: list[str], vendor: str) -> Q:
    """Releases whose grams include all of these, through the index; Q() where there is none."""
    if not grams:
        return Q()
    # RawSQL with constant SQL: the grams travel as parameters.
    if vendor == "sqlite":
        match = " AND ".join(f'"{gram}"' for gram in grams)  # grams are letters and digits only
        return Q(RawSQL(SQLITE_CANDIDATES, [match], output_field=BooleanField()))  # noqa: S611
    if vendor == "postgresql":
        return Q(RawSQL(POSTGRES_CANDIDATES, [grams], output_field=BooleanField()))  # noqa: S611
    return Q()
