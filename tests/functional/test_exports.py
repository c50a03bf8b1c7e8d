"""The CSV exports: for reviewers and admins only, streamed page by page, UTF-8 with a byte order mark,
and without what they must leave out — e-mail addresses, people's names, reviewers' private notes, pledge
messages, the text of held or hidden comments, drafts — nor a cell a spreadsheet would run as a formula."""

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import update

from app.community.models import Comment, CommentStatus
from app.core.columns import utcnow
from app.core.extensions import db
from app.gate import reviewing
from app.organisations.models import Organisation
from app.projects.models import Project, Stage
from app.reports import exports
from app.reports.exports import EXPORTS, cell, pseudonym
from tests.support import voice as voice_support
from tests.support.comments import HELD_NAME_AGE, add_comment
from tests.support.discovery import bulk_projects
from tests.support.projects import GOOD_TEXT, advance, load, new_project
from tests.support.queries import counted_queries
from tests.support.resources import add_need, pledge_at

NAMES = tuple(EXPORTS)
SECRET_NAME = "Zacharie Secretname"
SECRET_EMAIL = "zacharie.secret@example.org"
NOTE = "REVIEWERNOTE the director seems unreliable"
MESSAGE = "Call me on my own number, any evening"
HIDDEN_TEXT = "HIDDENTEXT insults that a moderator hid"
FORMULA_TITLE = '=HYPERLINK("http://evil.test","Open")'


