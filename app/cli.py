"""Command line: flask users create, flask tokens create, flask seed-demo."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass
