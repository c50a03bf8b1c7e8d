"""The authorization table: every route of the URL map, the answer each role should get, and the world
it is tried in (tests/functional/test_authorization_matrix.py; test_attack_surface.py tries the same
routes for headers, caching and rate limits).

The world: an active project of a Senegalese organisation, with a comment, an update, a milestone,
an attachment, a need with a pledge, an offer in the pool and a consultation with children. The roles:
an anonymous visitor, a community member, a partner of another organisation, a reviewer of another
region, a reviewer of the project's region, a partner of the project's organisation, an admin.

Outcomes: "ok" (the action is allowed: any answer but a refusal — a form with errors counts), "login"
(sent to log in, or 401 from the API), "no" (403 or 404). A 5xx is always a failure. A route missing
from the table fails the test: a new route needs its line.
"""

import io
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from flask import url_for
from PIL import Image
from sqlalchemy import select
from werkzeug.routing import Map

from app.accounts import tokens
from app.accounts.models import User
from app.community import updates
from app.community.models import Notification
from app.community.notifications import COMMENT
from app.core.columns import utcnow
from app.core.extensions import db, limiter
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from app.projects import covers, uploads
from app.projects.models import Project, Stage
from app.results.models import Indicator
from tests.conftest import get_csrf
from tests.support import resources as resource_support
from tests.support import voice as voice_support
from tests.support.comments import add_comment
from tests.support.projects import advance, load, new_project
from tests.support.web import text

ROLES = ("anonymous", "community", "other_partner", "far_reviewer", "reviewer", "partner", "admin")
ANON, COMMUNITY, OTHER, FAR, REVIEWER, PARTNER, ADMIN = ROLES


def everyone():
    return dict.fromkeys(ROLES, "ok")


def signed_in():
    return {role: "login" if role == ANON else "ok" for role in ROLES}


def only(*allowed):
    return {role: "login" if role == ANON else ("ok" if role in allowed else "no") for role in ROLES}


def private(*allowed):
    """Only `allowed` may see it; to everyone else, anonymous visitors included, it does not exist (404)."""
    return {role: "ok" if role in allowed else "no" for role in ROLES}


REVIEWERS = (REVIEWER, ADMIN)
SIGNED = (COMMUNITY, OTHER, FAR, REVIEWER, PARTNER, ADMIN)

