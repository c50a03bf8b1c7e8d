"""A double-click for real: the same pledge form (or offer form) sent twice at the same moment, from two
threads with two connections, makes one pledge (one offer), and both answers lead to it calmly.

On SQLite the second writer is turned away while the first holds the lock (ChangedMeanwhile); the page
sends that copy once more, and it then finds the pledge the first copy made. PostgreSQL makes it wait.
"""

import re
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import Stage
from app.resources.models import Offer, Pledge
from tests.conftest import get_csrf
from tests.support.resources import add_need, project_at, resource_people

pytestmark = pytest.mark.committed
ROUNDS = 4


def send_together(app, login_as, person, url: str, forms: list[dict]) -> list:
    """Each form posted by its own signed-in client in its own thread, all released at once."""
    clients = [login_as(person, app.test_client()) for _form in forms]
    tokens = [get_csrf(client, "/offers") for client in clients]
    barrier = threading.Barrier(len(forms), timeout=20)
    answers: list = [None] * len(forms)

    def send(index: int) -> None:
        barrier.wait()
        answers[index] = clients[index].post(url, data={"csrf_token": tokens[index], **forms[index]})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def alert(response) -> str:
    """The refusal a page shows, if any (for the failure message)."""
    found = re.search(r'role="alert"[^>]*>(.*?)</div>', response.get_data(as_text=True), re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_pledge_form_sent_twice_at_once_makes_one_pledge(app, login_as, make_user, make_org):
    people = resource_people(make_user, make_org)
    project_id = project_at(app, people, Stage.INCUBATING)
    need_id = add_need(app, project_id, people.partner)
    url = f"/projects/{project_id}/needs/{need_id}/pledge"
    for n in range(ROUNDS):
        client = login_as(people.other, app.test_client())
        html = client.get(url).get_data(as_text=True)
        key = re.search(rf'name="need{need_id}-submission_key" type="hidden" value="([^"]+)"', html).group(1)
        form = {f"need{need_id}-quantity": "1000", f"need{need_id}-submission_key": key}
        answers = send_together(app, login_as, people.other, url, [form, form])
        assert [a.status_code for a in answers] == [302, 302], [alert(a) for a in answers]
        assert len({a.headers["Location"] for a in answers}) == 1
        assert count(app, Pledge) == n + 1


def test_an_offer_form_sent_twice_at_once_makes_one_offer(app, login_as, make_user):
    person = make_user(name="Olga Offerer")
    for n in range(ROUNDS):
        client = login_as(person, app.test_client())
        html = client.get("/offers/new").get_data(as_text=True)
        key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', html).group(1)
        form = {"kind": "volunteer_time", "title": f"Trainers {n}", "quantity": "40", "currency": "XOF",
                "countries": ["SN"], "expires_on": (date.today() + timedelta(days=30)).isoformat(),
                "submission_key": key}
        answers = send_together(app, login_as, person, "/offers/new", [form, form])
        assert [a.status_code for a in answers] == [302, 302], [alert(a) for a in answers]
        assert count(app, Offer) == n + 1
