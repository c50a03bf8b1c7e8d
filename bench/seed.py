"""Seed a large data set for the benchmark, in bulk: 5,000 accounts, 40 organisations, 10,000 projects in
every stage over the 11 countries, 100,000 comments (200 of them on one project), 30,000 pledges on
6,000 needs, supports and follows.

Rows go in through SQLAlchemy Core multi-row INSERTs (the ORM's domain checks would make this take
an hour); every row is one the app itself could have written. Projects past draft get the stage
events that lead there, so the pages show a real history.

    python -m bench.seed            # the database of DATABASE_URL (the app's default otherwise)
"""

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from app.accounts.models import User
from app.community.models import Comment, Follow, Support
from app.core.extensions import db
from app.organisations.models import Membership, Organisation
from app.projects.models import Project, ProjectEvent, Stage, project_themes
from app.reference.names import COUNTRIES, THEMES
from app.resources.models import Need, Pledge

SIZES = {"users": 5_000, "organisations": 40, "projects": 10_000, "comments": 100_000, "needs": 6_000,
         "pledges": 30_000}
BIG_PROJECT_COMMENTS = 200
PASSWORD = "bench-password-for-load-7391"  # nosec B105 — of throw-away benchmark accounts
CHUNK = 2_000
PATH_TO = {  # the stages a project passes through to reach each stage
    Stage.DRAFT: [],
    Stage.SUBMITTED: [Stage.SUBMITTED],
    Stage.CHANGES_REQUESTED: [Stage.SUBMITTED, Stage.CHANGES_REQUESTED],
    Stage.INCUBATING: [Stage.SUBMITTED, Stage.INCUBATING],
    Stage.LAUNCH_REVIEW: [Stage.SUBMITTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW],
    Stage.ACTIVE: [Stage.SUBMITTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE],
    Stage.COMPLETION_REVIEW: [Stage.SUBMITTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE,
                              Stage.COMPLETION_REVIEW],
    Stage.COMPLETED: [Stage.SUBMITTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE,
                      Stage.COMPLETION_REVIEW, Stage.COMPLETED],
    Stage.REJECTED: [Stage.SUBMITTED, Stage.REJECTED],
    Stage.WITHDRAWN: [Stage.WITHDRAWN],
}
# Most projects stand in the public stages, as in a lab that has run for a few years.
STAGE_WEIGHTS = {Stage.DRAFT: 8, Stage.SUBMITTED: 6, Stage.CHANGES_REQUESTED: 3, Stage.INCUBATING: 15,
                 Stage.LAUNCH_REVIEW: 4, Stage.ACTIVE: 35, Stage.COMPLETION_REVIEW: 3, Stage.COMPLETED: 20,
                 Stage.REJECTED: 3, Stage.WITHDRAWN: 3}
WORDS = {
    "en": "children school protection girls rights community health water play learning safety family".split(),
    "fr": "enfants école protection filles droits communauté santé égalité jeu apprentissage sécurité".split(),
    "es": "niñas niños escuela protección derechos comunidad salud igualdad juego aprendizaje seguridad".split(),
}
NEED_STAGES = (Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE)


def chunked_insert(table, rows: list[dict]) -> None:
    # On the connection, below the ORM: the stage guards (app.gate.guards) refuse an ORM INSERT of a
    # project past draft, and these rows are a synthetic history written with their events.
    connection = db.session.connection()
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(table), rows[start:start + CHUNK])


def sentence(rng: random.Random, language: str, words: int) -> str:
    return " ".join(rng.choice(WORDS[language]) for _ in range(words)).capitalize()


