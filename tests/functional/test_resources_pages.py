"""The needs of a project on the web: the project page's section, the needs page, pledging, the
partners' decisions and "My pledges".

Who sees what: everyone who may view the project sees the needs and their progress; the project's
partners and admins also see who pledged and their messages; only the partners decide.
"""

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.extensions import db, limiter
from app.projects.models import Stage
from app.resources.models import Need, Pledge, PledgeStatus
from tests.conftest import get_csrf
from tests.support.people import shared_makers
from tests.support.queries import page_queries
from tests.support.resources import add_need, pledge, pledge_at, project_at, resource_people, stored
from tests.support.web import text

SECRET = "Call me on 77 000 00 00 before Friday."


@pytest.fixture(scope="module")
def people(app, shared_database):
    return resource_people(*shared_makers(app))


@pytest.fixture(scope="module")
def project_id(app, people):
    return project_at(app, people, Stage.INCUBATING)


def signed_in(app, login_as, person):
    client = app.test_client()
    if person is not None:
        login_as(person, client)
    return client


def post(client, url, data=None, **kwargs):
    return client.post(url, data={"csrf_token": get_csrf(client), **(data or {})}, **kwargs)


def needs_url(project_id: int) -> str:
    return f"/projects/{project_id}/needs"


def pledge_url(project_id: int, need_id: int) -> str:
    return f"/projects/{project_id}/needs/{need_id}/pledge"


def pledge_form(client, project_id: int, need_id: int) -> dict:
    """The pledge form's hidden submission key, as drawn for this person."""
    html = client.get(pledge_url(project_id, need_id)).get_data(as_text=True)
    key = re.search(rf'name="need{need_id}-submission_key" type="hidden" value="([^"]+)"', html)
    assert key, "no submission key on the pledge form"
    return {f"need{need_id}-submission_key": key.group(1)}


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def progress_of(html: str, need_id: int) -> tuple[str, str]:
    """(value, max) of the need's <progress> element."""
    found = re.search(rf'<progress id="need-progress-{need_id}" max="([^"]+)" value="([^"]+)"', html)
    assert found, f"no progress bar for need {need_id}"
    return found.group(2), found.group(1)


# Who sees what ------------------------------------------------------------------------------------

ROLES = ("anonymous", "other", "outsider", "reviewer", "admin", "partner", "member", "pledger")


@pytest.mark.parametrize("role", ROLES)
def test_the_needs_page_shows_progress_to_all_and_pledgers_to_partners_and_admins(app, login_as, people, project_id,
                                                                                  role):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                       unit="hours")
    pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(120), message=SECRET)
    client = signed_in(app, login_as, None if role == "anonymous" else getattr(people, role))
    response = client.get(needs_url(project_id))
    assert response.status_code == 200
    page = text(response)
    html = response.get_data(as_text=True)
    assert "Trainers" in page and "Volunteer time" in page and "Required" in page and "Open" in page
    assert "120 of 200 hours committed, 0 fulfilled" in page
    assert progress_of(html, need_id) == ("120", "200")
    assert "processes no payments" in page
    sees_pledgers = role in ("admin", "partner", "member")
    assert ("Paula Pledger" in page) is sees_pledgers
    assert (SECRET in page) is sees_pledgers
    decides = role in ("partner", "member")
    assert ("Mark fulfilled" in page) is decides
    assert ("Add a need" in page) is decides
    may_pledge = role in ("other", "outsider", "reviewer", "admin", "pledger")
    assert (f'action="/projects/{project_id}/needs/{need_id}/pledge"' in html) is may_pledge
    assert ("Log in to pledge to this need." in page) is (role == "anonymous")


def test_an_unconfirmed_address_is_told_to_confirm_it_and_its_pledge_refused(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.unverified)
    assert "Confirm your e-mail address to pledge" in text(client.get(needs_url(project_id)))
    response = post(client, pledge_url(project_id, need_id), {f"need{need_id}-quantity": "1000"})
    assert response.status_code == 403
    assert "Confirm your e-mail address to pledge" in text(response)
    assert count(app, Pledge) == 0


