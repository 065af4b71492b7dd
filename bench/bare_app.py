"""A bare Flask app, served by `bench/load.py` with the same gunicorn settings as the baseline."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"
