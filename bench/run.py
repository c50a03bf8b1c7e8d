"""The benchmark: seed a large data set, serve the lab and a minimal Flask app the same way (gunicorn,
two workers), drive both with wrk at concurrency 16, and print each page's figures as ratios against
the minimal app measured in the same run. Then the safeguarding screen's cost per comment, against
rendering the same comment's Markdown in the same run (bench/screen.py).

    make bench                 # SQLite
    make bench DB=postgres     # the local PostgreSQL (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432)

Figures go to bench/results/<db>.json. Every request goes to 127.0.0.1 only, for a bounded time.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess  # nosec B404 — the benchmark starts gunicorn and wrk
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench import screen as screen_bench

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONCURRENCY = 16
THREADS = 2
WORKERS = 2
PASSWORD = "bench-password-for-load-7391"  # nosec B105 — of throw-away benchmark accounts
COMMUNITY = "person300@bench.example.org"
REVIEWER = "person2@bench.example.org"
TARGETS = {"ratio_anonymous_list": 0.3, "ratio_signed_in": 0.1, "ratio_api_list": 0.2, "p95_ms": 60.0,
           "seed_seconds": 120.0, "worker_rss_mb": 200.0}
# name, path, who, minimum ratio to the baseline
PAGES = [
    ("anonymous project list", "/projects", None, TARGETS["ratio_anonymous_list"]),
    ("filtered and searched list", "/projects?region=sub_saharan_africa&stage=active&q=protection", None, None),
    ("project page, 200 comments", "/projects/1", None, None),
    ("signed-in project list", "/projects", "community", TARGETS["ratio_signed_in"]),
    ("dashboard (reviewer)", "/stats", "reviewer", TARGETS["ratio_signed_in"]),
    ("API project list", "/api/v1/projects", "token", TARGETS["ratio_api_list"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default=os.environ.get("DB", "sqlite") or "sqlite")
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_SECONDS", "10")))
    parser.add_argument("--no-cache", action="store_true", help="serve every page afresh (no page cache), to "
                        "measure what the cache saves")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains one of these "
                        "comma-separated words")
    args = parser.parse_args()
    pages = [p for p in PAGES if not args.only or any(w.strip() in p[0] for w in args.only.split(","))]
    ensure_wrk()

    workdir = Path(tempfile.mkdtemp(prefix="sociallab-bench-"))
    database_url, drop = make_database(args.db, workdir)
    env = os.environ | {
        "FLASK_CONFIG": "production", "DATABASE_URL": database_url, "SECRET_KEY": "b" * 48,
        "PUBLIC_URL": "https://bench.example.org", "TRUSTED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0",
        "RATELIMIT_ENABLED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        # The page cache on the local Redis, under keys of this run only (production without Redis keeps none).
        "CACHE_REDIS_URL": "" if args.no_cache else redis_url(),
        "CACHE_KEY_PREFIX": f"sociallab-bench-{os.getpid()}-{int(time.time())}:",
    }
    servers = []
    try:
        print(f"seeding {args.db} ...", flush=True)
        seeded = subprocess.run([sys.executable, "-m", "bench.seed"], cwd=ROOT, env=env, check=True,
                                capture_output=True, text=True)  # nosec B603 — a fixed argument list, no shell
        seed_seconds = float(seeded.stdout.strip().splitlines()[-1])
        print(seeded.stderr.strip().splitlines()[-1], flush=True)
        token = subprocess.run([str(BIN / "flask"), "tokens", "create", COMMUNITY], cwd=ROOT, check=True, text=True,
                               env=env | {"FLASK_APP": "wsgi"},  # nosec B603 — a fixed argument list, no shell
                               capture_output=True).stdout.strip().splitlines()[-1]

        baseline_server = serve("bench.hello:app", 8791, env)
        servers.append(baseline_server)
        lab_server = serve("wsgi:app", 8792, env)
        servers.append(lab_server)
        lab = "http://127.0.0.1:8792"
        headers = {
            None: [],
            "community": [f"Cookie: {session_cookie(lab, COMMUNITY)}"],
            "reviewer": [f"Cookie: {session_cookie(lab, REVIEWER)}"],
            "token": [f"Authorization: Bearer {token}"],
        }

        baseline = drive("http://127.0.0.1:8791/", [], args.duration)
        print(f"baseline (minimal Flask app): {baseline['rps']:.0f} requests/s", flush=True)
        results = []
        for name, path, who, minimum in pages:
            check_page(lab + path, headers[who])
            figures = drive(lab + path, headers[who], args.duration)
            figures |= {"page": name, "path": path, "who": who or "anonymous",
                        "ratio": figures["rps"] / baseline["rps"], "minimum_ratio": minimum}
            results.append(figures)
            print(f"  {name}: {figures['rps']:.0f} requests/s", flush=True)
        rss = worker_rss_mb(lab_server)
    finally:
        for server in servers:
            stop(server)
        drop()
        shutil.rmtree(workdir, ignore_errors=True)

    print("safeguarding screen ...", flush=True)
    report = {"db": args.db, "page_cache": not args.no_cache,
              "duration_s": args.duration, "concurrency": CONCURRENCY, "workers": WORKERS,
              "seed_seconds": seed_seconds, "baseline": baseline, "pages": results, "worker_rss_mb": rss,
              "safeguarding_screen": screen_bench.measure(), "targets": TARGETS}
    report["met"] = targets_met(report)
    out = ROOT / "bench" / "results" / f"{args.db}{'-no-cache' if args.no_cache else ''}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    print(f"\nfigures written to {out.relative_to(ROOT)}")
    return 0 if all(report["met"].values()) else 1


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package) ...", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=False)  # nosec B603 B607 — fixed arguments, no shell
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # nosec B603 B607 — the same


def redis_url() -> str:
    """The local Redis of BENCH_REDIS_URL (default 127.0.0.1:6379), checked before the run."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        raise SystemExit(f"no Redis at {url} ({error}): start one, or run with --no-cache") from None
    return url


