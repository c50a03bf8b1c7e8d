"""The discussion on the project page: what each reader sees of each comment, and a fixed number of
queries whatever the number of comments."""

import re
from urllib.parse import urljoin

import pytest
from sqlalchemy import func, select

from app.community.models import Comment, CommentStatus
from app.core.extensions import db
from app.projects.models import Stage
from tests.support.comments import HELD_PHONE, add_comment, comments_of, flag, set_status
from tests.support.queries import counted_queries
from tests.support.web import client_for, make_project, text


@pytest.fixture(scope="module")
def project_id(app, world):
    return make_project(app, world, Stage.INCUBATING)


def test_each_status_as_each_reader_sees_it(app, world, login_as, project_id):
    published = add_comment(app, project_id, world.community, "Published words.")
    pending = add_comment(app, project_id, world.community, "Reported words.")
    hidden = add_comment(app, project_id, world.community, "Hidden words.")
    deleted = add_comment(app, project_id, world.community, "Deleted words.")
    held = add_comment(app, project_id, world.community, HELD_PHONE)
    set_status(app, pending, CommentStatus.PENDING)
    set_status(app, hidden, CommentStatus.HIDDEN, "Off topic.")
    set_status(app, deleted, CommentStatus.DELETED)

    public = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}")
    html, said = public.get_data(as_text=True), text(public)
    assert "Published words." in said
    assert "This comment was reported by several readers and is hidden until a moderator decides." in said
    assert "A moderator hid this comment. The reason: Off topic." in said
    assert "This comment was deleted." in said
    for words in ("Reported words.", "Hidden words.", "Deleted words.", HELD_PHONE):
        assert words not in said
    for comment_id in (published, pending, hidden, deleted):
        assert f'id="comment-{comment_id}"' in html
    assert f'id="comment-{held}"' not in html
    assert "Comments 1" in said  # the count is of published comments

    for role in ("community", "reviewer", "admin"):  # the author and the moderators read them all
        said = text(client_for(app, login_as, world, role).get(f"/projects/{project_id}"))
        for words in ("Reported words.", "Hidden words.", HELD_PHONE):
            assert words in said, role
        assert "Deleted words." not in said


def test_reply_forms_without_javascript(app, world, login_as, project_id):
    comment_id = add_comment(app, project_id, world.community)
    client = client_for(app, login_as, world, "member")
    html = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "<script" not in html
    assert 'name="parent_id"' not in html  # a link per comment, not a form
    link = re.search(rf'href="([^"]*reply_to={comment_id}[^"]*)">Reply</a>', html)
    assert link and link.group(1).endswith(f"#reply-{comment_id}")
    html = client.get(urljoin(f"/projects/{project_id}", link.group(1).replace("&amp;", "&"))).get_data(as_text=True)
    assert "<script" not in html
    form_start = html.index('<form method="post" action="/projects/', html.index(f'id="comment-{comment_id}"'))
    reply_form = html[form_start: html.index("</form>", form_start)]
    assert html.count('name="parent_id"') == 1, "one reply form on the page"
    assert f'action="/projects/{project_id}/comments"' in reply_form
    assert f'name="parent_id" value="{comment_id}"' in reply_form
    assert f'<label for="reply-{comment_id}">' in reply_form and f'id="reply-{comment_id}"' in reply_form
    assert 'name="csrf_token"' in reply_form


@pytest.mark.parametrize("role", ["anonymous", "community", "reviewer"])
def test_the_page_loads_in_a_fixed_number_of_queries(app, world, login_as, project_id, make_user, role):
    client = client_for(app, login_as, world, role)
    authors = [make_user(name=f"Author {n}") for n in range(5)]

    def queries_with(total: int) -> int:
        with app.app_context():
            existing = db.session.scalar(select(func.count()).where(Comment.project_id == project_id))
        parent = None
        for n in range(existing, total):
            author = authors[n % 5]
            comment_id = add_comment(app, project_id, author, f"Comment number {n}.", parent_id=parent)
            parent = comment_id if n % 3 == 0 else None  # some replies, some new threads
            if n % 7 == 0:
                flag(app, comment_id, world.member)
        with counted_queries(app) as statements:
            page = client.get(f"/projects/{project_id}")
        assert page.status_code == 200
        assert f"Comment number {total - 1}." in text(page)
        return len(statements)

    assert queries_with(5) == queries_with(50)


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_held_comments_cost_a_moderator_no_query_each(app, world, login_as, project_id, role):
    """Whether the reader may moderate (and so read a held comment) is decided once for the page, not
    once for each held comment."""
    client = client_for(app, login_as, world, role)

    def queries_with(held: int) -> int:
        while len(comments_of(app, project_id)) < held:
            add_comment(app, project_id, world.community, HELD_PHONE)
        with counted_queries(app) as statements:
            page = client.get(f"/projects/{project_id}")
        assert page.status_code == 200
        return len(statements)

    assert queries_with(2) == queries_with(8)
