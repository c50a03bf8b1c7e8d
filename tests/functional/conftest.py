"""Fixtures of the functional tests: the authorization table's world, shared by a module."""

import pytest

from tests.support.matrix import matrix_world
from tests.support.people import shared_makers
from tests.support.storage import s3_server


@pytest.fixture(scope="module")
def matrix_uploads(app, tmp_path_factory):
    """The folder of the matrix world's files, for the module."""
    folder = tmp_path_factory.mktemp("uploads")
    app.config["UPLOAD_DIR"] = str(folder)
    yield folder
    app.config.pop("UPLOAD_DIR")


@pytest.fixture(scope="module")
def matrix(app, shared_database, matrix_uploads):
    """The world of the authorization table (tests/support/matrix.py), made once for the module."""
    return matrix_world(app, *shared_makers(app))


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server (moto's server mode) for the worker's tests: its endpoint URL."""
    with s3_server() as endpoint:
        yield endpoint
