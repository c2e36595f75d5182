"""A/B in one sitting: this working tree against an earlier commit, page by page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/demo .venv/bin/python -m benchmarks.ab REF
        [--rounds 8] [--requests 10] [--fragments] [--page NAME ...]

On a shared machine two runs of the load benchmark minutes apart can differ by a third, so a
change is judged here instead: the commit REF is checked out beside this tree (a git worktree
in the system's temporary folder), and the two are measured in turns, round after round, on
the same database that already holds the demo (`load_demo_content`). Each turn is a fresh
process with the dev settings and DEBUG off that times every page with the harness's
`time_requests` (one request to warm it, then `--requests`), with every cache of HTML off
(or, with --fragments, the page cache off and the fragments warm). It prints, per page, the
median over the rounds of the paired ratios new/old of the median CPU time of the process per
request (below 1: faster now) and of the wall time (which holds the database's own time), with
the lowest and highest round.

The pages are those of the load benchmark (benchmarks/load.py), on the demo as it is loaded.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import harness
from benchmarks.load import URLS

ROOT = Path(__file__).resolve().parent.parent

# Run by each side's own checkout (`python -c`), with that checkout's harness: each page
# warmed once, then timed `requests` times (harness.time_requests).
MEASURE = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
import django
django.setup()
from django.conf import settings
from benchmarks.harness import time_requests
settings.DEBUG = False
settings.ALLOWED_HOSTS = ["*"]
requests, paths = int(sys.argv[1]), json.loads(sys.argv[2])
timings = {name: time_requests(path, requests) for name, path in paths.items()}
print(json.dumps({name: [t.python_cpu_ms, t.median_ms] for name, t in timings.items()}))
"""


def checkout(ref) -> Path:
    """A worktree of `ref` beside this one, made once per commit."""
    sha = subprocess.run(
        ["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    path = Path(tempfile.gettempdir()) / f"ab-{sha[:12]}"
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), sha], cwd=ROOT, check=True)
        # The translated addresses (/da/soeg/) need the compiled catalogues.
        subprocess.run(
            [sys.executable, "manage.py", "compilemessages", "--ignore=.venv/*", "-v0"],
            cwd=path,
            check=True,
        )
    return path


def turn(tree, pages, requests, fragments) -> dict:
    env = {
        **os.environ,
        "PAGE_CACHE_SECONDS": "0",
        "FRAGMENT_CACHE_SECONDS": "300" if fragments else "0",
        # Both sides read the same pictures (the demo's, loaded into this tree's media).
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(ROOT / "media")),
    }
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(requests), json.dumps(pages)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"{tree} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("ref")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--fragments", action="store_true")
    parser.add_argument("--page", action="append", choices=sorted(URLS))
    args = parser.parse_args()
    pages = {name: URLS[name] for name in args.page or URLS}
    old = checkout(args.ref)
    ratios = {name: ([], []) for name in pages}
    for round_number in range(args.rounds):
        # Each round in the other order, so neither side always runs on a warmer machine.
        sides = [(old, "old"), (ROOT, "new")][:: 1 if round_number % 2 else -1]
        figures = {label: turn(tree, pages, args.requests, args.fragments) for tree, label in sides}
        for name in pages:
            for index in (0, 1):
                ratios[name][index].append(
                    figures["new"][name][index] / figures["old"][name][index]
                )
        print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)
    mode = "fragments warm" if args.fragments else "every cache of HTML off"
    print(f"new/old, {args.rounds} rounds, {args.requests} requests a page, {mode}")
    table = harness.Table(
        ("page", 22, ""),
        ("CPU", 6, ".2f"),
        ("range", 11, ""),
        ("wall", 6, ".2f"),
        ("range", 11, ""),
    )
    table.print_header()
    for name, (cpu, wall) in ratios.items():
        table.print_row(
            name,
            statistics.median(cpu),
            f"{min(cpu):.2f}–{max(cpu):.2f}",
            statistics.median(wall),
            f"{min(wall):.2f}–{max(wall):.2f}",
        )


if __name__ == "__main__":
    main()
