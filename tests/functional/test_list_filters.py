"""The lists' search and filters: the search box first, the filters folded into a <details> (unfolded by
the stylesheet on wide screens), and the filters in use as chips, each a link that drops that one filter
and keeps the others, without JavaScript."""

import html as entities
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from app.core.extensions import db
from tests.support.discovery import bulk_projects


def chips(html: str) -> dict[str, dict[str, list[str]]]:
    """Each chip's visible text (its hidden "Remove the filter" left out) -> the query of its link."""
    found = {}
    for href, label in re.findall(r'<a class="chip" href="([^"]+)">(.*?)</a>', html, re.S):
        shown = re.sub(r"<span class=\"visually-hidden\">[^<]*</span>|<[^>]+>|×", "", label)
        found[entities.unescape(shown).strip()] = parse_qs(urlsplit(entities.unescape(href)).query)
    return found


@pytest.fixture
def listed(app, world):
    with app.app_context():
        bulk_projects(world.org.id, 3, stage="active", country_code="SN", title="Reading clubs")
        db.session.commit()


def test_the_search_comes_first_and_the_filters_fold(client, listed):
    html = client.get("/projects").get_data(as_text=True)
    search, details = html.index('type="search"'), html.index('<details class="filter-box">')
    assert search < details < html.index('id="country"') < html.index('id="results"')
    assert "<summary>Filters and sorting</summary>" in html  # nothing in use: no count
    assert 'class="chip"' not in html


def test_each_chip_drops_its_filter_and_keeps_the_others(client, listed):
    html = client.get("/projects?q=reading&country=SN&stage=active&sort=newest").get_data(as_text=True)
    found = chips(html)
    assert list(found) == ["Search: reading", "Country: Senegal",
                           "Stage: Active"]
    assert found["Search: reading"] == {"country": ["SN"], "stage": ["active"], "sort": ["newest"]}
    assert found["Country: Senegal"] == {"q": ["reading"], "stage": ["active"], "sort": ["newest"]}
    assert found["Stage: Active"] == {"q": ["reading"], "country": ["SN"], "sort": ["newest"]}
    assert html.count('<span class="visually-hidden">Remove the filter </span>') == 3
    assert '<a class="chips-clear" href="/projects?sort=newest">Remove them all</a>' in html
    assert "(2 in use)" in html  # the filters folded away: the search is outside them
    assert "3 initiatives match “reading”" in html


def test_a_filter_that_is_not_one_of_the_choices_makes_no_chip(client, listed):
    html = client.get("/projects?country=XX&stage=active").get_data(as_text=True)
    assert list(chips(html)) == ["Stage: Active"]
    assert "chips-clear" not in html  # one chip: no need to remove them all


def test_following_a_chip_shows_the_list_without_that_filter(client, listed):
    html = client.get("/projects?country=SN&stage=completed").get_data(as_text=True)
    assert "0 initiatives" in html
    query = chips(html)["Stage: Completed"]
    again = client.get("/projects", query_string={k: v[0] for k, v in query.items()}).get_data(as_text=True)
    assert "3 initiatives" in again and list(chips(again)) == ["Country: Senegal"]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/organisations/?country=SN&theme=child_protection",
         {"Country: Senegal": {"theme": ["child_protection"]},
          "Focus theme: Child protection": {"country": ["SN"]}}),
        ("/offers?kind=expertise&region=latin_america",
         {"Kind of resource: Expertise": {"region": ["latin_america"]},
          "Region: Latin America": {"kind": ["expertise"]}}),
    ],
)
def test_the_other_lists_show_their_filters_as_chips(client, address, expected):
    html = client.get(address).get_data(as_text=True)
    assert chips(html) == expected
    assert html.index('<details class="filter-box">') < html.index('class="chips"')


def test_the_people_list_searches_first_and_shows_its_filters_as_chips(client, login_as, world):
    login_as(world.admin)
    html = client.get("/admin/users?q=awa&role=community").get_data(as_text=True)
    assert html.index('id="q"') < html.index('<details class="filter-box">')
    found = chips(html)
    assert found["Name or e-mail contains: awa"] == {"role": ["community"]}
    assert list(found.values())[1] == {"q": ["awa"]}
