"""A small TopoJSON decoder: enough of the specification for Natural Earth's
country shapes (quantized arcs, Polygon and MultiPolygon geometries).

https://github.com/topojson/topojson-specification
"""


def decode_arcs(topology):
    """Every arc of `topology` as a list of (longitude, latitude) points."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        # Quantized arcs are delta-encoded: each position is relative to the one before.
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arc_indexes, arcs):
    points = []
    for index in arc_indexes:
        # A negative index ~i is arc i walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point: keep it once.
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry, arcs):
    """The polygons of a geometry, each a list of rings (the outer one first)."""
    if geometry["type"] == "Polygon":
        shapes = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        shapes = geometry["arcs"]
    else:
        return []
    return [[_ring(ring, arcs) for ring in shape] for shape in shapes]


def features(topology, name):
    """(id, properties, polygons) of each geometry of the object `name`."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"][name]["geometries"]:
        yield geometry.get("id"), geometry.get("properties", {}), polygons(geometry, arcs)
