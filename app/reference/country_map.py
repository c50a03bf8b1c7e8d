"""The map of the programme's countries: two panels (Latin America, Africa) drawn as SVG on the server.

The boundaries come from app/reference/map/countries.json, Natural Earth's public-domain 1:50m
countries simplified once by scripts/build_country_map.py (see app/reference/map/README.md). They are
projected here the first time a map is drawn (equirectangular, each panel at the cosine of its middle
latitude, 10 units a degree) and the SVG paths kept for the life of the process; a map then costs no
work but the shading of its eleven countries.

`country_map(counts)` gives what a template draws (templates/_macros/country_map.html): each panel's
size and each programme country with its path, its count and its shade (0 for none, 1 to 4 from the
fewest to the most), the legend's ranges and the table's rows. The grey land around (the countries
outside the programme) is a file of its own (`land_svg`), which browsers keep.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from app.reference.names import COUNTRIES, country_name

DATA = Path(__file__).resolve().parent / "map" / "countries.json"
UNITS_PER_DEGREE = 10
SHADES = 4  # shades for counts above zero; 0 is the shade of none
PANEL_NAMES = {"latin_america": _l("Latin America"), "africa": _l("Africa")}


@dataclass(frozen=True)
class Shape:
    code: str
    path: str


@dataclass(frozen=True)
class PanelShapes:
    key: str
    width: int
    height: int
    land: str  # the other countries, one path
    countries: tuple[Shape, ...]


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    count: int
    shade: int
    path: str


@dataclass(frozen=True)
class MapPanel:
    key: str
    name: str
    width: int
    height: int
    countries: list[MapCountry]


@dataclass(frozen=True)
class LegendEntry:
    shade: int
    low: int
    high: int


@dataclass(frozen=True)
class CountryMap:
    panels: list[MapPanel]
    legend: list[LegendEntry]
    rows: list[MapCountry]  # every programme country, the most initiatives first, for the table
    total: int


def svg_path(rings: list[list[list[float]]], project) -> str:
    """A path of closed rings in relative moves between whole units (repeated points dropped)."""
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(points) < 3:
            continue
        x, y = points[0]
        steps = []
        for px, py in points[1:]:
            steps.append(f"{px - x} {py - y}")
            x, y = px, py
        parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


@cache
def panel_shapes() -> tuple[PanelShapes, ...]:
    """Every panel projected, read from the data file once per process."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    panels = []
    for key, panel in data["panels"].items():
        west, south, east, north = panel["box"]
        stretch = math.cos(math.radians((north + south) / 2)) * UNITS_PER_DEGREE

        def project(lon, lat, west=west, north=north, stretch=stretch):
            return round((lon - west) * stretch), round((north - lat) * UNITS_PER_DEGREE)

        land = "".join(svg_path(c["rings"], project) for c in panel["countries"] if not c["code"])
        countries = tuple(
            Shape(c["code"], svg_path(c["rings"], project)) for c in panel["countries"] if c["code"] in COUNTRIES
        )
        width, height = project(east, south)
        panels.append(PanelShapes(key, width, height, land, countries))
    return tuple(panels)


def land_svg(key: str) -> str | None:
    """The grey land of a panel (the countries outside the programme) as an SVG file of the panel's size,
    drawn under the panel's countries; None for an unknown panel. A file of its own, so that the browser
    keeps it and pages do not carry it."""
    for panel in panel_shapes():
        if panel.key == key:
            return (
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {panel.width} {panel.height}" '
                f'width="{panel.width}" height="{panel.height}"><path d="{panel.land}" fill="#dfe3e8" '
                'stroke="#fff" stroke-width="1.5" stroke-linejoin="round"/></svg>\n'
            )
    return None


def shade(count: int, top: int) -> int:
    """0 for none; otherwise 1 to SHADES, in equal steps of the largest count."""
    return 0 if count <= 0 or top <= 0 else max(1, math.ceil(SHADES * count / top))


def legend(top: int) -> list[LegendEntry]:
    """The ranges of counts each shade stands for (shades that no whole number falls in are left out)."""
    entries = [LegendEntry(0, 0, 0)]
    for level in range(1, SHADES + 1):
        low, high = math.floor((level - 1) * top / SHADES) + 1, math.floor(level * top / SHADES)
        if top > 0 and low <= high:
            entries.append(LegendEntry(level, low, high))
    return entries


def country_map(counts: dict[str, int]) -> CountryMap:
    """The map of `counts` (country code -> initiatives; missing codes count 0)."""
    counts = {code: int(counts.get(code, 0)) for code in COUNTRIES}
    top = max(counts.values(), default=0)

    def country(code: str, path: str = "") -> MapCountry:
        return MapCountry(code, country_name(code), counts[code], shade(counts[code], top), path)

    panels = [
        MapPanel(p.key, str(PANEL_NAMES[p.key]), p.width, p.height, [country(s.code, s.path) for s in p.countries])
        for p in panel_shapes()
    ]
    rows = sorted((country(code) for code in COUNTRIES), key=lambda c: (-c.count, c.name))
    return CountryMap(panels=panels, legend=legend(top), rows=rows, total=sum(counts.values()))
