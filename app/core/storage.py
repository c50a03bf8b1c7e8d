"""Uploaded files behind one interface: a folder on local disk by default, S3-compatible object storage
in production (STORAGE=s3), so that app servers keep no file of their own.

A file is named by a key (`3f2a….pdf`: random, chosen by the caller, never by the person uploading).
The same calls work on both: `write(key, data)`, `open(key)` (a binary stream to send; FileNotFoundError
when there is no such file), `read(key)`, `delete(key)`, `keys()` (every stored key, for backups).

Local: files under UPLOAD_DIR (default instance/uploads), outside static/, written to a temporary name
and renamed, so that a reader never sees half a file. S3: objects under S3_PREFIX in S3_BUCKET, at
S3_ENDPOINT_URL when it is not AWS itself (MinIO, Garage, Ceph, a hosting provider's), with the
credentials of S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY or else boto3's usual ones (environment,
instance role). The bucket stays private: downloads go through the app, which checks who may see them.
"""

import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import ClientError
from flask import current_app


class Storage(Protocol):
    def write(self, key: str, data: bytes) -> None: ...
    def open(self, key: str) -> BinaryIO: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def keys(self) -> Iterator[str]: ...


def check_key(key: str) -> str:
    """A key is one plain name: letters, digits, `.`, `-`, `_`, `/` between parts; never `..`."""
    parts = key.split("/")
    if not key or any(p in ("", ".", "..") or not all(c.isalnum() or c in "._-" for c in p) for p in parts):
        raise ValueError(f"not a storage key: {key!r}")
    return key


class LocalStorage:
    def __init__(self, root: Path):
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    def write(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        partial.write_bytes(data)
        os.replace(partial, target)

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        if self.root.is_dir():
            for path in sorted(self.root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    yield path.relative_to(self.root).as_posix()


class S3Storage:
    def __init__(self, client, bucket: str, prefix: str):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def write(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + check_key(key), Body=data)

    def open(self, key: str) -> BinaryIO:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + check_key(key))["Body"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise FileNotFoundError(key) from None
            raise

    def read(self, key: str) -> bytes:
        with self.open(key) as body:
            return body.read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + check_key(key))

    def keys(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"][len(self.prefix):]


_clients: dict[tuple, object] = {}  # boto3 clients by their settings: making one takes tens of milliseconds
_clients_lock = threading.Lock()


def storage() -> Storage:
    """The storage the app's settings choose (read at each call: tests change UPLOAD_DIR)."""
    config = current_app.config
    if config.get("STORAGE", "local") == "s3":
        return S3Storage(s3_client(), config["S3_BUCKET"], config.get("S3_PREFIX", ""))
    return LocalStorage(Path(config.get("UPLOAD_DIR") or Path(current_app.instance_path) / "uploads"))


def s3_client():
    config = current_app.config
    settings = tuple(config.get(name) or None for name in
                     ("S3_ENDPOINT_URL", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"))
    with _clients_lock:
        if settings not in _clients:
            endpoint, region, key_id, secret = settings
            _clients[settings] = boto3.session.Session().client(
                "s3", endpoint_url=endpoint, region_name=region or "us-east-1",
                aws_access_key_id=key_id, aws_secret_access_key=secret,
                config=BotoConfig(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30),
            )
        return _clients[settings]
