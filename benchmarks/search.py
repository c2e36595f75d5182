"""Benchmark of the project search: run as a script, not as a test.

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/naestved_lup_bench \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m benchmarks.search

It builds a throwaway database (as the test runner does) with AREAS areas, and for each size
given to --projects (ascending, e.g. `--projects 10000 50000`: both in one run, the second
adding to the first; with --keepdb, a database kept with more projects has only the first
SIZE of them live for each size) times REQUESTS requests of each search in SEARCHES (words +
two goals + an area, with facet counts; and the same without words) through Django's test
client, and prints the median, the 95th percentile and the SQL queries per request.
"""

import random
import time

from benchmarks import harness

WORDS = [
    *("landsby", "cykelsti", "legeplads", "fællesskab", "skov", "sø", "bibliotek"),
    *("forsamlingshus", "borgermøde", "arbejdsgruppe", "energi", "solceller", "natur"),
    *("sti", "bus", "trafik", "skole", "børn", "ældre", "kultur", "idræt", "blomster"),
    *("byskilt", "kirke", "hal", "frivillige", "velkomst", "kalender", "marked"),
]
BATCH = 1000
STATUSES = ["idea", "planned", "in_progress", "completed", "paused"]
FILTERS = {"goal": ["7", "11"], "area": "omraade-3"}
SEARCHES = {
    "words + 2 goals + an area": {"q": "landsby", **FILTERS},
    "2 goals + an area, no words": FILTERS,
}


def build_areas(areas):
    home = harness.front_page()
    return [harness.plan_page(home, f"Område {n}", f"omraade-{n}") for n in range(areas)]


def existing_areas():
    """The areas of a database kept from an earlier run (--keepdb), if any."""
    from plan_pages.models import LocalAreaPlanPage

    return list(LocalAreaPlanPage.objects.order_by("path"))


def existing_projects():
    from plan_pages.models import ProjectPage

    return ProjectPage.objects.count()


