"""Cross-site scripting in the browser: payloads that call a flag function, a world whose every
field a person controls holds one, and the checks made in the page.

- Every payload calls `xss(N)` instead of `alert(1)` (the payloads are drawn from
  tests/unit/test_xss_corpus.py). N is the field's marker: `Markers` gives each field its own
  number (from 100, so that no marker reads as a child's age to the safeguarding screen), and a
  failure says which field ran.
- `build_world` writes the payloads through the app's own services (the path people's data
  takes): an organisation's name, description and website; people's names and an API token's
  name; an active initiative (title, summary, description, file name, every text answer of its
  three assessments, stage-change notes, reviews, reviewer notes, comments held, hidden and
  reported with their reasons, updates published and held, a comment on an update, a milestone,
  needs with their units, a pledge's message, offers, a request for an offer and its answer); a
  submitted initiative with a reviewed first version and a changed second one (the review page's
  side-by-side changes); a second verified organisation and an unverified one.
- `new_context` makes a browser context with the Content-Security-Policy switched off
  (bypass_csp), so that only the escaping and the sanitizer stand between a payload and the page;
  `inspect` fires mouse and focus events on every element, opens every <details>, and answers
  what ran and what markup should not be there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO
from types import SimpleNamespace

from app.accounts import accounts, tokens
from app.community import comments, moderation, updates
from app.core.extensions import db
from app.gate import assessments, reviewing, workflow
from app.gate.models import Phase
from app.gate.questions import PERCENT, QUESTIONS
from app.organisations import editing as org_editing
from app.organisations import memberships as org_memberships
from app.projects import projects, uploads
from app.projects.models import Stage
from app.resources import needs as need_service
from app.resources import offer_requests as request_service
from app.resources import offers as offer_service
from app.resources import pledges as pledge_service
from tests.browser.a11y import HELD_TEXT, PDF, log_in, person
from tests.browser.pages import TIMEOUT_MS
from tests.support.projects import load

FLAG_SCRIPT = "window.__xss = []; window.xss = function (n) { window.__xss.push(n); };"
FIRST_MARKER = 100

# Checks made in the page, after it loaded: markup no escaped text can make.
FORBIDDEN_MARKUP = """() => {
  const safe = new Set(["http:", "https:", "mailto:"]);
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster",
                                 "background", "cite", "longdesc"]);
  const forbidden = new Set(["script", "iframe", "frame", "object", "embed", "base", "applet"]);
  const problems = [];
  const show = (el) => el.outerHTML.replace(/\\s+/g, " ").slice(0, 200);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    // The app's own scripts: an empty <script> whose src is a file of static/js/ on this site.
    const ownScript = tag === "script" && !el.textContent.trim() && el.hasAttribute("src")
      && new URL(el.getAttribute("src"), location.href).origin === location.origin
      && new URL(el.getAttribute("src"), location.href).pathname.startsWith("/static/js/");
    if (forbidden.has(tag) && !ownScript) problems.push("<" + tag + "> element: " + show(el));
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push("meta http-equiv: " + show(el));
    if (tag === "link" && !el.closest("head")) problems.push("<link> outside <head>: " + show(el));
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name);
      if (name.startsWith("on")) {
        problems.push("event handler " + name + ": " + show(el));
      } else if (name === "style" && /xss\\(|expression|javascript:|url\\(/i.test(value)) {
        problems.push("style: " + show(el));
      } else if (name === "srcdoc") {
        problems.push("srcdoc: " + show(el));
      } else if (urlAttributes.has(name)) {
        let protocol = null;
        try { protocol = new URL(value, document.baseURI).protocol; } catch (error) { protocol = "unparsable:"; }
        if (!safe.has(protocol)) problems.push(name + " with " + protocol + " " + show(el));
      }
    }
  }
  return problems;
}"""
TOUCH_EVERYTHING = """() => {
  for (const el of document.body.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin", "animationstart"]) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
}"""
SHOWN_TEXT = "() => document.body.innerText.replace(/\\s+/g, ' ')"


# Payloads --------------------------------------------------------------------------------------


class Markers:
    """One number per field; `names[n]` says which field holds marker n."""

    def __init__(self):
        self.names: dict[int, str] = {}

    def new(self, name: str) -> int:
        number = FIRST_MARKER + len(self.names)
        self.names[number] = name
        return number


def tiny(n: int) -> str:
    """At most 40 characters (a need's or an offer's unit)."""
    return f"\"'><img src=x onerror=xss({n})>"


def line(n: int, word: str) -> str:
    """One line of at most 80 characters (people's names, an API token's name)."""
    return f"{word} {n} \"'></title></textarea><img src=x onerror=xss({n})>{{{{7*7}}}}"


def long_line(n: int, word: str) -> str:
    """One line of at most 200 characters (titles, summaries, organisations' names)."""
    template_syntax = "{% if 1 %}T{% endif %} &lt;b&gt; &amp;amp;"
    return line(n, word) + f"<svg onload=xss({n})><script>xss({n})</script>" + template_syntax


def reason(n: int, word: str) -> str:
    """A few lines, at most 500 characters (the reason of a report or of a moderator's decision)."""
    return "\n".join([
        line(n, word),
        f"<details open ontoggle=xss({n})>",
        f"[link](javascript:xss({n}))",
        f'<a href="javascript:xss({n})">a</a>',
        f"<input autofocus onfocus=xss({n})>",
    ])


def text(n: int, word: str) -> str:
    """Several paragraphs of Markdown and HTML, about 1,500 characters (descriptions, answers, messages)."""
    return "\n\n".join([
        f"{word} {n}: a long text with payloads.",
        f"<script>xss({n})</script>",
        f"<img src=x onerror=xss({n})>",
        f"\"'><svg onload=xss({n})>",
        f"</textarea></title></style><img src=x onerror=xss({n})>",
        f"<details open ontoggle=xss({n})>",
        f"<input autofocus onfocus=xss({n})>",
        f'<a href="javascript:xss({n})">html link</a>',
        f'<a href="&#106;avascript:xss({n})">entity link</a>',
        f"[markdown link](javascript:xss({n}))",
        f"[markdown entity link](&#x6A;avascript:xss({n}))",
        f'[markdown title](https://example.org "t\\" onmouseover=\\"xss({n})")',
        f'[markdown title breakout](https://example.org "</title><img src=x onerror=xss({n})>")',
        f'![markdown image](x" onerror="xss({n}))',
        f"<javascript:xss({n})>",
        f'<div style="background:url(javascript:xss({n}))">style url</div>',
        f'<p style="width:expression(xss({n}))">style expression</p>',
        f"<math><mtext><table><mglyph><style><img src=x onerror=xss({n})>",
        f'<!--<img src="--><img src=x onerror=xss({n})//">',
        f'<svg><a xlink:href="javascript:xss({n})"><text x="20" y="20">svg link</text></a></svg>',
        f"&lt;script&gt;xss({n})&lt;/script&gt; &#60;img src=x onerror=xss({n})&#62;",
        "{{7*7}} {% if true %}jinja{% endif %} ${7*7} #{7*7}",
    ])


def web_address(n: int) -> str:
    """A web address the organisation form accepts (http, a host, no space) that breaks out if unquoted."""
    return f"https://example.org/{n}?q=\"'><script>xss({n})</script><img/src=x/onerror=xss({n})>"


def file_name(n: int) -> str:
    """A file name as uploaded (the upload drops double quotes and angle brackets: a single quote is tried)."""
    return f"File {n}' onmouseover=xss({n}) x='&amp;.pdf"


# The world ---------------------------------------------------------------------------------------


@dataclass
class World:
    """What build_world made: people (records with email, password, name), ids, the payload written
    in each field (`written[field name]`) and, for the fields the edit forms give back or the app
    changes on writing, the text as stored (`stored[field name]`, read back after writing)."""

    markers: Markers
    written: dict[str, str]
    stored: dict[str, str]
    people: dict[str, SimpleNamespace]
    ids: dict[str, int] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)

    def marker(self, name: str) -> int:
        return next(n for n, field_name in self.markers.names.items() if field_name == name)


ROLES = ("partner", "community", "reviewer", "admin", "applicant")


def build_world(app) -> World:
    """The world, committed (the live server reads it). Files go to app.config["UPLOAD_DIR"]."""
    markers, written, stored = Markers(), {}, {}

    def payload(name: str, make, *args) -> str:
        written[name] = make(markers.new(name), *args)
        return written[name]

    with app.app_context():
        people = {}
        for role, kind, regions in (
            ("partner", "community", ()),
            ("community", "community", ()),
            ("reviewer", "reviewer", ("sub_saharan_africa",)),
            ("admin", "admin", ()),
            ("applicant", "community", ()),
        ):
            record = person(f"xss.{role}@example.org", role, kind, regions)
            user = load(record.id)
            accounts.update_settings(user, name=user.name, locale="en", notify_mode="immediate")
            # A name can hold no markup (app.core.text.name_problem), but one stored before that rule or
            # written by a careless script must still be escaped everywhere: written into the row itself.
            user.name = payload(f"{role}'s name", line, "Name")
            db.session.flush()
            record.name = stored[f"{role}'s name"] = user.name
            people[role] = record
        partner, community, reviewer, admin, applicant = (load(people[r].id) for r in ROLES)
        tokens.create_token(community, payload("API token's name", line, "Token"))

        org = org_editing.create_organisation(
            org_editing.OrganisationData(
                name=payload("organisation's name", long_line, "Organisation"), country="SN",
                description=payload("organisation's description", text, "About the organisation"),
                themes=["child_protection"], website=payload("organisation's website", web_address),
            ),
            partner,
        )
        org_editing.set_verified(org, True, admin)
        pledging_org = org_editing.create_organisation(
            org_editing.OrganisationData(
                name=payload("pledging organisation's name", long_line, "Pledging organisation"), country="CI",
                description=payload("pledging organisation's description", text, "About"),
            ),
            community,
        )
        org_editing.set_verified(pledging_org, True, admin)
        unverified = org_editing.create_organisation(
            org_editing.OrganisationData(name=payload("unverified organisation's name", long_line, "Unverified"),
                                         country="SN"),
            applicant,
        )
        org_memberships.request_membership(org, applicant)
        stored.update({
            "organisation's name": org.name, "organisation's description": org.description,
            "organisation's website": org.website, "pledging organisation's name": pledging_org.name,
            "unverified organisation's name": unverified.name,
        })

        active = projects.create_project(org, partner, project_fields(payload, "active initiative"))
        walk_to_active(active, partner, reviewer, payload)
        submitted = projects.create_project(org, partner, project_fields(payload, "submitted initiative"))
        submit_twice(submitted, partner, reviewer, payload)
        for name, project in (("active initiative", active), ("submitted initiative", submitted)):
            stored.update({f"{name}'s title": project.title, f"{name}'s summary": project.summary,
                           f"{name}'s description": project.description})
        reviewing.add_reviewer_note(submitted, reviewer, payload("reviewer note", text, "Reviewer note"))
        reviewing.add_reviewer_note(active, reviewer, payload("reviewer note (active)", text, "Reviewer note"))
        stored["active initiative's file name"] = uploads.store_attachment(
            active, partner, BytesIO(PDF), payload("file name", file_name), consent=False
        ).original_name
        results = {
            q.key: 42 if q.kind == PERCENT else payload(f"results answer {q.key}", text, f"Results {q.key}")
            for q in QUESTIONS[Phase.RESULTS]
        }
        saved = assessments.save_assessment(active, Phase.RESULTS, partner, results, "GE-2",
                                            payload("results justification", text, "Justification"))
        stored["results justification"] = saved.justification
        for q in QUESTIONS[Phase.RESULTS]:
            if q.kind != PERCENT:
                stored[f"results answer {q.key}"] = saved.answers[q.key]

        ids = {"active": active.id, "submitted": submitted.id}
        ids.update(community_posts(active, partner, community, reviewer, applicant, payload, stored))
        ids.update(resource_pooling(active, partner, community, pledging_org, payload, stored))
        db.session.commit()
        return World(markers=markers, written=written, stored=stored, people=people, ids=ids,
                     slugs={"organisation": org.slug, "pledging": pledging_org.slug})


def project_fields(payload, name: str) -> projects.ProjectData:
    return projects.ProjectData(
        title=payload(f"{name}'s title", long_line, "Initiative"),
        summary=payload(f"{name}'s summary", long_line, "Summary"),
        description=payload(f"{name}'s description", text, "Description"),
        country="SN", themes=["child_protection", "girls_empowerment"], language="en",
        target_groups=["adolescent_girls"], girls_focused=True, children={"girls_12_17": 120},
    )


def answers(payload, label: str, phase: Phase) -> dict:
    """Every text question of `phase` with its own payload; percentages as numbers."""
    return {
        q.key: 42 if q.kind == PERCENT else payload(f"{label} answer {q.key}", text, f"{label} {q.key}")
        for q in QUESTIONS[phase]
    }


def walk_to_active(project, partner, reviewer, payload) -> None:
    """Design, implementation: each assessment filled with payloads, reviewed with a payload comment,
    each move with a payload note."""
    for phase, review_stage, next_stage in (
        (Phase.DESIGN, Stage.SUBMITTED, Stage.INCUBATING),
        (Phase.IMPLEMENTATION, Stage.LAUNCH_REVIEW, Stage.ACTIVE),
    ):
        label = f"active {phase.value}"
        assessments.save_assessment(project, phase, partner, answers(payload, label, phase), "GE-2",
                                    payload(f"{label} justification", text, "Justification"))
        workflow.transition(project, review_stage, partner, note=payload(f"{label} submission note", text, "Note"))
        assessments.review_assessment(project, phase, reviewer, "satisfactory", "GE-2",
                                      payload(f"{label} review comment", text, "Review"))
        workflow.transition(project, next_stage, reviewer, note=payload(f"{label} decision note", text, "Note"))


def submit_twice(project, partner, reviewer, payload) -> None:
    """Version 1 reviewed as needing work, changes requested, version 2 changed and submitted again."""
    label = "submitted design v1"
    assessments.save_assessment(project, Phase.DESIGN, partner, answers(payload, label, Phase.DESIGN), "GE-1",
                                payload(f"{label} justification", text, "Justification"))
    workflow.transition(project, Stage.SUBMITTED, partner, note=payload(f"{label} submission note", text, "Note"))
    assessments.review_assessment(project, Phase.DESIGN, reviewer, "needs_work", "GE-1",
                                  payload(f"{label} review comment", text, "Review"))
    workflow.transition(project, Stage.CHANGES_REQUESTED, reviewer,
                        note=payload(f"{label} changes requested note", text, "Note"))
    label = "submitted design v2"
    assessments.save_assessment(project, Phase.DESIGN, partner, answers(payload, label, Phase.DESIGN), "GE-2",
                                payload(f"{label} justification", text, "Justification"))
    workflow.transition(project, Stage.SUBMITTED, partner, note=payload(f"{label} submission note", text, "Note"))


def community_posts(project, partner, community, reviewer, applicant, payload, stored) -> dict[str, int]:
    """Comments (published, a reply, held, reported, hidden), updates (published, held, a comment on
    one) and a milestone."""
    published = comments.post_comment(project, community, payload("comment", text, "Comment")).comment
    assert published.status == "published", "the comment with payloads was held"
    comments.post_comment(project, partner, payload("reply", text, "Reply"), parent=published)
    held = comments.post_comment(project, community, HELD_TEXT + "\n\n" + payload("held comment", text, "Held"))
    assert held.comment.status == "held", "the comment naming a child was not held"
    reported = comments.post_comment(project, community, payload("reported comment", text, "Reported")).comment
    comments.flag_comment(reported, project, applicant, payload("report's reason", reason, "Report"))
    hidden = comments.post_comment(project, community, payload("hidden comment", text, "Hidden")).comment
    moderation.moderate(hidden, project, reviewer, "hide", payload("moderator's reason", reason, "Hidden because"))
    post, advice = updates.post_update(project, partner, payload("update's title", long_line, "Update"),
                                       payload("update's text", text, "Update text"))
    assert not advice, "the update with payloads was held"
    comments.post_comment(project, community, payload("comment on the update", text, "On the update"), update=post)
    held_post, advice = updates.post_update(project, partner, payload("held update's title", long_line, "Held update"),
                                            HELD_TEXT + "\n\n" + payload("held update's text", text, "Held text"))
    assert advice, "the update naming a child was not held"
    milestone = updates.add_milestone(project, partner, payload("milestone's title", long_line, "Milestone"),
                                      date(2026, 3, 1))
    stored.update({"comment": published.body, "update's title": post.title, "update's text": post.body,
                   "milestone's title": milestone.title})
    return {"comment": published.id, "update": post.id, "held update": held_post.id, "milestone": milestone.id,
            "reported comment": reported.id, "hidden comment": hidden.id}


def resource_pooling(project, partner, community, pledging_org, payload, stored) -> dict[str, int]:
    """Three needs, a pledge with a message, three offers: one asked (waiting for its answer), one
    asked and given (now a fulfilled pledge), one open."""
    needs = {}
    for kind in ("other", "expertise", "materials"):
        needs[kind] = need_service.add_need(
            project, partner, kind=kind, title=payload(f"{kind} need's title", long_line, "Need"),
            description=payload(f"{kind} need's description", text, "Need"), quantity="10",
            unit=payload(f"{kind} need's unit", tiny),
        )
        stored.update({f"{kind} need's title": needs[kind].title, f"{kind} need's unit": needs[kind].unit,
                       f"{kind} need's description": needs[kind].description})
    pledge, _ = pledge_service.make_pledge(needs["other"], project, community, quantity="3",
                                           message=payload("pledge's message", text, "Pledge"),
                                           organisation=pledging_org)
    pledge_service.set_pledge_status(pledge, project, partner, "accepted")
    offers = {}
    for name, kind in (("asked", "expertise"), ("given", "materials"), ("open", "expertise")):
        offers[name], _ = offer_service.make_offer(
            community, kind=kind, title=payload(f"{name} offer's title", long_line, "Offer"),
            description=payload(f"{name} offer's description", text, "Offer"), quantity="5",
            unit=payload(f"{name} offer's unit", tiny), countries=["SN"],
            expires_on=date.today() + timedelta(days=60), organisation=pledging_org,
        )
        stored.update({f"{name} offer's title": offers[name].title})
    request_service.ask_offer(offers["asked"], needs["expertise"], project, partner,
                              message=payload("request's message", text, "Request"))
    given = request_service.ask_offer(offers["given"], needs["materials"], project, partner,
                                      message=payload("given request's message", text, "Request"))
    from_offer = request_service.answer_request(given, community, confirm=True)
    pledge_service.set_pledge_status(from_offer, project, partner, "fulfilled")
    return {"need": needs["other"].id, "expertise need": needs["expertise"].id, "open offer": offers["open"].id}


# The browser ---------------------------------------------------------------------------------------


def new_context(browser, live_server):
    """A context without the CSP, with the flag function; its page and the dialogs it opened."""
    context = browser.new_context(base_url=live_server, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(FLAG_SCRIPT)
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return page, dialogs


@dataclass
class Found:
    ran: list[int]
    dialogs: list[str]
    markup: list[str]

    def __bool__(self) -> bool:
        return bool(self.ran or self.dialogs or self.markup)


def inspect(page, dialogs: list[str]) -> Found:
    """After the page loaded: the markup no escaped text makes, then, once every element has had
    mouse and focus events and every <details> is open, the markers that ran and the dialogs."""
    page.wait_for_load_state("load")
    markup = page.evaluate(FORBIDDEN_MARKUP)
    page.evaluate(TOUCH_EVERYTHING)
    page.wait_for_timeout(100)  # toggle events, autofocus and late loads
    found = Found(ran=list(page.evaluate("window.__xss || []")), dialogs=list(dialogs), markup=markup)
    dialogs.clear()
    return found


class Signed:
    """One context per person (and one for visitors), opened on first use, kept for the module;
    `at_log_in[role]` holds what inspect() found on the page after the person logged in, and the
    page's text (its flash message greets the person by name)."""

    def __init__(self, browser, live_server: str, world: World):
        self.browser, self.live_server, self.world = browser, live_server, world
        self.pages: dict[str, tuple] = {}
        self.at_log_in: dict[str, tuple[Found, str]] = {}

    def page(self, role: str):
        if role not in self.pages:
            page, dialogs = new_context(self.browser, self.live_server)
            if role != "anonymous":
                log_in(page, self.world.people[role])
                self.at_log_in[role] = (inspect(page, dialogs), page.evaluate(SHOWN_TEXT))
            self.pages[role] = (page, dialogs)
        return self.pages[role]

    def close(self) -> None:
        for page, _dialogs in self.pages.values():
            page.context.close()
        self.pages.clear()