# endpoint -> role -> outcome. The project is public (active); the comment is the community member's;
# the token, the notification are the community member's; the membership is the partner's.
EXPECTED = {
    "static": everyone(),
    "main.home": everyone(),
    "main.set_language": everyone(),
    "main.map_land": everyone(),
    "health.healthz": everyone(),
    "health.readyz": everyone(),
    # Accounts
    "auth.register": everyone(),
    "auth.login": everyone(),
    "auth.logout": everyone(),
    "auth.verify_email": everyone(),
    "auth.resend_verification": signed_in(),
    "auth.forgot_password": everyone(),
    "auth.reset_password": everyone(),
    "auth.account": signed_in(),
    "auth.change_password": signed_in(),
    "auth.update_settings": signed_in(),
    "auth.create_token": signed_in(),
    "auth.revoke_token": only(COMMUNITY),
    "auth.sign_out_everywhere": signed_in(),
    # Organisations
    "organisations.directory": everyone(),
    "organisations.show": everyone(),
    "organisations.create": signed_in(),
    "organisations.edit": only(PARTNER, ADMIN),
    # A member asking again is told so on the organisation's page (a resent form), not refused.
    "organisations.request_join": only(COMMUNITY, OTHER, FAR, REVIEWER, PARTNER, ADMIN),
    "organisations.decide_membership": only(PARTNER, ADMIN),
    # Admin
    "admin.users": only(ADMIN),
    "admin.edit_user": only(ADMIN),
    "admin.organisations": only(ADMIN),
    "admin.verify_organisation": only(ADMIN),
    "admin.decide_organisation_change": only(ADMIN),
    "admin.settings": only(ADMIN),
    "admin.failed_jobs": only(ADMIN),
    "admin.retry_job": only(ADMIN),
    # Projects
    "projects.index": everyone(),
    "projects.mine": signed_in(),
    "lab.home": signed_in(),
    "projects.new": only(OTHER, PARTNER),  # partners of a verified organisation
    "projects.show": everyone(),
    "projects.edit": only(PARTNER),
    "projects.transition": only(PARTNER),  # withdrawing: the partners' move
    "projects.assessment": only(PARTNER, REVIEWER, ADMIN),
    "projects.upload": only(PARTNER),
    "projects.download": everyone(),
    "projects.cover": only(PARTNER),
    "projects.set_cover": only(PARTNER),
    "projects.remove_cover": only(PARTNER),
    "projects.cover_image": everyone(),
    # Review
    "review.queue": only(FAR, REVIEWER, ADMIN),
    "review.show": only(REVIEWER, ADMIN),
    "review.validate": only(REVIEWER, ADMIN),
    "review.decide": only(REVIEWER, ADMIN),
    "review.add_note": only(REVIEWER, ADMIN),
    # Community
    "community.post_comment": signed_in(),
    "community.edit_comment": only(COMMUNITY),
    "community.delete_comment": only(COMMUNITY),
    "community.flag_comment": only(OTHER, FAR, REVIEWER, PARTNER, ADMIN),
    "community.report_form": only(OTHER, FAR, REVIEWER, PARTNER, ADMIN),  # the page the "Report" link opens
    "community.confirm_delete": only(COMMUNITY),
    "community.moderation_form": only(REVIEWER, ADMIN),
    "community.moderation_queue": only(FAR, REVIEWER, ADMIN),
    "community.moderate_comment": only(REVIEWER, ADMIN),
    "community.held_updates": only(FAR, REVIEWER, ADMIN),
    "community.support": signed_in(),
    "community.unsupport": signed_in(),
    "community.follow": signed_in(),
    "community.unfollow": signed_in(),
    "community.notifications": signed_in(),
    "community.open_notification": only(COMMUNITY),
    "community.mark_notifications_read": signed_in(),
    "community.project_updates": everyone(),
    "community.show_update": everyone(),
    "community.new_update": only(PARTNER),
    "community.edit_update": only(PARTNER),
    "community.moderate_update": only(REVIEWER, ADMIN),
    "community.milestones": only(PARTNER),  # the partners' page for keeping them; the project page shows them
    "community.add_milestone": only(PARTNER),
    "community.edit_milestone": only(PARTNER),
    "community.complete_milestone": only(PARTNER),
    "community.delete_milestone": only(PARTNER),
    # API (a token stands for the account; "login" is 401)
    "api.list_projects": everyone(),
    "api.get_project": everyone(),
    "api.create_project": signed_in(),
    "api.edit_project": only(PARTNER),
    "api.list_assessments": private(PARTNER, REVIEWER, ADMIN),
    "api.save_assessment": only(PARTNER),
    "api.review_assessment": only(REVIEWER, ADMIN),
    "api.make_transition": only(PARTNER),
    "api.list_events": everyone(),
    "api.list_comments": everyone(),
    "api.create_comment": signed_in(),
    "api.flag_comment": only(OTHER, FAR, REVIEWER, PARTNER, ADMIN),  # not one's own comment
    "api.list_organisations": everyone(),
    "api.openapi_document": everyone(),
    "api.docs": everyone(),
    "api.docs_asset": everyone(),
    # Dashboards and exports
    "reports.stats_page": everyone(),
    "reports.stats_csv": everyone(),
    "reports.review_stats": only(FAR, REVIEWER, ADMIN),
    **{f"reports.export_{name}": only(FAR, REVIEWER, ADMIN)
       for name in ("projects", "assessments", "needs", "pledges", "comments", "consultations")},
    "api.get_stats": everyone(),
    # Resource pooling: the need is the partner's, the pledge, the offer and its request the community member's
    "resources.needs": everyone(),
    "resources.add_need": only(PARTNER),
    "resources.edit_need": only(PARTNER),
    "resources.close_need": only(PARTNER),
    "resources.ask_offer": only(PARTNER),
    "resources.pledge": only(COMMUNITY, OTHER, FAR, REVIEWER, ADMIN),  # never the project's own partners
    "resources.set_pledge_status": only(PARTNER),  # accepting: the partners' move
    "resources.my_pledges": signed_in(),
    "resources.offers": everyone(),
    "resources.new_offer": signed_in(),
    "resources.my_offers": signed_in(),
    "resources.withdraw_offer": only(COMMUNITY),
    "resources.answer_request": only(COMMUNITY),
    "results.show": everyone(),
    "reports.results_stats": everyone(),
    "results.add_indicator": only(PARTNER),
    "results.edit_indicator": only(PARTNER),
    "results.add_measurement": only(PARTNER),
    "api.list_needs": everyone(),
    "api.get_need": everyone(),
    "api.create_need": only(PARTNER),
    "api.edit_need": only(PARTNER),
    "api.close_need": only(PARTNER),
    "api.create_pledge": only(COMMUNITY, OTHER, FAR, REVIEWER, ADMIN),
    "api.get_pledge": private(COMMUNITY, PARTNER, ADMIN),
    "api.set_pledge_status": only(PARTNER),
    "api.list_offers": everyone(),
    "api.create_offer": signed_in(),
    # Consultations with children: recorded by the partner, seen by everyone as figures and words
    "voice.consultations": everyone(),
    "voice.record_consultation": only(PARTNER),
    "voice.edit_consultation": only(PARTNER),
    "voice.answer_back": only(PARTNER),
    "api.list_consultations": everyone(),
    "api.get_consultation": everyone(),
    "api.create_consultation": only(PARTNER),
    "api.answer_consultation": only(PARTNER),
    "api.list_indicators": everyone(),
    "api.create_indicator": only(PARTNER),
    "api.create_measurement": only(PARTNER),
}


