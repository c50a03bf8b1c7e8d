"""Admin: the jobs that failed every attempt (app/core/jobs.py), each of which can be queued again."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from redis.exceptions import RedisError

from app.admin.web.blueprint import bp
from app.core import jobs


@bp.get("/jobs")
@login_required
def failed_jobs():
    """Admins only (the blueprint's rule). Redis out of reach is said on the page, not a 500."""
    try:
        failed, reachable = jobs.failed_jobs(), True
    except RedisError:
        failed, reachable = [], False
    return render_template("admin/jobs.html", failed=failed, queued=jobs.queued(), reachable=reachable)


@bp.post("/jobs/retry")
@login_required
def retry_job():
    job_id = request.form.get("job_id", "")[:100]
    if jobs.queued() and job_id and jobs.requeue_failed(job_id):
        flash(_("The job was queued again."), "success")
    else:
        flash(_("No failed job has this number."), "error")
    return redirect(url_for("admin.failed_jobs"))
