"""The engine-specific SQL of the search: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both engines receive the same pre-tokenized text (`gongkai.search.text`) and the same query shape — an AND of
one phrase per term — so they return the same set of entries. Only the spelling differs, and it lives here.
"""

# SQL here is assembled only from constant fragments; every user-supplied value is a bound parameter and
# match expressions contain only tokens made of Han characters and [0-9a-z] (gongkai.search.text).
# ruff: noqa: S608

from django.db import connection

TABLE = "gongkai_search_searchentry"
FTS = "gongkai_search_fts"
#: A lexeme no document or query token can contain (tokens are Han characters and [0-9a-z] only); put between
#: the title/文号 part and the body part of the PostgreSQL vector so a phrase cannot run across them, as FTS5
#: phrases cannot run across columns.
PG_SEPARATOR = "éé"

SQLITE_SCHEMA = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        title_tokens, number_tokens, body_tokens,
        content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title_tokens, number_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_tokens, number_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_tokens, number_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.number_tokens, old.body_tokens);
        INSERT INTO {FTS}(rowid, title_tokens, number_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.number_tokens, new.body_tokens);
    END""",
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]

POSTGRES_SCHEMA = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('simple', NEW.title_tokens || ' {PG_SEPARATOR} ' || NEW.number_tokens), 'A')
            || setweight(to_tsvector('simple', '{PG_SEPARATOR} ' || NEW.body_tokens), 'D');
        -- the token text lives on only in search_vector: narrower rows, so the phrase recheck of a frequent
        -- term reads less (SQLite keeps it, its FTS5 table reads it back as external content)
        NEW.title_tokens := '';
        NEW.number_tokens := '';
        NEW.body_tokens := '';
        RETURN NEW;
    END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_vector ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_vector BEFORE INSERT OR UPDATE OF title_tokens, number_tokens, body_tokens
        ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {TABLE}_vector()""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector_gin ON {TABLE} USING gin (search_vector)",
]

POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_vector ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_vector()",
    f"DROP INDEX IF EXISTS {TABLE}_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def install(schema_editor_connection=None):
    """Create the full-text structure of the connected engine (idempotent). Used by migration 0002 and by
    `gongkai search reindex`, which re-installs it in case a table rebuild dropped the triggers."""
    conn = schema_editor_connection or connection
    statements = {"sqlite": SQLITE_SCHEMA, "postgresql": POSTGRES_SCHEMA}.get(conn.vendor, [])
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def installed():
    """Whether the connected engine's full-text structure is complete (table + triggers / column + trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                [FTS, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au"],
            )
            return cursor.fetchone()[0] == 4
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT (SELECT count(*) FROM information_schema.columns WHERE table_name = %s"
                " AND column_name = 'search_vector') + (SELECT count(*) FROM pg_trigger WHERE tgname = %s)",
                [TABLE, f"{TABLE}_vector"],
            )
            return cursor.fetchone()[0] == 2
    return True


def uninstall(schema_editor_connection=None):
    conn = schema_editor_connection or connection
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(conn.vendor, [])
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def rebuild_structure():
    """After bulk loading: let the engine compact its structure (FTS5 'optimize'; PostgreSQL ANALYZE)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {TABLE}")


# --- query spelling -------------------------------------------------------------------------------------------


def _fts5_phrase(toks, prefix):
    return '"' + " ".join(toks) + '"' + (" *" if prefix else "")


def _tsquery_phrase(toks, prefix):
    parts = [f"'{t}'" for t in toks]
    if prefix:
        parts[-1] += ":*"
    return "(" + " <-> ".join(parts) + ")"


def match_expression(phrases):
    """The engine's query string for an AND of phrases; `phrases` is [(tokens, last_is_prefix), …]."""
    if connection.vendor == "postgresql":
        return " & ".join(_tsquery_phrase(t, p) for t, p in phrases)
    return " AND ".join(_fts5_phrase(t, p) for t, p in phrases)


def contains(column_sql):
    """SQL for "column contains %s" (1 parameter), the same on both engines."""
    if connection.vendor == "postgresql":
        return f"strpos({column_sql}, %s) > 0"
    return f"instr({column_sql}, %s) > 0"


def matched_source(match):
    """(FROM clause, WHERE clause, params, base score SQL, its params, newest-first ORDER BY) selecting the
    entries `e` that match `match`. FTS5 walks its rowids backwards without sorting.

    Ranking: SQLite bm25 with column weights title 10, 文号 10, body 1; PostgreSQL ts_rank with weights
    A (title, 文号) 1.0 and D (body) 0.1 — the same 10 : 1 ratio."""
    if connection.vendor == "postgresql":
        return (
            f"{TABLE} e",
            "e.search_vector @@ to_tsquery('simple', %s)",
            [match],
            "ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search_vector, to_tsquery('simple', %s))",
            [match],
            "e.id DESC",
        )
    return (
        f"{FTS} JOIN {TABLE} e ON e.id = {FTS}.rowid",
        f"{FTS} MATCH %s",
        [match],
        f"(-bm25({FTS}, 10.0, 10.0, 1.0))",
        [],
        f"{FTS}.rowid DESC",
    )
