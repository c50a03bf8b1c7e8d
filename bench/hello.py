"""The baseline: the smallest Flask app, served exactly like the lab (gunicorn, two workers)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello"
