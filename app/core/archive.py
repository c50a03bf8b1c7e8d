"""`flask backup` and `flask restore`: one archive with the database and the uploaded files.

The archive (a .tar.gz) holds:
- `database.sqlite` or `database.pgdump`: the database as app/core/backup.py dumps it (a consistent
  snapshot, taken while the app runs);
- `files/<key>`: every file of the storage (app/core/storage.py), local disk or S3 alike;
- `manifest.json`: the format, when, the database's backend, size, SHA-256 and the number of rows of
  each table, and each file's size and SHA-256.

The database is dumped first, then the files are read: a file is stored before the row that names
it is committed, so every attachment of the dumped rows is in the archive (a file uploaded meanwhile
may be there too, unnamed and harmless).

A restore checks the whole archive against its manifest before it changes anything (a damaged or
altered archive is refused with the first difference), then replaces the database, checks its row
counts, replaces the files (a file the backup did not hold is removed), and makes every cached page
old: the restored data was written outside any session, so nothing else would tell the page cache.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from app.core.backup import BackupError, dump_and_count, load_database, row_counts
from app.core.cache import bump_data_version
from app.core.extensions import db
from app.core.storage import storage

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}


def backup(path: str | os.PathLike) -> dict:
    """Write the archive of the app's database and files to `path`; answers its manifest.

    Refuses BackupError when `path` exists (a backup never overwrites one) or the dump fails."""
    target = Path(path)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    backend = db.engine.url.get_backend_name()
    if backend not in DATABASE_FILES:
        raise BackupError(f"No backup method for {backend} databases.")
    partial = target.with_name(f".{target.name}.part")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            dump, counts = dump_and_count(Path(scratch) / DATABASE_FILES[backend])
            manifest = {
                "format": FORMAT,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": {"backend": backend, "name": dump.name, **digest_file(dump), "rows": counts},
                "files": {},
            }
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(dump, arcname=dump.name)
                files = storage()
                for key in files.keys():
                    data = files.read(key)
                    manifest["files"][key] = digest(data)
                    add_bytes(archive, f"files/{key}", data)
                add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def restore(path: str | os.PathLike) -> dict:
    """Replace the app's database and files by those of the archive at `path`; answers its manifest.

    Refuses BackupError, having changed nothing, when the archive is not one, does not match its
    manifest, or holds another backend's database; and after the database was replaced, when its row
    counts differ from the manifest's."""
    source = Path(path)
    if not source.is_file():
        raise BackupError(f"{source} is not a backup file.")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(folder, filter="data")
            manifest = json.loads((folder / MANIFEST).read_text())
        except (tarfile.TarError, OSError, ValueError, EOFError):
            raise BackupError(f"{source} is not a backup archive made by flask backup.") from None
        try:
            check(manifest, folder)
        except (KeyError, TypeError, AttributeError):
            raise BackupError("The archive's manifest is incomplete.") from None
        load_database(folder / manifest["database"]["name"])
        with db.engine.connect() as connection:
            if row_counts(connection) != manifest["database"]["rows"]:
                raise BackupError("The restored database does not hold the rows the manifest counts.")
        files = storage()
        for key in manifest["files"]:
            files.write(key, (folder / "files" / key).read_bytes())
        for key in set(files.keys()) - set(manifest["files"]):
            files.delete(key)
    bump_data_version()
    return manifest


def check(manifest: dict, folder: Path) -> None:
    """Refuses BackupError at the first part of the unpacked archive that its manifest does not describe."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("The archive's manifest is missing or of an unknown format.")
    database = manifest["database"]
    backend = db.engine.url.get_backend_name()
    if database.get("backend") != backend or database.get("name") != DATABASE_FILES[backend]:
        raise BackupError(f"The archive holds a {database.get('backend')} database; this app uses {backend}.")
    if digest_file(folder / database["name"]) != {k: database[k] for k in ("size", "sha256")}:
        raise BackupError("The archive's database does not match its manifest (size or SHA-256).")
    unpacked = {p.relative_to(folder / "files").as_posix() for p in (folder / "files").rglob("*") if p.is_file()}
    if unpacked != set(manifest["files"]):
        raise BackupError(f"The archive holds {len(unpacked)} files; its manifest lists {len(manifest['files'])}.")
    for key, expected in manifest["files"].items():
        if digest((folder / "files" / key).read_bytes()) != expected:
            raise BackupError(f"The file {key} does not match the manifest (size or SHA-256).")


def digest(data: bytes) -> dict:
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def digest_file(path: Path) -> dict:
    sha = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return {"size": path.stat().st_size, "sha256": sha.hexdigest()}


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(datetime.now(UTC).timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data))
