"""Fixtures of the unit tests: a scratch database for the migration tests."""

import os

import pytest
from sqlalchemy import create_engine, make_url, text

from app import create_app
from app.core.extensions import db
from config import TestingConfig


@pytest.fixture
def scratch_app(app, tmp_path):
    """An app on an empty database of the same kind as the test run's, dropped afterwards."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    admin_engine = None
    if url.get_backend_name() == "sqlite":
        scratch_url = f"sqlite:///{tmp_path / 'scratch.db'}"
    elif url.get_backend_name() == "postgresql":
        name = f"{url.database}_scratch_{os.getpid()}"[:63]
        admin_engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        scratch_url = url.set(database=name).render_as_string(hide_password=False)
    else:
        pytest.fail(f"no scratch database for {url.get_backend_name()}")
    scratch = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=scratch_url, MAIL_OUTBOX_DIR=str(tmp_path))
    try:
        yield scratch
    finally:
        with scratch.app_context():
            db.engine.dispose()
        if admin_engine is not None:
            with admin_engine.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin_engine.dispose()
