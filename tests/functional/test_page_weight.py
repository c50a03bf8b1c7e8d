"""Light pages: the HTML of a page plus every stylesheet and script it links weigh at most 60 KB
before compression (images aside), measured on pages with realistic content. A page padded past the
limit fails the same check.

The initiative's discussion holds 60 comments (threads and replies, some reported, some the reader's
own), all on the page's first page of threads, and the page is weighed for every role: a comment
carries links ("Reply", "Report", "Delete", "Moderate"), not forms, so the page stays light for
signed-in readers too; the reply form is weighed where it is shown (`?reply_to=`), and the report,
delete and moderation pages the links open.

PAGES lists the pages weighed, as (name, address, role) rows; a new page is one row.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from app.community import comments
from app.community.models import Comment
from app.core.extensions import db
from app.organisations.models import Organisation
from app.projects import projects
from app.projects.models import Project, Stage
from tests.browser.a11y import Site, build_site
from tests.support.projects import advance, load, project_data

LIMIT = 60_000  # bytes: HTML + CSS + JavaScript, uncompressed

STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.I)
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.I)
HREF = re.compile(r"\bhref=\"([^\"]+)\"", re.I)


@dataclass
class Weight:
    html: int
    assets: dict[str, int] = field(default_factory=dict)  # address → bytes, for each CSS and JS file

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{address} {size:,} B" for address, size in self.assets.items())
        return f"{self.total:,} B in all: HTML {self.html:,} B; {parts or 'no CSS or JS'}"


def linked_assets(html: str) -> list[str]:
    """The addresses of the stylesheets and scripts a page loads."""
    found = [m.group(1) for tag in STYLESHEET.findall(html) if (m := HREF.search(tag))]
    found += SCRIPT.findall(html)
    return list(dict.fromkeys(address.replace("&amp;", "&") for address in found))


def weigh(html: bytes, fetch: Callable[[str], bytes]) -> Weight:
    """The page's HTML and each file it links, as they would be downloaded before compression."""
    text = html.decode("utf-8")
    return Weight(html=len(html), assets={address: len(fetch(address)) for address in linked_assets(text)})


def assert_light(name: str, weight: Weight, limit: int = LIMIT) -> None:
    assert weight.total <= limit, f"{name} weighs more than {limit:,} B: {weight}"


def client_fetch(client) -> Callable[[str], bytes]:
    def fetch(address: str) -> bytes:
        response = client.get(address)  # no Accept-Encoding: the uncompressed size
        assert response.status_code == 200, f"{address} answered {response.status_code}"
        assert "Content-Encoding" not in response.headers
        return response.get_data()

    return fetch


@dataclass(frozen=True)
class WeighedPage:
    name: str
    address: Callable[[Site], str]
    role: str  # "anonymous" or an attribute of Site
    shows: bytes = b""  # what the page is about; the comments or the initiatives when not given


PAGES = [
    WeighedPage("project page (visitor)", lambda s: f"/projects/{s.active_id}", "anonymous"),
    WeighedPage("project page (community member)", lambda s: f"/projects/{s.active_id}", "community"),
    WeighedPage("project page (organisation member)", lambda s: f"/projects/{s.active_id}", "member"),
    WeighedPage("project page (partner)", lambda s: f"/projects/{s.active_id}", "partner"),
    WeighedPage("project page (reviewer)", lambda s: f"/projects/{s.active_id}", "reviewer"),
    WeighedPage("project page (admin)", lambda s: f"/projects/{s.active_id}", "admin"),
    WeighedPage("project page, first page of comments (reviewer)",
                lambda s: f"/projects/{s.active_id}?comments_page=1", "reviewer"),
    WeighedPage("project page with a reply form (community member)",
                lambda s: f"/projects/{s.active_id}?comments_page=1&reply_to={s.comment_id}", "community"),
    WeighedPage("reporting a comment (organisation member)", lambda s: f"/comments/{s.comment_id}/flag", "member"),
    WeighedPage("deleting a comment (community member)", lambda s: f"/comments/{s.comment_id}/delete", "community"),
    WeighedPage("moderating a comment (reviewer)",
                lambda s: f"/moderation/comments/{s.comment_id}", "reviewer"),
    WeighedPage("project list (visitor)", lambda s: "/projects", "anonymous"),
    WeighedPage("project list (partner)", lambda s: "/projects", "partner"),
    WeighedPage("filtered project list (visitor)", lambda s: "/projects?q=school&country=SN&stage=incubating",
                "anonymous"),
    WeighedPage("home (visitor)", lambda s: "/", "anonymous", shows=b'aria-label="Senegal: 26 initiatives"'),
    WeighedPage("home (partner)", lambda s: "/", "partner", shows=b'aria-label="Senegal: 26 initiatives"'),
    WeighedPage("dashboard (visitor)", lambda s: "/stats", "anonymous", shows=b'aria-label="Senegal: 26 initiatives"'),
    WeighedPage("results dashboard (visitor)", lambda s: "/stats/results", "anonymous",
                shows=b"Children reached by country"),
]
LISTED = 24  # public initiatives on top of the site's own: more than one page of the list
DISCUSSION = 60  # comments on the initiative, all shown on the first page of its discussion
REMARKS = (
    "Thank you for the update on the councils. In our school the girls asked for a second session "
    "after the exams, when they have more time to prepare their proposals.",
    "Do the councils also meet in the villages around the town? The girls of our association would "
    "like to take part, and the parents agree if an adult goes with them.",
    "We ran a similar workshop last year: the posters the girls drew worked better than the forms. "
    "Happy to share them with the team.",
)


