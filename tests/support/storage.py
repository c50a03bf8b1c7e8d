"""A local S3-compatible server for the tests (moto's server mode, on a free port of 127.0.0.1), and
the app's storage switched to a bucket of the test's own on it."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import boto3
from moto.server import ThreadedMotoServer

S3_KEYS = {"S3_ACCESS_KEY_ID": "test-key-id", "S3_SECRET_ACCESS_KEY": "test-secret", "S3_REGION": "us-east-1"}


@contextmanager
def s3_server() -> Iterator[str]:
    """Start moto's S3 server in a thread; yields its endpoint URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name=S3_KEYS["S3_REGION"],
                        aws_access_key_id=S3_KEYS["S3_ACCESS_KEY_ID"],
                        aws_secret_access_key=S3_KEYS["S3_SECRET_ACCESS_KEY"])


def s3_settings(endpoint: str, bucket: str) -> dict[str, str]:
    return {"STORAGE": "s3", "S3_ENDPOINT_URL": endpoint, "S3_BUCKET": bucket, "S3_PREFIX": "uploads/", **S3_KEYS}


def new_bucket(endpoint: str) -> str:
    bucket = f"test-{uuid.uuid4().hex[:20]}"
    s3_client(endpoint).create_bucket(Bucket=bucket)
    return bucket


@contextmanager
def s3_storage(app, endpoint: str) -> Iterator[str]:
    """The app's files go to a new bucket on `endpoint` until the block ends; yields the bucket's name."""
    bucket = new_bucket(endpoint)
    settings = s3_settings(endpoint, bucket)
    saved = {key: app.config.get(key) for key in settings}
    app.config.update(settings)
    try:
        yield bucket
    finally:
        app.config.update(saved)
        app.config["STORAGE"] = saved["STORAGE"] or "local"


def objects(endpoint: str, bucket: str) -> dict[str, bytes]:
    client = s3_client(endpoint)
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read() for item in listed}
