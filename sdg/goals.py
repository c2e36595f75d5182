"""The 17 goals and 169 targets, read from the official data shipped in sdg/data/.

Goals are referred to everywhere by their number and targets by their code ("7.2"):
stable keys that are the same in every language, so translated pages keep their goals.
"""

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE_LANGUAGE = "da"


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of a #RRGGBB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class Texts:
    """Texts kept per language, read in the active language (Danish where one is missing)."""

    def text(self, field: str, language: str | None = None) -> str:
        texts = getattr(self, field)
        return texts.get((language or get_language() or "")[:2]) or texts[SOURCE_LANGUAGE]


@dataclass(frozen=True)
class Target(Texts):
    goal: int
    code: str
    title: dict


@dataclass(frozen=True)
class Goal(Texts):
    number: int
    colour: str
    title: dict
    short_title: dict
    description: dict

    @cached_property
    def text_colour(self) -> str:
        """White or near-black, whichever reads better on the goal's colour (WCAG contrast).
        Worked out once per goal: every goal tag of every card asks for it."""
        return max(("#FFFFFF", "#1A1A1A"), key=lambda text: contrast_ratio(self.colour, text))


@cache
def goals() -> dict[int, Goal]:
    raw = json.loads((DATA_DIR / "goals.json").read_text(encoding="utf-8"))
    return {item["number"]: Goal(**item) for item in raw}


@cache
def targets() -> dict[str, Target]:
    raw = json.loads((DATA_DIR / "targets.json").read_text(encoding="utf-8"))
    return {item["code"]: Target(**item) for item in raw}


def targets_of(number: int) -> list[Target]:
    return [target for target in targets().values() if target.goal == number]


def _goal_label(number: int) -> str:
    return f"{number}. {goals()[number].text('short_title')}"


goal_label = lazy(_goal_label, str)


def _target_label(code: str) -> str:
    target = targets()[code]
    title = target.title.get((get_language() or "")[:2]) or target.title[SOURCE_LANGUAGE]
    return f"{code} {title[:90]}{'…' if len(title) > 90 else ''}"


target_label = lazy(_target_label, str)


def searchable_text(numbers, target_codes, language: str) -> str:
    """The words by which residents look for work on these goals: each goal's title and short
    title, and the texts of the chosen targets, in one language.

    Only chosen targets: the targets of goal 11 (the commonest) mention climate, water and
    more, so all of them would make "klima" find nearly every project."""
    language = (language or SOURCE_LANGUAGE)[:2]
    known_goals, known_targets = goals(), targets()
    texts = [
        known_goals[number].text(field, language)
        for number in numbers
        if number in known_goals
        for field in ("short_title", "title")
    ]
    for code in target_codes or ():
        if code in known_targets:
            title = known_targets[code].title
            texts.append(title.get(language) or title[SOURCE_LANGUAGE])
    return "\n".join(texts)


def goal_choices() -> list[tuple[int, str]]:
    return [(number, goal_label(number)) for number in goals()]


def target_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Targets grouped under their goal, for a select box with option groups."""
    return [
        (goal_label(number), [(t.code, target_label(t.code)) for t in targets_of(number)])
        for number in goals()
    ]
