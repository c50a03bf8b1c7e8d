"""A worker killed in the middle of a write leaves nothing half-written, and the database goes on.

A real child process (this module run as a script) opens the app on the test database and writes what
requests would, one transaction each, on one project after another: the project with its design
assessment, a change of the answers, the submission, the review, the decision, a need, a pledge with
its event, its acceptance. Each new worker takes up where the last one stopped. The test kills it with
SIGKILL (the process gets no chance to roll back):

- at random moments, several times;
- at a precise point: a hook pauses the worker inside a transaction right after its first statements
  were flushed (the database holds them, uncommitted, and the worker holds its locks), and the test
  kills it there.

Afterwards `problems()` must find nothing, every step the worker reported committed must be stored, and
the database must take a new write at once. A worker that commits one write in two halves on purpose
(`split`) shows that `problems()` does see a half write.
"""

import contextlib
import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import configure_mappers

from app.community.models import Notification
from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.integrity import gate_violations
from app.gate.models import Assessment, AssessmentReview, Phase
from app.organisations.models import Organisation
from app.projects import projects
from app.projects.models import Project, ProjectEvent, Stage
from app.resources import needs as need_service
from app.resources import pledges as pledge_service
from app.resources.models import Need, Pledge, PledgeEvent, PledgeStatus
from tests.support.projects import GOOD_TEXT, fill, load, project_data, review
from tests.support.resources import need_fields

pytestmark = pytest.mark.committed

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("create", "answers", "submit", "review", "incubate", "need", "pledge", "accept")
REVISED = " Revised after a visit to the schools."
# The row whose flush the pause hook waits for, in each step (the step's first write).
FIRST_WRITE = {"create": Project, "answers": Assessment, "submit": ProjectEvent, "review": AssessmentReview,
               "incubate": ProjectEvent, "need": Need, "pledge": Pledge, "accept": PledgeEvent}
WORKER_NAME = "killed_worker"  # the application_name of the workers' PostgreSQL sessions
TABLES = (Project, ProjectEvent, Assessment, AssessmentReview, Need, Pledge, PledgeEvent, Notification)


# What the worker does, and what it has done (read back from the database) ---------------------------


def steps_done(project: Project) -> list[str]:
    """The steps of STEPS this project has been through, as its rows show them."""
    done = ["create"]
    design = assessments.latest(project, Phase.DESIGN)
    if design is not None and str(design.answers.get("targeting", "")).endswith(REVISED):
        done.append("answers")
    reached = {event.to_stage for event in project.events}
    if Stage.SUBMITTED in reached:
        done.append("submit")
    if design is not None and design.review is not None:
        done.append("review")
    if Stage.INCUBATING in reached:
        done.append("incubate")
    need = db.session.scalar(select(Need).where(Need.project_id == project.id))
    pledge = db.session.scalar(select(Pledge).where(Pledge.project_id == project.id))
    done += ["need"] if need else []
    done += ["pledge"] if pledge else []
    done += ["accept"] if pledge is not None and pledge.status == PledgeStatus.ACCEPTED else []
    return done


def next_step(org_id: int) -> tuple[str, Project | None]:
    """The next step to take, and the project it is for (None for "create"): the newest project goes
    through every step before the next one is created."""
    project = db.session.scalar(select(Project).where(Project.organisation_id == org_id).order_by(Project.id.desc()))
    missing = [step for step in STEPS if project is not None and step not in steps_done(project)]
    return (missing[0], project) if missing else ("create", None)


def perform(step: str, project: Project | None, job: dict) -> Project:
    """Take one step through the domain functions (not committed)."""
    partner, reviewer, pledger = load(job["partner"]), load(job["reviewer"]), load(job["pledger"])
    if step == "create":
        count = db.session.scalar(select(func.count(Project.id)))
        project = projects.create_project(db.session.get(Organisation, job["org"]), partner,
                                          project_data(title=f"Worker project {count + 1}"))
        if job.get("split") == "create":
            db.session.commit()  # on purpose: the project without its assessment, a half write
        fill(project, Phase.DESIGN, partner)
    elif step == "answers":
        assessments.save_assessment(project, Phase.DESIGN, partner, {"targeting": GOOD_TEXT + REVISED}, None, None)
    elif step == "submit":
        workflow.transition(project, Stage.SUBMITTED, partner)
    elif step == "review":
        review(project, Phase.DESIGN, reviewer)
    elif step == "incubate":
        workflow.transition(project, Stage.INCUBATING, reviewer)
    elif step == "need":
        need_service.add_need(project, partner, **need_fields())
    elif step == "pledge":
        need = db.session.scalar(select(Need).where(Need.project_id == project.id))
        pledge_service.make_pledge(need, project, pledger, quantity=Decimal(2500),
                                   submission_key=f"worker-{project.id}")
    elif step == "accept":
        pledge = db.session.scalar(select(Pledge).where(Pledge.project_id == project.id))
        pledge_service.set_pledge_status(pledge, project, partner, "accepted")
    return project


