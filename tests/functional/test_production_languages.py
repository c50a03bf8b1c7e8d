"""The README's production steps, followed on a fresh clone (no compiled catalogues: *.mo files are not
in git), serve the interface in French and Spanish, not only in English.

The steps are read from the README's "Production" block: its `export` lines and its commands
(`.venv/bin/flask db upgrade`, `.venv/bin/gunicorn ... wsgi:app`), run with this virtualenv's tools.
Only what needs a service this machine may not have is replaced: SQLite instead of PostgreSQL, the
process's memory instead of Redis, the outbox instead of SMTP, and a free local port.
"""

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.core.i18n import compile_stale_catalogues

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "lab.example.org"
SETTINGS = ROOT / "deploy" / "sociallab.env.example"
SERVICE = ROOT / "deploy" / "sociallab-web.service"


def production_steps() -> tuple[dict[str, str], list[list[str]]]:
    """What the README's production steps run: the settings of deploy/sociallab.env.example, the schema
    (`flask db upgrade`, step 5) and the app servers as the sociallab-web unit starts them. The README's
    `pybabel compile` (step 2) is left out on purpose: the app must serve its languages without it."""
    exported = {}
    for line in SETTINGS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            exported[name] = value
    start = next(line for line in SERVICE.read_text().splitlines() if line.startswith("ExecStart="))
    serve = [word.replace("/opt/sociallab/", "") for word in shlex.split(start.removeprefix("ExecStart="))]
    serve = [w for w in serve if w not in ("--access-logfile", "-")]
    return exported, [[".venv/bin/flask", "db", "upgrade"], serve]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, language: str) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": HOST, "Accept-Language": language, "X-Forwarded-Proto": "https",
                 "X-Forwarded-For": "203.0.113.7"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310: a local address
        return response.read().decode("utf-8")


def translation(locale: str, msgid: str) -> str:
    with open(ROOT / "app" / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)[msgid].string


def test_the_production_steps_on_a_fresh_clone_serve_french_spanish_and_arabic(tmp_path):
    exported, commands = production_steps()
    assert exported["FLASK_CONFIG"] == "production"
    assert [c[:3] for c in commands] == [[".venv/bin/flask", "db", "upgrade"], [".venv/bin/gunicorn", "--workers", "4"]]
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    assert not list(clone.glob("app/translations/*/LC_MESSAGES/*.mo")), "the clone has no compiled catalogue"
    assert list(clone.glob("app/translations/*/LC_MESSAGES/*.po"))

    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", **exported}
    env.update(
        SECRET_KEY="a-test-secret-of-more-than-thirty-two-characters",
        DATABASE_URL=f"sqlite:///{tmp_path / 'lab.db'}",
        RATELIMIT_STORAGE_URI="memory://", CACHE_REDIS_URL="", JOB_QUEUE_URL="", MAIL_SERVER="",
        INSTANCE_PATH=str(tmp_path / "instance"), UPLOAD_DIR=str(tmp_path / "uploads"),
    )
    port = free_port()
    upgrade, serve = ([str(BIN / Path(c[0]).name), *c[1:]] for c in commands)
    serve[serve.index("--bind") + 1] = f"127.0.0.1:{port}"
    serve[serve.index("--workers") + 1] = "2"  # two workers still start (and compile) at the same time
    subprocess.run(upgrade, cwd=clone, env=env, check=True, capture_output=True, timeout=120)
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(serve, cwd=clone, env=env, stdout=output, stderr=output)
    try:
        pages = {}
        deadline = time.monotonic() + 60
        while True:
            try:
                pages = {language: get(port, "/", language) for language in ("fr", "es", "ar", "en")}
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer within a minute"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for language in ("fr", "es", "ar"):
        words = translation(language, "Log in")
        assert words and words != "Log in"
        assert words in pages[language], f"the {language} page is translated"
        assert f'lang="{language}"' in pages[language]
    assert "Log in" in pages["en"]
    assert sorted(p.parent.parent.name for p in clone.glob("app/translations/*/LC_MESSAGES/*.mo")) == ["ar", "es", "fr"]


@pytest.mark.parametrize("older", [True, False])
def test_a_catalogue_is_compiled_again_only_when_its_po_is_newer(tmp_path, older):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Log in"\nmsgstr "Se connecter"\n', encoding="utf-8")
    assert compile_stale_catalogues(tmp_path) == [folder / "messages.mo"]
    assert b"Se connecter" in (folder / "messages.mo").read_bytes()
    assert compile_stale_catalogues(tmp_path) == [], "a current .mo is left alone"
    mo_time = (folder / "messages.mo").stat().st_mtime
    po.write_text(po.read_text(encoding="utf-8").replace("Se connecter", "Connexion"), encoding="utf-8")
    stamp = mo_time + 10 if older else mo_time - 10
    os.utime(po, (stamp, stamp))
    written = compile_stale_catalogues(tmp_path)
    assert (written == [folder / "messages.mo"]) is older
    assert (b"Connexion" in (folder / "messages.mo").read_bytes()) is older
