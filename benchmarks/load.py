"""Load benchmark: gunicorn with production settings on PostgreSQL, driven by wrk.

    .venv/bin/python -m benchmarks.load [--seconds 10] [--connections 8]

Needs PostgreSQL on 127.0.0.1 (user postgres) and wrk (`apt-get install wrk`). It builds a
fresh database with the demo content plus one plan with 30 projects, then measures the overview,
a plan, a project, a goal page and a search with the page cache on and off, and prints requests
per second and the median and 99th-percentile latency of each.
"""

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks import harness

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765
URLS = {
    "overview": "/da/",
    "plan (30 projects)": "/da/glumsoe-og-omegn/",
    "project": "/da/glumsoe-og-omegn/fugleskjul-ved-glumsoe-soe/",
    "goal page": "/da/verdensmaal/maal-11/",
    "search": "/da/soeg/?q=skov&goal=15",
}
FILL_PLAN = """
from plan_pages.models import LocalAreaPlanPage, ProjectGoal, ProjectPage
plan = LocalAreaPlanPage.objects.get(slug="glumsoe-og-omegn")
for n in range(30 - ProjectPage.objects.child_of(plan).count()):
    page = ProjectPage(title=f"Ekstra projekt {n}", summary="Et projekt til belastningstesten.",
                       status="planned", goal_tags=[ProjectGoal(goal=n % 17 + 1)])
    plan.add_child(instance=page)
    page.save_revision().publish()
"""


def environment(database, cache_seconds):
    return harness.production_environment(
        f"postgres://postgres@127.0.0.1:5432/{database}",
        PORT,
        PAGE_CACHE_SECONDS=str(cache_seconds),
        LOG_LEVEL="WARNING",
    )


def prepare(database):
    env = environment(database, 0)
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    harness.build_demo_site(env)
    harness.manage(env, "shell", "-c", FILL_PLAN)


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def wrk(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        rate,
        latency(output, "50%"),
        latency(output, "99%"),
        int(errors.group(1)) if errors else 0,
    )


def latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", default="naestved_lup_load")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    prepare(args.database)
    print(f"wrk, {args.connections} connections, {args.seconds} s per page, 2 gunicorn workers")
    table = harness.Table(
        ("cache", 6, ""),
        ("page", 20, ""),
        ("req/s", 8, ".0f"),
        ("median ms", 10, ".1f"),
        ("p99 ms", 8, ".1f"),
        ("errors", 7, "d"),
    )
    table.print_header()
    for cache_seconds in (300, 0):
        env = environment(args.database, cache_seconds)
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "cms/gunicorn.py", "cms.wsgi"], cwd=ROOT, env=env
        )
        try:
            wait_until_up(f"http://127.0.0.1:{PORT}/healthz")
            for name, path in URLS.items():
                url = f"http://127.0.0.1:{PORT}{path}"
                urllib.request.urlopen(url).read()  # warm the cache and the workers
                rate, median, p99, errors = wrk(url, args.seconds, args.connections)
                label = "on" if cache_seconds else "off"
                table.print_row(label, name, rate, median, p99, errors)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