def seed(seed_value: int = 7) -> dict[str, int]:
    """Fill an empty (migrated) database; answers the row counts. Deterministic for a given seed."""
    if db.session.scalar(select(func.count()).select_from(Project)):
        raise SystemExit("The database already holds projects: the benchmark seeds an empty one.")
    rng = random.Random(seed_value)  # nosec B311 — reproducible fake data, not secrets
    now = datetime.now(UTC)
    password_hash = generate_password_hash(PASSWORD, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
    countries = sorted(COUNTRIES)
    theme_keys = sorted(THEMES)

    users = [
        {"id": i, "email": f"person{i}@bench.example.org", "name": f"Person {i}", "password_hash": password_hash,
         "role": "admin" if i == 1 else ("reviewer" if i <= 11 else "community"),
         "locale": rng.choice(["en", "fr", "es"]), "email_verified_at": now, "session_token": f"bench-{i:08d}",
         "created_at": now - timedelta(days=rng.randint(0, 900))}
        for i in range(1, SIZES["users"] + 1)
    ]
    chunked_insert(User.__table__, users)

    orgs = [
        {"id": i, "slug": f"bench-org-{i}", "name": f"Bench organisation {i}", "country_code": countries[i % 11],
         "description": "A partner organisation.", "verified": True, "verified_at": now, "created_at": now}
        for i in range(1, SIZES["organisations"] + 1)
    ]
    chunked_insert(Organisation.__table__, orgs)
    # Users 12..211 are partners: five per organisation (the first one its owner).
    memberships = [
        {"user_id": 12 + n, "organisation_id": n // 5 + 1, "role": "owner" if n % 5 == 0 else "member",
         "status": "active", "created_at": now, "decided_at": now}
        for n in range(SIZES["organisations"] * 5)
    ]
    chunked_insert(Membership.__table__, memberships)

    projects, events, themes = [], [], []
    stages, weights = zip(*STAGE_WEIGHTS.items(), strict=True)
    for pid in range(1, SIZES["projects"] + 1):
        org_id = rng.randint(1, SIZES["organisations"])
        owner_id = 12 + (org_id - 1) * 5
        stage = Stage.ACTIVE if pid == 1 else rng.choices(stages, weights)[0]
        language = rng.choice(["en", "fr", "es"])
        created = now - timedelta(days=rng.randint(30, 900), minutes=pid)
        title = f"{sentence(rng, language, 4)} {pid}"
        description = " ".join(sentence(rng, language, 12) + "." for _ in range(6))
        projects.append({
            "id": pid, "organisation_id": org_id, "created_by_id": owner_id, "title": title,
            "summary": sentence(rng, language, 14), "description": description,
            "description_html": f"<p>{description}</p>", "country_code": orgs[org_id - 1]["country_code"],
            "language": language, "target_groups": [], "girls_focused": rng.random() < 0.3,
            "girls_6_11": rng.randint(0, 300), "boys_6_11": rng.randint(0, 300),
            "stage": stage.value, "stage_changed_at": created + timedelta(days=20), "version": 1,
            "created_at": created, "updated_at": created,
        })
        events.append({"project_id": pid, "actor_id": owner_id, "created_at": created, "from_stage": None,
                       "to_stage": Stage.DRAFT.value, "note": ""})
        previous = Stage.DRAFT
        for step, target in enumerate(PATH_TO[stage], start=1):
            events.append({"project_id": pid, "actor_id": owner_id, "created_at": created + timedelta(days=step),
                           "from_stage": previous.value, "to_stage": target.value, "note": ""})
            previous = target
        for key in rng.sample(theme_keys, rng.randint(1, 3)):
            themes.append({"project_id": pid, "theme_key": key})
    chunked_insert(Project.__table__, projects)
    chunked_insert(ProjectEvent.__table__, events)
    chunked_insert(project_themes, themes)

    public = [p["id"] for p in projects if p["stage"] not in ("draft", "rejected", "withdrawn")]
    community = range(212, SIZES["users"] + 1)
    comments = []
    for n in range(SIZES["comments"]):
        project_id = 1 if n < BIG_PROJECT_COMMENTS else rng.choice(public)
        body = sentence(rng, projects[project_id - 1]["language"], rng.randint(8, 30)) + "."
        comments.append({"project_id": project_id, "author_id": rng.choice(community), "depth": 1, "body": body,
                          "body_html": f"<p>{body}</p>", "status": "published", "moderation_reason": "",
                          "flag_count": 0, "created_at": now - timedelta(minutes=SIZES["comments"] - n)})
    chunked_insert(Comment.__table__, comments)

    pairs = {(rng.choice(community), rng.choice(public)) for _ in range(40_000)}
    chunked_insert(Support.__table__, [{"user_id": u, "project_id": p, "created_at": now} for u, p in pairs])
    chunked_insert(Follow.__table__, [{"user_id": u, "project_id": p, "created_at": now}
                                      for u, p in list(pairs)[:15_000]])

    in_need = [p["id"] for p in projects if p["stage"] in {s.value for s in NEED_STAGES}]
    needs = []
    for nid in range(1, SIZES["needs"] + 1):
        kind = rng.choice(["funding", "volunteer_time", "expertise", "materials", "venue", "other"])
        unit = {"funding": rng.choice(["XOF", "EUR", "COP", "MAD"]), "volunteer_time": "hours"}.get(kind, "items")
        needs.append({"id": nid, "project_id": 1 if nid <= 5 else rng.choice(in_need), "kind": kind,
                      "title": f"Need {nid}", "description": "", "quantity": Decimal(rng.randint(10, 5000)),
                      "unit": unit, "required": rng.random() < 0.6, "status": "open", "created_at": now,
                      "updated_at": now})
    chunked_insert(Need.__table__, needs)
    statuses = ["pledged", "accepted", "fulfilled", "declined", "withdrawn"]
    pledges = []
    for n in range(SIZES["pledges"]):
        need = needs[rng.randrange(len(needs))]
        pledges.append({"need_id": need["id"], "project_id": need["project_id"], "pledger_id": rng.choice(community),
                        "quantity": Decimal(rng.randint(1, 50)), "message": "", "status": rng.choice(statuses),
                        "submission_key": f"bench-{n}", "created_at": now, "updated_at": now})
    chunked_insert(Pledge.__table__, pledges)
    db.session.commit()
    _reset_sequences()
    return {"users": len(users), "organisations": len(orgs), "projects": len(projects), "events": len(events),
            "comments": len(comments), "supports": len(pairs), "needs": len(needs), "pledges": len(pledges)}


def _reset_sequences() -> None:
    """PostgreSQL: explicit ids leave the sequences behind; move them past the rows."""
    if db.engine.url.get_backend_name() != "postgresql":
        return
    with db.engine.begin() as conn:
        for table in ("users", "organisations", "projects", "needs"):
            conn.exec_driver_sql(  # the table names come from the fixed tuple above
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # nosec B608
            )


def main() -> None:
    from flask_migrate import upgrade

    from app import create_app

    app = create_app()
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        counts = seed()
        seconds = time.perf_counter() - started
        if db.engine.url.get_backend_name() == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        else:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
    print(f"seeded in {seconds:.1f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()), file=sys.stderr)
    print(f"{seconds:.3f}")


if __name__ == "__main__":
    main()
