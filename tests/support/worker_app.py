"""The app as `flask jobs worker` loads it in the tests (FLASK_APP): the real one, plus the jobs of
tests/support/jobs.py that fail or record on purpose."""

from tests.support import jobs  # noqa: F401  (marks the test jobs)
from wsgi import app  # noqa: F401