def work(job: dict) -> None:
    """The worker's loop: one step, one commit, one line on stdout, until it is killed."""
    current = {"step": None}
    if job.get("pause"):
        pause_inside(job["pause"], current)
    if job.get("split") == "pledge":
        commit_pledge_alone()
    while True:
        step, project = next_step(job["org"])
        current["step"] = step
        project = perform(step, project, job)
        if job.get("split") == step:
            die("half")  # the second half never commits
        db.session.commit()
        say(f"done {step} {project.id}")
        db.session.remove()


def pause_inside(step: str, current: dict) -> None:
    """Stop the worker inside the transaction of `step`, right after its first write was flushed."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    @event.listens_for(Session, "after_flush")
    def pause(session, _context):
        if current["step"] == step and any(isinstance(o, FIRST_WRITE[step]) for o in (*session.new, *session.dirty)):
            say(f"paused {step}")
            time.sleep(600)


def commit_pledge_alone() -> None:
    """On purpose: commit a new pledge before its creation event is written (a half write)."""
    insert_once = pledge_service.insert_once

    def committing(row, made_first):
        made = insert_once(row, made_first)
        db.session.commit()
        return made

    pledge_service.insert_once = committing


def say(line: str) -> None:
    """One line on stdout in one write: a worker killed mid-line must not leave half a line (with
    PYTHONUNBUFFERED, `print` writes the text and its newline in two writes)."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def die(what: str) -> None:
    say(what)
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    """Run as `python -m tests.functional.test_killed_worker DATABASE_URL OUTBOX`: opens the app once,
    says "ready", then for each job (a line of JSON on stdin) forks a worker, says "started PID", and
    when the worker has ended says "ended PID EXIT_CODE" (a negative code: the signal that killed it).
    Opening the app takes seconds, a fork milliseconds; no connection is open when it forks."""
    from app import create_app
    from config import TestingConfig

    url, outbox = sys.argv[1], sys.argv[2]
    if url.startswith("postgresql"):
        url += ("&" if "?" in url else "?") + f"application_name={WORKER_NAME}"
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url, MAIL_OUTBOX_DIR=outbox)
    configure_mappers()  # once here rather than in every worker; it opens no connection
    say("ready")
    while line := sys.stdin.readline():
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                say(f"started {os.getpid()}")
                with app.app_context():
                    work(job)
            except BaseException:  # noqa: BLE001 - told in the log, then the worker ends
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(1)  # a worker never goes back to the loop
        _pid, status = os.waitpid(pid, 0)
        say(f"ended {pid} {os.waitstatus_to_exitcode(status)}")


# The test's side: starting and killing workers ----------------------------------------------------


