"""No text a person typed runs as code, on any page that shows it, in a real browser.

The world of tests.support.xss holds a payload in every field a person controls (initiatives,
assessment answers, reviews and notes, comments, updates, milestones, needs, pledges, offers and
requests, organisations, people's names, an API token's name), written through the app's services;
each payload calls `xss(N)`, N naming its field. Every page that shows one of them is loaded, as
the person who sees it in real use, in Chromium with the Content-Security-Policy switched off, so
that only the escaping and the sanitizer protect the page: no marker may run, no dialog open, and
no page may hold a <script>, an event handler, a javascript: address... Query parameters shown
back on a page get the same treatment.

The texts must also be shown as typed (titles and names, as text, `{{7*7}}` included) and given
back exactly in the edit forms, so that a field the page leaves out cannot pass for an escaped one.
A control turns the escaping off and shows that the same pages and checks then fail, naming the
fields.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import expect

from tests.support.xss import SHOWN_TEXT, Signed, build_world, inspect, line, new_context


@pytest.fixture(autouse=True)
def _empty_tables_afterwards():
    """Replaces the browser tests' emptying after each test: the world is built once for this module
    and emptied after it."""
    yield


@pytest.fixture(scope="module")
def world(app, tmp_path_factory):
    from tests.conftest import delete_all_rows

    previous = app.config.get("UPLOAD_DIR")
    app.config["UPLOAD_DIR"] = str(tmp_path_factory.mktemp("uploads"))
    with app.app_context():
        delete_all_rows()
    try:
        yield build_world(app)
    finally:
        with app.app_context():
            delete_all_rows()
        if previous is None:
            app.config.pop("UPLOAD_DIR", None)
        else:
            app.config["UPLOAD_DIR"] = previous


@pytest.fixture(scope="module")
def signed(browser, live_server, world):
    pages = Signed(browser, live_server, world)
    yield pages
    pages.close()


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    address: object  # a function of the world
    status: int = 200


# Reflected query parameters: each one its own marker, fixed here (the world's markers start at 100).
REFLECTED = {
    1: "query of the initiative search",
    2: "organisation filter of the initiative list",
    3: "country filter of the directory",
    4: "kind filter of the resource pool",
    5: "query of the admin's user list",
    6: "`next` of the log-in page",
    7: "address of a missing page",
    8: "web address typed in the organisation form",
}


def reflected(number: int) -> str:
    return line(number, "Query")


def search_for(world, field_name: str, word: str) -> str:
    """The search for the words that start a field (its word and marker)."""
    return "/projects?" + urlencode({"q": f"{word} {world.marker(field_name)}"})


PAGES = [
    # Anyone
    Page("home", "anonymous", lambda w: "/"),
    Page("initiative list", "anonymous", lambda w: "/projects"),
    Page("initiative search", "anonymous", lambda w: search_for(w, "active initiative's title", "Initiative")),
    Page("initiative page (visitor)", "anonymous", lambda w: f"/projects/{w.ids['active']}"),
    Page("updates", "anonymous", lambda w: f"/projects/{w.ids['active']}/updates"),
    Page("update", "anonymous", lambda w: f"/projects/{w.ids['active']}/updates/{w.ids['update']}"),
    Page("needs and pledges (visitor)", "anonymous", lambda w: f"/projects/{w.ids['active']}/needs"),
    Page("organisation directory", "anonymous", lambda w: "/organisations/"),
    Page("organisation page (visitor)", "anonymous", lambda w: f"/organisations/{w.slugs['organisation']}"),
    Page("pledging organisation page", "anonymous", lambda w: f"/organisations/{w.slugs['pledging']}"),
    Page("resource pool", "anonymous", lambda w: "/offers"),
    Page("dashboard", "anonymous", lambda w: "/stats"),
    # The organisation's owner
    Page("initiative page (partner)", "partner", lambda w: f"/projects/{w.ids['active']}"),
    Page("submitted initiative page (partner)", "partner", lambda w: f"/projects/{w.ids['submitted']}"),
    Page("my initiatives", "partner", lambda w: "/projects/mine"),
    Page("initiative form (new)", "partner", lambda w: "/projects/new"),
    Page("initiative form (edit)", "partner", lambda w: f"/projects/{w.ids['active']}/edit"),
    Page("design assessment (partner)", "partner", lambda w: f"/projects/{w.ids['active']}/assessment/design"),
    Page("implementation assessment", "partner",
         lambda w: f"/projects/{w.ids['active']}/assessment/implementation"),
    Page("results assessment form", "partner", lambda w: f"/projects/{w.ids['active']}/assessment/results"),
    Page("submitted assessment (partner)", "partner",
         lambda w: f"/projects/{w.ids['submitted']}/assessment/design"),
    Page("update form (edit)", "partner",
         lambda w: f"/projects/{w.ids['active']}/updates/{w.ids['update']}/edit"),
    Page("held update (partner)", "partner",
         lambda w: f"/projects/{w.ids['active']}/updates/{w.ids['held update']}"),
    Page("update form (new)", "partner", lambda w: f"/projects/{w.ids['active']}/updates/new"),
    Page("milestones", "partner", lambda w: f"/projects/{w.ids['active']}/milestones"),
    Page("milestone form", "partner",
         lambda w: f"/projects/{w.ids['active']}/milestones/{w.ids['milestone']}/edit"),
    Page("needs and pledges (partner)", "partner", lambda w: f"/projects/{w.ids['active']}/needs"),
    Page("need form (new)", "partner", lambda w: f"/projects/{w.ids['active']}/needs/new"),
    Page("need form (edit)", "partner", lambda w: f"/projects/{w.ids['active']}/needs/{w.ids['need']}/edit"),
    Page("asking for an offer", "partner",
         lambda w: f"/projects/{w.ids['active']}/needs/{w.ids['expertise need']}/offers/{w.ids['open offer']}/ask"),
    Page("organisation page (owner)", "partner", lambda w: f"/organisations/{w.slugs['organisation']}"),
    Page("organisation form (edit)", "partner", lambda w: f"/organisations/{w.slugs['organisation']}/edit"),
    Page("notifications (partner)", "partner", lambda w: "/notifications"),
    Page("account (partner)", "partner", lambda w: "/account"),
    # A community member: comments, pledges, offers
    Page("initiative page (community member)", "community", lambda w: f"/projects/{w.ids['active']}"),
    Page("comment form (edit)", "community", lambda w: f"/comments/{w.ids['comment']}/edit"),
    Page("initiative page with a reply form", "community",
         lambda w: f"/projects/{w.ids['active']}?reply_to={w.ids['comment']}"),
    Page("deleting a comment", "community", lambda w: f"/comments/{w.ids['comment']}/delete"),
    Page("reporting a comment", "partner", lambda w: f"/comments/{w.ids['comment']}/flag"),
    Page("pledge form", "community", lambda w: f"/projects/{w.ids['active']}/needs/{w.ids['need']}/pledge"),
    Page("my pledges", "community", lambda w: "/pledges/mine"),
    Page("my offers", "community", lambda w: "/offers/mine"),
    Page("offer form", "community", lambda w: "/offers/new"),
    Page("notifications (community member)", "community", lambda w: "/notifications"),
    Page("account (community member)", "community", lambda w: "/account"),
    # A reviewer
    Page("review queue", "reviewer", lambda w: "/review/"),
    Page("review page (side by side)", "reviewer", lambda w: f"/review/projects/{w.ids['submitted']}"),
    Page("review page (active initiative)", "reviewer", lambda w: f"/review/projects/{w.ids['active']}"),
    Page("initiative page (reviewer)", "reviewer", lambda w: f"/projects/{w.ids['active']}"),
    Page("moderation queue", "reviewer", lambda w: "/moderation"),
    Page("moderation queue (hidden)", "reviewer", lambda w: "/moderation?show=hidden"),
    Page("moderating a reported comment", "reviewer", lambda w: f"/moderation/comments/{w.ids['reported comment']}"),
    Page("moderating a hidden comment", "reviewer", lambda w: f"/moderation/comments/{w.ids['hidden comment']}"),
    Page("held updates", "reviewer", lambda w: "/updates/held"),
    Page("dashboard for reviewers", "reviewer", lambda w: "/stats/review"),
    Page("notifications (reviewer)", "reviewer", lambda w: "/notifications"),
    # An admin
    Page("admin: users", "admin", lambda w: "/admin/users"),
    Page("admin: one user", "admin", lambda w: f"/admin/users/{w.people['partner'].id}"),
    Page("admin: organisations", "admin", lambda w: "/admin/organisations"),
    # Query parameters shown back
    Page("initiative search (reflected)", "anonymous",
         lambda w: "/projects?" + urlencode({"q": reflected(1), "organisation": reflected(2)})),
    Page("directory filter (reflected)", "anonymous",
         lambda w: "/organisations/?" + urlencode({"country": reflected(3)})),
    Page("resource pool filter (reflected)", "anonymous", lambda w: "/offers?" + urlencode({"kind": reflected(4)})),
    Page("admin user search (reflected)", "admin", lambda w: "/admin/users?" + urlencode({"q": reflected(5)})),
    Page("log-in with a `next` (reflected)", "anonymous", lambda w: "/login?" + urlencode({"next": reflected(6)})),
    Page("missing page (reflected)", "anonymous", lambda w: "/projects/" + quote(reflected(7), safe=""), 404),
]


def describe(world, found) -> str:
    names = {**world.markers.names, **REFLECTED}
    ran = [f"{n} ({names.get(n, 'unknown')})" for n in sorted(set(found.ran))]
    return f"ran: {ran}; dialogs: {found.dialogs}; markup: {found.markup[:5]}"


PAGE_NAMED = {row.name: row for row in PAGES}

# Where the texts must be seen as typed (escaped, as text). A one-line field must appear whole; a
# longer one by its `<script>xss(N)</script>` line (or its first line). Closed <details> are opened.
SHOWN = {
    "home": ["active initiative's title", "active initiative's summary", "organisation's name", "update's title",
             "other need's title", "other need's unit", "community's name"],
    "initiative list": ["active initiative's title", "submitted initiative's summary", "organisation's name",
                        "pledging organisation's name"],
    "initiative search": ["active initiative's title", "active initiative's summary"],
    "initiative page (visitor)": [
        "active initiative's title", "active initiative's summary", "active initiative's description",
        "organisation's name", "active initiative's file name", "comment", "reply", "reported comment",
        "moderator's reason", "update's title", "milestone's title", "other need's title", "other need's unit",
        "partner's name", "community's name",
    ],
    "initiative page (partner)": ["active design submission note", "active implementation decision note"],
    "initiative page (community member)": ["held comment", "hidden comment"],
    "update": ["update's title", "update's text", "comment on the update"],
    "held update (partner)": ["held update's title", "held update's text"],
    "milestones": ["milestone's title"],
    "needs and pledges (visitor)": ["other need's description", "materials need's unit"],
    "needs and pledges (partner)": ["pledge's message", "open offer's title", "open offer's description",
                                    "given request's message", "pledging organisation's name"],
    "asking for an offer": ["open offer's title", "open offer's unit", "expertise need's title"],
    "organisation directory": ["organisation's name", "pledging organisation's name"],
    "organisation page (visitor)": ["organisation's name", "organisation's description", "organisation's website"],
    "organisation page (owner)": ["applicant's name", "partner's name"],
    "resource pool": ["asked offer's title", "asked offer's description", "open offer's unit"],
    "my initiatives": ["active initiative's title", "submitted initiative's title"],
    "design assessment (partner)": ["active design answer gender_analysis", "active design answer transparency",
                                    "active design justification", "active design review comment"],
    "implementation assessment": ["active implementation answer indicators",
                                  "active implementation answer safeguarding_plan"],
    "submitted assessment (partner)": ["submitted design v2 answer targeting", "submitted design v1 review comment"],
    "notifications (partner)": ["active initiative's title", "comment", "other need's title"],
    "notifications (community member)": ["asked offer's title", "moderator's reason"],
    "account (community member)": ["API token's name"],
    "my pledges": ["pledge's message", "other need's title", "given request's message"],
    "my offers": ["request's message", "asked offer's title", "given offer's description"],
    "pledge form": ["other need's title", "other need's description"],
    "review queue": ["submitted initiative's title", "organisation's name"],
    "review page (side by side)": [
        "submitted initiative's summary", "submitted initiative's description",
        "submitted design v2 answer gender_analysis", "submitted design v1 answer gender_analysis",
        "submitted design v2 justification", "submitted design v1 justification", "submitted design v1 review comment",
        "submitted design v1 changes requested note", "reviewer note", "reviewer's name", "partner's name",
    ],
    "review page (active initiative)": ["results answer benefits", "results justification",
                                        "active implementation review comment", "reviewer note (active)"],
    "moderation queue": ["held comment", "reported comment", "report's reason", "applicant's name"],
    "moderation queue (hidden)": ["hidden comment", "moderator's reason"],
    "initiative page with a reply form": ["comment", "reply"],
    "deleting a comment": ["comment"],
    "reporting a comment": ["comment"],
    "moderating a reported comment": ["reported comment", "report's reason", "applicant's name"],
    "moderating a hidden comment": ["hidden comment", "moderator's reason"],
    "held updates": ["held update's title", "held update's text"],
    "dashboard for reviewers": ["other need's unit"],
    "admin: users": ["partner's name", "community's name", "reviewer's name", "admin's name", "applicant's name"],
    "admin: organisations": ["unverified organisation's name", "pledging organisation's name"],
    "initiative search (reflected)": ["reflected 1"],
}

# The edit forms give every text back exactly, in its input or textarea.
EDIT_FORMS = {
    "initiative form (edit)": {"title": "active initiative's title", "summary": "active initiative's summary",
                               "description": "active initiative's description"},
    "organisation form (edit)": {"name": "organisation's name", "description": "organisation's description",
                                 "website": "organisation's website"},
    "account (community member)": {'form[action="/account/settings"] [name="name"]': "community's name"},
    "results assessment form": {"benefits": "results answer benefits", "problems": "results answer problems",
                                "justification": "results justification"},
    "need form (edit)": {"title": "other need's title", "description": "other need's description",
                         "unit": "other need's unit"},
    "update form (edit)": {"title": "update's title", "body": "update's text"},
    "milestone form": {"title": "milestone's title"},
    "comment form (edit)": {'textarea[name="body"]': "comment"},
    "initiative search (reflected)": {"q": "reflected 1"},
    "admin user search (reflected)": {"q": "reflected 5"},
}


def value_of(world, name: str) -> str:
    """The text of a field as stored (or as written), or of a reflected parameter ("reflected N")."""
    if name.startswith("reflected "):
        return reflected(int(name.split()[1]))
    return world.stored.get(name, world.written.get(name))


def shown_as(world, name: str) -> str:
    """What must be seen of the field: the whole of a one-line text, else its script line or first line."""
    value = value_of(world, name)
    if "\n" not in value:
        return " ".join(value.split())
    number = int(name.split()[1]) if name.startswith("reflected ") else world.marker(name)
    script = f"<script>xss({number})</script>"
    return script if script in value else value.splitlines()[0]


def open_row(signed, world, name: str):
    row = PAGE_NAMED[name]
    page, dialogs = signed.page(row.role)
    response = page.goto(row.address(world))
    assert response.status == row.status, f"{row.name} answered {response.status}"
    return page, dialogs


@pytest.mark.parametrize("row", [pytest.param(row, id=row.name) for row in PAGES])
def test_no_payload_runs_and_the_texts_show_as_typed(signed, world, row):
    """Nothing runs or is injected; the page's texts in SHOWN are seen as typed and its form fields in
    EDIT_FORMS give the texts back exactly (each problem listed, so one failure tells all)."""
    page, dialogs = signed.page(row.role)
    address = row.address(world)
    response = page.goto(address)
    assert response.status == row.status, f"{row.name}: {address} answered {response.status}"
    assert response.request.redirected_from is None, f"{row.name}: {address} was redirected to {page.url}"
    problems = []
    found = inspect(page, dialogs)  # also opens every <details>
    if found:
        problems.append(describe(world, found))
    if row.name in SHOWN:
        text = page.evaluate(SHOWN_TEXT)
        if missing := [field for field in SHOWN[row.name] if shown_as(world, field) not in text]:
            problems.append(f"not shown as typed: {missing}")
    for selector, field in EDIT_FORMS.get(row.name, {}).items():
        if not selector.startswith(("form", "textarea")):
            selector = f'[name="{selector}"]'
        given = page.locator(selector).input_value()
        if given != value_of(world, field):
            problems.append(f"the form gives back {given!r} for {field}")
    assert not problems, f"{row.name} ({address}):\n" + "\n".join(problems)


@pytest.mark.parametrize("role", ["partner", "community", "reviewer", "admin", "applicant"])
def test_no_payload_runs_in_the_welcome_after_log_in(signed, world, role):
    """The page after logging in greets the person by name (a flash message)."""
    signed.page(role)
    found, text = signed.at_log_in[role]
    assert not found, f"after {role} logged in: {describe(world, found)}"
    assert f"Welcome, {world.people[role].name}." in text, f"after {role} logged in, no welcome by name"


def test_a_flash_message_naming_a_need_runs_nothing(signed, world):
    """Saving a need says its title in a flash message on the next page."""
    page, dialogs = open_row(signed, world, "need form (edit)")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the need").click()
    expect(page.get_by_role("status")).to_contain_text(shown_as(world, "other need's title"))
    found = inspect(page, dialogs)
    assert not found, f"after saving the need: {describe(world, found)}"


def test_a_javascript_web_address_is_refused(signed, world):
    """The organisation form refuses a javascript: address (and shows it back, inert)."""
    typed = "javascript:xss(8)//https://example.org"
    page, dialogs = open_row(signed, world, "organisation form (edit)")
    page.get_by_label("Website").fill(typed)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator("#website-error")).to_contain_text("http")
    assert page.get_by_label("Website").input_value() == typed
    found = inspect(page, dialogs)
    assert not found, f"the refused form: {describe(world, found)}"
    page, dialogs = open_row(signed, world, "organisation page (visitor)")
    website = page.locator('a[rel="nofollow noopener"]')
    expect(website).to_have_attribute("href", value_of(world, "organisation's website"))


def test_the_checks_catch_a_field_that_is_not_escaped(app, browser, live_server, world):
    """The control: with Jinja's escaping turned off, the same page and checks fail, naming the fields."""
    escaping = app.jinja_env.autoescape
    app.jinja_env.autoescape = False  # templates are compiled again without it
    app.jinja_env.cache.clear()
    page, dialogs = new_context(browser, live_server)
    try:
        page.goto(f"/projects/{world.ids['active']}")
        found = inspect(page, dialogs)
    finally:
        app.jinja_env.autoescape = escaping
        app.jinja_env.cache.clear()
        page.context.close()
    ran = {world.markers.names.get(n) for n in found.ran}
    assert {"active initiative's title", "active initiative's summary", "organisation's name",
            "update's title", "milestone's title", "other need's title"} <= ran, describe(world, found)
    assert any(problem.startswith("event handler onerror") for problem in found.markup), found.markup
    assert "active initiative's title" in describe(world, found)
    # and the stored HTML of the description, the only text marked safe, still runs nothing
    assert "active initiative's description" not in ran
