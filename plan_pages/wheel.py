"""The årshjul: a plan's recurring activities drawn as a circle of twelve months (SVG)."""

from math import cos, pi, sin

from django.utils.dates import MONTHS, MONTHS_3

CENTRE, OUTER, INNER, LABEL = 120, 110, 58, 84


def point(radius, angle):
    return round(CENTRE + radius * sin(angle), 2), round(CENTRE - radius * cos(angle), 2)


def segment_path(month):
    """The ring segment of one month, January at the top, clockwise."""
    start, end = (month - 1) * pi / 6, month * pi / 6
    (x1, y1), (x2, y2) = point(OUTER, start), point(OUTER, end)
    (x3, y3), (x4, y4) = point(INNER, end), point(INNER, start)
    return (
        f"M {x1} {y1} A {OUTER} {OUTER} 0 0 1 {x2} {y2} "
        f"L {x3} {y3} A {INNER} {INNER} 0 0 0 {x4} {y4} Z"
    )


def annual_wheel(activities):
    """Each month with its activities and the geometry to draw it."""
    months = []
    for number in range(1, 13):
        label_x, label_y = point(LABEL, (number - 0.5) * pi / 6)
        months.append(
            {
                "number": number,
                "name": MONTHS[number],
                "short": MONTHS_3[number],
                "activities": [a for a in activities if number in a.months],
                "path": segment_path(number),
                "label_x": label_x,
                "label_y": label_y,
            }
        )
    return months
