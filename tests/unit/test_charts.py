"""The server-drawn SVG bar charts: well-formed, named and described for assistive technology, every text
escaped, no inline style, bars in proportion, and something sensible with no data."""

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from app.core.charts import BAR, INK, LABEL_MAX, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def parse(markup: Markup) -> ET.Element:
    return ET.fromstring(str(markup))


def bars_of(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "chart-bar"]


def test_a_chart_is_an_image_named_by_its_title_and_described_by_its_desc():
    root = parse(bar_chart([Bar("Active", 3), Bar("Completed", 1)], chart_id="by-stage", title="Initiatives by stage",
                           description="Public stages only."))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id) == ("by-stage-title", "by-stage-desc")
    assert title.text == "Initiatives by stage"
    assert desc.text == "Public stages only. Active: 3; Completed: 1"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Active", "3", "Completed", "1"]  # labels and values inside the drawing


def test_every_label_is_escaped():
    hostile = '<script>alert("x")</script> & Fils </text><text>'
    markup = bar_chart([Bar(hostile, 2, "<b>2</b>")], chart_id="orgs", title="Org <i>names</i> & co",
                       description='"quoted" <desc>')
    text = str(markup)
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text and "</text><text>" not in text
    root = parse(markup)  # still well-formed XML
    assert root.find(f"{SVG}title").text == "Org <i>names</i> & co"
    assert hostile[:LABEL_MAX - 1].rstrip() + "…" in [t.text for t in root.iter(f"{SVG}text")]
    row_title = root.find(f"{SVG}g/{SVG}title")
    assert row_title.text == f"{hostile}: <b>2</b>"  # the full label, on hover


def test_no_inline_style_and_colours_as_presentation_attributes():
    text = str(bar_chart([Bar("A", 1), Bar("B", 2)], chart_id="c", title="T"))
    assert "style" not in text
    root = parse(text)
    assert root.get("fill") == INK
    assert all(rect.get("fill") == BAR for rect in bars_of(root))


def test_bars_are_in_proportion_to_the_largest_value_or_to_the_maximum():
    root = parse(bar_chart([Bar("A", 10), Bar("B", 5), Bar("C", 0)], chart_id="c", title="T"))
    assert [rect.get("width") for rect in bars_of(root)] == ["100.00%", "50.00%"]  # no bar for zero
    root = parse(bar_chart([Bar("A", 45), Bar("B", 250), Bar("C", 0.001)], chart_id="c", title="T", maximum=100))
    assert [rect.get("width") for rect in bars_of(root)] == ["45.00%", "100.00%", "0.50%"]  # capped; a sliver


def test_negative_values_draw_no_bar():
    root = parse(bar_chart([Bar("A", -3, "−3")], chart_id="c", title="T"))
    assert bars_of(root) == []
    assert "−3" in [t.text for t in root.iter(f"{SVG}text")]


def test_no_data_says_so_and_stays_an_accessible_image():
    root = parse(bar_chart([], chart_id="empty", title="Resources", description="Needs by kind."))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "empty-title empty-desc"
    assert bars_of(root) == []
    assert root.find(f"{SVG}desc").text == "Needs by kind. No figures yet."
    assert [t.text for t in root.iter(f"{SVG}text")] == ["No figures yet."]
    assert int(root.get("height")) > 0


def test_the_height_follows_the_rows_and_the_width_follows_the_page():
    one = parse(bar_chart([Bar("A", 1)], chart_id="c", title="T"))
    three = parse(bar_chart([Bar("A", 1), Bar("B", 1), Bar("C", 1)], chart_id="c", title="T"))
    assert int(three.get("height")) == 3 * int(one.get("height"))
    assert one.get("width") == "100%" and one.get("viewBox") is None  # text keeps its size on a phone


@pytest.mark.parametrize("chart_id", ['x" onload="alert(1)', "Upper", "", "1abc", "a b"])
def test_an_id_that_could_break_its_attribute_is_refused(chart_id):
    with pytest.raises(ValueError):
        bar_chart([Bar("A", 1)], chart_id=chart_id, title="T")


def test_in_arabic_the_chart_mirrors_labels_at_the_right_and_bars_growing_leftwards(app):
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        root = parse(bar_chart([Bar("نشطة", 3), Bar("مكتملة", 1)], chart_id="by-stage", title="المراحل"))
    assert root.get("direction") == "rtl"
    label, value = [t for t in root.iter(f"{SVG}text")][:2]
    assert (label.get("x"), label.get("text-anchor")) == ("100%", None)  # "start" is the right edge in rtl
    assert (value.get("x"), value.get("text-anchor")) == ("0", "end")
    full, third = bars_of(root)
    assert (full.get("x"), full.get("width")) == ("0.00%", "100.00%")
    assert (third.get("x"), third.get("width")) == ("66.67%", "33.33%")  # ends at the right edge


def test_in_english_the_chart_reads_left_to_right():
    root = parse(bar_chart([Bar("Active", 3)], chart_id="by-stage", title="Stages"))
    assert root.get("direction") == "ltr"
    assert [t.get("x") for t in root.iter(f"{SVG}text")] == ["0", "100%"]
    assert bars_of(root)[0].get("x") == "0%"
