"""What changed when a page was published: the interface between the apps that own pages and
the app that tells residents about changes (docs/following.md).

An app says what a publish of one of its page types means through the Wagtail hook
`page_changes`: a function taking `(page, previous)` (the page as published, in the source
language, and the page as it was last published, or None on its first publish) and returning
a list of `PageChange`. Changes that come from the clock rather than a publish (a survey's
closing time passing) come from the hook `scheduled_page_changes`, a function taking `now`.
Each kind's heading, for the e-mails' grouping, comes from the hook `page_change_kinds`, a
function returning `[(kind, label)]`.

A change's `key` names it once and for all (e.g. `project-status:<translation key>:<revision>`):
a second report of the same key is ignored, so a retried task or a re-publish never tells
anyone twice.
"""

from dataclasses import dataclass

from .plugins import contributions


@dataclass(frozen=True)
class PageChange:
    key: str
    kind: str
    page: object  # the page the message links to (any of its translations is shown)
    area_key: str = ""  # the plan's translation key, when the change belongs to an area
    project_key: str = ""  # the project's translation key, when it is about a project
    goals: tuple[int, ...] = ()  # the UN goals it works on
    detail: str = ""  # e.g. a status's value, shown with the kind


def published_changes(page, previous) -> list[PageChange]:
    return contributions("page_changes", page, previous)


def scheduled_changes(now) -> list[PageChange]:
    return contributions("scheduled_page_changes", now)


def change_kinds() -> dict:
    return dict(contributions("page_change_kinds"))
