"""Full-text search over projects' title, summary and description: the same results on SQLite and PostgreSQL.

Both databases keep an index that triggers update on every insert, edit and delete of a project
(migration 0005_search builds it):

- SQLite: `projects_fts`, an FTS5 table over the projects' text (tokenize `unicode61 remove_diacritics 2`);
- PostgreSQL: `projects_fts` (project_id, document), a weighted tsvector per project (title A, summary B,
  description C) with a GIN index; `search_fold()` lower-cases, strips accents and turns punctuation into
  spaces exactly as SQLite's tokenizer does, without the `unaccent` extension.

A typed query is never passed to the database's query syntax. It is cut into words here (letters and
digits; everything else separates words), and each word becomes a prefix term: a quoted FTS5 string
followed by `*`, or a quoted tsquery lexeme followed by `:*` after `search_fold()`. A project matches
when every word is found (in any of the three fields). So "proteccion" finds "protección", "egalite"
finds "l’égalité", "protec" finds both "protection" and "protección", and `"`, `*`, `NEAR(` or `-`
alone are no words at all: no filter, never an error.

Ranking: projects whose title holds every word first, then by relevance (SQLite's bm25 with the title
weighted 10, the summary 3, the description 1; PostgreSQL's ts_rank with the weights A, B, C), then
the newest. The callers add the last two keys (app.projects.discovery).
"""

import re
import unicodedata
from functools import reduce

from sqlalchemy import Boolean, Float, Integer, column, func, literal, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import TSVECTOR

from app.core.extensions import db

INDEX = "projects_fts"  # the index table on both databases (SQLite adds its own projects_fts_* tables)
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_WORD_LENGTH = 60
WORD_RE = re.compile(r"[^\W_]+")  # letters and digits of any script; the underscore separates, as in SQLite
BM25_WEIGHTS = (10.0, 3.0, 1.0)  # title, summary, description


def is_index_object(name: str | None) -> bool:
    """True for the search index's own tables (kept out of the comparison of the schema with the models)."""
    return bool(name) and (name == INDEX or name.startswith(INDEX + "_"))


def words(query: str | None) -> list[str]:
    """The words of a typed query, at most MAX_WORDS of them, repeated words once.

    Accents are composed first (NFC), so that a letter typed with a separate accent stays one word.
    """
    typed = unicodedata.normalize("NFC", query or "")[:MAX_QUERY_LENGTH]
    found: list[str] = []
    for word in WORD_RE.findall(typed):
        word = word[:MAX_WORD_LENGTH]
        if word.lower() not in {w.lower() for w in found}:
            found.append(word)
    return found[:MAX_WORDS]


def hits(query: str | None):
    """The projects matching every word of `query`, as a subquery of (project_id, score, in_title),
    or None when the query holds no word (then nothing is filtered).

    `score` is higher for better matches; `in_title` is true when the title holds every word.
    """
    terms = words(query)
    if not terms:
        return None
    if db.session.get_bind().dialect.name == "postgresql":
        return _postgresql_hits(terms)
    return _sqlite_hits(terms)


# SQLite ----------------------------------------------------------------------------------------------


def fts5_query(terms: list[str], column_name: str | None = None) -> str:
    """An FTS5 query of prefix terms that must all match. The words hold only letters and digits, so the
    quotes around each one cannot be broken out of; `column_name` limits every term to one column."""
    prefix = f"{column_name} : " if column_name else ""
    return " AND ".join(f'{prefix}"{term}"*' for term in terms)


def _sqlite_hits(terms: list[str]):
    # Constants only (the table name and the weights); the words travel as bound parameters.
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    statement = text(
        f"SELECT rowid AS project_id, -bm25({INDEX}, {weights}) AS score,"  # noqa: S608 # nosec B608 — constants only
        f" rowid IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH :search_title) AS in_title"
        f" FROM {INDEX} WHERE {INDEX} MATCH :search_all"
    ).bindparams(search_all=fts5_query(terms), search_title=fts5_query(terms, "title"))
    return statement.columns(
        column("project_id", Integer), column("score", Float), column("in_title", Boolean)
    ).subquery("search_hits")


# PostgreSQL ------------------------------------------------------------------------------------------

_pg_index = table(INDEX, column("project_id", Integer), column("document", TSVECTOR))
_SIMPLE = literal_column("'simple'::regconfig")


def _tsquery(term: str, weight: str = ""):
    """One prefix term, folded like the documents: to_tsquery('simple', quote_literal(search_fold(w)) || ':*')."""
    lexeme = func.quote_literal(func.search_fold(literal(term)))
    return func.to_tsquery(_SIMPLE, lexeme.op("||")(literal(":*" + weight)))


def _all_of(queries):
    return reduce(lambda left, right: left.op("&&")(right), queries)


def _postgresql_hits(terms: list[str]):
    document = _pg_index.c.document
    anywhere = _all_of([_tsquery(term) for term in terms])
    in_title = _all_of([_tsquery(term, "A") for term in terms])
    return (
        select(
            _pg_index.c.project_id.label("project_id"),
            func.ts_rank(document, anywhere, type_=Float).label("score"),
            document.bool_op("@@")(in_title).label("in_title"),
        )
        .where(document.bool_op("@@")(anywhere))
        .subquery("search_hits")
    )
