"""The map of the programme's countries on the home page and the public dashboard: every country a link
to its initiatives, named with its count, shaded by its count, with a table of the same figures beside
it; public initiatives only; the boundaries a small file read once; one query whatever the number of
initiatives."""

import json
import re
from pathlib import Path

import pytest

from app.core.extensions import db
from app.reference import country_map as maps
from app.reference.names import COUNTRIES
from tests.support.discovery import bulk_projects
from tests.support.queries import counted_queries

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def planted(app, world, make_org):
    """Public initiatives: 4 in Senegal, 2 in Peru, 1 in Togo; a draft and a rejected one in Peru, not counted."""
    pe_org, tg_org = make_org(country="PE"), make_org(country="TG")
    with app.app_context():
        bulk_projects(world.org.id, 4, stage="active", country_code="SN")
        bulk_projects(pe_org.id, 2, start=10, stage="incubating", country_code="PE")
        bulk_projects(pe_org.id, 1, start=20, stage="draft", country_code="PE")
        bulk_projects(pe_org.id, 1, start=30, stage="rejected", country_code="PE")
        bulk_projects(tg_org.id, 1, start=40, stage="submitted", country_code="TG")
        db.session.commit()


def country_links(html: str) -> dict[str, tuple[str, str]]:
    """The map's countries: code -> (accessible name, shade class)."""
    found = re.findall(
        r'<a href="/projects\?country=([A-Z]{2})" aria-label="([^"]+)"><title>[^<]+</title>'
        r'<path class="map-country (map-shade-\d)"',
        html,
    )
    return {code: (label, shade) for code, label, shade in found}


def table_row(html: str, code: str) -> str:
    match = re.search(rf'<th scope="row"><a href="/projects\?country={code}">[^<]+</a></th><td class="num">(\d+)</td>',
                      html)
    assert match, code
    return match.group(1)


@pytest.mark.parametrize("address", ["/", "/stats"])
def test_every_country_links_to_its_initiatives_with_its_public_count(client, planted, address):
    html = client.get(address).get_data(as_text=True)
    links = country_links(html)
    assert set(links) == set(COUNTRIES)
    assert links["SN"] == ("Senegal: 4 initiatives", "map-shade-4")
    assert links["PE"] == ("Peru: 2 initiatives", "map-shade-2")  # the draft and the rejected one are not counted
    assert links["TG"] == ("Togo: 1 initiative", "map-shade-1")
    assert links["MA"] == ("Morocco: 0 initiatives", "map-shade-0")
    # the table beside it: the same figures, each country a link too
    assert [table_row(html, code) for code in ("SN", "PE", "TG", "MA")] == ["4", "2", "1", "0"]
    assert "Natural Earth (public domain)" in html
    assert "<script" not in html and "style=" not in html


def test_the_legend_names_the_ranges_of_each_shade(client, planted):
    html = client.get("/").get_data(as_text=True)
    legend = html.split('class="map-legend"', 1)[1].split("</ul>", 1)[0]
    items = [re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in legend.split("<li>")[1:]]
    assert items == ["No initiative", "1 initiative", "2 initiatives", "3 initiatives", "4 initiatives"]


def test_a_country_link_opens_the_list_filtered_by_that_country(client, planted):
    html = client.get("/projects?country=PE").get_data(as_text=True)
    assert "2 initiatives" in html and "Country: Peru" in html


def test_the_map_costs_one_query_for_10_or_2000_initiatives(app, client, world):
    def count() -> int:
        with counted_queries(app) as statements:
            assert client.get("/stats").status_code == 200
        return len(statements)

    with app.app_context():
        bulk_projects(world.org.id, 10, stage="active", country_code="SN")
        db.session.commit()
    small = count()
    with app.app_context():
        bulk_projects(world.org.id, 2_000, start=100, stage="active", country_code="CI")
        db.session.commit()
    assert count() == small


def test_the_grey_land_is_a_file_browsers_keep(client):
    response = client.get("/map/africa.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert response.get_data(as_text=True).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert client.get("/map/europe.svg").status_code == 404


# The boundaries ------------------------------------------------------------------------------------


def test_the_boundaries_are_a_small_file_with_every_country_once():
    data = maps.DATA.read_bytes()
    assert len(data) < 60_000
    panels = json.loads(data)["panels"]
    codes = [c["code"] for panel in panels.values() for c in panel["countries"] if c["code"]]
    assert sorted(codes) == sorted(COUNTRIES)
    assert "Natural Earth" in json.loads(data)["source"]
    readme = (maps.DATA.parent / "README.md").read_text(encoding="utf-8")
    assert "public domain" in readme and "scripts/build_country_map.py" in readme


def test_the_shapes_are_projected_once_and_fit_their_panel():
    first, again = maps.panel_shapes(), maps.panel_shapes()
    assert first is again
    for panel in first:
        for shape in panel.countries:
            x, y = (int(n) for n in re.match(r"M(\d+) (\d+)", shape.path).groups())
            assert 0 <= x <= panel.width and 0 <= y <= panel.height, shape.code


def test_a_path_is_made_of_relative_moves():
    path = maps.svg_path([[[0, 0], [1, 0], [1, 1], [1, 1], [0, 1]]], lambda lon, lat: (lon * 10, lat * 10))
    assert path == "M0 0l10 0 0 10-10 0z"


@pytest.mark.parametrize(
    ("count", "top", "shade"),
    [(0, 0, 0), (0, 9, 0), (1, 1, 4), (1, 8, 1), (2, 8, 1), (3, 8, 2), (6, 8, 3), (7, 8, 4), (8, 8, 4)],
)
def test_shades_in_equal_steps_of_the_largest_count(count, top, shade):
    assert maps.shade(count, top) == shade


def test_the_legend_leaves_out_empty_ranges():
    assert [(e.shade, e.low, e.high) for e in maps.legend(0)] == [(0, 0, 0)]
    assert [(e.shade, e.low, e.high) for e in maps.legend(2)] == [(0, 0, 0), (2, 1, 1), (4, 2, 2)]
    assert [(e.shade, e.low, e.high) for e in maps.legend(10)] == [
        (0, 0, 0), (1, 1, 2), (2, 3, 5), (3, 6, 7), (4, 8, 10)
    ]
