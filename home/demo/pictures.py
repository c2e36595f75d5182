"""The demo's pictures, drawn by code when the demo is loaded: nothing is downloaded or committed.

Each picture is a flat landscape illustration (sky, fields, and what the page is about: a lake,
woods, a church, houses, solar panels), its colours and layout drawn from a random generator
seeded by the page's slug, so a picture is the same on every run and different from its
neighbours. `draw(slug, hints)` returns the JPEG and what it shows, in Danish and English, for
the alt text; the scene also says where its subject is, for the image's focal point.
"""

import hashlib
import io
import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 900
JPEG_QUALITY = 82

# Which words in a page's tags or slug bring which feature into its picture.
FEATURE_WORDS = {
    "lake": ("sø", "soe", "bad", "fugl", "vand", "enge"),
    "woods": ("skov", "natur", "beplantning", "træ", "landskab", "sti", "shelter", "friluft"),
    "solar": ("solcelle", "energi", "klima"),
    "church": ("kirke", "sogn", "landsby", "identitet", "byskilte", "rute"),
    "houses": ("by", "skole", "bibliotek", "forening", "hallen", "fællesskab", "station", "bus"),
}
SKIES = [
    # (name in Danish, in English, top colour, horizon colour, sun colour)
    (
        "en lys morgenhimmel",
        "a pale morning sky",
        (150, 190, 230),
        (236, 226, 200),
        (255, 236, 170),
    ),
    ("en klar blå himmel", "a clear blue sky", (70, 140, 215), (190, 220, 240), (255, 245, 200)),
    ("en varm aftenhimmel", "a warm evening sky", (95, 105, 170), (245, 170, 110), (255, 200, 120)),
    (
        "en grå efterårshimmel",
        "a grey autumn sky",
        (140, 150, 160),
        (205, 208, 205),
        (235, 235, 225),
    ),
]
FIELD_COLOURS = [
    (118, 158, 72),
    (150, 178, 84),
    (196, 180, 92),
    (214, 196, 120),
    (96, 138, 70),
    (170, 140, 90),
    (132, 170, 96),
    (206, 170, 70),
]
ROOF_COLOURS = [(168, 58, 42), (140, 44, 38), (70, 70, 78), (182, 92, 52)]
WALL_COLOURS = [(240, 236, 224), (232, 204, 120), (214, 120, 84), (246, 246, 240)]
ILLUSTRATORS = [
    "Mette Skovgaard",
    "Anders Fjord",
    "Sofie Lindholm",
    "Jens Krogh",
    "Ida Bækgaard",
    "Rasmus Holm",
]
FEATURE_TEXT = {
    "lake": ("en sø", "a lake"),
    "woods": ("et skovbryn", "the edge of a wood"),
    "solar": ("solcellepaneler", "solar panels"),
    "church": ("en hvid landsbykirke", "a white village church"),
    "houses": ("huse", "houses"),
}


@dataclass
class Picture:
    data: bytes
    alt: dict[str, str]
    focal_point: tuple[int, int, int, int]  # x, y (centre), width, height
    features: list[str] = field(default_factory=list)


def seed_for(slug: str) -> int:
    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")


def features_for(hints: str, rng: random.Random, subject: str | None = None) -> list[str]:
    hints = hints.lower()
    chosen = [name for name, words in FEATURE_WORDS.items() if any(w in hints for w in words)]
    if subject and subject not in chosen:
        chosen.insert(0, subject)
    if not chosen:
        chosen = [rng.choice(["church", "houses", "woods", "lake"])]
    return chosen[:3]


