"""Creating and editing initiatives through the web forms."""

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects import projects
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.projects import load
from tests.support.web import client_for, fetch, make_project, post, text


def valid_form(**changes) -> dict:
    data = {
        "title": "Football and rights clubs in Lomé",
        "summary": "After-school football clubs where girls and boys also learn about their rights.",
        "description": "Clubs meet **twice a week**.\n\n- football\n- rights workshops",
        "country": "TG",
        "themes": ["social_wellbeing", "rights_advocacy"],
        "language": "fr",
        "target_groups": ["girls", "boys"],
        "girls_focused": "y",
        "girls_6_11": "60",
        "girls_12_17": "40",
        "boys_6_11": "55",
        "start_date": "2026-03-01",
        "end_date": "2026-12-20",
        "budget_amount": "2500000",
        "budget_currency": "XOF",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def count_projects(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Project))


def field_error(response, field: str) -> str:
    """The error shown next to `field`, tied to it by its id."""
    match = re.search(
        rf'<p class="error" id="{field}-error">(.*?)</p>', response.get_data(as_text=True), re.S
    )
    return unescape(match.group(1)).strip() if match else ""


def test_a_partner_creates_a_draft_with_every_field(app, world, login_as):
    client = client_for(app, login_as, world, "member")
    page = client.get("/projects/new")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Markdown" in html and "at most 300 characters" in html
    for name in ("girls_0_5", "girls_6_11", "girls_12_17", "boys_0_5", "boys_6_11", "boys_12_17"):
        assert f'name="{name}"' in html
    assert 'name="organisation"' not in html and world.org.name in html  # one organisation: nothing to choose

    response = post(client, "/projects/new", valid_form())
    assert response.status_code == 302
    project_id = int(response.headers["Location"].rsplit("/", 1)[1])
    project = fetch(app, project_id)
    assert (project.title, project.country_code, project.language, project.stage) == (
        "Football and rights clubs in Lomé",
        "TG",
        "fr",
        Stage.DRAFT,
    )
    assert (project.girls_6_11, project.girls_12_17, project.boys_6_11, project.boys_0_5) == (60, 40, 55, 0)
    assert project.target_groups == ["girls", "boys"] and project.girls_focused
    assert str(project.budget_amount) == "2500000.00" and project.budget_currency == "XOF"
    assert project.organisation_id == world.org.id

    shown = client.get(f"/projects/{project_id}")
    page = text(shown)
    assert "The initiative was created as a draft." in page
    assert "<strong>twice a week</strong>" in shown.get_data(as_text=True)
    assert "Children's social wellbeing" in page and "Girls, Boys" in page
    assert "Français" in page and "155" in page  # language written in; children in all
    assert "F CFA" in page or "XOF" in page


def test_the_budget_is_written_the_readers_way(app, world, login_as, make_user):
    project_id = make_project(app, world, Stage.DRAFT, budget_amount=12345.5, budget_currency="EUR")
    client = client_for(app, login_as, world, "owner")
    assert "€12,345.50" in text(client.get(f"/projects/{project_id}"))
    post(client, "/language", {"locale": "fr", "next": f"/projects/{project_id}"})
    assert "12\u202f345,50\xa0€" in client.get(f"/projects/{project_id}").get_data(as_text=True)


def test_a_partner_of_several_organisations_chooses_one(app, world, login_as, make_org):
    second = make_org(country="PE", members=[(world.member, "member")])
    client = client_for(app, login_as, world, "member")
    html = client.get("/projects/new").get_data(as_text=True)
    assert 'name="organisation"' in html and second.name in html

    response = post(client, "/projects/new", valid_form(organisation=str(second.id), country="PE"))
    assert response.status_code == 302
    assert fetch(app, int(response.headers["Location"].rsplit("/", 1)[1])).organisation_id == second.id

    response = post(client, "/projects/new", valid_form(organisation=str(world.other_org.id)))
    assert response.status_code == 422 and count_projects(app) == 1


