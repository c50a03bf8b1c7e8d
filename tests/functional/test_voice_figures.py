"""Children consulted on the public dashboard: by sex and age and by country, as SVG charts with a table
of the same numbers; only initiatives in public stages count, and the figures take one query."""

import re

from app.core.extensions import db
from app.projects.models import Project, Stage
from app.voice.figures import children_consulted
from tests.support.projects import load
from tests.support.queries import counted_queries
from tests.support.voice import record
from tests.support.web import make_project


def row(html: str, figure: str, header: str) -> list[str]:
    section = html.split(f'id="{figure}-heading"', 1)[1].split("</section>", 1)[0]
    match = re.search(rf'<th scope="row">{re.escape(header)}</th>(.*?)</tr>', section, re.S)
    assert match, header
    return re.findall(r'<td class="num">(.*?)</td>', match.group(1))


def test_children_consulted_by_sex_age_and_country(app, client, world):
    active = make_project(app, world, Stage.ACTIVE)
    draft = make_project(app, world, Stage.DRAFT)
    with app.app_context():
        owner = load(world.owner.id)
        for project_id in (active, active, draft):
            record(db.session.get(Project, project_id), owner)
        db.session.commit()
        with counted_queries(app) as statements:
            counts = children_consulted()
        assert len(statements) == 1
    assert counts.consultations == 2 and counts.total == 56  # the draft's consultation is not public
    assert counts.by_band["girls_6_11"] == 24 and counts.by_country["SN"] == 56 and counts.by_country["PE"] == 0
    html = client.get("/stats").get_data(as_text=True)
    assert "Children consulted, by sex and age" in html and "Children consulted, by country" in html
    assert row(html, "consulted-age", "Girls") == ["0", "24", "18", "42"]
    assert row(html, "consulted-age", "Boys") == ["0", "0", "14", "14"]
    assert row(html, "consulted-country", "Senegal") == ["56"]
    assert 'id="chart-consulted-age"' in html and "Girls, 6–11 years: 24" in html
