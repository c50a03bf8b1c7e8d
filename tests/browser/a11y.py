"""Helpers for the accessibility, narrow-screen, keyboard and no-JavaScript browser tests.

- `PAGE_TYPES`: every page type of the site, as (name, address, role) rows. The accessibility
  test (axe-core and heading order) and the narrow-screen test run on each row; a new page type
  is one more row. `address` is a function of the `Site` built by `build_site`.
- `build_site`: a small, realistic site committed to the database (an organisation, its
  partner, a reviewer, an admin, a community member; initiatives in draft, submitted and active
  stages with comments, updates, milestones, files; a held comment and a held update; a pending
  membership request), so that every page shows what it shows in real use. `site_for_module`
  builds it once for a test module and empties the tables after it; `SignedIn` keeps one signed-in
  browser context per person for the module.
- `run_axe`: axe-core, the npm package installed in node_modules/ by `make test` (never loaded
  from another site), evaluated in the page; its serious and critical WCAG 2.0/2.1 A and AA
  violations, and `describe` for a readable list.
- `heading_problems`, `overflow` (horizontal scrolling at a given width), `focus_indicator`.

Without node_modules/axe-core (npm not installed) the axe checks skip, saying why; under CI (the CI
variable set) that is an error instead, as a missing Chromium is.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw

from app.accounts.models import ReviewerRegion, User
from app.community import comments, updates
from app.core.columns import utcnow
from app.core.extensions import db
from app.gate.models import Phase
from app.organisations import memberships as org_memberships
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from app.projects import covers, projects, uploads
from app.projects.models import Stage
from app.resources import needs as need_service
from app.resources import offers as offer_service
from app.resources import pledges as pledge_service
from tests.browser.pages import TIMEOUT_MS
from tests.conftest import delete_all_rows
from tests.support.pdfs import make_pdf
from tests.support.people import PASSWORD
from tests.support.projects import advance, fill, load, project_data
from tests.support.voice import record as record_consultation

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
NARROW = {"width": 320, "height": 640}

PDF = make_pdf()
DESCRIPTION = """Girls aged 10 to 17 in six public schools of Thiès take part in their **school councils**.

## What happens

1. Workshops after school, led by women facilitators, in Wolof and French.
2. Each council elects two girls who prepare proposals with their classmates.
3. A council session at the town hall where the girls present their proposals to the mayor.

Girls with disabilities are reached through the neighbourhood associations; sign language is used
where needed. Parents are invited to a meeting before the first workshop and give their consent.

## What we measure

