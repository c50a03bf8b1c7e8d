"""Build app/reference/map/countries.json, the small boundary file of the programme's map, from Natural
Earth's 1:50m admin-0 countries (public domain) as GeoJSON.

    python scripts/build_country_map.py ne_50m_admin_0_countries.json

Run once by hand when the boundaries change; the app reads only the file it writes. Two panels, Latin
America and Africa, each a box of longitudes and latitudes: the countries that reach into a panel are
kept, simplified (Douglas-Peucker) so that neighbours keep one shared border (each border between two
junctions is simplified once, the same for both sides), clipped to the panel and rounded to 0.01°.
The programme's countries are kept by their ISO code; the others only as grey land around them.
"""

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "app" / "reference" / "map" / "countries.json"
PROGRAMME = {"BF", "CI", "MG", "SN", "TG", "MA", "TN", "CO", "CR", "HN", "PE"}
# panel -> (west, south, east, north), and the tolerance (degrees) of the programme's countries and of the others.
PANELS = {
    "latin_america": ((-92.5, -19.5), (-62.5, 18.5)),
    "africa": ((-18.5, -27.0), (52.0, 38.5)),
}
TOLERANCE = 0.06
CONTEXT_TOLERANCE = 0.3
SMALLEST_ISLAND = 0.6  # degrees: smaller pieces of the other countries are left out


def rings_of(geometry) -> list[list[tuple[float, float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(round(x, 6), round(y, 6)) for x, y in polygon[0]] for polygon in polygons]  # outer rings only


def perpendicular(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def douglas_peucker(points, tolerance):
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = perpendicular(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring, owners, tolerance):
    """Split the ring where the set of countries sharing a point changes, simplify each piece alone."""
    points = ring[:-1]
    if len(points) < 4:
        return ring
    junction = [owners[points[i - 1]] != owners[points[i]] or owners[points[i]] != owners[points[(i + 1) % len(points)]]
                for i in range(len(points))]
    if not any(junction):
        junction[0] = True
        # a ring with no neighbour: keep its leftmost point too, so that it does not collapse
        junction[min(range(len(points)), key=lambda i: points[i])] = True
    start = junction.index(True)
    points = points[start:] + points[:start]
    junction = junction[start:] + junction[:start]
    out, piece = [], [points[0]]
    for point, is_junction in zip(points[1:] + [points[0]], junction[1:] + [True], strict=True):
        piece.append(point)
        if is_junction:
            out += douglas_peucker(piece, tolerance)[:-1]
            piece = [point]
    return out + [out[0]]


def clip(ring, box):
    """Sutherland-Hodgman clipping of a ring to the panel's box."""
    (west, south), (east, north) = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: (west, a[1] + (b[1] - a[1]) * (west - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= east, lambda a, b: (east, a[1] + (b[1] - a[1]) * (east - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= south, lambda a, b: (a[0] + (b[0] - a[0]) * (south - a[1]) / (b[1] - a[1]), south)),
        (lambda p: p[1] <= north, lambda a, b: (a[0] + (b[0] - a[0]) * (north - a[1]) / (b[1] - a[1]), north)),
    )
    points = ring[:-1]
    for inside, cross in edges:
        if not points:
            break
        kept = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
    return points


def extent(ring) -> float:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def touches(ring, box) -> bool:
    (west, south), (east, north) = box
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs) < east and max(xs) > west and min(ys) < north and max(ys) > south


def build(source: Path) -> dict:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    countries = []
    for feature in features:
        code = feature["properties"].get("ISO_A2")
        rings = rings_of(feature["geometry"])
        panels = [name for name, box in PANELS.items() if any(touches(r, box) for r in rings)]
        if panels:
            countries.append((code if code in PROGRAMME else None, feature["properties"]["NAME"], rings, panels))
    owners: dict[tuple[float, float], frozenset] = {}
    for index, (_code, _name, rings, _panels) in enumerate(countries):
        for ring in rings:
            for point in ring:
                owners[point] = owners.get(point, frozenset()) | {index}
    shapes = {name: [] for name in PANELS}
    for code, name, rings, panels in countries:
        tolerance = TOLERANCE if code else CONTEXT_TOLERANCE
        for panel in panels:
            kept = []
            for ring in rings:
                clipped = clip(simplify_ring(ring, owners, tolerance), PANELS[panel])
                rounded = [(round(x, 2), round(y, 2)) for x, y in clipped]
                rounded = [p for i, p in enumerate(rounded) if p != rounded[i - 1]]
                if len(rounded) >= 3 and (code or extent(rounded) >= SMALLEST_ISLAND):
                    kept.append([list(p) for p in rounded])
            if kept:
                shapes[panel].append({"code": code, "name": name, "rings": kept})
    return {
        "source": "Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries (public domain), "
                  "naturalearthdata.com; simplified by scripts/build_country_map.py",
        "panels": {
            name: {"box": [*PANELS[name][0], *PANELS[name][1]], "countries": shapes[name]} for name in PANELS
        },
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")
