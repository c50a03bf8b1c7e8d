"""search: the full-text index of projects (title, summary, description)

SQLite: an FTS5 table over the projects (external content) with the unicode61 tokenizer, which
lower-cases and removes diacritics; three triggers keep it in step with every insert, edit and delete.

PostgreSQL: a table of one weighted tsvector per project (title A, summary B, description C) with a
GIN index, kept in step by a trigger. The words are folded by search_fold(), an IMMUTABLE SQL
function that does what SQLite's tokenizer does, without the unaccent extension (which a server may
lack): decompose (NFD), lower-case, drop the accents SQLite drops, turn every character SQLite treats
as a separator into a space, and map the few letters it folds that have no decomposition (Ø → ø,
Œ → œ... for databases whose locale does not lower-case them). The constants below were measured
against SQLite's tokenizer for every character of the Latin, punctuation and symbol blocks; the
only characters still read differently are rare: superscript digits and vulgar fractions (² ½),
five Latin letters with two stacked accents (ǡ ǣ ǯ ǽ ǿ), three deprecated combining marks, the
bidirectional isolates U+2066–2069 and the currency signs from U+20BA on.
Needs PostgreSQL 13 or later (normalize()) and a UTF-8 database.

Keep in mind for later migrations: rebuilding the `projects` table (SQLite batch mode) drops its
triggers; recreate them as upgrade() does here.

Revision ID: 0005_search
Revises: 0004_resources
Create Date: 2026-12-02 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_search'
down_revision = '0004_resources'
branch_labels = None
depends_on = None

# Accents (combining marks) that SQLite's `remove_diacritics 2` removes, as a regular-expression class.
MARKS_REMOVED = (
    r"\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d-\u032e\u0330-\u0331"
)
# Characters that separate words for SQLite's unicode61 tokenizer (ASCII letters and digits aside).
SEPARATORS = (
    r"\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00a9\u00ab-\u00b1\u00b4"
    r"\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u02c2-\u02c5\u02d2-\u02df\u02e5-\u02eb\u02ed\u02ef-\u02ff"
    r"\u0305\u030d-\u030e\u0310\u0312-\u031a\u031c-\u0322\u0329-\u032c\u032f\u0332-\u036f\u2000-\u2064"
    r"\u206a-\u206f\u20a0-\u20b9\u2100-\u2101\u2103-\u2106\u2108-\u2109\u2114\u2116-\u2118"
    r"\u211e-\u2123\u2125\u2127\u2129\u212e\u213a-\u213b\u2140-\u2144\u214a-\u214d\u214f\u2190-\u21ff"
    r"\u3000-\u3003\ufe50-\ufe52\ufe54-\ufe66\ufe68-\ufe6b\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    r"\uff5b-\uff5e"
)
# Letters SQLite folds that no decomposition or C-locale lower() folds: LETTERS_FROM[i] → LETTERS_TO[i].
LETTERS_FROM = (
    '\xb5\xc6\xd0\xd8\xde\u0110\u0126\u0132\u013f\u0141\u014a\u0152\u0166\u017f\u0181\u0182'
    '\u0184\u0186\u0187\u0189\u018a\u018b\u018e\u018f\u0190\u0191\u0193\u0194\u0196\u0197\u0198\u019c'
    '\u019d\u019f\u01a2\u01a4\u01a6\u01a7\u01a9\u01ac\u01ae\u01b1\u01b2\u01b3\u01b5\u01b7\u01b8\u01bc'
    '\u01c4\u01c5\u01c7\u01c8\u01ca\u01cb\u01e4\u01f1\u01f2\u01f6\u01f7\u021c\u0220\u0222\u0224\u023a'
    '\u023b\u023d\u023e\u0241\u0243\u0244\u0245\u0246\u0248\u024a\u024c\u024e\u1e9e\u1efa\u1efc\u1efe'
    '\u2132\uff21\uff22\uff23\uff24\uff25\uff26\uff27\uff28\uff29\uff2a\uff2b\uff2c\uff2d\uff2e\uff2f'
    '\uff30\uff31\uff32\uff33\uff34\uff35\uff36\uff37\uff38\uff39\uff3a'
)
LETTERS_TO = (
    '\u03bc\xe6\xf0\xf8\xfe\u0111\u0127\u0133\u0140\u0142\u014b\u0153\u0167s\u0253\u0183'
    '\u0185\u0254\u0188\u0256\u0257\u018c\u01dd\u0259\u025b\u0192\u0260\u0263\u0269\u0268\u0199\u026f'
    '\u0272\u0275\u01a3\u01a5\u0280\u01a8\u0283\u01ad\u0288\u028a\u028b\u01b4\u01b6\u0292\u01b9\u01bd'
    '\u01c6\u01c6\u01c9\u01c9\u01cc\u01cc\u01e5\u01f3\u01f3\u0195\u01bf\u021d\u019e\u0223\u0225\u2c65'
    '\u023c\u019a\u2c66\u0242\u0180\u0289\u028c\u0247\u0249\u024b\u024d\u024f\xdf\u1efb\u1efd\u1eff'
    '\u214e\uff41\uff42\uff43\uff44\uff45\uff46\uff47\uff48\uff49\uff4a\uff4b\uff4c\uff4d\uff4e\uff4f'
    '\uff50\uff51\uff52\uff53\uff54\uff55\uff56\uff57\uff58\uff59\uff5a'
)

SQLITE_UPGRADE = [
    "DROP TABLE IF EXISTS projects_fts",
    "CREATE VIRTUAL TABLE projects_fts USING fts5(title, summary, description, content='projects',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects BEGIN"
    " INSERT INTO projects_fts (rowid, title, summary, description)"
    " VALUES (new.id, new.title, new.summary, new.description); END",
    "CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects BEGIN"
    " INSERT INTO projects_fts (projects_fts, rowid, title, summary, description)"
    " VALUES ('delete', old.id, old.title, old.summary, old.description); END",
    "CREATE TRIGGER projects_fts_update AFTER UPDATE OF title, summary, description ON projects BEGIN"
    " INSERT INTO projects_fts (projects_fts, rowid, title, summary, description)"
    " VALUES ('delete', old.id, old.title, old.summary, old.description);"
    " INSERT INTO projects_fts (rowid, title, summary, description)"
    " VALUES (new.id, new.title, new.summary, new.description); END",
    "INSERT INTO projects_fts (projects_fts) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS projects_fts_update",
    "DROP TRIGGER IF EXISTS projects_fts_delete",
    "DROP TRIGGER IF EXISTS projects_fts_insert",
    "DROP TABLE IF EXISTS projects_fts",
]


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def postgresql_upgrade() -> list[str]:
    # translate() costs time in proportion to its list of letters: it runs only on the rare text that holds one.
    letters = "[" + "".join(f"\\u{ord(c):04x}" for c in LETTERS_FROM) + "]"
    fold = (  # constants of this file, quoted
        f"SELECT CASE WHEN folded ~ {quoted(letters)} THEN translate(folded, {quoted(LETTERS_FROM)},"  # nosec B608
        f" {quoted(LETTERS_TO)}) ELSE folded END FROM (SELECT regexp_replace(regexp_replace(lower(normalize(value,"
        f" NFD)), {quoted('[' + MARKS_REMOVED + ']')}, '', 'g'), {quoted('[' + SEPARATORS + ']')}, ' ', 'g')"
        " AS folded) AS words"
    )
    return [
        "CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text"
        f" LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fold$ {fold} $fold$",
        "CREATE OR REPLACE FUNCTION projects_fts_document(title text, summary text, description text)"
        " RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $doc$ SELECT"
        " setweight(to_tsvector('simple'::regconfig, coalesce(search_fold(title), '')), 'A')"
        " || setweight(to_tsvector('simple'::regconfig, coalesce(search_fold(summary), '')), 'B')"
        " || setweight(to_tsvector('simple'::regconfig, coalesce(search_fold(description), '')), 'C') $doc$",
        "DROP TABLE IF EXISTS projects_fts",
        "CREATE TABLE projects_fts (project_id integer PRIMARY KEY, document tsvector NOT NULL)",
        "CREATE INDEX ix_projects_fts_document ON projects_fts USING gin (document)",
        "CREATE OR REPLACE FUNCTION projects_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $sync$ BEGIN"
        " IF TG_OP = 'DELETE' THEN DELETE FROM projects_fts WHERE project_id = OLD.id; RETURN NULL; END IF;"
        " INSERT INTO projects_fts (project_id, document)"
        " VALUES (NEW.id, projects_fts_document(NEW.title, NEW.summary, NEW.description))"
        " ON CONFLICT (project_id) DO UPDATE SET document = EXCLUDED.document;"
        " RETURN NULL; END $sync$",
        "CREATE TRIGGER projects_fts_sync AFTER INSERT OR DELETE OR UPDATE OF title, summary, description"
        " ON projects FOR EACH ROW EXECUTE FUNCTION projects_fts_sync()",
        "INSERT INTO projects_fts (project_id, document)"
        " SELECT id, projects_fts_document(title, summary, description) FROM projects",
    ]


POSTGRESQL_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS projects_fts_sync ON projects",
    "DROP FUNCTION IF EXISTS projects_fts_sync()",
    "DROP TABLE IF EXISTS projects_fts",
    "DROP FUNCTION IF EXISTS projects_fts_document(text, text, text)",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]


def run(statements: list[str]) -> None:
    # Colons are escaped so that SQLAlchemy's text() reads none of them as a bound parameter.
    for statement in statements:
        op.execute(sa.text(statement.replace(":", r"\:")))


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        run(postgresql_upgrade())
    else:
        run(SQLITE_UPGRADE)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        run(POSTGRESQL_DOWNGRADE)
    else:
        run(SQLITE_DOWNGRADE)
