"""A long discussion comes in pages of whole threads (top-level comments with all their replies) of at
most COMMENTS_PER_PAGE comments, so the project page stays light however the comments are spread; the
page opens on the newest threads; links to a comment (after posting, from a notification) open the
page where it stands."""

from datetime import timedelta

from sqlalchemy import insert, select

from app.community.comment_threads import COMMENTS_PER_PAGE, LAST_PAGE, build_thread, page_of, split_into_pages
from app.community.models import Comment, Notification
from app.community.notifications import COMMENT
from app.core.columns import utcnow
from app.core.extensions import db
from app.projects.models import Stage
from tests.support.projects import advance, load, new_project, world_records
from tests.support.web import post

THREADS_PER_PAGE = COMMENTS_PER_PAGE // 2  # the threads of discussion(): a question and its answer


def discussion(app, make_user, make_org, top: int):
    """An active project with `top` top-level comments, each with one reply, oldest first."""
    world = world_records(make_user, make_org)
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        advance(project, Stage.ACTIVE, load(world.owner.id), load(world.reviewer.id))
        start = utcnow() - timedelta(days=2)
        rows = [dict(project_id=project.id, author_id=world.community.id, depth=1, body=f"Question {n}",
                     body_html=f"<p>Question {n}</p>", status="published", moderation_reason="", flag_count=0,
                     created_at=start + timedelta(minutes=2 * n)) for n in range(top)]
        ids = list(db.session.scalars(insert(Comment).returning(Comment.id), rows))
        replies = [dict(project_id=project.id, parent_id=cid, author_id=world.owner.id, depth=2,
                        body=f"Answer {n}", body_html=f"<p>Answer {n}</p>", status="published",
                        moderation_reason="", flag_count=0, created_at=start + timedelta(minutes=2 * n + 1))
                   for n, cid in enumerate(ids)]
        db.session.execute(insert(Comment), replies)
        db.session.commit()
        return world, project.id, ids


def test_a_long_discussion_comes_in_pages_with_every_reply(app, client, make_user, make_org):
    world, project_id, ids = discussion(app, make_user, make_org, THREADS_PER_PAGE + 5)
    newest = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert f"Question {THREADS_PER_PAGE + 4}<" in newest and f"Answer {THREADS_PER_PAGE + 4}<" in newest
    assert f"Question {THREADS_PER_PAGE}<" in newest and f"Question {THREADS_PER_PAGE - 1}<" not in newest
    assert "comments_page=1#comments" in newest and "Earlier comments" in newest
    assert "Later comments" not in newest
    assert f'<span class="badge">{2 * (THREADS_PER_PAGE + 5)}</span>' in newest, "the count is the whole discussion"

    first = client.get(f"/projects/{project_id}?comments_page=1").get_data(as_text=True)
    assert "Question 0<" in first and "Answer 0<" in first and f"Question {THREADS_PER_PAGE - 1}<" in first
    assert f"Question {THREADS_PER_PAGE}<" not in first
    assert "comments_page=2#comments" in first and "Later comments" in first

    past_the_end = client.get(f"/projects/{project_id}?comments_page=999").get_data(as_text=True)
    assert f"Question {THREADS_PER_PAGE + 4}<" in past_the_end, "a page past the end shows the last one"
    nonsense = client.get(f"/projects/{project_id}?comments_page=abc")
    assert nonsense.status_code == 200 and f"Question {THREADS_PER_PAGE + 4}<" in nonsense.get_data(as_text=True)


def test_pages_hold_whole_threads_of_at_most_the_page_s_comments():
    sizes = [(1, 3, 3), (2, 15, 15), (3, 4, 4), (4, 45, 40), (5, 1, 1), (6, 20, 20), (7, 2, 2)]
    assert split_into_pages(sizes, 20) == [[1, 2], [3], [4], [5], [6], [7]]
    assert split_into_pages(sizes[:1], 20) == [[1]] and split_into_pages([], 20) == [[]]
    for page in split_into_pages(sizes, 20):
        counts = [size for root, size, _ in sizes if root in page]
        assert sum(counts) <= 20 or len(counts) == 1, "only a thread longer than a page fills a page alone"


