"""Load benchmark: every public page type, served by gunicorn with the production settings on
PostgreSQL, driven by wrk.

    .venv/bin/python -m benchmarks.load [--seconds 10] [--connections 8] [--no-save] [--reuse]
                                        [--through-nginx]

Needs PostgreSQL on 127.0.0.1 (user postgres), Redis (database 13 of 127.0.0.1:6379, or
LOAD_REDIS_URL) and wrk (`make services` installs both). It builds a fresh database with the
demo content plus 30 projects in one plan, then measures each page type in three modes:
`uncached` (every cache of rendered HTML off: PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0),
`fragments` (the page cache off, the template fragments on and warmed by one request first:
what a survey, a meeting, a search or any page in the minutes after a publish costs) and
`cached` (both on), and an editor's preview of the plan page (its draft, signed in, which is
never cached) with every cache off. For each it prints the SQL queries of one request without
the page cache, requests per second, the median and 99th-percentile latency, the gunicorn
workers' CPU milliseconds per request, and the rate as a share of the cached overview's in the
same run (the issue's target: every uncached page at 1/20 or better).

The figures are kept in benchmarks/figures/load.json: each run compares its rates with the
ones there, flags a page whose share fell by more than 15 %, and writes its own (unless
--no-save).

--through-nginx measures the same pages through Debian's nginx with the committed configuration
(docs/nginx/naestved-lup.conf, on free loopback ports, over HTTPS) in front of two gunicorn
processes of one worker each, balanced round robin: the several-servers layout of
docs/deploy.md on one machine, with as many workers as without it. CPU ms counts gunicorn's
workers only, not nginx. Its figures are compared with and kept in load-nginx.json.
"""

import json
import os
import re
import secrets
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from benchmarks import harness, nginx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765
FIGURES = ROOT / "benchmarks" / "figures" / "load.json"
NGINX_FIGURES = ROOT / "benchmarks" / "figures" / "load-nginx.json"
# nginx's certificate is the run's own.
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE
SECRET_KEY = secrets.token_urlsafe(50)
SLOWER = 0.15  # a page whose rate fell by more than this is flagged
# One page of every public page type in the demo (home/demo), in Danish.
URLS = {
    "overview": "/da/",
    "plan (30 projects)": "/da/glumsoe-og-omegn/",
    "BLUP plan": "/da/tappernoeje-snesere-og-everdrup-sogne/",
    "project": "/da/glumsoe-og-omegn/fugleskjul-ved-glumsoe-soe/",
    "project update": "/da/glumsoe-og-omegn/sikring-af-glumsoe-station/lyset-er-forsinket/",
    "meeting": "/da/glumsoe-og-omegn/foerste-borgermoede-2021/",
    "goal page": "/da/verdensmaal/maal-11/",
    "goal index": "/da/verdensmaal/",
    "information page": "/da/tilgaengelighedserklaering/",
    "open survey": "/da/vestlandet4700/hvad-skal-vi-nu/",
    "annual report": "/da/tappernoeje-snesere-og-everdrup-sogne/aarsrapport-2025/",
    "search": "/da/soeg/?q=skov&goal=15",
}
PREVIEW = "editor's preview of the plan"
PREVIEWED = "plan (30 projects)"
FILL_PLAN = """
from plan_pages.models import LocalAreaPlanPage, ProjectGoal, ProjectPage
plan = LocalAreaPlanPage.objects.get(slug="glumsoe-og-omegn")
for n in range(30 - ProjectPage.objects.child_of(plan).count()):
    page = ProjectPage(title=f"Ekstra projekt {n}", summary="Et projekt til belastningstesten.",
                       status="planned", goal_tags=[ProjectGoal(goal=n % 17 + 1)])
    plan.add_child(instance=page)
    page.save_revision().publish()
"""
# Run in `manage.py shell` on the benchmark's database: the preview's address, a signed-in
# editor's session for it, and the SQL queries of one uncached request of each page (the
# second: the first fills what every visitor after it shares).
COUNT_QUERIES = """
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from plan_pages.models import LocalAreaPlanPage

urls = json.loads(URLS)
plan = LocalAreaPlanPage.objects.get(slug="glumsoe-og-omegn", locale__language_code="da")
urls[PREVIEW] = f"/admin/pages/{plan.pk}/view_draft/"
editor = Client(HTTP_HOST=HOST)
editor.force_login(get_user_model().objects.get(username="redaktoer"))
counts = {}
for name, url in urls.items():
    client = editor if name == PREVIEW else Client(HTTP_HOST=HOST)
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    counts[name] = len(queries)
print(json.dumps({"queries": counts, "preview": urls[PREVIEW],
                  "session": editor.cookies["sessionid"].value}))
"""


