"""The public dashboard's results: children reached by sex, age band, country and theme (planned
against measured), and the share of completed initiatives with results counted by sex."""

import re
from decimal import Decimal
from html import unescape

from app.core.extensions import db
from app.projects.models import Stage
from app.results import indicators
from app.results.reach import reach
from tests.support.projects import advance, load, measurement_day, new_project


def bring(world, stage, **changes):
    owner, reviewer = load(world.owner.id), load(world.reviewer.id)
    return advance(new_project(world.org.id, world.owner.id, **changes), stage, owner, reviewer)


def test_planned_against_measured_by_sex_age_country_and_theme(app, world):
    with app.test_request_context():
        project = bring(world, Stage.ACTIVE, children={"girls_12_17": 100, "boys_6_11": 50},
                        themes=["child_protection"])
        owner = load(world.owner.id)
        indicator = indicators.add_indicator(project, owner, name="Children in the clubs", unit="children",
                                             baseline=0, target=150, by_sex=True, by_age=True, counts_children=True)
        bands = {"girls_0_5": 0, "girls_6_11": 10, "girls_12_17": 70, "boys_0_5": 0, "boys_6_11": 40,
                 "boys_12_17": 0}
        indicators.add_measurement(indicator, owner, measured_on=measurement_day(project), source="Register",
                                   values={"total": 120, "girls": 80, "boys": 40, **bands})
        figures = reach()
        # advance() also recorded a children-reached indicator by sex (60 girls, 30 boys, total 90): the
        # larger latest total (120) is the one counted
        assert figures.by_sex["girls"].planned == Decimal(100) and figures.by_sex["girls"].measured == Decimal(80)
        assert figures.by_sex["boys"].measured == Decimal(40)
        assert figures.by_age["12_17"].planned == Decimal(100) and figures.by_age["12_17"].measured == Decimal(70)
        assert figures.by_country["SN"].measured == Decimal(120)
        assert figures.by_theme["child_protection"].planned == Decimal(150)


def test_the_share_of_completed_initiatives_counted_by_sex(app, world):
    with app.test_request_context():
        bring(world, Stage.COMPLETED)  # advance() records results by sex
        figures = reach()
        assert (figures.completed, figures.completed_by_sex) == (1, 1)
        assert figures.completed_by_sex_share == 1


def test_the_dashboard_draws_them_with_tables(app, client, world):
    with app.app_context():
        bring(world, Stage.COMPLETED)
        db.session.commit()
    assert "/stats/results" in client.get("/stats").get_data(as_text=True)
    html = unescape(client.get("/stats/results").get_data(as_text=True))
    assert "Results that count" in html
    for key in ("reach-sex", "reach-age", "reach-country", "reach-theme", "results-by-sex"):
        section = re.search(rf'<section class="figure" aria-labelledby="{key}-heading">.*?</section>', html, re.S)
        assert section and "<svg" in section.group(0) and "<table" in section.group(0), key
    assert "Completed initiatives with results counted by sex" in html
