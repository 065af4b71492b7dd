"""JSON as the API writes it: orjson, several times faster than the standard library on our bodies.

`dumps` gives compact UTF-8 in the order of the keys. Anything orjson refuses (an integer beyond
64 bits, a key that is not a string) is written by the standard library instead.
"""

from __future__ import annotations

import json

import orjson
from flask.json.provider import DefaultJSONProvider

# Dates go to `default`, to be written as Flask writes them. Keys that are not strings (slower
# for orjson on every dict) are left to the standard library.
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME


def dumps(obj, default=None) -> bytes:
    """`obj` as compact JSON in UTF-8; `default` turns other objects into JSON values."""
    try:
        return orjson.dumps(obj, default=default, option=_OPTIONS)
    except orjson.JSONEncodeError:  # escaped to ASCII: a lone surrogate stays valid JSON
        return json.dumps(obj, default=default, separators=(",", ":")).encode("ascii")


class JSONProvider(DefaultJSONProvider):
    """Flask's provider with orjson for compact responses (pretty ones keep the default)."""

    ensure_ascii = False
    sort_keys = False

    def response(self, *args, **kwargs):
        if (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(*args, **kwargs)
        body = dumps(self._prepare_response_obj(args, kwargs), self.default)
        return self._app.response_class(body + b"\n", mimetype=self.mimetype)