def test_anonymous_visitors_who_try_to_pledge_are_sent_to_log_in(app, client, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    link = f'href="/login?next=/projects/{project_id}/needs/{need_id}/pledge"'
    assert link in client.get(needs_url(project_id)).get_data(as_text=True)
    assert link in client.get(f"/projects/{project_id}").get_data(as_text=True)
    response = client.get(pledge_url(project_id, need_id))
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"] and "pledge" in response.headers["Location"]
    response = post(client, pledge_url(project_id, need_id), {f"need{need_id}-quantity": "1000"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert count(app, Pledge) == 0
    # Logging in from the link leads to the pledge form.
    token = get_csrf(client, "/login")
    response = client.post(f"/login?next=/projects/{project_id}/needs/{need_id}/pledge",
                           data={"email": people.other.email, "password": people.other.password, "csrf_token": token})
    assert response.headers["Location"].endswith(f"/projects/{project_id}/needs/{need_id}/pledge")
    assert "How much you pledge" in text(client.get(response.headers["Location"]))


def test_a_draft_projects_needs_page_is_not_found_for_visitors(app, client, people):
    draft_id = project_at(app, people, Stage.DRAFT)
    assert client.get(needs_url(draft_id)).status_code == 404


def test_members_of_the_projects_organisation_get_no_pledge_form(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.member)
    response = client.get(pledge_url(project_id, need_id))
    assert response.status_code == 403
    assert "change the need instead of pledging" in text(response)


# Pledging -----------------------------------------------------------------------------------------


def test_a_community_member_pledges_and_finds_it_in_my_pledges(app, login_as, people, project_id, outbox):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                       unit="hours")
    client = signed_in(app, login_as, people.other)
    data = {f"need{need_id}-quantity": "12.5", f"need{need_id}-message": "Weekends only.",
            **pledge_form(client, project_id, need_id)}
    response = post(client, pledge_url(project_id, need_id), data, follow_redirects=True)
    assert response.status_code == 200
    page = text(response)
    assert "your pledge of 12.5 hours to “Trainers” is recorded" in page
    assert "My pledges" in page and "Weekends only." in page and "pledged" in page
    with app.app_context():
        made = db.session.scalar(select(Pledge))
        assert (made.quantity, made.status, made.pledger_id) == (Decimal("12.50"), PledgeStatus.PLEDGED,
                                                                 people.other.id)
    # The pledge waits for the partners: it is not yet committed, and the page says it waits.
    page = text(client.get(needs_url(project_id)))
    assert "0 of 200 hours committed" in page and "12.5 hours more pledged, waiting for the partners' answer" in page


def test_a_pledge_on_behalf_of_an_organisation_offers_only_ones_own(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.pledger)
    html = client.get(pledge_url(project_id, need_id)).get_data(as_text=True)
    assert f'<option value="{people.other_org.slug}">{people.other_org.name}</option>' in html
    assert people.org.slug not in re.search(r'<select[^>]*organisation.*?</select>', html, re.S).group(0)
    data = {f"need{need_id}-quantity": "5000", f"need{need_id}-organisation": people.other_org.slug,
            **pledge_form(client, project_id, need_id)}
    assert post(client, pledge_url(project_id, need_id), data).status_code == 302
    data = {f"need{need_id}-quantity": "5000", f"need{need_id}-organisation": people.org.slug,
            **pledge_form(client, project_id, need_id)}
    response = post(client, pledge_url(project_id, need_id), data)
    assert response.status_code == 422
    assert "only on behalf of an organisation you are an active member of" in text(response)
    with app.app_context():
        assert [p.organisation_id for p in db.session.scalars(select(Pledge))] == [people.other_org.id]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter a number, such as 1500 or 12.5."),
        ("0", "Enter a quantity greater than zero."),
        ("-40", "Enter a quantity greater than zero."),
        ("1500.5", "XOF has no decimals: enter a whole number."),
        ("", "Enter a quantity."),
        ("99999999999999", "That is more than the lab can record"),
    ],
)
def test_a_bad_quantity_is_shown_next_to_the_field_with_the_typing_kept(app, login_as, people, project_id, typed,
                                                                        message):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.other)
    data = {f"need{need_id}-quantity": typed, f"need{need_id}-message": "From the parents' association.",
            **pledge_form(client, project_id, need_id)}
    response = post(client, pledge_url(project_id, need_id), data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    field = f"need{need_id}-quantity"
    error = re.search(rf'<p class="error" id="{field}-error">([^<]+)</p>', html)
    assert error and message in error.group(1)
    described = rf'<input aria-describedby="{field}-hint {field}-error" aria-invalid="true"[^>]* id="{field}"'
    assert re.search(described, html)
    assert f'value="{typed}"' in html if typed else f'name="{field}" type="text" value=""' in html
    assert "From the parents&#39; association." in html
    assert count(app, Pledge) == 0


def test_a_double_submit_makes_one_pledge_and_answers_it_calmly(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.other)
    data = {f"need{need_id}-quantity": "25000", **pledge_form(client, project_id, need_id)}
    first = post(client, pledge_url(project_id, need_id), data)
    second = post(client, pledge_url(project_id, need_id), data, follow_redirects=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "This pledge was already recorded: it counts once." in text(second)
    assert count(app, Pledge) == 1
    # A resent form is answered even after the need closed: it made its pledge before.
    with app.app_context():
        made = db.session.scalar(select(Pledge))
    assert first.headers["Location"].endswith(f"/pledges/mine#pledge-{made.id}")


def test_a_form_key_used_for_another_need_is_refused_and_drawn_anew(app, login_as, people, project_id):
    first = add_need(app, project_id, people.partner, title="Kits")
    second = add_need(app, project_id, people.partner, title="Fares")
    client = signed_in(app, login_as, people.other)
    key = pledge_form(client, project_id, first)[f"need{first}-submission_key"]
    assert post(client, pledge_url(project_id, first), {f"need{first}-quantity": "1000",
                                                         f"need{first}-submission_key": key}).status_code == 302
    response = post(client, pledge_url(project_id, second), {f"need{second}-quantity": "2000",
                                                              f"need{second}-submission_key": key})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This form was already used for another need." in text(response) and 'value="2000"' in html
    fresh = re.search(rf'name="need{second}-submission_key" type="hidden" value="([^"]+)"', html).group(1)
    assert fresh and fresh != key
    assert post(client, pledge_url(project_id, second), {f"need{second}-quantity": "2000",
                                                          f"need{second}-submission_key": fresh}).status_code == 302
    assert count(app, Pledge) == 2


def test_each_drawing_of_the_form_makes_its_own_pledge(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.other)
    for _n in range(2):
        data = {f"need{need_id}-quantity": "1000", **pledge_form(client, project_id, need_id)}
        assert post(client, pledge_url(project_id, need_id), data).status_code == 302
    assert count(app, Pledge) == 2


def test_a_pledge_without_the_csrf_token_is_refused(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.other)
    response = client.post(pledge_url(project_id, need_id), data={f"need{need_id}-quantity": "1000"})
    assert response.status_code == 400
    assert count(app, Pledge) == 0


def test_pledging_is_rate_limited_like_comments(app, login_as, people, project_id, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, people.other)
    statuses = []
    for _n in range(3):
        data = {f"need{need_id}-quantity": "1000", **pledge_form(client, project_id, need_id)}
        statuses.append(post(client, pledge_url(project_id, need_id), data).status_code)
    limiter.reset()
    assert statuses == [302, 302, 429]
    assert count(app, Pledge) == 2


# The closed need ----------------------------------------------------------------------------------


def test_a_closed_need_takes_no_pledges_and_says_so(app, login_as, people, project_id, outbox):
    need_id = add_need(app, project_id, people.partner, title="School kits")
    waiting = pledge(app, need_id, people.other, Decimal(1000))
    kept = pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(2000))
    stranger = signed_in(app, login_as, people.outsider)
    stale_form = {f"need{need_id}-quantity": "3000", **pledge_form(stranger, project_id, need_id)}
    partner = signed_in(app, login_as, people.partner)
    response = post(partner, f"/projects/{project_id}/needs/{need_id}/close", follow_redirects=True)
    assert response.status_code == 200
    page = text(response)
    assert "The need “School kits” is closed: it takes no more pledges." in page
    assert "waiting for an answer were closed" in page
    assert stored(app, Need, need_id).status.value == "closed"
    assert stored(app, Pledge, waiting).status == PledgeStatus.CLOSED
    assert stored(app, Pledge, kept).status == PledgeStatus.ACCEPTED
    # Visitors see it closed, with no pledge form; a form drawn before is refused, saying why.
    html = stranger.get(needs_url(project_id)).get_data(as_text=True)
    assert "Closed" in text(stranger.get(needs_url(project_id)))
    assert f'action="/projects/{project_id}/needs/{need_id}/pledge"' not in html
    response = post(stranger, pledge_url(project_id, need_id), stale_form)
    assert response.status_code == 409
    assert "This need is closed: it no longer takes pledges." in text(response)
    # Its partners can no longer edit it; closing it again changes nothing.
    response = partner.get(f"/projects/{project_id}/needs/{need_id}/edit")
    assert "This need is closed: it can no longer be changed." in text(response)
    response = post(partner, f"/projects/{project_id}/needs/{need_id}/edit",
                    {"kind": "funding", "title": "Kits", "quantity": "10", "currency": "XOF"})
    assert response.status_code == 409
    assert "This need was already closed." in text(post(partner, f"/projects/{project_id}/needs/{need_id}/close",
                                                         follow_redirects=True))


def test_only_partners_close_a_need(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    for person in (people.other, people.outsider, people.reviewer, people.admin):
        response = post(signed_in(app, login_as, person), f"/projects/{project_id}/needs/{need_id}/close")
        assert response.status_code == 403
    assert stored(app, Need, need_id).status.value == "open"
    client = signed_in(app, login_as, people.partner)
    assert client.post(f"/projects/{project_id}/needs/{need_id}/close").status_code == 400  # no CSRF token
    assert stored(app, Need, need_id).status.value == "open"


# Decisions on pledges -----------------------------------------------------------------------------


def status_url(pledge_id: int) -> str:
    return f"/pledges/{pledge_id}/status"


def test_the_partner_accepts_and_the_progress_moves(app, login_as, people, project_id, outbox):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                       unit="hours")
    pledge_id = pledge(app, need_id, people.other, Decimal(120))
    client = signed_in(app, login_as, people.partner)
    html = client.get(needs_url(project_id)).get_data(as_text=True)
    assert progress_of(html, need_id) == ("0", "200")
    assert 'name="status" value="accepted"' in html and 'name="status" value="declined"' in html
    response = post(client, status_url(pledge_id), {"status": "accepted", "seen": "pledged", "back": "needs"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/projects/{project_id}/needs#pledge-{pledge_id}")
    response = client.get(needs_url(project_id))
    assert "The pledge is now accepted." in text(response)
    assert "120 of 200 hours committed, 0 fulfilled" in text(response)
    assert progress_of(response.get_data(as_text=True), need_id) == ("120", "200")
    post(client, status_url(pledge_id), {"status": "fulfilled", "seen": "accepted", "back": "needs"})
    assert "120 of 200 hours committed, 120 fulfilled" in text(client.get(needs_url(project_id)))
    assert stored(app, Pledge, pledge_id).status == PledgeStatus.FULFILLED


def test_over_commitment_is_said_in_words(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=100,
                       unit="hours")
    pledge_at(app, need_id, people.other, people.partner, "accepted", quantity=Decimal(80))
    pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(60))
    response = signed_in(app, login_as, None).get(needs_url(project_id))
    assert "140 of 100 hours committed" in text(response)
    assert "Over-committed: 40 hours more than needed is committed." in text(response)
    assert progress_of(response.get_data(as_text=True), need_id) == ("100", "100")


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("other", "accepted", 404),  # a stranger does not see the pledge at all
        ("outsider", "declined", 404),
        ("reviewer", "accepted", 404),
        ("admin", "accepted", 403),  # admins see pledges but do not decide
        ("pledger", "accepted", 403),  # the pledger only withdraws
        ("partner", "withdrawn", 403),  # the partners decline, they do not withdraw
        ("partner", "fulfilled", 409),  # not from pledged
        ("partner", "shredded", 400),  # no such status
    ],
)
def test_status_buttons_refuse_who_may_not_and_moves_that_do_not_exist(app, login_as, people, project_id, role, status,
                                                                       expected):
    need_id = add_need(app, project_id, people.partner)
    pledge_id = pledge(app, need_id, people.pledger, Decimal(1000))
    client = signed_in(app, login_as, getattr(people, role))
    response = post(client, status_url(pledge_id), {"status": status, "back": "needs"})
    assert response.status_code == expected
    if expected == 409:
        assert "A pledge cannot move from 'pledged' to 'fulfilled'." in text(response)
    if role == "admin":
        assert "Only the partners of the initiative's organisation can decide on its pledges." in text(response)
    assert stored(app, Pledge, pledge_id).status == PledgeStatus.PLEDGED


