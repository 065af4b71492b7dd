"""Look-ups of unknown resume links, counted per address and refused beyond a limit.

A resume token is 256 random bits, so guessing one is hopeless; still, an address that keeps
trying unknown links is refused (429) for a while: on the pages and in the API, every route that
takes a token. Only failures count, and counting writes only then: valid links, saves and new
assessments are never slowed or limited. While an address is refused, valid links are refused
too, so that the refusals tell nothing about which tokens exist.
"""

from __future__ import annotations

import time

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import TooManyRequests

from .. import storage
from ..web import get_db
from . import api
from .respondent import error_page


def _key() -> str:
    return f"token-address:{request.remote_addr or '-'}"


def _window() -> tuple[int, int]:
    config = current_app.config
    return config["RATELIMIT_TOKEN_ATTEMPTS"], config["RATELIMIT_TOKEN_WINDOW"]


def _takes_token() -> bool:
    return bool(request.view_args and "token" in request.view_args)


def refuse_when_over_the_limit() -> Response | None:
    if not _takes_token():
        return None
    attempts, window = _window()
    if storage.failures_since(get_db(), _key(), time.time() - window) < attempts:
        return None
    refused = TooManyRequests(retry_after=window)
    if request.path.startswith(api.bp.url_prefix + "/"):
        response = api.error_response(429, "too_many_requests", refused.description)
        response.headers["Retry-After"] = str(window)
        return response
    return error_page(refused)


def count_unknown_links(response: Response) -> Response:
    if _takes_token() and response.status_code == 404:
        now = time.time()
        _, window = _window()
        storage.record_failure(get_db(), _key(), now, forget_before=now - max(window, 86400))
    return response


def init_app(app: Flask) -> None:
    app.before_request(refuse_when_over_the_limit)
    app.after_request(count_unknown_links)
