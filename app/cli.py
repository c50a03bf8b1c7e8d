"""Command line: flask users create, flask tokens create, flask seed-demo, flask check-gates,
flask send-digests, flask backup, flask restore, flask jobs worker|failed|retry.

Each command calls the domain, commits once at the end, and answers a refusal with
a clear message and exit code 1 (click.ClickException).
"""

import os
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from app.accounts import tokens
from app.accounts import users as user_service
from app.accounts.models import UserRole
from app.community import notification_mail
from app.core import jobs
from app.core.archive import backup, restore
from app.core.backup import BackupError
from app.core.extensions import db
from app.demo import accounts as demo
from app.demo import projects as demo_projects
from app.demo import seed as demo_seed
from app.gate.integrity import gate_violations
from app.organisations import directory as org_directory
from app.organisations import memberships as org_memberships
from app.organisations.models import MembershipRole
from app.reference.names import REGIONS

users_cli = AppGroup("users", help="Manage accounts.")
tokens_cli = AppGroup("tokens", help="Manage personal API tokens.")
jobs_cli = AppGroup("jobs", help="The job queue: run a worker, list and retry failed jobs.")


def fail(message: str) -> None:
    db.session.rollback()
    raise click.ClickException(message)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def expand_regions(keys: tuple[str, ...]) -> list[str]:
    """The region keys given with --region; `all` stands for every region."""
    regions = []
    for key in keys:
        regions.extend(REGIONS if key.strip().lower() == "all" else [key.strip()])
    return list(dict.fromkeys(regions))


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The display name.")
@click.option("--role", required=True, type=click.Choice([r.value for r in UserRole]), help="The role.")
@click.option("--org", "org_slug", metavar="SLUG", help="Make the person a member of this organisation.")
@click.option(
    "--region", "regions", multiple=True, metavar="KEY",
    help=f"A reviewer's region ({', '.join(REGIONS)}, or all); repeat for several.",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create_user(email, name, role, org_slug, regions, password_stdin):
    """Create a verified account for EMAIL (the password is asked for twice unless --password-stdin)."""
    regions = expand_regions(regions)
    if unknown := [r for r in regions if r not in REGIONS]:
        fail(f"Unknown region: {', '.join(unknown)}. Use one of: {', '.join(REGIONS)}, or all.")
    org = None
    if org_slug:
        org = org_directory.get_by_slug(org_slug.strip())
        if org is None:
            fail(f"No organisation has the slug '{org_slug}'.")
    try:
        email = user_service.clean_email(email)
    except user_service.UserInvalid as error:
        fail(error.message)
    if user_service.find_by_email(email) is not None:
        fail(f"An account with the e-mail address {email} already exists.")
    password = read_password(password_stdin)
    try:
        user = user_service.create_user(email, name, role, password, regions)
    except user_service.UserInvalid as error:
        fail("The account was not created:\n" + "\n".join(f"  {k}: {m}" for k, m in error.errors.items()))
    if org is not None:
        org_memberships.add_member(org, user, MembershipRole.MEMBER)
    db.session.commit()
    where = f", member of {org.slug}" if org is not None else ""
    scope = f", regions: {', '.join(sorted(user.region_keys))}" if user.region_keys else ""
    click.echo(f"Created the verified {user.role.value} account {user.email}{scope}{where}.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="command line", show_default=True, help="A name to recognise the token by.")
def create_token(email, name):
    """Create a personal API token for EMAIL and print it (shown only once) on the last line."""
    user = user_service.find_by_email(email)
    if user is None:
        fail(f"No account has the e-mail address {email.strip().lower()}.")
    if not user.active:
        fail(f"The account {user.email} is deactivated.")
    try:
        raw = tokens.create_token(user, name)
    except tokens.TokenInvalid as error:
        fail(f"The token's name: {error.errors['name']}")
    db.session.commit()
    click.echo(f"Token '{name}' created for {user.email}. Keep it safe: it is shown only once.")
    click.echo(raw)


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Load the reference data, demo organisations, accounts and initiatives (development only; safe to run again)."""
    if not current_app.config.get("SEED_DEMO_ALLOWED"):
        fail("seed-demo is only for development and testing (SEED_DEMO_ALLOWED is off); nothing was changed.")
    world = demo_seed.seed_demo()
    db.session.commit()
    click.echo(
        f"Demo data ready: {len(world.organisations)} verified organisations, {len(world.users)} accounts."
    )
    stages = ", ".join(f"{stage.value} {count}" for stage, count in demo_projects.stage_counts(world).items())
    click.echo(f"Demo initiatives: {len(world.projects)} ({stages}).")
    click.echo("Demo accounts (e-mail, password, what they are):")
    for account in demo.ACCOUNTS:
        click.echo(f"  {account.email:36} {account.password:24} {describe(account)}")


@click.command("check-gates")
@with_appcontext
def check_gates():
    """Check that no project stands past a gate it has not met and that nobody decided on a project they
    had a conflict of interest with; exit 1 with a list otherwise."""

    lines = gate_violations()
    if lines:
        click.echo(f"{len(lines)} problem(s) found:")
        for line in lines:
            click.echo(f"  {line}")
        raise SystemExit(1)
    click.echo("Every project meets the gates of its stage.")


@click.command("send-digests")
@with_appcontext
def send_digests():
    """E-mail the daily digests of notifications (safe to run twice: nobody gets one twice)."""
    send = notification_mail.claim_digests()
    db.session.commit()  # the claim is saved before anything is sent: running twice sends nobody the same
    sent = send()
    click.echo(f"{sent} digest e-mail(s) sent.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_database(path):
    """Back up the database and the uploaded files to the archive PATH (.tar.gz) while the app runs."""

    try:
        manifest = backup(path)
    except BackupError as error:
        fail(str(error))
    rows = sum(manifest["database"]["rows"].values())
    click.echo(f"Backup written to {path} ({os.path.getsize(path)} bytes): {rows} rows, "
               f"{len(manifest['files'])} files.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Confirm that every table's contents and every file may be replaced.")
@with_appcontext
def restore_database(path, yes):
    """Replace the whole database and the uploaded files by the archive at PATH (made by flask backup),
    after checking it against its manifest; every cached page is made old."""

    if not yes:
        fail("restore replaces every table's contents and every file: run it again with --yes to confirm.")
    try:
        manifest = restore(path)
    except BackupError as error:
        fail(str(error))
    click.echo(f"Database and {len(manifest['files'])} files restored from {path} "
               f"(backup of {manifest['created_at']}).")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (for tests and one-off runs).")
def jobs_worker(burst):
    """Run queued jobs (e-mails, reset links, digests, images) until stopped, retrying failures with back-off."""
    if not jobs.queued():
        fail("JOB_QUEUE_URL is not set: jobs run inline in the app, and no worker is needed.")
    jobs.run_worker(burst=burst)


@jobs_cli.command("failed")
def jobs_failed():
    """List the jobs that failed every attempt, newest first (exit 1 when there is any)."""
    if not jobs.queued():
        fail("JOB_QUEUE_URL is not set: jobs run inline, and their failures are in the log.")
    failed = jobs.failed_jobs()
    for job in failed:
        when = job.failed_at.isoformat(timespec="seconds") if job.failed_at else "?"
        click.echo(f"{job.id}  {when}  {job.name}  {job.error}")
    click.echo(f"{len(failed)} failed job(s).")
    if failed:
        raise SystemExit(1)


@jobs_cli.command("retry")
@click.argument("job_id")
def jobs_retry(job_id):
    """Queue the failed job JOB_ID again."""
    if not jobs.queued() or not jobs.requeue_failed(job_id):
        fail(f"No failed job has the id {job_id}.")
    click.echo(f"Job {job_id} queued again.")


def describe(account: demo.DemoAccount) -> str:
    parts = [account.role.value]
    if account.regions:
        parts.append("all regions" if set(account.regions) == set(REGIONS) else ", ".join(account.regions))
    parts += [f"{role.value} of {slug}" for slug, role in account.memberships]
    return "; ".join(parts)


def init_app(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(check_gates)
    app.cli.add_command(send_digests)
    app.cli.add_command(backup_database)
    app.cli.add_command(restore_database)
