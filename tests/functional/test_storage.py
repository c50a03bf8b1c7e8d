"""File storage (app/core/storage.py): local disk and S3-compatible object storage answer the same calls,
and attachments uploaded and downloaded through the web keep their checks on S3 (a local moto server)."""

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.core.storage import LocalStorage, storage
from app.projects.models import Attachment
from tests.support.pdfs import make_pdf
from tests.support.storage import objects, s3_storage
from tests.support.web import client_for, make_project, upload


@pytest.fixture(params=["local", "s3"])
def any_storage(request, app, tmp_path):
    if request.param == "local":
        app.config["UPLOAD_DIR"] = str(tmp_path)
        with app.app_context():
            yield storage()
        app.config.pop("UPLOAD_DIR")
    else:
        with s3_storage(app, request.getfixturevalue("s3_endpoint")), app.app_context():
            yield storage()


def test_both_storages_write_read_list_and_delete_alike(any_storage):
    any_storage.write("a1.pdf", b"%PDF-1 first")
    any_storage.write("nested/b2.png", b"\x89PNG second")
    any_storage.write("a1.pdf", b"%PDF-1 replaced")
    assert sorted(any_storage.keys()) == ["a1.pdf", "nested/b2.png"]
    assert any_storage.read("a1.pdf") == b"%PDF-1 replaced"
    with any_storage.open("nested/b2.png") as stream:
        assert stream.read() == b"\x89PNG second"
    any_storage.delete("a1.pdf")
    assert list(any_storage.keys()) == ["nested/b2.png"]
    with pytest.raises(FileNotFoundError):
        any_storage.open("a1.pdf")


@pytest.mark.parametrize("key", ["../escape.pdf", "/etc/passwd", "a/../../b", "", "a b.pdf", "a\x00.pdf"])
def test_a_key_is_never_a_path_out_of_the_storage(any_storage, key):
    with pytest.raises(ValueError, match="not a storage key"):
        any_storage.write(key, b"x")


def test_a_local_write_is_never_seen_half_done(tmp_path):
    local = LocalStorage(tmp_path)
    local.write("f.pdf", b"x" * 1000)
    assert [p.name for p in tmp_path.iterdir()] == ["f.pdf"]  # no temporary file left


def test_attachments_on_s3_keep_their_checks(app, world, login_as, s3_endpoint, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)  # must stay empty: files go to the bucket
    try:
        with s3_storage(app, s3_endpoint) as bucket:
            project_id = make_project(app, world)
            owner = client_for(app, login_as, world, "owner")
            assert upload(owner, project_id, make_pdf(), "Plan 2027.pdf").status_code == 302
            with app.app_context():
                attachment = db.session.scalars(select(Attachment)).one()
                key, attachment_id, size = attachment.stored_name, attachment.id, attachment.size
            stored = objects(s3_endpoint, bucket)
            assert list(stored) == [f"uploads/{key}"] and list(tmp_path.iterdir()) == []

            url = f"/projects/{project_id}/attachments/{attachment_id}"
            with owner.get(url) as download:
                assert download.status_code == 200
                assert download.get_data() == stored[f"uploads/{key}"]
                assert int(download.headers["Content-Length"]) == size
                assert download.headers["Content-Type"] == "application/pdf"
                assert download.headers["Content-Disposition"].startswith("attachment;")
                assert "Plan 2027.pdf" in download.headers["Content-Disposition"]
                assert download.headers["X-Content-Type-Options"] == "nosniff"
                assert download.headers["Cache-Control"] == "private, no-store"  # a draft's file
            for role in ("anonymous", "community", "reviewer"):  # a draft: nobody outside its organisation
                assert client_for(app, login_as, world, role).get(url).status_code == 404, role

            with app.app_context():
                storage().delete(key)
            assert owner.get(url).status_code == 404  # the row without its file
    finally:
        app.config.pop("UPLOAD_DIR")