def credit_for(slug: str) -> str:
    return f"Illustration: {ILLUSTRATORS[seed_for(slug) % len(ILLUSTRATORS)]}"


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def vary(colour, rng, amount=18):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def listed(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def draw(slug: str, hints: str = "", subject: str | None = None) -> Picture:
    """The picture for the page `slug`; `hints` (tags, title) choose what it shows."""
    rng = random.Random(seed_for(slug))
    features = features_for(hints, rng, subject)
    sky_da, sky_en, top, horizon_colour, sun_colour = rng.choice(SKIES)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pen = ImageDraw.Draw(image)
    horizon = rng.randint(380, 470)

    # The sky, a gradient down to the horizon: a column of 64 colours stretched over it.
    column = Image.new("RGB", (1, 64))
    column.putdata([mix(top, horizon_colour, y / 63) for y in range(64)])
    image.paste(column.resize((WIDTH, horizon + 1), Image.Resampling.BILINEAR), (0, 0))
    sun_x, sun_y = rng.randint(150, WIDTH - 150), rng.randint(90, horizon - 180)
    pen.ellipse([sun_x - 55, sun_y - 55, sun_x + 55, sun_y + 55], fill=sun_colour)
    for _ in range(rng.randint(2, 4)):  # clouds
        cx, cy = rng.randint(0, WIDTH), rng.randint(60, horizon - 260)
        for dx in (-70, -20, 35, 80):
            r = rng.randint(35, 55)
            pen.ellipse([cx + dx - r, cy - r, cx + dx + r, cy + r // 2], fill=(250, 250, 248))

    # Rolling hills of fields, far (pale) to near (strong).
    for layer in range(4):
        base = horizon + layer * (HEIGHT - horizon) // 4
        colour = mix(rng.choice(FIELD_COLOURS), horizon_colour, 0.45 - layer * 0.14)
        amplitude, phase = rng.randint(10, 40), rng.random() * 6.28
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 40, 40):
            wave = amplitude * ((x / WIDTH * 3 + phase) % 2 - 1) ** 2
            points.append((x, base - wave))
        points.append((WIDTH, HEIGHT))
        pen.polygon(points, fill=colour)
        for stripe in range(rng.randint(0, 6)):  # furrows
            y = base + 20 + stripe * 14
            pen.line([(0, y), (WIDTH, y + rng.randint(-30, 30))], fill=vary(colour, rng), width=3)

    subject_box = (WIDTH // 2, horizon, 400, 300)
    positions = rng.sample([200, 560, 920, 1280], k=len(features))
    for name, x in zip(features, positions, strict=True):
        box = DRAWERS[name](pen, rng, x, horizon)
        if name == features[0]:
            subject_box = box

    seen_da = ["marker", *(FEATURE_TEXT[name][0] for name in features)]
    seen_en = ["fields", *(FEATURE_TEXT[name][1] for name in features)]
    alt = {
        "da": f"Tegning af et landskab med {listed(seen_da, 'og')} under {sky_da}.",
        "en": f"Drawing of a landscape with {listed(seen_en, 'and')} under {sky_en}.",
    }
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return Picture(buffer.getvalue(), alt, subject_box, features)


def draw_lake(pen, rng, x, horizon):
    width, top = rng.randint(420, 560), horizon + rng.randint(90, 160)
    water = vary((80, 140, 180), rng)
    pen.ellipse([x - width // 2, top, x + width // 2, top + 150], fill=water)
    for i in range(4):  # glints
        y = top + 30 + i * 25
        pen.line([(x - 120 + i * 30, y), (x - 40 + i * 30, y)], fill=(200, 225, 240), width=3)
    for reed in range(8):
        rx = x - width // 2 + 10 + reed * 12
        pen.line([(rx, top + 110), (rx + 6, top + 55)], fill=(70, 100, 50), width=3)
    return (x, top + 75, width, 170)


def draw_woods(pen, rng, x, horizon):
    for i in range(rng.randint(6, 10)):
        tx = x - 170 + i * 40 + rng.randint(-12, 12)
        height = rng.randint(110, 190)
        base = horizon + rng.randint(10, 40)
        pen.rectangle([tx - 6, base - 30, tx + 6, base], fill=(96, 70, 50))
        green = vary((52, 104, 60), rng, 22)
        if rng.random() < 0.5:  # a spruce
            pen.polygon(
                [(tx - 40, base - 25), (tx + 40, base - 25), (tx, base - height)], fill=green
            )
        else:  # a beech
            pen.ellipse([tx - 45, base - height, tx + 45, base - 20], fill=green)
    return (x, horizon - 60, 440, 240)


def draw_church(pen, rng, x, horizon):
    base = horizon + rng.randint(40, 70)
    wall, roof = (246, 244, 236), rng.choice(ROOF_COLOURS)
    pen.rectangle([x - 150, base - 90, x + 60, base], fill=wall)  # the nave
    pen.polygon([(x - 165, base - 90), (x + 75, base - 90), (x - 45, base - 150)], fill=roof)
    tower = [x + 60, base - 200, x + 150, base]
    pen.rectangle(tower, fill=wall)
    steps = [(x + 60, base - 200)]  # the stepped gable of a Danish church tower
    for step in range(4):
        sx = x + 60 + step * 11
        steps += [(sx, base - 200 - (step + 1) * 12), (sx + 11, base - 200 - (step + 1) * 12)]
    for step in range(4):
        sx = x + 150 - (3 - step) * 11
        steps += [(sx - 11, base - 248 + step * 12), (sx, base - 248 + step * 12)]
    steps.append((x + 150, base - 200))
    pen.polygon(steps, fill=wall)
    pen.rectangle([x + 95, base - 160, x + 115, base - 130], fill=(60, 60, 60))
    pen.rectangle([x - 55, base - 50, x - 25, base], fill=(90, 60, 40))
    return (x, base - 120, 360, 300)


def draw_houses(pen, rng, x, horizon):
    base = horizon + rng.randint(50, 90)
    for i in range(rng.randint(3, 5)):
        hx = x - 200 + i * 95
        height = rng.randint(50, 75)
        pen.rectangle([hx, base - height, hx + 80, base], fill=rng.choice(WALL_COLOURS))
        pen.polygon(
            [(hx - 8, base - height), (hx + 88, base - height), (hx + 40, base - height - 45)],
            fill=rng.choice(ROOF_COLOURS),
        )
        pen.rectangle(
            [hx + 14, base - height + 15, hx + 32, base - height + 33], fill=(70, 90, 110)
        )
        pen.rectangle([hx + 48, base - 35, hx + 66, base], fill=(90, 60, 40))
    return (x + 20, base - 60, 520, 200)


def draw_solar(pen, rng, x, horizon):
    base = horizon + rng.randint(120, 180)
    for row in range(2):
        for column in range(5):
            px, py = x - 230 + column * 95 + row * 20, base + row * 70
            pen.polygon(
                [(px, py), (px + 80, py), (px + 95, py - 40), (px + 15, py - 40)],
                fill=(40, 60, 110),
                outline=(180, 190, 210),
            )
            pen.line([(px + 47, py), (px + 47, py + 20)], fill=(120, 120, 120), width=4)
    return (x, base, 520, 200)


DRAWERS = {
    "lake": draw_lake,
    "woods": draw_woods,
    "church": draw_church,
    "houses": draw_houses,
    "solar": draw_solar,
}