# What a POST sends, where an empty form would stop at its validation before the permission is judged.
PAYLOADS = {
    "projects.transition": lambda v: {"to": "withdrawn", "note": "The partner stops here.", "version": v["version"]},
    "api.make_transition": lambda v: {"to": "withdrawn", "note": "The partner stops here."},
    "api.flag_comment": lambda v: {"reason": "It is insulting."},
    "community.flag_comment": lambda v: {"reason": "It is insulting."},
    "api.create_comment": lambda v: {"body": "Which schools take part?"},
    "community.post_comment": lambda v: {"body": "Which schools take part?"},
    "resources.set_pledge_status": lambda v: {"status": "accepted"},
    "projects.set_cover": lambda v: {"image": v["attachment_id"], "alt": "A white square"},
    "resources.answer_request": lambda v: {"answer": "decline"},
    "api.create_need": lambda v: {"kind": "materials", "title": "Story books", "quantity": 40, "unit": "books"},
    "api.edit_need": lambda v: {"title": "Story books"},
    "api.create_pledge": lambda v: {"quantity": 5000},
    "api.set_pledge_status": lambda v: {"status": "accepted"},
    "voice.record_consultation": lambda v: consultation_form(),
    "voice.edit_consultation": lambda v: consultation_form(),
    "voice.answer_back": lambda v: {"answer_back": "The club now meets after school, as the children asked."},
    "api.create_consultation": lambda v: {
        "held_on": (date.today() - timedelta(days=3)).isoformat(), "setting": "school", "method": "drawing",
        "participants": {"girls_6_11": 8}, "consent_confirmed": True, "summary": "They want a brighter room."},
    "api.answer_consultation": lambda v: {"answer_back": "The room now has new lights, as the children asked."},
    "api.create_indicator": lambda v: {"name": "Girls in school", "unit": "girls", "baseline": 1, "target": 9},
    "api.create_measurement": lambda v: {"measured_on": date.today().isoformat(), "values": {"total": 3},
                                         "source": "Register"},
    "api.create_offer": lambda v: {"kind": "materials", "title": "Story books", "quantity": 40, "unit": "books",
                                   "countries": ["SN"], "expires_on": (date.today() + timedelta(days=30)).isoformat()},
}


def consultation_form() -> dict:
    return {"held_on": (date.today() - timedelta(days=3)).isoformat(), "setting": "school",
            "method": "group_discussion", "girls_6_11": "8", "boys_6_11": "6", "consent_confirmed": "y",
            "summary": "The children want the club to meet after school."}


