"""Jobs: side work that must not hold a request (delivering e-mails, looking up an account for a reset
link, digests, re-encoding uploaded images), on an RQ queue in Redis in production and inline in development and tests.

`enqueue(work, *args)` is the one way in, for functions marked `@job` (a worker runs only those: a
name read from Redis cannot call anything else). Called in a request before its commit, it waits for the
commit (app.core.transaction.after_commit): a request that rolls back queues nothing. Called after the
commit, in a command or in another job, it queues at once. `work` is a module-level function whose
arguments are plain values (ids, strings, bytes): the worker loads what it needs itself.

- With JOB_QUEUE_URL set, the job goes to the RQ queue JOB_QUEUE_NAME; `flask jobs worker` runs it
  in an application context, commits what it wrote, and on an error RQ tries it again after each
  pause of JOB_RETRY_DELAYS (30 s, 2 min, 10 min: back-off). A job that failed every time stays in
  the failed list (`flask jobs failed`, the admin's Jobs page) for JOB_FAILED_KEEP_DAYS; nothing is
  lost in silence. If Redis cannot take the job, it runs inline instead, and that is logged.
- Without it (`make run`, the tests), the job runs at once in this process, where it would have been
  queued: after the commit. An error is logged with the job's name; the caller's work stays saved.

A job that answers a callable (a claim on rows, then the sending) has its writes committed before
that callable runs, as work after a request's commit does.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, has_app_context, has_request_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry, Worker
from rq.job import Job
from rq.registry import FailedJobRegistry

from app.core import transaction
from app.core.extensions import db

log = logging.getLogger(__name__)
JOBS: dict[str, Callable] = {}  # the functions a worker may run, by their dotted names


def job(work: Callable) -> Callable:
    """Mark `work` as a job a worker may run (its module is imported by the app, as every feature is)."""
    JOBS[job_name(work)] = work
    return work


def job_name(work: Callable) -> str:
    return f"{work.__module__}.{work.__qualname__}"


def enqueue(work: Callable, *args, **kwargs) -> None:
    """Run `work(*args, **kwargs)` as a job: after the request's commit, on the queue or inline."""
    name = job_name(work)
    if JOBS.get(name) is not work:
        raise ValueError(f"{name} is not marked as a job (@jobs.job)")
    if has_request_context() and not transaction.committed():
        transaction.after_commit(enqueue, work, *args, **kwargs)
        return
    if queued():
        try:
            job_queue().enqueue(
                perform, name, args, kwargs,
                retry=Retry(max=len(retry_delays()), interval=list(retry_delays())) if retry_delays() else None,
                failure_ttl=current_app.config["JOB_FAILED_KEEP_DAYS"] * 86400,
                description=name,
            )
            return
        except RedisError:
            log.exception("Job %s could not be queued; it runs here instead", name)
    try:
        run(work, args, kwargs)
    except Exception:  # noqa: BLE001 - the caller's work is saved; only this side work is lost, logged
        db.session.rollback()
        log.exception("Job %s failed (arguments %r)", name, args)


def queued() -> bool:
    """Whether jobs go to a queue (JOB_QUEUE_URL set) rather than run inline."""
    return bool(current_app.config.get("JOB_QUEUE_URL"))


def retry_delays() -> tuple[int, ...]:
    return tuple(int(d) for d in current_app.config.get("JOB_RETRY_DELAYS", ()))


def connection() -> Redis:
    return Redis.from_url(current_app.config["JOB_QUEUE_URL"])


def job_queue() -> Queue:
    return Queue(current_app.config["JOB_QUEUE_NAME"], connection=connection())


def perform(name: str, args: tuple, kwargs: dict):
    """What the worker runs: the function named `name`, in the worker's application context."""
    if not has_app_context():
        raise RuntimeError("Jobs run in an application context: start workers with `flask jobs worker`.")
    work = JOBS.get(name)
    if work is None:
        raise LookupError(f"{name} is not a job of this app")
    db.engine.dispose(close=False)  # a forked worker never shares its parent's database connections
    try:
        return run(work, args, kwargs)
    finally:
        db.session.remove()


def run(work: Callable, args: tuple, kwargs: dict):
    """Run `work`, commit what it wrote; if it answers a callable, run that too and commit again."""
    result = work(*args, **kwargs)
    db.session.commit()
    if callable(result):
        result = result()
        db.session.commit()
    return result


def run_worker(burst: bool = False) -> bool:
    """Process jobs until stopped (or, with `burst`, until the queue is empty). The worker's own
    scheduler puts jobs waiting for a retry back on the queue when their pause is over."""
    worker = Worker([job_queue()], connection=connection())
    return worker.work(burst=burst, with_scheduler=True, logging_level="INFO")


# The failed list ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FailedJob:
    id: str
    name: str
    failed_at: datetime | None
    error: str  # the last line of the error: its type and message


def failed_jobs(limit: int = 200) -> list[FailedJob]:
    """The jobs that failed every attempt, newest first (none without a queue)."""
    if not queued():
        return []
    queue = job_queue()
    ids = FailedJobRegistry(queue=queue).get_job_ids(0, limit - 1, desc=True)
    found = []
    for job in Job.fetch_many(ids, connection=queue.connection):
        if job is None:
            continue
        result = job.latest_result()
        error = (result.exc_string if result is not None and result.exc_string else "").strip().splitlines()
        found.append(FailedJob(job.id, job.description or job.func_name, job.ended_at, error[-1] if error else ""))
    return found


def requeue_failed(job_id: str) -> bool:
    """Put a failed job back on the queue; answers False when no failed job has that id."""
    registry = FailedJobRegistry(queue=job_queue())
    if job_id not in registry.get_job_ids():
        return False
    registry.requeue(job_id)
    return True
