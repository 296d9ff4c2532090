"""SVG path data for projected rings, drawn for the resolution they are shown at.

Points are rounded to whole units of the output grid and a point that rounds
onto the one before is dropped, so a country costs the bytes its size on
screen needs and no more: the whole world at 1000 units is a few thousand
points, a locator map only draws what falls in its frame.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """A window on the projected plane drawn `width` units wide."""

    x: float
    y: float
    w: float
    h: float
    width: int

    @property
    def scale(self):
        return self.width / self.w

    @property
    def height(self):
        return round(self.h * self.scale)

    @property
    def viewbox(self):
        return f"0 0 {self.width} {self.height}"

    def shows(self, bbox):
        return bbox[0] < self.x + self.w and bbox[2] > self.x and bbox[1] < self.y + self.h and bbox[3] > self.y

    def point_exact(self, x, y):
        return (x - self.x) * self.scale, (y - self.y) * self.scale

    def point(self, x, y):
        exact_x, exact_y = self.point_exact(x, y)
        return round(exact_x), round(exact_y)

    def size_of(self, bbox):
        return max(bbox[2] - bbox[0], bbox[3] - bbox[1]) * self.scale

    def centre_of(self, bbox):
        return self.point((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)


def frame_around(bboxes, *, world, width, aspect=2.0, margin=0.35, minimum=0.9):
    """The frame of `aspect` (width / height) that shows every box in `bboxes`
    with some land around them, at least `minimum` projected units wide
    (about 60 degrees of longitude near the equator), kept inside `world` where it fits."""
    x0 = min(box[0] for box in bboxes)
    y0 = min(box[1] for box in bboxes)
    x1 = max(box[2] for box in bboxes)
    y1 = max(box[3] for box in bboxes)
    w = max((x1 - x0) * (1 + 2 * margin), (y1 - y0) * (1 + 2 * margin) * aspect, minimum)
    h = w / aspect
    world_w, world_h = world[2] - world[0], world[3] - world[1]
    if w >= world_w:
        w, h = world_w, world_w / aspect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    x = min(max(cx - w / 2, world[0]), world[2] - w)
    y = min(max(cy - h / 2, world[1]), world[3] - h) if h < world_h else cy - h / 2
    return Frame(x, y, w, h, width)


def path_data(rings, frame, tolerance=0.6):
    """The `d` attribute for `rings`: relative moves and lines, whole units,
    with the points that stray less than `tolerance` units from a straight
    line left out."""
    parts = []
    for ring in rings:
        points = []
        for x, y in simplified([frame.point_exact(x, y) for x, y in ring], tolerance):
            point = round(x), round(y)
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        (x, y), rest = points[0], points[1:]
        steps = []
        for px, py in rest:
            steps += (px - x, py - y)
            x, y = px, py
        parts.append(f"M{points[0][0]} {points[0][1]}l{_numbers(steps)}z")
    return "".join(parts)


def _numbers(values):
    # A minus sign separates numbers on its own: "3-4 5" is 3, -4, 5.
    text = "".join(f"{value}" if value < 0 else f" {value}" for value in values)
    return text.lstrip()


def simplified(points, tolerance):
    """Douglas-Peucker: the points of a line kept where it bends by more than `tolerance`."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                gap = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:
                gap = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if gap > distance:
                farthest, distance = index, gap
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]
