"""The årshjul: a plan's recurring activities drawn as a circle of twelve months (SVG)."""

from math import cos, pi, sin

from django.utils.dates import MONTHS, MONTHS_3

CENTRE, OUTER, INNER, LABEL = 120, 110, 58, 84


def svg_number(value):
    """`value` as SVG writes numbers ("141.74"), a string, so no template can localise it.

    Django templates print floats with the active language's decimal separator ("141,74" in
    Danish), which SVG reads as two numbers: the geometry reaches the template as text.
    """
    return f"{value:.2f}".rstrip("0").rstrip(".")


def point(radius, angle):
    """The (x, y) of a point on the wheel, as SVG number strings."""
    return svg_number(CENTRE + radius * sin(angle)), svg_number(CENTRE - radius * cos(angle))


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