@pytest.fixture
def site(app, tmp_path, monkeypatch):
    """An initiative with a Markdown description, comments and a reply, updates, milestones, files;
    and enough public initiatives to fill the first page of the list."""
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path))
    built = build_site(app)
    with app.app_context():
        org = db.session.scalar(select(Organisation).where(Organisation.slug == built.org_slug))
        owner, reviewer = load(built.partner.id), load(built.reviewer.id)
        for n in range(LISTED):
            project = projects.create_project(
                org, owner, project_data(title=f"Safe spaces for girls in Thiès, school {n + 1}")
            )
            advance(project, Stage.INCUBATING, owner, reviewer)
        add_discussion(db.session.get(Project, built.active_id), built)
        db.session.commit()
    return built


def add_discussion(project: Project, built: Site) -> None:
    """Comments up to DISCUSSION on the initiative: threads of a comment and a reply or two, by the
    community member (whose own comments show "Edit" and "Delete") and the organisation's member,
    every fifth one reported by the applicant."""
    writers = [load(built.community.id), load(built.member.id)]
    reporter = load(built.applicant.id)
    existing = db.session.scalar(select(func.count()).select_from(Comment).where(Comment.project_id == project.id))
    root = None
    for n in range(existing, DISCUSSION):
        body = f"{REMARKS[n % len(REMARKS)]} (Comment {n + 1}.)"
        # Threads of a comment and two replies: fewer threads than a page holds, so all 60 are on it.
        posted = comments.post_comment(project, writers[n % 2], body, parent=None if n % 3 == 0 else root).comment
        root = posted if n % 3 == 0 else root
        if n % 5 == 0:
            comments.flag_comment(posted, project, reporter, "Please check: it names a village.")
    db.session.flush()
    count = select(func.count()).select_from(Comment).where(Comment.project_id == project.id)
    assert db.session.scalar(count) == DISCUSSION


def weigh_page(app, login_as, site: Site, row: WeighedPage) -> tuple[Weight, bytes]:
    client = app.test_client()
    if row.role != "anonymous":
        login_as(getattr(site, row.role), client)
    response = client.get(row.address(site))
    assert response.status_code == 200
    return weigh(response.get_data(), client_fetch(client)), response.get_data()


@pytest.mark.parametrize("row", [pytest.param(row, id=row.name) for row in PAGES])
def test_pages_weigh_at_most_60_kb(app, login_as, site, row, record_property):
    weight, html = weigh_page(app, login_as, site, row)
    assert weight.assets, "the page links the site's stylesheet"
    address = row.address(site)
    if row.shows:
        shown = [row.shows]
    elif address.startswith("/projects/") and "comments_page=1" in address:
        shown = [b"council answered in writing", b"Later comments"]
    elif address.startswith("/projects/"):
        shown = [f"(Comment {DISCUSSION}.)".encode(), b"Earlier comments"]
    elif address.startswith("/projects"):
        shown = [b"school 24"]
    else:
        shown = [b"Which schools take part this year?"]  # the comment the page is about
    assert all(text in html for text in shown), "the page shows what it is about (the comments, the initiatives)"
    if "reply_to=" in address:
        assert html.count(b'name="parent_id"') == 1 and f'id="reply-{site.comment_id}"'.encode() in html
    record_property("weight", str(weight))
    print(f"{row.name}: {weight}")
    assert_light(row.name, weight)


def test_a_page_padded_past_the_limit_fails_the_check(app, login_as, site):
    weight, html = weigh_page(app, login_as, site, PAGES[0])
    assert_light("the project page", weight)
    padding = b"<p>" + b"Forty-two girls took part. " * ((LIMIT - weight.total) // 27 + 100) + b"</p>"
    padded = html.replace(b"</main>", padding + b"</main>")
    heavy = weigh(padded, lambda address: b"x" * weight.assets[address])
    with pytest.raises(AssertionError, match="weighs more than 60,000 B"):
        assert_light("the padded project page", heavy)


def test_every_linked_stylesheet_and_script_is_counted():
    html = (
        b'<link rel="stylesheet" href="/static/a.css?v=1"><link rel="icon" href="/static/i.svg">'
        b'<link href="/static/b.css" rel="stylesheet"><script src="/static/c.js"></script>'
    )
    sizes = {"/static/a.css?v=1": 100, "/static/b.css": 200, "/static/c.js": 300}
    weight = weigh(html, lambda address: b"x" * sizes[address])
    assert weight.assets == sizes
    assert weight.total == len(html) + 600