Attendance by sex and age band, the number of proposals presented, and the written answers of the
council within two months. The figures are shared with the girls at the end of each term."""
LONG_WORD = "https://example.org/" + "a-very-long-address-without-any-space-" * 4
COMMENTS = [
    "Which schools take part this year? We would like to invite the girls of Keur Massar to the session.",
    "The proposals on safe toilets are very concrete. Has the council already answered?",
    "Could the workshops also run on Saturday mornings for the girls who work after school?",
    "The plan of the workshops is here: " + LONG_WORD,
]
REPLY = "Yes: the council answered in writing in March, and two of the proposals are funded."
UPDATES = [
    ("The first workshops", "Forty-two girls took part in the first three workshops. " * 6),
    ("A council session at the town hall", "Eight girls presented their proposals to the mayor. " * 6),
]
HELD_TEXT = "Aminata, 12 years old, came to every session with her sister."


def cover_picture() -> bytes:
    """A 1200 × 675 PNG: a sky, a hill and a sun, enough to see how a cover is cropped and sized."""
    picture = Image.new("RGB", (1200, 675), (142, 197, 230))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((860, 80, 1040, 260), fill=(255, 191, 71))
    draw.ellipse((-300, 380, 900, 1100), fill=(29, 107, 54))
    draw.ellipse((500, 450, 1600, 1150), fill=(15, 77, 38))
    draw.rectangle((420, 300, 640, 520), fill=(122, 46, 140))
    out = BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


@dataclass
class Site:
    """What build_site made: people (records with email, password, name) and ids."""

    partner: SimpleNamespace
    member: SimpleNamespace
    community: SimpleNamespace
    reviewer: SimpleNamespace
    admin: SimpleNamespace
    applicant: SimpleNamespace
    org_slug: str
    draft_id: int
    submitted_id: int
    active_id: int
    update_id: int
    comment_id: int
    need_id: int
    consultation_id: int


def person(email: str, name: str, role: str = "community", regions: tuple[str, ...] = ()) -> SimpleNamespace:
    """A confirmed account (added to the session); its record as make_user gives it."""
    user = User(email=email, name=name, role=role, locale="en", active=True, email_verified_at=utcnow())
    user.set_password(PASSWORD)
    user.reviewer_regions = [ReviewerRegion(region_key=r) for r in regions]
    db.session.add(user)
    db.session.flush()
    return SimpleNamespace(id=user.id, email=user.email, name=user.name, password=PASSWORD)


def build_site(app) -> Site:
    """A small site with something on every page, committed (the live server reads it).

    Files go to app.config["UPLOAD_DIR"]: point it at a temporary folder first."""
    with app.app_context():
        partner = person("awa.ndiaye@example.org", "Awa Ndiaye")
        member = person("moussa.sarr@example.org", "Moussa Sarr")
        community = person("carla.mendes@example.org", "Carla Mendes")
        reviewer = person("ines.moreau@example.org", "Inès Moreau", "reviewer", ("sub_saharan_africa",))
        admin = person("ada.admin@example.org", "Ada Admin", "admin")
        applicant = person("pape.diouf@example.org", "Pape Diouf")
        org = Organisation(
            slug="jiggeen-thies", name="Jiggeen Thiès", country_code="SN", verified=True, verified_at=utcnow(),
            description="A women's association working with girls in the schools of Thiès. " + LONG_WORD,
        )
        db.session.add(org)
        db.session.flush()
        for record, role in ((partner, MembershipRole.OWNER), (member, MembershipRole.MEMBER)):
            db.session.add(
                Membership(user_id=record.id, organisation_id=org.id, role=role, status=MembershipStatus.ACTIVE,
                           decided_at=utcnow())
            )
        db.session.flush()
        org_memberships.request_membership(org, load(applicant.id))
        owner, the_reviewer = load(partner.id), load(reviewer.id)

        draft = projects.create_project(org, owner, project_data(title="Girls' voices in Thiès"))
        fill(draft, Phase.DESIGN, owner)
        submitted = projects.create_project(org, owner, project_data(title="Safe spaces in Mbour schools"))
        advance(submitted, Stage.SUBMITTED, owner, the_reviewer)
        active = projects.create_project(
            org, owner, project_data(
                title="Girls in the school councils of Thiès", description=DESCRIPTION + "\n\nThe plan: " + LONG_WORD
            )
        )
        advance(active, Stage.ACTIVE, owner, the_reviewer)
        uploads.store_attachment(active, owner, BytesIO(PDF), "Workshop plan 2026.pdf", consent=False)
        uploads.store_attachment(active, owner, BytesIO(PDF), "Council answers.pdf", consent=False)
        photo = uploads.store_attachment(active, owner, BytesIO(cover_picture()), "Council session.png", consent=True)
        covers.set_cover(active, owner, "Drawing of a council session: girls at a table facing the mayor",
                         attachment=photo)
        posted = [comments.post_comment(active, load(community.id), body).comment for body in COMMENTS]
        comments.post_comment(active, load(member.id), REPLY, parent=posted[0])
        comments.post_comment(active, load(community.id), HELD_TEXT)  # held by the safeguarding screen
        comments.flag_comment(posted[2], active, load(applicant.id), "It shares where the girls work.")
        made = [updates.post_update(active, owner, title, body)[0] for title, body in UPDATES]
        updates.post_update(active, owner, "Names of the girls", HELD_TEXT)  # held for moderation
        updates.add_milestone(active, owner, "First workshops", date(2026, 3, 1), date(2026, 3, 2))
        updates.add_milestone(active, owner, "Council session at the town hall", date(2027, 6, 1))
        need = need_service.add_need(active, owner, kind="volunteer_time", title="Facilitators for the councils",
                                     description="Women who lead the girls' councils on Saturdays.", quantity="120")
        need_service.add_need(active, owner, kind="funding", title="Transport to the town hall", quantity="150000",
                              unit="XOF", required=False)
        made_pledge, _ = pledge_service.make_pledge(need, active, load(community.id), quantity="40",
                                                    message="I can lead two sessions a month.")
        pledge_service.set_pledge_status(made_pledge, active, owner, "accepted")
        offer_service.make_offer(load(community.id), kind="volunteer_time", title="Saturday facilitation",
                                 description="Two Saturdays a month.", quantity="24", countries=["SN", "CI"],
                                 expires_on=date.today() + timedelta(days=60))
        # On the submitted initiative: the active one's page is the busiest page (tests/functional/test_page_weight.py).
        consultation = record_consultation(submitted, owner)
        db.session.commit()
        return Site(
            partner=partner, member=member, community=community, reviewer=reviewer, admin=admin,
            applicant=applicant, org_slug=org.slug, draft_id=draft.id, submitted_id=submitted.id,
            active_id=active.id, update_id=made[0].id, comment_id=posted[0].id, need_id=need.id,
            consultation_id=consultation.id,
        )


@contextmanager
def site_for_module(app, upload_dir: Path):
    """The site, built once for a test module and emptied after it (with the upload folder set)."""
    previous = app.config.get("UPLOAD_DIR")
    app.config["UPLOAD_DIR"] = str(upload_dir)
    with app.app_context():
        delete_all_rows()
    try:
        yield build_site(app)
    finally:
        with app.app_context():
            delete_all_rows()
        if previous is None:
            app.config.pop("UPLOAD_DIR", None)
        else:
            app.config["UPLOAD_DIR"] = previous


class SignedIn:
    """One browser context per person, signed in once and reused by the tests of a module."""

    def __init__(self, browser, live_server: str, site: Site):
        self.browser, self.live_server, self.site = browser, live_server, site
        self.pages: dict[str, object] = {}

    def page(self, role: str, viewport: dict | None = None):
        key = f"{role}@{viewport}"
        if key not in self.pages:
            options = {"base_url": self.live_server}
            if viewport:
                options["viewport"] = viewport
            context = self.browser.new_context(**options)
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            if role != "anonymous":
                log_in(page, getattr(self.site, role))
            self.pages[key] = page
        return self.pages[key]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages.clear()


@dataclass(frozen=True)
class PageType:
    name: str
    address: Callable[[Site], str]
    role: str  # "anonymous" or an attribute of Site holding the person to sign in as


# Every page type, with the person who sees it in real use. One row per page type.
PAGE_TYPES = [
    PageType("home", lambda s: "/", "anonymous"),
    PageType("project list", lambda s: "/projects", "anonymous"),
    PageType("project list (filtered)", lambda s: "/projects?q=girls&country=SN&stage=active", "anonymous"),
    PageType("log-in", lambda s: "/login", "anonymous"),
    PageType("registration", lambda s: "/register", "anonymous"),
    PageType("forgotten password", lambda s: "/password/forgot", "anonymous"),
    PageType("project page (visitor)", lambda s: f"/projects/{s.active_id}", "anonymous"),
    PageType("project page (community member)", lambda s: f"/projects/{s.active_id}", "community"),
    PageType("project page (partner)", lambda s: f"/projects/{s.active_id}", "partner"),
    PageType("draft project page (partner)", lambda s: f"/projects/{s.draft_id}", "partner"),
    PageType("project form (new)", lambda s: "/projects/new", "partner"),
    PageType("project form (edit)", lambda s: f"/projects/{s.draft_id}/edit", "partner"),
    PageType("assessment form", lambda s: f"/projects/{s.draft_id}/assessment/design", "partner"),
    PageType("cover image form", lambda s: f"/projects/{s.active_id}/cover", "partner"),
    PageType("my initiatives", lambda s: "/projects/mine", "partner"),
    PageType("my lab (partner)", lambda s: "/lab", "partner"),
    PageType("my lab (reviewer)", lambda s: "/lab", "reviewer"),
    PageType("review queue", lambda s: "/review/", "reviewer"),
    PageType("review page", lambda s: f"/review/projects/{s.submitted_id}", "reviewer"),
    PageType("moderation queue", lambda s: "/moderation", "reviewer"),
    PageType("held updates", lambda s: "/updates/held", "reviewer"),
    PageType("updates", lambda s: f"/projects/{s.active_id}/updates", "anonymous"),
    PageType("update", lambda s: f"/projects/{s.active_id}/updates/{s.update_id}", "community"),
    PageType("update form", lambda s: f"/projects/{s.active_id}/updates/new", "partner"),
    PageType("milestones", lambda s: f"/projects/{s.active_id}/milestones", "partner"),
    PageType("comment edit form", lambda s: f"/comments/{s.comment_id}/edit", "community"),
    PageType("comment reply form", lambda s: f"/projects/{s.active_id}?reply_to={s.comment_id}", "member"),
    PageType("comment report form", lambda s: f"/comments/{s.comment_id}/flag", "member"),
    PageType("comment deletion", lambda s: f"/comments/{s.comment_id}/delete", "community"),
    PageType("comment moderation", lambda s: f"/moderation/comments/{s.comment_id}", "reviewer"),
    PageType("notifications", lambda s: "/notifications", "partner"),
    PageType("account", lambda s: "/account", "community"),
    PageType("organisation directory", lambda s: "/organisations/", "anonymous"),
    PageType("organisation page", lambda s: f"/organisations/{s.org_slug}", "anonymous"),
    PageType("organisation page (owner)", lambda s: f"/organisations/{s.org_slug}", "partner"),
    PageType("organisation form (new)", lambda s: "/organisations/new", "community"),
    PageType("organisation form (edit)", lambda s: f"/organisations/{s.org_slug}/edit", "partner"),
    PageType("admin: users", lambda s: "/admin/users", "admin"),
    PageType("admin: one user", lambda s: f"/admin/users/{s.partner.id}", "admin"),
    PageType("admin: organisations", lambda s: "/admin/organisations", "admin"),
    PageType("admin: settings", lambda s: "/admin/settings", "admin"),
    PageType("admin: jobs that failed", lambda s: "/admin/jobs", "admin"),
    PageType("dashboard", lambda s: "/stats", "anonymous"),
    PageType("dashboard for reviewers", lambda s: "/stats/review", "reviewer"),
    PageType("needs and pledges (visitor)", lambda s: f"/projects/{s.active_id}/needs", "anonymous"),
    PageType("needs and pledges (partner)", lambda s: f"/projects/{s.active_id}/needs", "partner"),
    PageType("need form", lambda s: f"/projects/{s.active_id}/needs/new", "partner"),
    PageType("pledge form", lambda s: f"/projects/{s.active_id}/needs/{s.need_id}/pledge", "community"),
    PageType("my pledges", lambda s: "/pledges/mine", "community"),
    PageType("resource pool", lambda s: "/offers", "anonymous"),
    PageType("offer form", lambda s: "/offers/new", "community"),
    PageType("my offers", lambda s: "/offers/mine", "community"),
    PageType("consultations (visitor)", lambda s: f"/projects/{s.submitted_id}/consultations", "anonymous"),
    PageType("consultations (partner)", lambda s: f"/projects/{s.submitted_id}/consultations", "partner"),
    PageType("consultation form", lambda s: f"/projects/{s.submitted_id}/consultations/new", "partner"),
    PageType("answer back form",
             lambda s: f"/projects/{s.submitted_id}/consultations/{s.consultation_id}/answer", "partner"),
    PageType("page not found", lambda s: "/no-such-page", "anonymous"),
]


def page_type_params():
    """PAGE_TYPES as pytest parameters named after each page type."""
    return [pytest.param(row, id=row.name) for row in PAGE_TYPES]


def log_in(page, user) -> None:
    """Sign in through the log-in form; waits for the page after it."""
    page.goto("/login")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert "/login" not in page.url, f"signing in as {user.email} failed"


def open_page_type(page, site: Site, row: PageType):
    """Open the row's address (in a page signed in as the row's person); the response."""
    response = page.goto(row.address(site))
    expected = 404 if row.name == "page not found" else 200
    assert response.status == expected, f"{row.name}: {row.address(site)} answered {response.status}"
    return response


# axe-core ------------------------------------------------------------------------------------------


def running_in_ci() -> bool:
    import os

    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def axe_source() -> str:
    """The text of node_modules/axe-core/axe.min.js; skips (fails under CI) when it is not installed."""
    if not AXE_PATH.exists():
        reason = f"{AXE_PATH.relative_to(ROOT)} is not installed (install npm, then `make test` runs npm ci)"
        if running_in_ci():
            pytest.fail(f"{reason}; the accessibility tests must run in CI", pytrace=False)
        pytest.skip(reason)
    return AXE_PATH.read_text(encoding="utf-8")


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary || ""})),
  }));
}"""


