"""flask backup and flask restore with the archive (app/core/archive.py): the database and every uploaded
file, on the database the suite runs on and on both storages (local disk, S3 on a local moto server);
the manifest is checked before anything changes; a restore makes every cached page old."""

import hashlib
import io
import json
import tarfile

import pytest
from sqlalchemy import select

from app.community.models import Comment
from app.core.archive import backup, restore
from app.core.backup import BackupError
from app.core.extensions import db
from app.core.storage import storage
from app.projects.models import Project, Stage
from tests.support.comments import add_comment
from tests.support.projects import world_records
from tests.support.storage import s3_storage
from tests.support.web import make_project

pytestmark = pytest.mark.committed


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    rows = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
    return rows


def every_file() -> dict[str, bytes]:
    files = storage()
    return {key: files.read(key) for key in files.keys()}


@pytest.fixture(params=["local", "s3"])
def files_in(request, app, tmp_path):
    """The app's storage for the test: a folder of its own, or a bucket of its own on the moto server."""
    if request.param == "local":
        app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
        yield "local"
        app.config.pop("UPLOAD_DIR")
    else:
        with s3_storage(app, request.getfixturevalue("s3_endpoint")):
            yield "s3"


def test_a_round_trip_gives_back_every_row_and_every_file(app, make_user, make_org, files_in, tmp_path):
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.ACTIVE)
    with app.app_context():
        storage().write("a1.pdf", b"%PDF-1.4 plan")
        storage().write("b2.png", b"\x89PNG photo")
        before, files_before = snapshot(), every_file()
        manifest = backup(tmp_path / "lab.tar.gz")
        assert manifest["database"]["rows"]["projects"] == 1
        assert sorted(manifest["files"]) == ["a1.pdf", "b2.png"]

        # After the backup: an edit, a new file, a changed file, a removed file.
        db.session.get(Project, project_id).title = "Changed after the backup"
        db.session.commit()
        storage().write("c3.pdf", b"%PDF-1.4 new")
        storage().write("a1.pdf", b"%PDF-1.4 altered")
        storage().delete("b2.png")
        assert (snapshot(), every_file()) != (before, files_before)

        restore(tmp_path / "lab.tar.gz")
        assert snapshot() == before
        assert every_file() == files_before


def test_a_damaged_archive_is_refused_before_anything_changes(app, make_user, make_org, files_in, tmp_path):
    world = world_records(make_user, make_org)
    make_project(app, world)
    good = tmp_path / "good.tar.gz"
    with app.app_context():
        storage().write("a1.pdf", b"%PDF-1.4 plan")
        backup(good)
    # The same archive with one file's bytes changed, its manifest left as it was.
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(good, "r:gz") as source, tarfile.open(altered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "files/a1.pdf":
                data = b"%PDF-1.4 plan with a virus"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with app.app_context():
        storage().write("later.pdf", b"%PDF later")
        before, files_before = snapshot(), every_file()
        with pytest.raises(BackupError, match="a1.pdf does not match the manifest"):
            restore(altered)
        assert snapshot() == before and every_file() == files_before

        not_an_archive = tmp_path / "plain.tar.gz"
        not_an_archive.write_bytes(b"not a backup")
        with pytest.raises(BackupError, match="not a backup archive"):
            restore(not_an_archive)


def test_the_manifest_counts_and_sums(app, make_user, make_org, files_in, tmp_path):
    world = world_records(make_user, make_org)
    make_project(app, world)
    with app.app_context():
        storage().write("a1.pdf", b"%PDF-1.4 plan")
        backup(tmp_path / "lab.tar.gz")
        users = len(snapshot()["users"])
    with tarfile.open(tmp_path / "lab.tar.gz", "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        names = set(archive.getnames())
    assert manifest["database"]["rows"]["users"] == users
    assert manifest["files"]["a1.pdf"] == {"size": 13, "sha256": hashlib.sha256(b"%PDF-1.4 plan").hexdigest()}
    assert names == {"manifest.json", "files/a1.pdf", manifest["database"]["name"]}


def test_a_restore_makes_every_cached_page_old(app, client, make_user, make_org, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path / "uploads"))
    world = world_records(make_user, make_org)
    project_id = make_project(app, world, Stage.ACTIVE)
    with app.app_context():
        backup(tmp_path / "before-the-comment.tar.gz")
    add_comment(app, project_id, world.community, "A comment the restore removes.")
    page = client.get(f"/projects/{project_id}")
    assert "A comment the restore removes." in page.get_data(as_text=True)  # and now cached
    with app.app_context():
        restore(tmp_path / "before-the-comment.tar.gz")
        assert db.session.scalars(select(Comment)).all() == []
    again = client.get(f"/projects/{project_id}")
    assert again.status_code == 200
    assert "A comment the restore removes." not in again.get_data(as_text=True)


def test_the_commands(app, runner, make_user, make_org, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    try:
        world = world_records(make_user, make_org)
        make_project(app, world)
        with app.app_context():
            storage().write("a1.pdf", b"%PDF-1.4 plan")
            before = snapshot()
        path = tmp_path / "cli.tar.gz"
        made = runner.invoke(args=["backup", str(path)])
        assert made.exit_code == 0, made.output
        assert "Backup written to" in made.output and "1 files" in made.output
        with app.app_context():
            storage().delete("a1.pdf")
        assert runner.invoke(args=["restore", str(path)]).exit_code == 1  # not without --yes
        restored = runner.invoke(args=["restore", str(path), "--yes"])
        assert restored.exit_code == 0, restored.output
        with app.app_context():
            assert snapshot() == before and every_file() == {"a1.pdf": b"%PDF-1.4 plan"}
    finally:
        app.config.pop("UPLOAD_DIR")