class Workers:
    """The process that forks the workers (see `main`); its stdout lines arrive on a queue."""

    def __init__(self, app, folder: Path, world: dict):
        self.world = world
        self.errors = folder / "workers.log"
        with open(self.errors, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.functional.test_killed_worker", app.config["SQLALCHEMY_DATABASE_URI"],
                 str(folder / "outbox")],
                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
            )
        self.lines: queue.Queue = queue.Queue()
        self.live: Worker | None = None
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("ready")

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def wait_for(self, word: str, timeout: float = 60) -> str:
        """The next line starting with `word`; the "done" lines before it are noted by the live worker."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"no {word!r} from the workers: {self.log()}") from None
            if line is None:
                raise AssertionError(f"the workers' process ended before {word!r}: {self.log()}")
            if line.startswith("done ") and self.live is not None:
                _done, step, project_id = line.split()
                self.live.done.append((step, int(project_id)))
            if line.startswith(word):
                return line

    def log(self) -> str:
        return self.errors.read_text()[-3000:]

    def start(self, **job) -> "Worker":
        """A new worker process on `job` (the world's ids, and `pause` or `split`)."""
        self.proc.stdin.write(json.dumps({**self.world, **job}) + "\n")
        self.proc.stdin.flush()
        self.live = Worker(self, int(self.wait_for("started").split()[1]))
        return self.live

    def close(self) -> None:
        if self.live is not None and not self.live.gone:
            with contextlib.suppress(ProcessLookupError):  # it may have ended and been reaped already
                os.kill(self.live.pid, signal.SIGKILL)
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


class Worker:
    def __init__(self, pool: Workers, pid: int):
        self.pool, self.pid = pool, pid
        self.done: list[tuple[str, int]] = []  # (step, project id) it said it committed
        self.gone = False

    def wait_for(self, word: str) -> str:
        return self.pool.wait_for(word)

    def kill(self) -> None:
        """SIGKILL (the process gets no chance to roll back), then what it said before it died."""
        os.kill(self.pid, signal.SIGKILL)
        self.ended()

    def ended(self) -> None:
        """Wait for its end: it must have been killed (a worker that failed on its own is a failure)."""
        code = int(self.pool.wait_for(f"ended {self.pid}").split()[2])
        self.gone = True
        assert code == -signal.SIGKILL, f"the worker ended with {code}: {self.pool.log()}"


@pytest.fixture
def workers(app, make_user, make_org, tmp_path):
    partner = make_user(name="Awa Partner")
    reviewer = make_user(name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    pledger = make_user(name="Paula Pledger")
    org = make_org(country="SN", members=[(partner, "owner")])
    pool = Workers(app, tmp_path, {"org": org.id, "partner": partner.id, "reviewer": reviewer.id,
                                   "pledger": pledger.id})
    yield pool
    pool.close()


# What must hold after any kill --------------------------------------------------------------------


def problems(app) -> list[str]:
    """Everything half-written: flask check-gates (each project's stage matches an unbroken history
    and the gates it stands past), assessment versions without their project or with gaps, projects
    without the complete design assessment they were created with, pledges without their creation
    event or whose events do not lead to their status, needs and events pointing at nothing."""
    with app.app_context():
        found = list(gate_violations())
        project_ids = set(db.session.scalars(select(Project.id)))
        versions: dict[tuple[int, Phase], list[int]] = {}
        for assessment in db.session.scalars(select(Assessment).order_by(Assessment.version)):
            if assessment.project_id not in project_ids:
                found.append(f"assessment {assessment.id} without its project")
            versions.setdefault((assessment.project_id, assessment.phase), []).append(assessment.version)
        for (project_id, phase), numbers in versions.items():
            if numbers != list(range(1, len(numbers) + 1)):
                found.append(f"project {project_id}: {phase.value} versions {numbers}")
        for project in db.session.scalars(select(Project).order_by(Project.id)):
            design = assessments.latest(project, Phase.DESIGN)
            if design is None:
                found.append(f"project {project.id} without the design assessment it was created with")
            elif assessments.problems(design, Phase.DESIGN):  # the worker always writes every answer at once
                found.append(f"project {project.id}: its design assessment is incomplete")
        for pledge in db.session.scalars(select(Pledge).order_by(Pledge.id)):
            trail = [(e.from_status, e.to_status) for e in pledge.events]
            if not trail or trail[0] != (None, PledgeStatus.PLEDGED):
                found.append(f"pledge {pledge.id} without its creation event")
            elif any(a[1] != b[0] for a, b in zip(trail, trail[1:], strict=False)) or trail[-1][1] != pledge.status:
                found.append(f"pledge {pledge.id}: events {trail} do not lead to {pledge.status}")
        pledge_ids = set(db.session.scalars(select(Pledge.id)))
        for column, parents in ((Need.project_id, project_ids), (ProjectEvent.project_id, project_ids),
                                (PledgeEvent.pledge_id, pledge_ids)):
            orphans = sorted(set(db.session.scalars(select(column))) - parents)
            if orphans:
                found.append(f"{column.class_.__tablename__} pointing at nothing: {orphans}")
        return found


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) for model in TABLES}


def assert_stored(app, worker: Worker) -> None:
    """Every step the worker said it committed is in the database."""
    with app.app_context():
        for step, project_id in worker.done:
            project = db.session.get(Project, project_id)
            assert project is not None and step in steps_done(project), (step, project_id)