@pytest.mark.parametrize("role", ["community", "reviewer", "admin", "unverified"])
def test_only_partners_of_a_verified_organisation_create(app, world, login_as, make_user, make_org, role):
    if role == "unverified":
        person = make_user()
        make_org(verified=False, members=[(person, "owner")])
        client = login_as(person, app.test_client())
    else:
        client = client_for(app, login_as, world, role)
    assert client.get("/projects/new").status_code == 403
    assert post(client, "/projects/new", valid_form()).status_code == 403
    assert count_projects(app) == 0
    assert 'href="/projects/new"' not in client.get("/projects/mine").get_data(as_text=True)


def test_anonymous_people_are_sent_to_log_in(app, world, login_as):
    response = app.test_client().get("/projects/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the initiative a title."),
        ({"summary": "x" * 301}, "summary", "The summary is too long (at most 300 characters)."),
        ({"summary": ""}, "summary", "Write a short summary."),
        ({"country": "FR"}, "country", "Choose one of the programme's countries."),
        ({"themes": None}, "themes", "Choose at least one theme from the list."),
        ({"themes": ["space_travel"]}, "themes", "Choose at least one theme from the list."),
        ({"language": "de"}, "language", "Please choose one of the languages offered."),
        ({"target_groups": ["pets"]}, "target_groups", "Choose target groups from the list."),
        ({"boys_12_17": "-4"}, "boys_12_17", "Enter a number of children from 0 to 10,000,000."),
        ({"end_date": "2026-01-01"}, "end_date", "The end date must be on or after the start date."),
        ({"budget_currency": ""}, "budget_currency", "Choose the budget's currency."),
        ({"budget_amount": "-5"}, "budget_amount", "Enter a budget from 0 to 999,999,999,999."),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_kept(app, world, login_as, changes, field, message):
    client = client_for(app, login_as, world, "owner")
    response = post(client, "/projects/new", valid_form(**changes))
    assert response.status_code == 422
    assert field_error(response, field) == message
    html = response.get_data(as_text=True)
    assert (
        "After-school football clubs" if field == "title" else "Football and rights clubs in Lomé"
    ) in html
    if field == "summary" and changes["summary"]:
        assert changes["summary"] in html  # the input is kept, even when too long
    assert count_projects(app) == 0


def test_a_number_that_is_not_a_number_is_refused(app, world, login_as):
    response = post(client_for(app, login_as, world, "owner"), "/projects/new", valid_form(girls_0_5="many"))
    assert response.status_code == 422
    assert field_error(response, "girls_0_5") and 'value="many"' in response.get_data(as_text=True)
    assert count_projects(app) == 0


def test_the_description_is_markdown_without_scripts(app, world, login_as):
    client = client_for(app, login_as, world, "owner")
    description = (
        'Hello <script>alert("x")</script> and <img src=x onerror=alert(1)> [a](javascript:alert(1)) *fine*'
    )
    response = post(client, "/projects/new", valid_form(description=description))
    project_id = int(response.headers["Location"].rsplit("/", 1)[1])
    html = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "<em>fine</em>" in html
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    stored = fetch(app, project_id)
    assert "<script" not in stored.description_html and stored.description == description

    edited = post(
        client,
        f"/projects/{project_id}/edit",
        valid_form(description="<script>bad()</script>", version=str(stored.version)),
    )
    assert edited.status_code == 302
    assert "<script>bad" not in client.get(f"/projects/{project_id}").get_data(as_text=True)


def test_a_partner_edits_a_draft(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "member")
    form = client.get(f"/projects/{project_id}/edit")
    html = form.get_data(as_text=True)
    version = fetch(app, project_id).version
    assert form.status_code == 200
    assert "Safe spaces for girls in Thiès" in html and "**Safe spaces**" in html  # the Markdown source
    assert f'name="version" type="hidden" value="{version}"' in html

    response = post(
        client,
        f"/projects/{project_id}/edit",
        valid_form(title="Safe spaces, second edition", version=str(version)),
    )
    assert response.status_code == 302
    project = fetch(app, project_id)
    assert project.title == "Safe spaces, second edition" and project.version > version
    assert "Your changes were saved." in text(client.get(f"/projects/{project_id}"))