def test_a_long_thread_does_not_make_a_heavy_page(app, client, make_user, make_org):
    """Replies count: a page of threads never holds much more than COMMENTS_PER_PAGE comments."""
    world, project_id, ids = discussion(app, make_user, make_org, 4)
    with app.app_context():
        start = utcnow() - timedelta(days=1)
        rows = [dict(project_id=project_id, parent_id=ids[3], author_id=world.owner.id, depth=2,
                     body=f"Detail {n}", body_html=f"<p>Detail {n}</p>", status="published", moderation_reason="",
                     flag_count=0, created_at=start + timedelta(minutes=n)) for n in range(COMMENTS_PER_PAGE)]
        db.session.execute(insert(Comment), rows)
        db.session.commit()
    newest = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "Question 3<" in newest and f"Detail {COMMENTS_PER_PAGE - 1}<" in newest
    assert "Question 2<" not in newest and "Earlier comments" in newest
    first = client.get(f"/projects/{project_id}?comments_page=1").get_data(as_text=True)
    assert "Question 0<" in first and "Answer 2<" in first and "Detail 0<" not in first


def test_a_short_discussion_has_no_page_links(app, client, make_user, make_org):
    _, project_id, _ = discussion(app, make_user, make_org, 3)
    html = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "Question 2<" in html and "Later comments" not in html


def test_page_of_finds_the_page_of_a_reply(app, make_user, make_org):
    _, project_id, ids = discussion(app, make_user, make_org, THREADS_PER_PAGE + 2)
    with app.app_context():
        early = db.session.get(Comment, ids[1])
        reply = db.session.scalar(select(Comment).where(Comment.parent_id == early.id))
        assert page_of(early) == 1 and page_of(reply) == 1
        assert page_of(db.session.get(Comment, ids[-1])) is None, "the last page is the default: no parameter"


def test_a_reply_on_an_earlier_page_leads_back_to_it(app, client, login_as, make_user, make_org):
    world, project_id, ids = discussion(app, make_user, make_org, THREADS_PER_PAGE + 1)
    login_as(world.member)
    response = post(client, f"/projects/{project_id}/comments",
                    {"body": "Where do the sessions take place?", "parent_id": str(ids[0])})
    assert response.status_code == 302
    assert f"/projects/{project_id}?comments_page=1#comment-" in response.headers["Location"]
    page = client.get(response.headers["Location"].split("#")[0]).get_data(as_text=True)
    assert "Where do the sessions take place?" in page
    newest = post(client, f"/projects/{project_id}/comments", {"body": "And at what time do they start?"})
    assert newest.headers["Location"].startswith(f"/projects/{project_id}#comment-"), "new threads are on the last page"


def test_a_notification_opens_the_page_of_its_comment(app, client, login_as, make_user, make_org):
    world, project_id, ids = discussion(app, make_user, make_org, THREADS_PER_PAGE + 1)
    with app.app_context():
        note = Notification(user_id=world.owner.id, kind=COMMENT, project_id=project_id, comment_id=ids[0],
                            data={"title": "T", "excerpt": "Q"})
        db.session.add(note)
        db.session.commit()
        note_id = note.id
    login_as(world.owner)
    response = post(client, f"/notifications/{note_id}", {})
    assert response.headers["Location"] == f"/projects/{project_id}?comments_page=1#comment-{ids[0]}"


def test_a_page_is_built_in_a_fixed_number_of_queries(app, make_user, make_org):
    from tests.support.queries import counted_queries

    _, small_id, _ = discussion(app, make_user, make_org, 3)
    _, big_id, _ = discussion(app, make_user, make_org, THREADS_PER_PAGE * 2)
    counts = []
    for project_id in (small_id, big_id):
        with app.test_request_context(), counted_queries(app) as statements:
            project = load_project(project_id)
            thread = build_thread(project, None, page=LAST_PAGE)
            assert thread.nodes
        counts.append(len(statements))
    assert counts[0] == counts[1]


def load_project(project_id):
    from app.projects.models import Project

    return db.session.get(Project, project_id)
