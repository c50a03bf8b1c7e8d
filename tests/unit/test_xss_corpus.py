"""A corpus of cross-site scripting payloads posted through every comment path — the web form, the
web edit form, the JSON API — none of which comes back as active markup.

Each stored `body_html` and each page that shows comments is parsed with html.parser:
- inside a comment's text, no element outside app.core.sanitize's allow-list;
- anywhere on the page, no element the page has not without the payloads (no <script>, <svg>...),
  no attribute starting with "on", and no href/src/action... whose scheme is not http, https or
  mailto (after the decoding and the stripping of control characters browsers do).

tests/browser/test_comment_xss.py loads the same corpus in Chromium and checks that none runs.
"""

import re
from html.parser import HTMLParser

import pytest

from app.accounts.models import User
from app.community import comments
from app.community.models import Comment
from app.core.extensions import db
from app.core.sanitize import ALLOWED_TAGS, render_markdown
from app.projects.models import Project, Stage
from tests.support.api import bearer
from tests.support.comments import comments_of
from tests.support.web import client_for, make_project, post
from tests.support.xss_payloads import JS, PAYLOADS

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc",
                  "srcset", "cite", "longdesc", "dynsrc", "lowsrc"}
SAFE_SCHEMES = {"http", "https", "mailto"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: C0 controls and spaces trimmed, tabs and newlines removed."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                    "\x1d\x1e\x1f ")
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class Inspector(HTMLParser):
    """Every element of a page, every problem attribute, and the elements inside comment texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.in_comments: list[str] = []
        self.problems: list[str] = []
        self._depth = 0  # open elements inside the current comment text (0: outside)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and value and url_scheme(value) not in (None, *SAFE_SCHEMES):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and self._depth:
                self.problems.append(f"style={value!r} on <{tag}> in a comment")
        if self._depth:
            self.in_comments.append(tag)
            if tag not in VOID:
                self._depth += 1
        elif tag == "div" and "comment-body" in (dict(attrs).get("class") or "").split():
            self._depth = 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._depth and tag not in VOID:
            self._depth -= 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1


def inspect(html: str) -> Inspector:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def fragment_problems(html: str) -> list[str]:
    """What is wrong with a comment's stored HTML: elements outside the allow-list, bad attributes."""
    found = inspect(f'<div class="comment-body">{html}</div>')
    return found.problems + [f"element <{tag}>" for tag in found.in_comments if tag not in ALLOWED_TAGS]


def page_problems(html: str, baseline: set[str]) -> list[str]:
    """What is wrong with a page showing comments: see the module's docstring."""
    found = inspect(html)
    problems = list(found.problems)
    problems += [f"element <{tag}> in a comment" for tag in found.in_comments if tag not in ALLOWED_TAGS]
    problems += [f"element <{tag}> on the page" for tag in set(found.tags) - baseline - ALLOWED_TAGS]
    return problems


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_inspector_finds_active_markup():
    """The checks themselves work: unsanitized payloads are caught."""
    assert fragment_problems('<img src=x onerror="alert(1)">')
    assert fragment_problems('<a href=" java\tscript:alert(1)">x</a>')
    assert fragment_problems("<svg></svg>")
    assert page_problems('<div class="comment-body"><p>ok</p></div><script>x</script>', {"div", "p"})
    assert not fragment_problems('<a href="https://example.org" rel="nofollow noopener">x</a>')


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitizer_neutralises_each_payload(payload):
    assert fragment_problems(str(render_markdown(payload))) == []


# Every comment path -------------------------------------------------------------------------------


@pytest.fixture
def project_id(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "1000 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE", "1000 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE_ADDRESS", "1000 per minute")
    return make_project(app, world, Stage.ACTIVE)


def baseline_tags(app, login_as, world, project_id: int) -> set[str]:
    """The elements of the pages that show comments when they hold only harmless ones (published,
    held, hidden by a moderator), as the author and a moderator see them."""
    from app.community import moderation

    with app.app_context():
        project = db.session.get(Project, project_id)
        member = db.session.get(User, world.member.id)
        comments.post_comment(project, member, "A **harmless** [link](https://x.org).")
        comments.post_comment(project, member, "Call +221 77 123 45 67.")  # held
        hidden = comments.post_comment(project, member, "Off topic.").comment
        moderation.moderate(hidden, project, db.session.get(User, world.reviewer.id), "hide", "Off topic.")
        db.session.commit()
    tags = set()
    for role, url in (("member", f"/projects/{project_id}"), ("reviewer", f"/projects/{project_id}"),
                      ("reviewer", "/moderation"), ("reviewer", "/moderation?show=hidden")):
        page = client_for(app, login_as, world, role).get(url).get_data(as_text=True)
        tags |= set(inspect(page).tags)
    return tags


def assert_clean(app, login_as, world, project_id: int, baseline: set[str]) -> None:
    stored = [c for c in comments_of(app, project_id) if c.author_id == world.community.id]
    assert len(stored) == len(PAYLOADS)
    for comment in stored:
        assert fragment_problems(comment.body_html) == [], comment.body
    for role, url in (("community", f"/projects/{project_id}"), ("reviewer", f"/projects/{project_id}"),
                      ("reviewer", "/moderation"), ("anonymous", f"/projects/{project_id}")):
        html = client_for(app, login_as, world, role).get(url).get_data(as_text=True)
        assert page_problems(html, baseline) == [], (role, url)


def test_through_the_web_form(app, world, login_as, project_id):
    baseline = baseline_tags(app, login_as, world, project_id)
    client = client_for(app, login_as, world, "community")
    for payload in PAYLOADS:
        assert post(client, f"/projects/{project_id}/comments", {"body": payload}).status_code == 302, payload
    assert_clean(app, login_as, world, project_id, baseline)


def test_through_the_edit_form(app, world, login_as, project_id):
    baseline = baseline_tags(app, login_as, world, project_id)
    client = client_for(app, login_as, world, "community")
    for n in range(len(PAYLOADS)):
        post(client, f"/projects/{project_id}/comments", {"body": f"Draft {n}."})
    mine = [c for c in comments_of(app, project_id) if c.author_id == world.community.id]
    for comment, payload in zip(mine, PAYLOADS, strict=True):
        assert post(client, f"/comments/{comment.id}/edit", {"body": payload}).status_code == 302, payload
        page = client.get(f"/comments/{comment.id}/edit").get_data(as_text=True)
        assert page_problems(page, baseline | {"textarea", "figure", "figcaption"}) == [], payload
    assert_clean(app, login_as, world, project_id, baseline)


def test_through_the_api(app, client, world, login_as, project_id):
    baseline = baseline_tags(app, login_as, world, project_id)
    headers = bearer(app, world.community)
    for payload in PAYLOADS:
        response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": payload}, headers=headers)
        assert response.status_code == 201, payload
        assert fragment_problems(response.get_json()["body_html"]) == [], payload
    listed = client.get(f"/api/v1/projects/{project_id}/comments", headers=headers).get_json()["items"]
    for item in listed:
        assert fragment_problems(item["body_html"] or "") == []
    assert_clean(app, login_as, world, project_id, baseline)


def test_names_and_moderation_reasons_are_shown_as_text(app, world, login_as, project_id, make_user):
    baseline = baseline_tags(app, login_as, world, project_id)
    payload = f'<img src=x onerror="{JS}"><script>{JS}</script>'
    author = make_user(name=payload)
    with app.app_context():
        project = db.session.get(Project, project_id)
        posted = comments.post_comment(project, db.session.get(User, author.id), "Hello.")
        other = comments.post_comment(project, db.session.get(User, author.id), "Off topic.")
        db.session.flush()
        from app.community import moderation

        moderation.moderate(other.comment, project, db.session.get(User, world.reviewer.id), "hide", payload)
        db.session.commit()
        assert db.session.get(Comment, posted.comment.id) is not None
    for role in ("anonymous", "reviewer"):
        for url in (f"/projects/{project_id}", "/moderation?show=hidden"):
            response = client_for(app, login_as, world, role).get(url)
            if response.status_code == 200:
                html = response.get_data(as_text=True)
                assert page_problems(html, baseline) == [], (role, url)
                assert "&lt;img src=x onerror=" in html