def test_an_edit_made_on_an_old_version_is_refused_and_nothing_is_written(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "member")
    seen = fetch(app, project_id).version
    with app.app_context():  # someone else saves meanwhile
        project = db.session.get(Project, project_id)
        projects.update_project(
            project,
            load(world.owner.id),
            projects.ProjectData(
                title="The owner's title", summary=project.summary, country="SN", themes=["child_protection"]
            ),
            None,
        )
        db.session.commit()

    response = post(
        client, f"/projects/{project_id}/edit", valid_form(title="My late title", version=str(seen))
    )
    assert response.status_code == 409
    assert "changed meanwhile" in text(response)
    assert "My late title" in response.get_data(as_text=True)  # the input is kept
    assert fetch(app, project_id).title == "The owner's title"


def test_bad_input_on_edit_is_refused_and_kept(app, world, login_as):
    project_id = make_project(app, world)
    version = fetch(app, project_id).version
    response = post(
        client_for(app, login_as, world, "owner"),
        f"/projects/{project_id}/edit",
        valid_form(title="A title kept", summary="y" * 301, version=str(version)),
    )
    assert response.status_code == 422
    assert field_error(response, "summary") == "The summary is too long (at most 300 characters)."
    assert "A title kept" in response.get_data(as_text=True)
    assert fetch(app, project_id).title == "Safe spaces for girls in Thiès"


@pytest.mark.parametrize(
    ("stage", "role", "status"),
    [
        (Stage.DRAFT, "outsider_partner", 404),
        (Stage.DRAFT, "community", 404),
        (Stage.DRAFT, "admin", 403),
        (Stage.INCUBATING, "community", 403),
        (Stage.INCUBATING, "reviewer", 403),
        (Stage.INCUBATING, "outsider_partner", 403),
        (Stage.SUBMITTED, "owner", 403),  # under review
        (Stage.COMPLETED, "owner", 403),
    ],
)
def test_who_may_not_edit(app, world, login_as, stage, role, status):
    project_id = make_project(app, world, stage)
    client = client_for(app, login_as, world, role)
    before = fetch(app, project_id)
    assert client.get(f"/projects/{project_id}/edit").status_code == status
    response = post(client, f"/projects/{project_id}/edit", valid_form(version=str(before.version)))
    assert response.status_code == status
    assert fetch(app, project_id).title == before.title


def test_creating_records_the_first_event(app, world, login_as):
    response = post(client_for(app, login_as, world, "owner"), "/projects/new", valid_form())
    project_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        events = db.session.scalars(select(ProjectEvent).where(ProjectEvent.project_id == project_id)).all()
        assert [(e.from_stage, e.to_stage, e.actor_id) for e in events] == [
            (None, Stage.DRAFT, world.owner.id)
        ]


def test_project_text_that_may_identify_a_child_is_warned_about_before_saving(app, world, login_as):
    client = client_for(app, login_as, world, "owner")
    risky = valid_form(description="We met Aminata, 12 years old, and her mother (+221 77 123 45 67).")
    response = post(client, "/projects/new", risky)
    assert response.status_code == 422
    page = text(response)
    assert "Nothing was saved yet" in page and "phone number" in page
    assert "+221 77 123 45 67" in response.get_data(as_text=True)  # the text is kept to be rewritten
    assert count_projects(app) == 0
    # The author checked the text and saves it as it is.
    saved = post(client, "/projects/new", {**risky, "safeguarding_checked": "y"})
    assert saved.status_code == 302
    assert count_projects(app) == 1
    # Ordinary text is saved without a warning.
    assert post(client, "/projects/new", valid_form(title="Another one")).status_code == 302