def test_a_status_change_without_the_csrf_token_is_refused(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    pledge_id = pledge(app, need_id, people.pledger, Decimal(1000))
    client = signed_in(app, login_as, people.partner)
    assert client.post(status_url(pledge_id), data={"status": "accepted"}).status_code == 400
    assert stored(app, Pledge, pledge_id).status == PledgeStatus.PLEDGED


def test_a_decision_on_a_pledge_changed_meanwhile_says_so_and_changes_nothing(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    pledge_id = pledge(app, need_id, people.pledger, Decimal(1000))
    # Two partners have the page open; the member accepts first.
    first = signed_in(app, login_as, people.member)
    second = signed_in(app, login_as, people.partner)
    assert 'name="seen" value="pledged"' in second.get(needs_url(project_id)).get_data(as_text=True)
    assert post(first, status_url(pledge_id), {"status": "accepted", "seen": "pledged"}).status_code == 302
    response = post(second, status_url(pledge_id), {"status": "declined", "seen": "pledged", "back": "needs"})
    assert response.status_code == 409
    page = text(response)
    assert "Changed meanwhile" in page
    assert "This pledge changed meanwhile: it is now accepted. Nothing was changed" in page
    assert stored(app, Pledge, pledge_id).status == PledgeStatus.ACCEPTED


def test_the_pledger_withdraws_from_my_pledges(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, title="School kits")
    pledge_id = pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(2000))
    client = signed_in(app, login_as, people.pledger)
    page = client.get("/pledges/mine")
    assert "School kits" in text(page) and "accepted" in text(page)
    assert 'name="status" value="withdrawn"' in page.get_data(as_text=True)
    response = post(client, status_url(pledge_id), {"status": "withdrawn", "seen": "accepted", "back": "mine"})
    assert response.headers["Location"].endswith(f"/pledges/mine#pledge-{pledge_id}")
    page = client.get("/pledges/mine")
    assert "The pledge is now withdrawn." in text(page)
    assert 'name="status" value="withdrawn"' not in page.get_data(as_text=True)
    assert stored(app, Pledge, pledge_id).status == PledgeStatus.WITHDRAWN


def test_my_pledges_shows_only_ones_own_and_needs_an_account(app, client, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner)
    pledge(app, need_id, people.pledger, Decimal(1000), message=SECRET)
    assert client.get("/pledges/mine").status_code == 302
    other = signed_in(app, login_as, people.other)
    page = text(other.get("/pledges/mine"))
    assert "You have made no pledges yet." in page and SECRET not in page
    assert SECRET in text(signed_in(app, login_as, people.pledger).get("/pledges/mine"))


# Adding and changing needs ------------------------------------------------------------------------


def test_partners_add_needs_of_each_kind_and_the_service_picks_the_unit(app, login_as, people, project_id):
    client = signed_in(app, login_as, people.partner)
    form = client.get(f"/projects/{project_id}/needs/new")
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert "Currency (for funding)" in html and "Unit (for other kinds)" in html and "always in hours" in html
    cases = [
        ({"kind": "funding", "title": "Bus fares", "quantity": "150000", "currency": "XOF", "unit": "books",
          "required": "y"}, ("funding", "XOF", Decimal(150000), True)),
        ({"kind": "volunteer_time", "title": "Trainers", "quantity": "40", "currency": "EUR", "unit": "days"},
         ("volunteer_time", "hours", Decimal(40), False)),
        ({"kind": "materials", "title": "Books", "quantity": "300", "currency": "XOF", "unit": "books",
          "required": "y"}, ("materials", "books", Decimal(300), True)),
    ]
    for data, expected in cases:
        response = post(client, f"/projects/{project_id}/needs/new", data)
        assert response.status_code == 302, text(response)
    with app.app_context():
        needs = db.session.scalars(select(Need).order_by(Need.id)).all()
        assert [(n.kind.value, n.unit, n.quantity, n.required) for n in needs] == [e for _d, e in cases]
    page = text(client.get(needs_url(project_id)))
    assert "Optional" in page and "150,000" in page and "300 books" in page


def test_a_need_form_with_mistakes_keeps_the_typing_and_says_what_is_wrong(app, login_as, people, project_id):
    client = signed_in(app, login_as, people.partner)
    response = post(client, f"/projects/{project_id}/needs/new",
                    {"kind": "materials", "title": "Chairs", "description": "For the club room.", "quantity": "12,5,",
                     "currency": "XOF", "unit": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'<p class="error" id="unit-error">Say what the quantity counts', html)
    assert 'value="Chairs"' in html and "For the club room." in html
    response = post(client, f"/projects/{project_id}/needs/new",
                    {"kind": "funding", "title": "Fares", "quantity": "12.5", "currency": "XOF", "unit": "x"})
    assert re.search(r'<p class="error" id="quantity-error">XOF has no decimals', response.get_data(as_text=True))
    assert 'value="12.5"' in response.get_data(as_text=True)
    assert count(app, Need) == 0


@pytest.mark.parametrize("role", ["other", "outsider", "reviewer", "admin", "pledger"])
def test_only_partners_add_or_edit_needs(app, login_as, people, project_id, role):
    need_id = add_need(app, project_id, people.partner)
    client = signed_in(app, login_as, getattr(people, role))
    assert client.get(f"/projects/{project_id}/needs/new").status_code == 403
    assert post(client, f"/projects/{project_id}/needs/new",
                {"kind": "funding", "title": "X", "quantity": "10", "currency": "XOF"}).status_code == 403
    assert client.get(f"/projects/{project_id}/needs/{need_id}/edit").status_code == 403
    assert count(app, Need) == 1


def test_partners_edit_a_need_and_its_unit_is_fixed_once_pledged(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, title="School kits")
    client = signed_in(app, login_as, people.partner)
    html = client.get(f"/projects/{project_id}/needs/{need_id}/edit").get_data(as_text=True)
    assert 'value="School kits"' in html and 'value="500,000"' in html
    assert '<option selected value="XOF">' in html
    response = post(client, f"/projects/{project_id}/needs/{need_id}/edit",
                    {"kind": "funding", "title": "School kits and bags", "quantity": "600,000", "currency": "XOF"})
    assert response.status_code == 302
    need = stored(app, Need, need_id)
    assert (need.title, need.quantity, need.required) == ("School kits and bags", Decimal(600000), False)
    pledge(app, need_id, people.other, Decimal(1000))
    response = post(client, f"/projects/{project_id}/needs/{need_id}/edit",
                    {"kind": "funding", "title": "School kits", "quantity": "600", "currency": "EUR"})
    assert response.status_code == 422
    assert re.search(r'<p class="error" id="currency-error">This need has pledges: its unit can no longer change',
                     response.get_data(as_text=True))


def test_a_need_of_another_project_is_not_found(app, login_as, people, project_id):
    other_project = project_at(app, people, Stage.INCUBATING, title="Another initiative")
    need_id = add_need(app, other_project, people.partner)
    client = signed_in(app, login_as, people.partner)
    assert client.get(f"/projects/{project_id}/needs/{need_id}/edit").status_code == 404
    assert client.get(pledge_url(project_id, need_id)).status_code == 404


# Totals and the reader's language -----------------------------------------------------------------


def test_totals_keep_each_currency_on_its_own_line(app, login_as, people, project_id):
    xof = add_need(app, project_id, people.partner, title="Kits", quantity=Decimal(500000), unit="XOF")
    add_need(app, project_id, people.partner, title="More kits", quantity=Decimal(250000), unit="XOF")
    eur = add_need(app, project_id, people.partner, title="Travel", quantity=Decimal(800), unit="EUR")
    pledge_at(app, xof, people.other, people.partner, "accepted", quantity=Decimal(100000))
    pledge_at(app, eur, people.other, people.partner, "fulfilled", quantity=Decimal(200))
    html = signed_in(app, login_as, None).get(needs_url(project_id)).get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<th scope=\"row\">([^<]+)</th>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>"
                      r"\s*<td>([^<]+)</td>", html)
    assert [(r[0], r[1]) for r in rows] == [("Funding", "EUR"), ("Funding", "XOF")]
    assert rows[0][2:] == ("€800.00", "€200.00", "€200.00")
    assert [re.sub(r"\s", " ", cell) for cell in rows[1][2:]] == ["F CFA 750,000", "F CFA 100,000", "F CFA 0"]


def test_quantities_are_written_in_the_readers_language(app, login_as, make_user, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers",
                       quantity=Decimal("1500.5"), unit="hours")
    reader = make_user(name="Fatou Lectrice", locale="fr")
    client = signed_in(app, login_as, reader)
    html = client.get(needs_url(project_id)).get_data(as_text=True)
    assert "1\u202f500,5" in html and "1,500.5" not in html
    # A French reader types the French notation.
    data = {f"need{need_id}-quantity": "1 200,5", **pledge_form(client, project_id, need_id)}
    assert post(client, pledge_url(project_id, need_id), data).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Pledge.quantity)) == Decimal("1200.50")


