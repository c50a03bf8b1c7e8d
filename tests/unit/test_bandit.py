"""Bandit, the security linter, finds nothing in the code that runs: the app, the benchmark, the
settings, the WSGI entry point and the migrations.

Every finding is either fixed or justified where it stands with `# nosec BXXX` and a short reason
(ruff's flake8-bandit rules, `S` in pyproject.toml, say the same thing with `# noqa: S...`).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("app", "bench", "config.py", "wsgi.py", "migrations")
NOSEC_RE = re.compile(r"#\s*nosec\b(?P<rest>[^#]*)", re.IGNORECASE)
TEST_ID_RE = re.compile(r"\bB\d{3}\b")


def bandit(*targets: str, cwd: Path = ROOT) -> dict:
    """Bandit's JSON report on `targets` (every severity and confidence level)."""
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "--recursive", "--format", "json", "--quiet", *targets],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.stdout, f"bandit printed no report (exit {result.returncode}): {result.stderr[-2000:]}"
    report = json.loads(result.stdout)
    # Exit status 1 means findings; anything else is bandit itself failing.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return report


def describe(findings: list[dict]) -> str:
    return "\n".join(
        f"{f['filename']}:{f['line_number']}: {f['test_id']} ({f['issue_severity']}/{f['issue_confidence']}) "
        f"{f['issue_text']}"
        for f in findings
    )


def test_bandit_finds_nothing_in_the_code_that_runs():
    report = bandit(*SCANNED)
    assert not report["errors"], f"files bandit could not read: {report['errors']}"
    scanned = {Path(name).parts[0] for name in report["metrics"] if name != "_totals"}
    assert scanned == set(SCANNED), f"scanned: {sorted(scanned)}"
    assert not report["results"], "bandit findings (fix them, or justify with # nosec BXXX — reason):\n" + describe(
        report["results"]
    )


def test_the_scan_reports_a_planted_finding(tmp_path):
    """The same call fails on real problems: a shell command built from input, and eval."""
    (tmp_path / "planted.py").write_text(
        "import subprocess\n\n\n"
        "def run(name):\n"
        "    subprocess.call('ls ' + name, shell=True)\n"
        "    return eval(name)\n"
    )
    report = bandit("planted.py", cwd=tmp_path)
    found = {finding["test_id"] for finding in report["results"]}
    assert {"B602", "B307"} <= found, describe(report["results"])


def test_every_nosec_names_the_check_it_silences():
    """A bare `# nosec` would hide every finding on its line, today's and tomorrow's."""
    bare = []
    for target in SCANNED:
        path = ROOT / target
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
                for match in NOSEC_RE.finditer(line):
                    if not TEST_ID_RE.search(match.group("rest")):
                        bare.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "nosec without a check id:\n" + "\n".join(bare)