@pytest.fixture
def people(make_user, make_org):
    partner = make_user(name="Awa Partner", email="awa.partner@example.org")
    pledger = make_user(name=SECRET_NAME, email=SECRET_EMAIL)
    reviewer = make_user(name="Rita Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    far_reviewer = make_user(name="Luis Reviewer", role="reviewer", regions=("latin_america",))
    admin = make_user(name="Ada Admin", role="admin")
    community = make_user(name="Carla Community")
    org = make_org(country="SN", members=[(partner, "owner")])
    pledger_org = make_org(country="SN", members=[(pledger, "owner")])
    return SimpleNamespace(partner=partner, pledger=pledger, reviewer=reviewer, far_reviewer=far_reviewer,
                           admin=admin, community=community, org=org, pledger_org=pledger_org)


@pytest.fixture
def planted(app, people):
    """An active project with a formula for a title, a need, a fulfilled pledge with a message, comments
    (published, held, hidden), a reviewer's note, a consultation with children, and a draft beside it
    (with a consultation too)."""
    with app.test_request_context():
        db.session.execute(update(Organisation).where(Organisation.id == people.org.id)
                           .values(name="Association Étoile du Sahel"))
        db.session.execute(update(Organisation).where(Organisation.id == people.pledger_org.id)
                           .values(name="@SUM(A1:A9) Friends"))
        project = new_project(people.org.id, people.partner.id, title=FORMULA_TITLE, summary="+221 clubs; -5 risks")
        advance(project, Stage.ACTIVE, load(people.partner.id), load(people.reviewer.id))
        reviewing.add_reviewer_note(project, load(people.reviewer.id), NOTE)
        draft = new_project(people.org.id, people.partner.id, title="Draft secret initiative")
        consulted = voice_support.record(project, load(people.partner.id))
        voice_support.record(draft, load(people.partner.id))
        db.session.commit()
        ids = SimpleNamespace(project=project.id, draft=draft.id, consultation=consulted.id)
    ids.need = add_need(app, ids.project, people.partner, title="-2+3 school kits", quantity=Decimal(500000))
    ids.pledge = pledge_at(app, ids.need, people.pledger, people.partner, "fulfilled", quantity=Decimal(200000),
                           message=MESSAGE, organisation=people.pledger_org.slug)
    ids.published = add_comment(app, ids.project, people.pledger, "Bravo, the clubs in Thiès are doing well.")
    ids.held = add_comment(app, ids.project, people.pledger, HELD_NAME_AGE)
    ids.hidden = add_comment(app, ids.project, people.pledger, HIDDEN_TEXT)
    with app.app_context():
        db.session.execute(update(Comment).where(Comment.id == ids.hidden).values(status=CommentStatus.HIDDEN))
        db.session.commit()
        assert db.session.get(Comment, ids.held).status == CommentStatus.HELD
    return ids


def download(client, name: str):
    response = client.get(f"/exports/{name}.csv")
    assert response.status_code == 200, (name, response.status_code)
    return response


def rows_of(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def records(client, name: str) -> list[dict[str, str]]:
    """The export's lines as dictionaries keyed by its header."""
    return list(csv.DictReader(io.StringIO(download(client, name).get_data(as_text=True)[1:], newline="")))


def by_id(client, name: str) -> dict[str, dict[str, str]]:
    return {line["id"]: line for line in records(client, name)}


def test_each_export_is_a_dated_utf8_csv_attachment_streamed_with_its_header(client, login_as, people, planted):
    login_as(people.admin)
    for name in NAMES:
        response = download(client, name)
        assert response.is_streamed
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        today = utcnow().date().isoformat()
        assert response.headers["Content-Disposition"] == f'attachment; filename="sociallab-{name}-{today}.csv"'
        assert "no-store" in response.headers["Cache-Control"]
        assert response.get_data().startswith(b"\xef\xbb\xbf")  # the byte order mark
        rows = rows_of(response)
        assert rows[0] == EXPORTS[name].header
        assert len(rows) > 1, name


def test_no_export_holds_an_email_a_name_a_private_note_a_message_or_hidden_text(client, login_as, people, planted):
    login_as(people.admin)
    everything = "\n".join(download(client, name).get_data(as_text=True) for name in NAMES)
    for secret in (SECRET_EMAIL, "@example.org", "Zacharie", "Secretname", "Awa Partner", "Rita Reviewer", NOTE,
                   "REVIEWERNOTE", MESSAGE, "Aminata", HIDDEN_TEXT, "HIDDENTEXT", "Draft secret initiative"):
        assert secret not in everything, secret
    assert "Association Étoile du Sahel" in everything  # organisation names stay, accents intact
    assert "Bravo, the clubs in Thiès are doing well." in everything  # a published comment keeps its text


def test_people_appear_as_the_same_stable_code_in_every_file(app, client, login_as, people, planted):
    login_as(people.admin)
    pledges, comments = by_id(client, "pledges"), by_id(client, "comments")
    code = pledges[str(planted.pledge)]["pledger"]
    assert re.fullmatch(r"person-[0-9a-f]{12}", code)
    assert {comments[str(i)]["author"] for i in (planted.published, planted.held, planted.hidden)} == {code}
    with app.app_context():
        assert pseudonym(people.pledger.id) == code and pseudonym(people.partner.id) != code
    line = pledges[str(planted.pledge)]
    assert (line["quantity"], line["status"], line["kind"], line["unit"]) == ("200000", "fulfilled", "funding", "XOF")
    assert line["organisation_name"] == "'@SUM(A1:A9) Friends" and "message" not in line


def test_comments_keep_their_text_only_when_published(client, login_as, people, planted):
    login_as(people.reviewer)
    rows = by_id(client, "comments")
    assert rows[str(planted.published)]["status"] == "published" and "Thiès" in rows[str(planted.published)]["body"]
    assert (rows[str(planted.held)]["status"], rows[str(planted.held)]["body"]) == ("held", "")
    assert (rows[str(planted.hidden)]["status"], rows[str(planted.hidden)]["body"]) == ("hidden", "")


def test_no_cell_can_run_as_a_spreadsheet_formula(client, login_as, people, planted):
    login_as(people.admin)
    for name in NAMES:
        for row in rows_of(download(client, name)):
            for value in row:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (name, value)
    projects = records(client, "projects")
    [project] = projects
    assert project["title"] == "'" + FORMULA_TITLE
    assert project["summary"] == "'+221 clubs; -5 risks"
    needs = records(client, "needs")
    assert needs[0]["title"] == "'-2+3 school kits"


def test_keys_stay_stable_and_needs_carry_their_pledge_sums(client, login_as, people, planted):
    login_as(people.reviewer)
    [project] = records(client, "projects")
    assert (project["stage"], project["country"], project["region"]) == ("active", "SN", "sub_saharan_africa")
    assert project["themes"] == "child_protection;girls_empowerment"
    assert (project["reviewer_ge_code"], project["girls_focused"], project["girls_12_17"]) == ("GE-2", "true", "120")
    assert project["organisation"] == people.org.slug
    [need] = records(client, "needs")
    assert (need["quantity"], need["pledged"], need["accepted"], need["fulfilled"], need["standing_pledges"]) == (
        "500000", "0", "0", "200000", "1")


def test_assessments_only_for_the_projects_the_reader_may_review(client, login_as, people, planted):
    login_as(people.reviewer)
    rows = records(client, "assessments")
    assert {row["phase"] for row in rows} == {"design", "implementation"}
    design = next(row for row in rows if row["phase"] == "design")
    assert design["gender_analysis"] == GOOD_TEXT and design["verdict"] == "satisfactory"
    assert design["reviewer_ge_code"] == "GE-2" and design["indicators"] == ""
    login_as(people.far_reviewer)  # another region: the header alone
    assert rows_of(download(client, "assessments")) == [EXPORTS["assessments"].header]


@pytest.mark.parametrize("name", NAMES)
def test_only_reviewers_and_admins_may_download(client, login_as, people, name):
    url = f"/exports/{name}.csv"
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    for who in ("community", "partner", "pledger"):
        login_as(getattr(people, who))
        assert client.get(url).status_code == 403, who
    for who in ("reviewer", "far_reviewer", "admin"):
        login_as(getattr(people, who))
        assert client.get(url).status_code == 200, who


def test_the_service_refuses_a_reader_who_may_not_export(app, people):
    from app.core.errors import NotPermitted

    with app.test_request_context():
        with pytest.raises(NotPermitted):
            exports.stream("projects", load(people.community.id))
        with pytest.raises(NotPermitted):
            exports.stream("projects", None)


def test_rows_come_in_keyset_pages_never_the_whole_table(app, client, login_as, people, monkeypatch):
    with app.app_context():
        ids = bulk_projects(people.org.id, 5, stage="active")
        bulk_projects(people.org.id, 2, start=5, stage="draft")
        db.session.commit()
    monkeypatch.setattr(exports, "PAGE_SIZE", 2)
    login_as(people.admin)
    with counted_queries(app) as statements:
        rows = rows_of(download(client, "projects"))
    assert [int(row[0]) for row in rows[1:]] == ids  # every project once, in order, no draft
    pages = [s for s in statements if "FROM projects JOIN organisations" in s]
    assert len(pages) == 3 and all("LIMIT" in s for s in pages)  # 2 + 2 + 1, each one query


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"), ("+33 6", "'+33 6"), ("-SUM(A1)", "'-SUM(A1)"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("plain", "plain"), ("a=b", "a=b"), ("", ""), (None, ""), (True, "true"), (False, "false"),
        (12, "12"), (Decimal("1500.50"), "1500.50"), (date(2025, 3, 1), "2025-03-01"),
        (datetime(2025, 3, 1, 9, 30, tzinfo=UTC), "2025-03-01T09:30:00Z"), (Stage.ACTIVE, "active"),
        (["child_protection", "girls_empowerment"], "child_protection;girls_empowerment"), (["=x"], "'=x"),
    ],
)
def test_cells(value, expected):
    assert cell(value) == expected


def test_drafts_are_never_exported(client, login_as, people, planted):
    login_as(people.admin)
    ids = {row[0] for row in rows_of(download(client, "projects"))[1:]}
    assert ids == {str(planted.project)}
    with client.application.app_context():
        assert db.session.get(Project, planted.draft).stage == Stage.DRAFT


def test_the_consultations_export_has_figures_and_never_the_childrens_words(client, login_as, people, planted):
    login_as(people.admin)
    [line] = records(client, "consultations")  # the draft's consultation is left out
    assert line["id"] == str(planted.consultation) and line["project_id"] == str(planted.project)
    counts = (line["girls_6_11"], line["girls_12_17"], line["boys_12_17"], line["children_total"])
    assert counts == ("12", "9", "7", "28")
    assert (line["consent_confirmed"], line["answered_back"], line["answered_on"]) == ("true", "false", "")
    assert (line["setting"], line["method"], line["country"], line["stage"]) == ("school", "group_discussion", "SN",
                                                                                  "active")
    text = download(client, "consultations").get_data(as_text=True)
    assert voice_support.SUMMARY[:30] not in text and "Awa" not in text
