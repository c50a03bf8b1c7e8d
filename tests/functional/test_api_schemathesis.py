"""Schemathesis against the API's own OpenAPI document, in process, on seeded data.

Every documented operation is called with generated requests (valid ones and invalid ones), by an
anonymous caller and by token holders (a community member, a partner, a reviewer, an admin, and a
token that does not exist). Each answer must not be a 5xx, must have a documented status and content
type, and must match the documented schema and headers.

The seeded data is made once for the module, in a transaction rolled back when the module ends
(tests/conftest.py); each test (one operation, one kind of caller) runs in a SAVEPOINT of it, so what
its generated requests write disappears afterwards. The runs are derandomized (the same
examples every time), bounded by MAX_EXAMPLES per operation, and keep no example database.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from app import create_app
from app.api.spec import document
from app.core.extensions import db, limiter
from app.projects.models import Project, Stage
from app.resources import needs as need_service
from app.resources import offers as offer_service
from app.resources import pledges as pledge_service
from config import TestingConfig
from tests.support import voice as voice_support
from tests.support.api import bearer, project_at
from tests.support.comments import HELD_NAME_AGE, add_comment
from tests.support.projects import load

MAX_EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
# Schemathesis asks for gzip like any HTTP client, but its in-process (WSGI) transport does not decode
# what Flask-Compress sends: ask for the plain body.
IDENTITY = {"Accept-Encoding": "identity"}
# Hypothesis tries the first choices most: the most useful stage and roles first.
SEEDED_STAGES = (Stage.ACTIVE, Stage.SUBMITTED, Stage.DRAFT, Stage.INCUBATING, Stage.COMPLETION_REVIEW,
                 Stage.REJECTED)
ROLES = ("owner", "reviewer", "community", "admin", "unknown")




def operations() -> list[tuple[str, str]]:
    """Every documented operation (the document is made from an app's routes: a scratch one, unused)."""
    with create_app(TestingConfig, SQLALCHEMY_DATABASE_URI="sqlite://").app_context():
        return [(method.upper(), path) for path, item in document()["paths"].items() for method in item]


OPERATIONS = operations()


@pytest.fixture(scope="module")
def api_schema(app):
    config = schemathesis.Config.from_dict(
        {"generation": {"deterministic": True, "database": "none", "with-security-parameters": False}}
    )
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config)


@pytest.fixture(scope="module")
def seeded(app, world):
    """Projects in several stages, a discussion (with a reply and a held comment), resources (needs,
    pledges, an offer) and tokens: made once for the module (tests/conftest.py `shared_database`)."""
    projects = {stage: project_at(app, world, stage) for stage in SEEDED_STAGES}
    active = projects[Stage.ACTIVE]
    first = add_comment(app, active, world.community)
    reply = add_comment(app, active, world.member, parent_id=first)
    held = add_comment(app, active, world.member, body=HELD_NAME_AGE)
    headers = {role: bearer(app, getattr(world, role)) for role in ROLES if role != "unknown"}
    headers["unknown"] = {"Authorization": "Bearer sl_" + "x" * 43}
    seeded = {
        "world": world,
        "project_id": list(projects.values()),
        "comment_id": [first, reply, held],
        "organisation": [world.org.slug, world.other_org.slug],
        "headers": headers,
    }
    seed_resources(app, seeded)
    return seeded


def seed_resources(app, seeded) -> None:
    """Needs (funding, volunteer time) on the active project, a pledge waiting and an accepted one, an
    offer in the pool, a consultation with children waiting for its answer back."""
    world, project_id = seeded["world"], seeded["project_id"][0]
    with app.app_context():
        project, owner, community = db.session.get(Project, project_id), load(world.owner.id), load(world.community.id)
        money = need_service.add_need(project, owner, kind="funding", title="School kits", quantity=Decimal(500000),
                                      unit="XOF")
        hours = need_service.add_need(project, owner, kind="volunteer_time", title="Reading tutors",
                                      quantity=Decimal(40), unit="hours")
        waiting, _created = pledge_service.make_pledge(money, project, community, quantity=Decimal(100000))
        accepted, _created = pledge_service.make_pledge(hours, project, community, quantity=Decimal(10))
        pledge_service.set_pledge_status(accepted, project, owner, "accepted")
        offer_service.make_offer(community, kind="materials", title="Story books", quantity=Decimal(200), unit="books",
                                 countries=["SN"], expires_on=date.today() + timedelta(days=30))
        consultation = voice_support.record(project, owner)
        db.session.commit()
        seeded["need_id"], seeded["pledge_id"] = [money.id, hours.id], [waiting.id, accepted.id]
        seeded["consultation_id"] = [consultation.id]


def steer(app, case, seeded, data) -> None:
    """Point most requests at seeded objects (random ids are almost always 404), and send a PATCH the
    project's current version most of the time, so that the paths behind the checks run too."""
    for name in ("project_id", "comment_id", "need_id", "pledge_id", "consultation_id"):
        if case.path_parameters and name in case.path_parameters and seeded.get(name):
            case.path_parameters[name] = data.draw(
                st.sampled_from([*seeded[name], case.path_parameters[name]]), label=name
            )
    body = case.body if isinstance(case.body, dict) else None
    if body is not None and isinstance(body.get("organisation"), str):
        body["organisation"] = data.draw(st.sampled_from([*seeded["organisation"], body["organisation"]]))
    project_id = (case.path_parameters or {}).get("project_id")
    if body is not None and case.method == "PATCH" and project_id in seeded["project_id"]:
        if not data.draw(st.booleans(), label="keep the version"):
            with app.app_context():
                body["version"] = db.session.scalar(select(Project.version).where(Project.id == project_id))


def run(app, api_schema, seeded, method: str, path: str, roles: tuple[str | None, ...]) -> None:
    """Call the operation with MAX_EXAMPLES valid and MAX_EXAMPLES invalid requests, as one of `roles`."""
    operation = api_schema[path][method]
    cases = st.one_of(operation.as_strategy(mode) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE))

    @settings(max_examples=2 * MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=(Phase.explicit, Phase.generate, Phase.shrink))
    @given(case=cases, data=st.data())
    def check(case, data):
        steer(app, case, seeded, data)
        role = data.draw(st.sampled_from(roles), label="role")
        limiter.reset()  # the posting limit (429, documented) would otherwise stop most comment posts
        headers = {**IDENTITY, **seeded["headers"].get(role, {})}
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_anonymous_callers(app, api_schema, seeded, method, path):
    run(app, api_schema, seeded, method, path, roles=(None,))


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_token_holders(app, api_schema, seeded, method, path):
    run(app, api_schema, seeded, method, path, roles=ROLES)