# The modes, by their prefix in the figures: (PAGE_CACHE_SECONDS, FRAGMENT_CACHE_SECONDS).
MODES = {"uncached": (0, 0), "fragments": (0, 300), "cached": (300, 300)}


def environment(database, mode="uncached"):
    page_seconds, fragment_seconds = MODES[mode]
    return harness.production_environment(
        f"postgres://postgres@127.0.0.1:5432/{database}",
        PORT,
        PAGE_CACHE_SECONDS=str(page_seconds),
        FRAGMENT_CACHE_SECONDS=str(fragment_seconds),
        LOG_LEVEL="WARNING",
        # One key for the whole run: the editor's session is signed with it.
        SECRET_KEY=SECRET_KEY,
        # The shared cache production runs with (docs/deploy.md); on the database's cache
        # table every cache read would be one more SQL query.
        REDIS_URL=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/13"),
    )


def prepare(database):
    env = environment(database)
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    harness.build_demo_site(env)
    harness.manage(env, "shell", "-c", FILL_PLAN)


def wait_until_up(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2, context=UNVERIFIED) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def wrk(url, seconds, connections, cookie=None):
    """(requests per second, median ms, p99 ms, requests, non-2xx/3xx answers) of one run."""
    headers = ["-H", f"Cookie: sessionid={cookie}"] if cookie else []
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        rate,
        latency(output, "50%"),
        latency(output, "99%"),
        requests,
        int(errors.group(1)) if errors else 0,
    )


def latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def workers_cpu_seconds(master_pid):
    """The CPU time (user and system) the gunicorn master's worker processes used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    total = 0
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def count_queries(database, mode):
    env = {**environment(database, mode), "HOST": f"127.0.0.1:{PORT}"}
    script = (
        f"URLS = {json.dumps(json.dumps(URLS))}\nPREVIEW = {PREVIEW!r}\n"
        f"HOST = {env['HOST']!r}\n{COUNT_QUERIES}"
    )
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextmanager
def serving(env, through_nginx):
    """(base address, gunicorn master processes): one gunicorn on PORT, or two of one worker
    each, on free ports, behind nginx."""
    if not through_nginx:
        with gunicorns(env, [PORT]) as masters:
            yield f"http://127.0.0.1:{PORT}", masters
        return
    ports = [nginx.free_port(), nginx.free_port()]
    upstreams = [f"127.0.0.1:{port}" for port in ports]
    with (
        gunicorns({**env, "WEB_CONCURRENCY": "1"}, ports) as masters,
        tempfile.TemporaryDirectory() as folder,
        nginx.running(Path(folder), upstreams, ROOT / "media") as base,
    ):
        yield base, masters


@contextmanager
def gunicorns(env, ports):
    masters = [
        subprocess.Popen(
            # Workers are not recycled here: a new worker in the middle of a page's 10 s
            # (cms/gunicorn.py recycles after about 50,000 requests, which the cached pages
            # reach) would be timed starting up, and its CPU counted from zero.
            [PYTHON, "-m", "gunicorn", "-c", "cms/gunicorn.py", "--max-requests", "0", "cms.wsgi"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}"},
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
        yield masters
    finally:
        for master in masters:
            master.terminate()
        for master in masters:
            master.wait(timeout=30)


def measure(database, mode, pages, seconds, connections, cookie=None, through_nginx=False):
    """{page: figures} for `pages` ({name: path}) served in `mode` (MODES)."""
    env = environment(database, mode)
    figures = {}
    with serving(env, through_nginx) as (base, masters):
        for name, path in pages.items():
            url = f"{base}{path}"
            request = urllib.request.Request(url)
            if cookie:
                request.add_header("Cookie", f"sessionid={cookie}")
            urllib.request.urlopen(request, context=UNVERIFIED).read()  # warm the cache and workers
            before = sum(workers_cpu_seconds(master.pid) for master in masters)
            rate, median, p99, requests, errors = wrk(url, seconds, connections, cookie)
            used = sum(workers_cpu_seconds(master.pid) for master in masters) - before
            figures[name] = {
                "req_s": round(rate, 1),
                "p50_ms": round(median, 2),
                "p99_ms": round(p99, 2),
                "cpu_ms": round(used * 1000 / max(requests, 1), 2),
                "errors": errors,
            }
    return figures


def compare(results, previous):
    """Lines naming each page whose share of the cached overview's rate fell by more than
    SLOWER since the previous figures: shares, each of its own run, so that a slower or busier
    machine flags nothing by itself, and the page that got slower is the one named."""
    flagged = []
    for key, figures in results.items():
        before = previous.get(key, {}).get("share_of_cached_overview")
        now = figures["share_of_cached_overview"]
        if before and now < before * (1 - SLOWER):
            flagged.append(
                f"SLOWER: {key}: {share_text(now)} of the cached overview, was "
                f"{share_text(before)} ({1 - now / before:.0%} slower)"
            )
    return flagged


def share_text(share) -> str:
    return f"1/{1 / share:.0f}" if 0 < share < 0.5 else f"{share:.2f}"


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", default="naestved_lup_load")
    parser.add_argument("--no-save", action="store_true", help="do not write the figures file")
    parser.add_argument(
        "--through-nginx", action="store_true", help="two gunicorn processes behind nginx"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database an earlier run built"
    )
    args = parser.parse_args()
    figures_file = NGINX_FIGURES if args.through_nginx else FIGURES
    serve = {"through_nginx": args.through_nginx}
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (or make services)")

    if args.reuse:
        harness.manage(environment(args.database), "shell", "-c", FILL_PLAN)
    else:
        prepare(args.database)
    counted = {mode: count_queries(args.database, mode) for mode in ("uncached", "fragments")}
    by_mode = {
        mode: measure(args.database, mode, URLS, args.seconds, args.connections, **serve)
        for mode in MODES
    }
    uncached = by_mode["uncached"]
    uncached.update(
        measure(
            args.database,
            "uncached",
            {PREVIEW: counted["uncached"]["preview"]},
            args.seconds,
            args.connections,
            cookie=counted["uncached"]["session"],
            **serve,
        )
    )
    results = {
        f"{mode}: {name}": figures
        for mode, pages in by_mode.items()
        for name, figures in pages.items()
    }
    reference = by_mode["cached"]["overview"]["req_s"]
    for key, figures in results.items():
        mode, name = key.split(": ", 1)
        figures["queries"] = counted[mode]["queries"][name] if mode in counted else None
        figures["share_of_cached_overview"] = round(figures["req_s"] / reference, 4)

    print(
        f"wrk, {args.connections} connections, {args.seconds} s per page, 2 gunicorn workers"
        f"{' in two processes behind nginx' if args.through_nginx else ''}; "
        f"share = req/s as a share of the cached overview's {reference:.0f} req/s"
    )
    table = harness.Table(
        ("page", 40, ""),
        ("queries", 7, ""),
        ("req/s", 8, ".1f"),
        ("p50 ms", 8, ".1f"),
        ("p99 ms", 8, ".1f"),
        ("CPU ms", 7, ".2f"),
        ("share", 7, ""),
        ("errors", 6, "d"),
    )
    table.print_header()
    for key, figures in results.items():
        share = figures["share_of_cached_overview"]
        table.print_row(
            key,
            "-" if figures["queries"] is None else str(figures["queries"]),
            figures["req_s"],
            figures["p50_ms"],
            figures["p99_ms"],
            figures["cpu_ms"],
            share_text(share),
            figures["errors"],
        )
    # How many times slower the preview is: by rate, and by CPU per request.
    # A preview that finished no request in the time (a busy machine) has no ratio: nan.
    preview = uncached[PREVIEWED]["req_s"] / (uncached[PREVIEW]["req_s"] or float("nan"))
    preview_cpu = uncached[PREVIEW]["cpu_ms"] / uncached[PREVIEWED]["cpu_ms"]
    print(
        f"editor's preview vs the public uncached plan page: {preview:.2f}x slower by rate, "
        f"{preview_cpu:.2f}x the CPU per request (target: 2x at most)"
    )
    under = [
        key
        for key, figures in results.items()
        if key.startswith("uncached") and PREVIEW not in key
        if figures["share_of_cached_overview"] < 1 / 20
    ]
    print("below 1/20 of the cached overview: " + (", ".join(under) or "none"))
    for name in (PREVIEWED, "project"):
        print(
            f"{name}, CPU ms per request: "
            + ", ".join(f"{mode} {by_mode[mode][name]['cpu_ms']:.1f}" for mode in MODES)
        )

    previous = json.loads(figures_file.read_text())["pages"] if figures_file.exists() else {}
    flagged = compare(results, previous)
    print("\n".join(flagged) if flagged else "no page's share more than 15 % lower than last time")
    if not args.no_save:
        figures_file.parent.mkdir(exist_ok=True)
        record = {
            "seconds": args.seconds,
            "connections": args.connections,
            "cpus": os.cpu_count(),
            "preview_slower_by_rate": round(preview, 2),
            "preview_cpu_ratio": round(preview_cpu, 2),
            "pages": results,
        }
        figures_file.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