# The section of the project page ------------------------------------------------------------------


def test_the_project_page_shows_the_needs_section(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                       unit="hours")
    pledge_at(app, need_id, people.pledger, people.partner, "fulfilled", quantity=Decimal(40), message=SECRET)
    visitor = signed_in(app, login_as, None)
    response = visitor.get(f"/projects/{project_id}")
    html = response.get_data(as_text=True)
    page = text(response)
    assert 'id="needs"' in html and f'id="need-{need_id}"' in html
    assert "40 of 200 hours committed, 40 fulfilled" in page
    assert progress_of(html, need_id) == ("40", "200")
    assert "Paula Pledger" not in page and SECRET not in page
    assert "Log in to pledge to this need." in page
    partner_page = text(signed_in(app, login_as, people.partner).get(f"/projects/{project_id}"))
    assert "Add a need" in partner_page
    community = signed_in(app, login_as, people.other).get(f"/projects/{project_id}").get_data(as_text=True)
    assert f'href="/projects/{project_id}/needs/{need_id}/pledge"' in community


def test_a_project_without_needs_at_a_stage_without_needs_shows_no_section(app, login_as, people):
    submitted = project_at(app, people, Stage.SUBMITTED)
    html = signed_in(app, login_as, people.partner).get(f"/projects/{submitted}").get_data(as_text=True)
    assert 'id="needs"' not in html