def inject_axe(page, source: str) -> None:
    """Put axe-core into the page. The site's CSP (script-src 'self') refuses an injected <script>
    (Playwright's add_script_tag inlines the file), so the file is evaluated through the browser's
    automation channel, which page scripts and the CSP do not govern."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    assert page.evaluate("typeof window.axe.run") == "function", "axe-core did not load in the page"


def run_axe(page, source: str) -> list[dict]:
    """Every WCAG 2.0/2.1 A and AA violation axe-core finds on the page as it stands."""
    inject_axe(page, source)
    return page.evaluate(AXE_RUN, WCAG_TAGS)


def blocking(violations: list[dict]) -> list[dict]:
    """The serious and critical violations."""
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    """One paragraph per violation: rule, impact, what it asks, and the elements at fault."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


# Headings --------------------------------------------------------------------------------------------

HEADINGS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
  .filter((h) => !h.closest("[hidden], [aria-hidden='true']"))
  .map((h) => [Number(h.tagName[1]), h.textContent.replace(/\\s+/g, " ").trim()])"""


def headings(page) -> list[tuple[int, str]]:
    return [(level, text) for level, text in page.evaluate(HEADINGS)]


def heading_problems(found: list[tuple[int, str]]) -> list[str]:
    """What is wrong with the page's outline: not exactly one h1, a heading before it, a skipped level."""
    problems = []
    h1s = [text for level, text in found if level == 1]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 headings (one expected): {h1s}")
    if found and found[0][0] != 1:
        problems.append(f"the first heading is h{found[0][0]} “{found[0][1]}”, not the h1")
    for (before, _), (level, text) in zip(found, found[1:], strict=False):
        if level > before + 1:
            problems.append(f"h{level} “{text}” follows an h{before}: level h{before + 1} skipped")
    return problems


