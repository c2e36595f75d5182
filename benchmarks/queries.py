"""Every SQL query of one uncached page view, with the template line or Python frame that ran it.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python -m benchmarks.queries /da/ [--profile]

Runs on a database that already holds the demo (`load_demo_content`), with the dev settings and
the page cache off. Each page is requested twice and the second request is reported: the first
fills the per-process caches (the site, the goal pages) that every visitor after it shares.
With `--profile`, cProfile's functions with the most cumulative time over 20 requests follow;
with `--templates`, the template lines that take the most time of their own (a tag's or a
loop's time less that of the tags inside it) over 20 requests: where a page's rendering goes.
FRAGMENT_CACHE_SECONDS=0 in the environment measures with the template fragments off too.
"""

import os
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

from benchmarks import harness

ROOT = str(Path(__file__).resolve().parent.parent)


def origin_of_query():
    """The innermost template line and the innermost project frame on the stack."""
    template, code = None, None
    for frame, lineno in traceback.walk_stack(None):
        name = frame.f_code.co_filename
        if template is None and frame.f_code.co_name == "render_annotated":
            node = frame.f_locals.get("self")
            token = getattr(node, "token", None)
            origin = getattr(node, "origin", None)
            if token is not None and origin is not None:
                template = f"{Path(origin.name).relative_to(ROOT)}:{token.lineno}"
        if (
            code is None
            and name.startswith(ROOT)
            and "/.venv/" not in name
            and not name.endswith("benchmarks/queries.py")
        ):
            code = f"{Path(name).relative_to(ROOT)}:{lineno} {frame.f_code.co_name}"
    return template, code


def report(path, host):
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=host)
    client.get(path)
    lines = []

    def wrapper(execute, sql, params, many, context):
        template, code = origin_of_query()
        width = int(os.environ.get("SQL_WIDTH", 160))
        lines.append(f"  {template or '-'}  |  {code or '-'}\n      {sql[:width]}")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        status = client.get(path).status_code
    print(f"{path}: {status}, {len(lines)} queries")
    print("\n".join(lines))


def template_times(path, host, requests=20, top=25):
    """The template lines with the most time of their own, per request."""
    from django.template.base import Node
    from django.test import Client

    client = Client(HTTP_HOST=host)
    client.get(path)
    own, inner = defaultdict(float), []
    render_annotated = Node.render_annotated

    def timed(node, context):
        start = time.perf_counter()
        inner.append(0.0)
        try:
            return render_annotated(node, context)
        finally:
            spent, nested = time.perf_counter() - start, inner.pop()
            origin, token = getattr(node, "origin", None), getattr(node, "token", None)
            where = f"{origin.template_name if origin else '-'}:{token.lineno if token else '-'}"
            own[f"{where} {type(node).__name__}"] += spent - nested
            if inner:
                inner[-1] += spent

    Node.render_annotated = timed
    try:
        for _ in range(requests):
            client.get(path)
    finally:
        Node.render_annotated = render_annotated
    for where, spent in sorted(own.items(), key=lambda item: -item[1])[:top]:
        print(f"  {spent * 1000 / requests:6.2f} ms  {where}")


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--templates", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    for path in args.paths:
        report(path, args.host)
        if args.profile:
            harness.profile_requests(path, 20)
        if args.templates:
            template_times(path, args.host)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
