"""The API's JSON writer: the same JSON as the standard library, faster, and never failing on
what the standard library accepts."""

from __future__ import annotations

import datetime
import json

from flask import Flask, jsonify

from survey.jsonio import JSONProvider, dumps


def test_dumps_reads_back_as_the_standard_library_writes_it():
    body = {"ar": "النتيجة 35%", "score": 66.7, "ids": ("a", "b"), "none": None, "ok": True}
    assert json.loads(dumps(body)) == json.loads(json.dumps(body))
    assert "النتيجة".encode() in dumps(body)  # UTF-8, not \\u escapes


def test_what_orjson_refuses_is_written_by_the_standard_library():
    body = {"big": 2**70, 1: "integer key"}
    assert json.loads(dumps(body)) == {"big": 2**70, "1": "integer key"}
    lone = dumps({"message": "unknown question '\ud800'"})  # a lone surrogate from a client
    assert lone.decode("utf-8") == '{"message":"unknown question \'\\ud800\'"}'


def test_flask_responses_keep_key_order_and_dates_as_flask_writes_them():
    app = Flask(__name__)
    app.json = JSONProvider(app)
    with app.test_request_context():
        response = jsonify({"b": 1, "a": datetime.date(2026, 1, 2)})
    assert response.get_data(as_text=True) == '{"b":1,"a":"Fri, 02 Jan 2026 00:00:00 GMT"}\n'
    assert response.mimetype == "application/json"
    app.debug = True
    with app.test_request_context():
        assert "\n  " in jsonify({"b": 1}).get_data(as_text=True)  # readable while debugging
