"""Counting the SQL statements a block of code or a page sends, for the tests that hold a page or a
function to a fixed number of queries (SQLAlchemy's `before_cursor_execute` event).

The SAVEPOINTs of the tests' own transactions (tests/conftest.py) are left out: they are not the
code's. The page cache is emptied first, so that the pages asked for run their views, unless the test
is about the cache (`keep_pages`).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import has_app_context
from sqlalchemy import event

from app.core.extensions import db
from tests.support import fresh_pages

TEST_STATEMENTS = ("SAVEPOINT", "RELEASE", "ROLLBACK TO")


@contextmanager
def counted_queries(app, keep_pages: bool = False) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs, collected in the yielded list."""
    if not keep_pages:
        fresh_pages(app)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(TEST_STATEMENTS):
            statements.append(statement)

    if has_app_context():
        engine = db.engine
    else:
        with app.app_context():
            engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def page_queries(app, client, url: str, **kwargs) -> int:
    """How many SQL statements the page at `url` takes (it must answer 200)."""
    with counted_queries(app) as statements:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(statements)
