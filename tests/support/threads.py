"""Running domain functions from several threads at the same moment, each with its own connection.

Each action runs in its own app context, so in its own database session and connection (see
tests/conftest.py: tests that use this are marked `committed`). An action is a function of the
barrier: it reads what it needs first, waits at the barrier, then writes; the harness commits what
it did, or rolls back and keeps the exception as its outcome.

PostgreSQL makes a later transaction wait for the row lock an earlier one holds. SQLite lets one
writer in at a time and turns the others away ("database is locked"); the domain turns that into
ChangedMeanwhile.
"""

import threading
from collections import Counter

from app.core.extensions import db

# Each thread holds a connection while it waits at the barrier: stay within the pool (5 + 10 overflow).
MAX_THREADS = 15


def postgres(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "postgresql"


def run_at_once(app, actions, timeout: float = 30) -> list:
    """Run each action (a function of the barrier) in its own thread and app context, all writing
    together; answers what each returned, or the exception it raised, in the order of `actions`."""
    if len(actions) > MAX_THREADS:
        raise ValueError(f"at most {MAX_THREADS} actions at once (the connection pool's size)")
    barrier = threading.Barrier(len(actions), timeout=timeout)
    outcomes: list = [None] * len(actions)

    def run(index: int, action) -> None:
        with app.app_context():
            try:
                outcomes[index] = action(barrier)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the outcome under test
                db.session.rollback()
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * timeout)
    stuck = [i for i, thread in enumerate(threads) if thread.is_alive()]
    assert not stuck, f"actions {stuck} did not finish"
    return outcomes


class Retried:
    """The refusals after which the actions wrapped by `retrying` tried again."""

    def __init__(self):
        self.refusals: list[Exception] = []
        self._lock = threading.Lock()

    def add(self, refusal: Exception) -> None:
        with self._lock:
            self.refusals.append(refusal)

    @property
    def count(self) -> int:
        return len(self.refusals)


class _NoWait:
    def wait(self) -> None:
        return None


def retrying(action, retried: Retried, refusal: type[Exception], attempts: int = 50):
    """The action, tried again in a new transaction (without waiting at the barrier) each time it raises
    `refusal`, as a person told "changed meanwhile, try again" would; `retried` counts the retries."""

    def act(barrier):
        for _attempt in range(attempts - 1):
            try:
                return action(barrier)
            except refusal as refused:
                db.session.rollback()
                retried.add(refused)
                barrier = _NoWait()
        return action(barrier)

    return act


def deadlocked(outcomes) -> list:
    """The refusals that came from a deadlock the database broke (PostgreSQL aborts one of the
    transactions), whatever the domain turned them into: the domain's locks should leave none."""
    found = []
    for outcome in outcomes:
        error = outcome
        while isinstance(error, BaseException):
            if "deadlock" in str(error).lower():
                found.append(outcome)
                break
            error = error.__cause__ or error.__context__
    return found


def kinds(outcomes) -> Counter:
    """How many outcomes of each kind: 'ok' for an answer, the exception's class name otherwise."""
    return Counter(type(o).__name__ if isinstance(o, Exception) else "ok" for o in outcomes)
