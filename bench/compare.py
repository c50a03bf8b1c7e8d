"""Before and after in one run: the lab as it is, the lab at an earlier commit and the minimal Flask
app, served side by side on the same seeded database and driven in turns, so that a busy machine
weighs on all three alike.

    python -m bench.compare --against e08091f --only API           # page cache on the local Redis
    python -m bench.compare --against e08091f --only API --no-cache

The earlier commit is checked out in a temporary git worktree and served with this environment's
packages (so it must not need a package this one lacks). Each round drives every page for
`--duration` seconds on each of the three servers, in an order that turns from round to round;
each round gives each lab's ratio to the baseline of that same round. The table shows the median
of the rounds, and the median of "after ÷ before" taken round by round.
"""

import argparse
import os
import shutil
import statistics
import subprocess  # nosec B404 — git, the seed, gunicorn and wrk
import sys
import tempfile
import time
from pathlib import Path

from bench import run

BASELINE, BEFORE, AFTER = "baseline", "before", "after"
PORTS = {BASELINE: 8791, AFTER: 8792, BEFORE: 8793}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", required=True, help="the earlier commit (any git revision)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=4, help="seconds a page on each server, each round")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    pages = [p for p in run.PAGES if not args.only or any(w.strip() in p[0] for w in args.only.split(","))]
    run.ensure_wrk()

    workdir = Path(tempfile.mkdtemp(prefix="sociallab-compare-"))
    earlier = workdir / "earlier"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(earlier), args.against],  # nosec B603 B607
                   cwd=run.ROOT, check=True)
    subprocess.run([str(run.BIN / "pybabel"), "compile", "-d", "app/translations"],  # nosec B603
                   cwd=earlier, check=True, capture_output=True)
    database_url, drop = run.make_database(args.db, workdir)
    env = os.environ | {
        "FLASK_CONFIG": "production", "DATABASE_URL": database_url, "SECRET_KEY": "b" * 48,
        "PUBLIC_URL": "https://bench.example.org", "TRUSTED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0",
        "RATELIMIT_ENABLED": "0", "PYTHONDONTWRITEBYTECODE": "1",
        "CACHE_REDIS_URL": "" if args.no_cache else run.redis_url(),
    }
    prefix = f"sociallab-compare-{os.getpid()}-{int(time.time())}"
    servers = []
    try:
        print(f"seeding {args.db} ...", flush=True)
        subprocess.run([sys.executable, "-m", "bench.seed"], cwd=run.ROOT, env=env, check=True,  # nosec B603
                       capture_output=True, text=True)
        token = subprocess.run([str(run.BIN / "flask"), "tokens", "create", run.COMMUNITY], cwd=run.ROOT,
                               env=env | {"FLASK_APP": "wsgi"}, check=True, text=True,  # nosec B603
                               capture_output=True).stdout.strip().splitlines()[-1]
        servers.append(run.serve("bench.hello:app", PORTS[BASELINE], env))
        # Each lab keeps its cached pages under keys of its own: neither serves the other's.
        servers.append(run.serve("wsgi:app", PORTS[AFTER], env | {"CACHE_KEY_PREFIX": f"{prefix}-after:"}))
        servers.append(run.serve("wsgi:app", PORTS[BEFORE], env | {"CACHE_KEY_PREFIX": f"{prefix}-before:"},
                                 cwd=earlier))
        rows = [compare(page, token, args) for page in pages]
    finally:
        for server in servers:
            run.stop(server)
        drop()
        removed = subprocess.run(["git", "worktree", "remove", "--force", str(earlier)],  # nosec B603 B607
                                 cwd=run.ROOT, capture_output=True, text=True)
        if removed.returncode:
            print(f"could not remove the worktree {earlier}: {removed.stderr.strip()}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)

    cached = "page cache on Redis" if not args.no_cache else "no page cache"
    print(f"\n{args.db}, {cached}: before = {args.against}, after = the working tree; {args.rounds} rounds of "
          f"{args.duration} s a page on each server, wrk -c{run.CONCURRENCY}, gunicorn {run.WORKERS} workers")
    print(f"{'page':28} {'before req/s':>12} {'ratio':>6} {'after req/s':>12} {'ratio':>6} {'after÷before':>13}")
    for row in rows:
        print(f"{row['page']:28} {row['before_rps']:12.0f} {row['before_ratio']:6.3f} {row['after_rps']:12.0f} "
              f"{row['after_ratio']:6.3f} {row['after_over_before']:13.2f}")
    return 0


def compare(page: tuple, token: str, args) -> dict:
    name, path, who, _minimum = page
    urls = {label: f"http://127.0.0.1:{port}" for label, port in PORTS.items()}
    headers = {label: credentials(urls[label], who, token) for label in (BEFORE, AFTER)} | {BASELINE: []}
    targets = {BASELINE: urls[BASELINE] + "/", BEFORE: urls[BEFORE] + path, AFTER: urls[AFTER] + path}
    for label in (BEFORE, AFTER):
        run.check_page(targets[label], headers[label])
        run.drive(targets[label], headers[label], 2, warm_up=False)
    rounds = []
    order = [BASELINE, BEFORE, AFTER]
    for n in range(args.rounds):
        turn = order[n % 3:] + order[:n % 3]
        rps = {label: run.drive(targets[label], headers[label], args.duration, warm_up=False)["rps"]
               for label in turn}
        rounds.append(rps)
        print(f"  {name}, round {n + 1}: " + ", ".join(f"{label} {rps[label]:.0f}/s" for label in order), flush=True)
    median = statistics.median
    return {
        "page": name,
        "before_rps": median(r[BEFORE] for r in rounds),
        "after_rps": median(r[AFTER] for r in rounds),
        "before_ratio": median(r[BEFORE] / r[BASELINE] for r in rounds),
        "after_ratio": median(r[AFTER] / r[BASELINE] for r in rounds),
        "after_over_before": median(r[AFTER] / r[BEFORE] for r in rounds),
    }


def credentials(base: str, who: str | None, token: str) -> list[str]:
    if who == "token":
        return [f"Authorization: Bearer {token}"]
    if who == "community":
        return [f"Cookie: {run.session_cookie(base, run.COMMUNITY)}"]
    if who == "reviewer":
        return [f"Cookie: {run.session_cookie(base, run.REVIEWER)}"]
    return []


if __name__ == "__main__":
    sys.exit(main())