def sqlite_path(app) -> str | None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def writer_holds_the_lock(app) -> bool:
    """Whether another connection is inside a write transaction now (it holds SQLite's write lock, or
    PostgreSQL shows it idle in a transaction that has written)."""
    path = sqlite_path(app)
    if path is not None:
        probe = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as error:
            assert "locked" in str(error), error
            return True
        finally:
            probe.close()
    return bool(writing_tables(app))


def writing_tables(app) -> set[str]:
    """PostgreSQL: the tables the workers' sessions idle in a transaction have written to."""
    with app.app_context():
        return set(db.session.scalars(text(
            "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE a.datname = current_database() AND a.application_name = :name "
            "AND a.state LIKE 'idle in transaction%' AND l.mode = 'RowExclusiveLock'"
        ), {"name": WORKER_NAME}))


def worker_sessions(app) -> int:
    """PostgreSQL: how many sessions of workers the server still has (a killed worker's go away)."""
    with app.app_context():
        return db.session.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = :name"
        ), {"name": WORKER_NAME})


def wait_until_released(app) -> None:
    """The database has noticed the dead worker and rolled its transaction back (PostgreSQL needs a moment)."""
    deadline = time.monotonic() + 10
    while writer_holds_the_lock(app) or (sqlite_path(app) is None and worker_sessions(app)):
        assert time.monotonic() < deadline, "the killed worker's transaction still holds its locks"
        time.sleep(0.05)


def take_step_now(app, world: dict) -> str:
    """The test itself takes the next step at once (a few seconds at most to get its locks), commits it,
    and answers which step it was: the killed worker left nothing that blocks a new write."""
    with app.app_context():
        if sqlite_path(app) is None:
            db.session.execute(text("SET LOCAL lock_timeout = '3s'"))
        step, project = next_step(world["org"])
        perform(step, project, world)
        db.session.commit()
        return step


def assert_database_sound(app) -> None:
    """SQLite: the file is whole, its foreign keys hold, the WAL can be checkpointed to nothing.
    PostgreSQL: no transaction of a dead worker lingers."""
    path = sqlite_path(app)
    if path is None:
        assert worker_sessions(app) == 0
        return
    probe = sqlite3.connect(path, timeout=2, isolation_level=None)
    try:
        assert probe.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert probe.execute("PRAGMA foreign_key_check").fetchall() == []
        assert probe.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        busy, _log, _checkpointed = probe.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        probe.close()


# The tests ----------------------------------------------------------------------------------------

KILLS = 15


def test_a_worker_killed_at_random_moments_leaves_nothing_half_written(app, workers):
    seed = int(os.environ.get("KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    landed, committed = Counter(), 0  # the step each kill landed in (or was about to take); steps committed
    for _kill in range(KILLS):
        worker = workers.start()
        time.sleep(rng.uniform(0.05, 0.6))
        worker.kill()
        wait_until_released(app)
        assert problems(app) == [], f"KILL_SEED={seed}"
        assert_stored(app, worker)
        with app.app_context():
            landed[next_step(workers.world["org"])[0]] += 1  # the step it was killed in, or about to take
        committed += len(worker.done)
    step = take_step_now(app, workers.world)
    assert problems(app) == [] and step in STEPS
    assert_database_sound(app)
    print(f"\nrandom kills (KILL_SEED={seed}): {KILLS} kills, {committed} steps committed, landed in {dict(landed)}")


def test_a_worker_killed_inside_a_transaction_leaves_nothing_of_it(app, workers):
    for point in STEPS:
        worker = workers.start(pause=point)
        worker.wait_for(f"paused {point}")
        assert writer_holds_the_lock(app)  # the worker is inside its transaction, its rows written
        if sqlite_path(app) is None:
            assert FIRST_WRITE[point].__tablename__ in writing_tables(app)
        before = counts(app)
        worker.kill()
        wait_until_released(app)
        assert counts(app) == before  # nothing of the killed transaction appeared
        assert problems(app) == []
        assert_stored(app, worker)
        assert take_step_now(app, workers.world) == point  # the step it was killed in, taken again at once
        assert problems(app) == []
    assert_database_sound(app)


@pytest.mark.parametrize(("split", "expected"), [
    ("create", "without the design assessment it was created with"),
    ("pledge", "without its creation event"),
])
def test_the_checks_see_a_write_committed_in_two_halves(app, workers, split, expected):
    worker = workers.start(split=split)
    worker.wait_for("half")
    worker.ended()
    found = problems(app)
    assert len(found) == 1 and expected in found[0], found


if __name__ == "__main__":
    main()