def matrix_world(app, make_user, make_org):
    """The world of the table (see the module's docstring): the people, their API tokens, and the values
    of every URL argument."""
    community = make_user(name="Carla Community")
    other = make_user(name="Omar Other")
    far = make_user(name="Luis Reviewer", role="reviewer", regions=("latin_america",))
    reviewer = make_user(name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    partner = make_user(name="Awa Partner")
    member = make_user(name="Moussa Member")
    admin = make_user(name="Ada Admin", role="admin")
    org = make_org(country="SN", members=[(partner, "owner")])
    make_org(country="SN", members=[(other, "owner")])
    with app.test_request_context():
        project = new_project(org.id, partner.id)
        advance(project, Stage.ACTIVE, load(partner.id), load(reviewer.id))
        db.session.add(Membership(user_id=member.id, organisation_id=org.id, role=MembershipRole.MEMBER,
                                  status=MembershipStatus.PENDING))
        post, _ = updates.post_update(project, load(partner.id), "News from the clubs", "Twelve clubs now meet.")
        milestone = updates.add_milestone(project, load(partner.id), "Clubs open", utcnow().date())
        image = io.BytesIO()
        Image.new("RGB", (4, 4), "white").save(image, "PNG")
        image.seek(0)
        attachment = uploads.store_attachment(project, load(partner.id), image, "photo.png", consent=True)
        cover = covers.set_cover(project, load(partner.id), "A white square", attachment=attachment)
        token = tokens.create_token(load(community.id), "matrix")
        db.session.commit()
        ids = SimpleNamespace(project=project.id, update=post.id, milestone=milestone.id,
                              attachment=attachment.id, org=org.id, slug=org.slug, member_id=member.id,
                              cover=(cover.stem, cover.width))
        membership_id = db.session.scalar(select(Membership.id).where(Membership.user_id == member.id))
        token_id = load(community.id).tokens[-1].id
    comment_id = add_comment(app, ids.project, community, "How many girls take part?")
    with app.app_context():
        note = Notification(user_id=community.id, kind=COMMENT, project_id=ids.project, comment_id=comment_id,
                            data={"title": "T", "excerpt": "E"})
        db.session.add(note)
        db.session.commit()
        notification_id = note.id
        project_version = db.session.get(Project, ids.project).version
        org_row = db.session.get(Organisation, ids.org)
        org_row.verified = True
        db.session.commit()
    need_id = resource_support.add_need(app, ids.project, partner, quantity=Decimal(1000))
    with app.app_context():  # advance() recorded the active initiative's results
        indicator_id = db.session.scalar(select(Indicator.id).where(Indicator.project_id == ids.project))
    pledge_id = resource_support.pledge(app, need_id, community, quantity=Decimal(10))
    offer_id = resource_support.add_offer(app, community, kind="funding", title="A small grant", unit="XOF",
                                          quantity=Decimal(100))
    request_id = resource_support.ask(app, offer_id, need_id, partner)
    with app.app_context():
        consultation_id = voice_support.record(db.session.get(Project, ids.project), load(partner.id)).id
        db.session.commit()
    people = dict(community=community, other_partner=other, far_reviewer=far, reviewer=reviewer, partner=partner,
                  admin=admin)
    api_tokens = {}
    with app.app_context():
        for role, person in people.items():
            api_tokens[role] = token if role == COMMUNITY else tokens.create_token(load(person.id), "matrix")
        db.session.commit()
    values = {
        "id": ids.project, "project_id": ids.project, "comment_id": comment_id, "update_id": ids.update,
        "milestone_id": ids.milestone, "attachment_id": ids.attachment, "org_id": ids.org, "slug": ids.slug,
        "membership_id": membership_id, "user_id": community.id, "token_id": token_id,
        "notification_id": notification_id, "phase": "design", "phase_key": "design", "token": "not-a-real-token",
        "filename": "css/site.css", "version": project_version, "need_id": need_id, "pledge_id": pledge_id,
        "offer_id": offer_id, "request_id": request_id, "name": "swagger-ui.css", "key": "africa",
        "stem": ids.cover[0], "width": ids.cover[1], "consultation_id": consultation_id,
        "indicator_id": indicator_id,
    }
    return SimpleNamespace(people=people, tokens=api_tokens, values=values)


def rules_of(app):
    url_map: Map = app.url_map
    return sorted(url_map.iter_rules(), key=lambda r: r.endpoint)


def outcome(response) -> str:
    status = response.status_code
    assert status < 500, f"{status} server error"
    location = response.headers.get("Location", "")
    if status == 401 or (status in (301, 302, 303) and "/login" in location.split("?")[0]):
        return "login"
    if status in (403, 404):
        return "no"
    return "ok"


def call(app, rule, role, world):
    client = app.test_client()
    headers = {}
    if role != ANON:
        person = world.people[role]
        if rule.endpoint.startswith("api."):
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        else:
            with app.app_context():
                session_token = db.session.get(User, person.id).session_token
            with client.session_transaction() as session:
                session["_user_id"] = session_token
                session["_fresh"] = True
    url = build(app, rule, world.values)
    methods = rule.methods - {"HEAD", "OPTIONS"}
    if "GET" in methods:
        return client.get(url, headers=headers)
    method = sorted(methods)[0]
    payload = PAYLOADS.get(rule.endpoint, lambda v: {})(world.values)
    if rule.endpoint.startswith("api."):
        return client.open(url, method=method, json=payload, headers=headers)
    token = get_csrf(client, "/login") if role == ANON else get_csrf(client, "/account")
    return client.open(url, method=method, data={"csrf_token": token, **payload}, headers=headers)


def build(app, rule, values):
    with app.test_request_context():
        arguments = {name: values[name] for name in rule.arguments}
        return url_for(rule.endpoint, **arguments)


def each_answer(app, world, role):
    """(rule, response) for every route of the URL map called as `role` (the matrix's call: GET when
    the route has it, else its write with a valid payload), each in a savepoint rolled back after."""
    limiter.enabled = False
    try:
        for rule in rules_of(app):
            with app.app_context():
                # The test's connection itself (not a session's): each call starts from the same world.
                savepoint = db.session.get_bind().begin_nested()
            try:
                response = call(app, rule, role, world)
                try:
                    yield rule, response
                finally:
                    response.close()
            finally:
                with app.app_context():
                    savepoint.rollback()
                    db.session.expire_all()
    finally:
        limiter.enabled = True


def mismatches(app, world, role) -> dict[str, str]:
    """endpoint -> what went wrong, for every route called as `role`."""
    found = {}
    for rule, response in each_answer(app, world, role):
        if rule.endpoint in EXPECTED:
            found[rule.endpoint] = (outcome(response), response.status_code)
    return {endpoint: f"expected {EXPECTED[endpoint][role]}, got {got} ({status})"
            for endpoint, (got, status) in found.items() if got != EXPECTED[endpoint][role]}


# Calling the routes as a role, for the tests of headers, caching and budgets -------------------------

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def signed_in(app, user_id: int, client=None):
    """A client whose session holds the person's session token (as a log-in leaves it)."""
    client = client or app.test_client()
    with app.app_context():
        session_token = db.session.get(User, user_id).session_token
    with client.session_transaction() as session:
        session["_user_id"] = session_token
        session["_fresh"] = True
    return client


def new_token(app, user_id: int) -> dict:
    with app.app_context():
        raw = tokens.create_token(db.session.get(User, user_id), "attack surface")
        db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def assert_too_many_page(response):
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert "Too many attempts in a short time." in text(response)
    assert int(response.headers["Retry-After"]) > 0


def allowed_role(endpoint: str) -> str:
    return next(role for role in (ANON, COMMUNITY, PARTNER, ADMIN, OTHER, REVIEWER, FAR)
                if EXPECTED[endpoint][role] == "ok")


def send_write(app, rule, role, world):
    """The route's write (POST, PUT, PATCH or DELETE) with a valid payload, as `role`."""
    client = app.test_client() if role == ANON else signed_in(app, world.people[role].id)
    method = sorted(rule.methods & WRITES)[0]
    payload = PAYLOADS.get(rule.endpoint, lambda v: {})(world.values)
    url = build(app, rule, world.values)
    if rule.endpoint.startswith("api."):
        headers = {} if role == ANON else {"Authorization": f"Bearer {world.tokens[role]}"}
        return client.open(url, method=method, json=payload, headers=headers)
    return client.open(url, method=method, data={"csrf_token": get_csrf(client, "/login"), **payload})