def make_database(kind: str, workdir: Path):
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.db'}", lambda: None
    server = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
    name = "sociallab_bench"

    def admin(sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin(f"CREATE DATABASE {name}")
    return f"{server.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}", lambda: admin(
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def serve(target: str, port: int, env: dict, cwd: Path = ROOT) -> subprocess.Popen:
    """gunicorn serving `target`; the request log of every request is written, as in production, but
    not shown."""
    server = subprocess.Popen(  # nosec B603 — a fixed argument list, no shell
        [str(BIN / "gunicorn"), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         target],
        cwd=cwd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()  # nosec B310 — a fixed http address
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"{target} did not start") from None
            time.sleep(0.2)
    raise SystemExit(f"{target} did not answer within 30 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def session_cookie(base: str, email: str) -> str:
    """Sign in through the real log-in form; answers the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    csrf = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD, "csrf_token": csrf}).encode()
    opener.open(f"{base}/login", data=form).read()
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookies:
        raise SystemExit(f"could not sign in as {email}")
    return cookies


def check_page(url: str, headers: list[str]) -> None:
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310 — the bench's own http:// pages
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")


def drive(url: str, headers: list[str], duration: int, warm_up: bool = True) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONCURRENCY}", "-d2s", "--timeout", "10s", url]
    for header in headers:
        command[1:1] = ["-H", header]
    if warm_up:
        subprocess.run(command, check=True, capture_output=True)  # nosec B603 — caches, connections, imports
    command[command.index("-d2s")] = f"-d{duration}s"
    output = subprocess.run(command + ["-s", str(ROOT / "bench" / "latency.lua")], check=True,
                            capture_output=True, text=True).stdout  # nosec B603 — wrk, no shell
    figures = json.loads(output.strip().splitlines()[-1])
    return {"rps": figures["rps"], "p50_ms": figures["p50_us"] / 1000, "p95_ms": figures["p95_us"] / 1000,
            "p99_ms": figures["p99_us"] / 1000, "requests": figures["requests"], "errors": figures["errors"]}


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def targets_met(report: dict) -> dict[str, bool]:
    met = {"seed under 2 minutes": report["seed_seconds"] < TARGETS["seed_seconds"],
           "workers under 200 MB": all(size < TARGETS["worker_rss_mb"] for size in report["worker_rss_mb"])}
    screen = report["safeguarding_screen"]
    met["safeguarding screen under 1 ms a comment"] = screen["screen_us"] < screen["target_screen_us"]
    for page in report["pages"]:
        met[f"{page['page']}: p95 < 60 ms"] = page["p95_ms"] < TARGETS["p95_ms"]
        if page["minimum_ratio"] is not None:
            met[f"{page['page']}: ratio >= {page['minimum_ratio']}"] = page["ratio"] >= page["minimum_ratio"]
        met[f"{page['page']}: no errors"] = page["errors"] == 0
    return met


def print_table(report: dict) -> None:
    base = report["baseline"]
    cached = "page cache on Redis" if report["page_cache"] else "no page cache"
    print(f"\n{report['db']}, {cached}: wrk -c{CONCURRENCY} for {report['duration_s']} s a page, "
          f"gunicorn {WORKERS} workers; "
          f"seeded in {report['seed_seconds']:.1f} s; worker RSS "
          + ", ".join(f"{size:.0f} MB" for size in report["worker_rss_mb"]))
    print(f"{'page':34} {'req/s':>8} {'ratio':>6} {'min':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    print(f"{'baseline: minimal Flask app':34} {base['rps']:8.0f} {1:6.2f} {'':>5} {base['p50_ms']:7.1f} "
          f"{base['p95_ms']:7.1f} {base['p99_ms']:7.1f}")
    for page in report["pages"]:
        minimum = f"{page['minimum_ratio']:.1f}" if page["minimum_ratio"] is not None else "—"
        print(f"{page['page']:34} {page['rps']:8.0f} {page['ratio']:6.2f} {minimum:>5} {page['p50_ms']:7.1f} "
              f"{page['p95_ms']:7.1f} {page['p99_ms']:7.1f}")
    print(screen_bench.describe(report["safeguarding_screen"]))
    missed = [name for name, ok in report["met"].items() if not ok]
    print("every target met" if not missed else "targets missed: " + "; ".join(missed))


if __name__ == "__main__":
    sys.exit(main())
