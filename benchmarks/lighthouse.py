"""Lighthouse on the demo site as production serves it: run as a script, not as a test.

    .venv/bin/python -m benchmarks.lighthouse [--language en] [--runs 3] [--keep]
    make lighthouse

It builds a throwaway SQLite demo site, collects the static files, serves it with gunicorn and
the production settings (DEBUG off, WhiteNoise, hashed and compressed static files) on a
loopback port, and runs Lighthouse (npm `lighthouse`, pinned in frontend/package.json) in
Debian's Chromium (CHROME_PATH, /usr/bin/chromium by default) with its mobile preset on the
overview, a plan, a project and the search page. It prints the four scores per page and what
costs points, and exits non-zero when a target is missed: Accessibility, SEO and Best
Practices 100, Performance at least 90 (the median of --runs runs).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks import harness

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LIGHTHOUSE = ROOT / "frontend" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {
    "da": {
        "overview": "/da/",
        "plan": "/da/glumsoe-og-omegn/",
        "project": "/da/glumsoe-og-omegn/fugleskjul-ved-glumsoe-soe/",
        "search": "/da/soeg/?q=sti&goal=15",
    },
    "en": {
        "overview": "/en/",
        "plan": "/en/glumsoe-and-surrounding-area/",
        "project": "/en/glumsoe-and-surrounding-area/bird-hide-at-glumsoe-lake/",
        "search": "/en/search/?q=path&goal=15",
    },
}
CATEGORIES = {"accessibility": 100, "seo": 100, "best-practices": 100, "performance": 90}
TITLES = {
    "accessibility": "Accessibility",
    "seo": "SEO",
    "best-practices": "Best Practices",
    "performance": "Performance",
}


def environment(folder, port):
    return harness.production_environment(
        f"sqlite:///{folder / 'site.sqlite3'}",
        port,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        SERVE_MEDIA="true",  # the demo's pictures, which nginx serves in production
        LOG_LEVEL="ERROR",
    )


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


def lighthouse(url, report, chrome, attempts=3):
    """One Lighthouse run (mobile preset, the default) of `url`; its JSON report. A run that
    Lighthouse itself gives up on (NO_NAVSTART and the like, on a busy machine) is tried again."""
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            [
                "node",
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": chrome},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return json.loads(report.read_text())
        error = result.stderr.strip().splitlines()[-1:] or ["no message"]
        print(f"    Lighthouse failed on {url} (attempt {attempt} of {attempts}): {error[0]}")
    sys.exit(f"Lighthouse failed {attempts} times on {url}")


def scores(result):
    return {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}


def lost_points(result):
    """The audits that cost points in a category below its target, with their details."""
    lines = []
    for key, target in CATEGORIES.items():
        category = result["categories"][key]
        if round(category["score"] * 100) >= target:
            continue
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                lines.append(f"    {TITLES[key]}: {audit['title']} {shown}".rstrip())
    return lines


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--language", choices=sorted(PAGES), default="da")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median; default 1)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this folder")
    parser.add_argument(
        "--keep", action="store_true", help="keep serving the site after the runs (Ctrl-C ends)"
    )
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        sys.exit(f"{chrome} is missing: make browser (Debian's chromium), or set CHROME_PATH")
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is missing: make install (npm ci --prefix frontend)")

    folder = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports = args.reports or folder / "reports"  # the folder goes at the end, not --reports
    reports.mkdir(parents=True, exist_ok=True)
    env = environment(folder, args.port)
    origin = f"http://127.0.0.1:{args.port}"
    missed = []
    try:
        harness.build_demo_site(env)
        log = folder / "server.log"
        with open(log, "wb") as output:
            server = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", "cms/gunicorn.py", "cms.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=output,
            )
        try:
            try:
                wait_until_up(f"{origin}/healthz")
            except RuntimeError:
                sys.exit(log.read_text())
            version = json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text())["version"]
            print(f"Lighthouse {version}, mobile preset, {chrome}, {origin}")
            table = harness.Table(
                ("page", 9, ""), *((TITLES[key], len(TITLES[key]), "d") for key in CATEGORIES)
            )
            table.print_header()
            for name, path in PAGES[args.language].items():
                urllib.request.urlopen(origin + path).read()  # warm the page cache
                runs = [
                    lighthouse(origin + path, reports / f"{name}-{run}.json", chrome)
                    for run in range(args.runs)
                ]
                median = {
                    key: round(statistics.median(scores(run)[key] for run in runs))
                    for key in CATEGORIES
                }
                table.print_row(name, *median.values())
                worst = min(runs, key=lambda run: scores(run)["performance"])
                for line in lost_points(worst):
                    print(line)
                missed += [
                    f"{name} {TITLES[key]} {median[key]} < {target}"
                    for key, target in CATEGORIES.items()
                    if median[key] < target
                ]
            if args.keep:
                print(f"Serving {origin} (reports in {reports}); Ctrl-C ends")
                server.wait()
        finally:
            server.terminate()
            server.wait(timeout=30)
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if missed:
        sys.exit("Targets missed: " + "; ".join(missed))
    print("Every target met.")


if __name__ == "__main__":
    main()