# Narrow screens ------------------------------------------------------------------------------------

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {  // inside a scrolling or clipping box, and not positioned out of it
    if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5 && !clipped(el)) {
      const classes = typeof el.className === "string" && el.className.trim()
        ? "." + el.className.trim().split(/\\s+/).join(".") : "";
      wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes
        + " (right edge at " + Math.round(box.right) + "px)");
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 10)};
}"""


def overflow(page) -> dict:
    """The document's scroll width, the viewport's width and the first elements that stick out."""
    return page.evaluate(OVERFLOW)


# Focus --------------------------------------------------------------------------------------------

FOCUS_INDICATOR = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {
    tag: el.tagName.toLowerCase(), type: el.getAttribute("type") || "",
    name: (el.getAttribute("aria-label") || el.labels?.[0]?.textContent || el.textContent || el.name || "")
      .replace(/\\s+/g, " ").trim().slice(0, 60),
    visible: Boolean(outline || shadow), outline: style.outlineStyle + " " + style.outlineWidth,
    shadow: style.boxShadow,
  };
}"""


def focus_indicator(page) -> dict | None:
    """The focused element (tag, type, name) and whether it shows a focus outline or shadow."""
    return page.evaluate(FOCUS_INDICATOR)


# The widths of the screenshots and of the Arabic checks.
WIDTHS = {"phone": {"width": 360, "height": 800}, "laptop": {"width": 1280, "height": 800}}
# The main page types (rows of tests.browser.a11y.PAGE_TYPES), one per kind of page people meet.
MAIN = (
    "home",
    "project list",
    "project list (filtered)",
    "log-in",
    "project page (visitor)",
    "project page (partner)",
    "draft project page (partner)",
    "project form (new)",
    "assessment form",
    "cover image form",
    "my initiatives",
    "my lab (partner)",
    "my lab (reviewer)",
    "review queue",
    "review page",
    "moderation queue",
    "notifications",
    "account",
    "organisation directory",
    "organisation page",
    "admin: users",
    "admin: settings",
    "dashboard",
    "needs and pledges (visitor)",
    "resource pool",
)
ROWS = [row for row in PAGE_TYPES if row.name in MAIN]