def build(plans, first, last):
    """Projects number `first` to `last - 1`, the same ones whatever the sizes asked for.

    Built in bulk, not through Wagtail's page API (which took 23 minutes for 4,580 projects):
    the page rows with their treebeard paths computed here (parent's path + the next step, one
    level deeper; each plan's `numchild` updated), then the project rows, their goal tags and
    their search index rows, each kind in batches of BATCH.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from plan_pages.models import ProjectGoal, ProjectPage

    rng = random.Random(2026 + first)
    content_type = ContentType.objects.get_for_model(ProjectPage)
    now = timezone.now()
    children = {plan.pk: plan.get_children_count() for plan in plans}
    projects, goal_tags = [], []
    for n in range(first, last):
        plan = rng.choice(plans)
        text = " ".join(rng.choice(WORDS) for _ in range(12))
        goals = rng.sample(range(1, 18), rng.randint(1, 3))
        children[plan.pk] += 1
        slug = f"projekt-{n}"
        title = f"Projekt {n} {rng.choice(WORDS)}"
        projects.append(
            ProjectPage(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(plan.path, plan.depth + 1, children[plan.pk]),
                depth=plan.depth + 1,
                numchild=0,
                url_path=f"{plan.url_path}{slug}/",
                content_type=content_type,
                locale_id=plan.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
                plan_id=plan.pk,
                summary=text,
                status=rng.choice(STATUSES),
            )
        )
        goal_tags.append(goals)

    with transaction.atomic():
        for start in range(0, len(projects), BATCH):
            batch = projects[start : start + BATCH]
            # Django refuses bulk_create for a model with a parent table: the page rows first
            # (their ids come back), then the project rows pointing at them.
            pages = Page.objects.bulk_create([Page(**page_fields(p)) for p in batch])
            for project, page in zip(batch, pages, strict=True):
                project.pk = project.page_ptr_id = page.pk
            ProjectPage._base_manager._insert(batch, fields=ProjectPage._meta.local_concrete_fields)
            ProjectGoal.objects.bulk_create(
                ProjectGoal(page_id=project.pk, goal=goal, sort_order=order)
                for project, numbers in zip(batch, goal_tags[start : start + BATCH], strict=True)
                for order, goal in enumerate(numbers)
            )
        for plan in plans:
            Page.objects.filter(pk=plan.pk).update(numchild=children[plan.pk])
            plan.numchild = children[plan.pk]

    backend = get_search_backend()
    ids = [project.pk for project in projects]
    for start in range(0, len(ids), BATCH):
        batch = ProjectPage.objects.filter(pk__in=ids[start : start + BATCH])
        backend.add_bulk(ProjectPage, list(batch.prefetch_related("goal_tags", "tags")))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The search's table compacted: building writes each of its rows twice (its words,
            # then its listing columns), and the dead half, which a site's autovacuum would
            # have reclaimed long since, doubled the blocks a search reads (and its time at
            # 50,000 projects). This server runs with autovacuum off.
            cursor.execute("VACUUM FULL search_projectdocument")
            # Fresh statistics, as autovacuum would have gathered on a site grown to this size:
            # without them the planner takes the new rows for a handful and loops over them.
            cursor.execute("VACUUM ANALYZE")


def publish_first(size):
    """Only the first `size` projects live, the others (of a larger database kept from an
    earlier run) unpublished, and fresh statistics. So both sizes run on one kept database;
    the smaller one's figures are then a little pessimistic, as its tables and index also
    hold the unpublished rows."""
    from django.db import connection

    from wagtail.models import Page

    from plan_pages.models import ProjectPage
    from search import listing

    ids = list(ProjectPage.objects.order_by("pk").values_list("pk", flat=True))
    last = ids[min(size, len(ids)) - 1]
    projects = Page.objects.filter(pk__in=ProjectPage.objects.values("pk"))
    changed = projects.filter(pk__lte=last, live=False).update(live=True)
    changed += projects.filter(pk__gt=last, live=True).update(live=False)
    if changed:
        # The search's copy of what it lists (search.listing): an editor's unpublishing
        # updates it through signals, these bulk updates send none.
        listing.refresh()
    if changed and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The search's table compacted: flipping tens of thousands of its rows at once
            # leaves as many dead ones for its scans to read past, which a site never does.
            cursor.execute("VACUUM FULL search_projectdocument")
            cursor.execute("VACUUM ANALYZE")


def page_fields(project):
    """The base page row of a project being built."""
    from wagtail.models import Page

    return {
        field.attname: getattr(project, field.attname)
        for field in Page._meta.concrete_fields
        if field.attname != "id"
    }


def result_count(params):
    """How many projects a timed search finds, counted once outside the timing."""
    from django.http import QueryDict
    from django.utils import translation

    from wagtail.models import Locale

    from plan_pages.listing import ProjectSearch

    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    with translation.override("da"):
        return ProjectSearch.from_params(query, Locale.get_default()).run().total


def main():
    parser = harness.arguments(__doc__, requests=100)
    parser.add_argument("--projects", type=int, nargs="+", default=[10_000])
    parser.add_argument("--areas", type=int, default=50)
    parser.add_argument(
        "--keepdb", action="store_true", help="keep the database built, and reuse it next time"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile 20 requests of each search"
    )
    args = parser.parse_args()

    with harness.test_database(keep=args.keepdb) as vendor:
        plans, built = existing_areas() or build_areas(args.areas), existing_projects()
        for size in sorted(args.projects):
            started = time.perf_counter()
            if size > built:
                build(plans, built, size)
            seconds, built = time.perf_counter() - started, max(built, size)
            publish_first(size)
            for label, params in SEARCHES.items():
                timing = harness.time_requests("/da/soeg/", args.requests, params)
                harness.print_result(
                    f"{vendor}: {size} projects in {args.areas} areas (built in {seconds:.0f} s); "
                    f"{label}: {result_count(params)} results",
                    timing,
                )
                if args.profile:
                    harness.profile_requests("/da/soeg/", 20, params)


if __name__ == "__main__":
    main()