@pytest.mark.parametrize("role", ["anonymous", "partner", "other"])
def test_the_project_page_answers_in_a_fixed_number_of_queries_whatever_the_needs(app, login_as, people, project_id,
                                                                                  role):
    client = signed_in(app, login_as, None if role == "anonymous" else getattr(people, role))
    first = add_need(app, project_id, people.partner)
    pledge(app, first, people.pledger, Decimal(1000))
    url = f"/projects/{project_id}"
    page_queries(app, client, url)  # warm up (the session, the language)
    one = page_queries(app, client, url)
    for n in range(4):
        need_id = add_need(app, project_id, people.partner, title=f"Need {n}", unit="EUR", quantity=Decimal(100))
        pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(5))
        pledge(app, need_id, people.outsider, Decimal(7))
    many = page_queries(app, client, url)
    assert many == one
    assert "Need 3" in text(client.get(url))


def test_the_needs_page_answers_in_a_fixed_number_of_queries_for_visitors(app, login_as, people, project_id):
    client = signed_in(app, login_as, people.other)
    first = add_need(app, project_id, people.partner)
    pledge(app, first, people.pledger, Decimal(1000))
    url = needs_url(project_id)
    page_queries(app, client, url)
    one = page_queries(app, client, url)
    for n in range(4):
        need_id = add_need(app, project_id, people.partner, title=f"Need {n}", unit="EUR", quantity=Decimal(100))
        pledge(app, need_id, people.outsider, Decimal(7))
    assert page_queries(app, client, url) == one


def test_a_completed_projects_needs_stay_visible_and_closed(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, title="School kits")
    pledge_at(app, need_id, people.other, people.partner, "fulfilled", quantity=Decimal(500000))
    with app.app_context():
        from app.projects.models import Project
        from tests.support.projects import advance, load

        advance(db.session.get(Project, project_id), Stage.COMPLETED, load(people.partner.id),
                load(people.reviewer.id))
        db.session.commit()
    client = signed_in(app, login_as, people.other)
    page = text(client.get(needs_url(project_id)))
    assert "Closed" in page and "takes pledges only while it is incubating" in page
    assert "Add a need" not in text(signed_in(app, login_as, people.partner).get(needs_url(project_id)))
    assert "School kits" in text(client.get(f"/projects/{project_id}"))
