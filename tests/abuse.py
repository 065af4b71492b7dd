"""What the abuse tests share: hostile inputs, an app with a consultant, and ways to post the forms
and to check how a page, a PDF or an export shows what was typed."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager

import flask_wtf.csrf
import pytest
from conftest import new_assessment
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from markupsafe import escape
from signing import PASSWORD, sign_in

from survey import accounts, create_app
from survey.web import get_db

API = "/api/v1"
CONSULTANT = "youssef@example.ma"
ADMIN = "nadia@example.ma"

# Markup that a browser would run or a PDF library would read, by name (the tests' ids).
MARKUP = {
    "script": "<script>alert(1)</script>",
    "img_onerror": "<img src=x onerror=alert(1)>",
    "svg_onload": '"><svg onload=alert(1)>',
    "javascript_link": "javascript:alert(1)",
    "reportlab_para": "<para>x</para>",
    "reportlab_font": '<font color="red" size="40">big</font>',
    "reportlab_link": '<a href="javascript:app.alert(1)">click</a>',
    "reportlab_image": '<img src="/etc/passwd"/>',
}
# Text that a spreadsheet would run as a formula.
FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1+1",
    " =1+1",
]
BREAKS = "<br/>" * 10_000  # 50,000 characters: past every cap
# Control characters and bidi overrides go; the rest, markup and marks included, is kept as typed.
DIRTY = "A\x00t\x07l\u202eas\u2066 & <b>\u2069 \u200fشركة\u200e 😀\x1b"
CLEAN = "Atlas & <b> \u200fشركة\u200e 😀"
# The value attribute of a link, a frame, a form or a script that would run `javascript:`.
_RUNNABLE = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def text(response) -> str:
    return response.get_data(as_text=True)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" type="hidden" value="([^"]*)"', page)
    assert found, f"no hidden field {name}"
    return html.unescape(found[1])


def assert_shown_as_text(page: str, typed: str) -> None:
    """`typed` is on the page, escaped: shown as text, never read as markup."""
    assert str(escape(typed)) in page, f"{typed!r} is not shown"
    if "<" in typed or '"' in typed:
        assert typed not in page, f"{typed!r} is in the page unescaped"
    assert not _RUNNABLE.search(page)


# --- an app ---------------------------------------------------------------------------------------


def make_app(folder, **config):
    """An app on its own instance folder, with a consultant and an admin."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SURVEY_INSTANCE_PATH", str(folder / "instance"))
        # the tests try many unknown links and wrong passwords: the limits have their own tests
        limits = {"RATELIMIT_TOKEN_ATTEMPTS": 10**9, "RATELIMIT_SIGNIN_ATTEMPTS": 10**9}
        app = create_app({"TESTING": True} | limits | config)
    with app.app_context():
        accounts.create(get_db(), CONSULTANT, PASSWORD, "consultant")
        accounts.create(get_db(), ADMIN, PASSWORD, "admin")
    return app


def signed_in(app, email: str = CONSULTANT):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def assessment_id(app, token: str) -> int:
    from survey.tokens import hash_token

    with app.app_context():
        row = (
            get_db()
            .execute("SELECT id FROM assessments WHERE token_hash = ?", [hash_token(token)])
            .fetchone()
        )
    return row[0]


def api_assessment(client, name: str = "Courtage Atlas", answers=None, submit=False) -> str:
    """A new assessment of `readiness` for insurance, made through the API; its token."""
    token = new_assessment(client, name, answers)
    if submit:
        assert client.post(f"{API}/assessments/{token}/submit").status_code == 200
    return token


def fetch(client, token: str) -> dict:
    response = client.get(f"{API}/assessments/{token}")
    assert response.status_code == 200
    return response.get_json()


# --- the respondent's forms -----------------------------------------------------------------------


def start_data(page: str, **fields) -> dict:
    return {
        "csrf_token": hidden(page, "csrf_token"),
        "questionnaire": "readiness",
        "sector": "insurance",
        "organisation": "Courtage Atlas",
        "size": "10-49",
        "language": "fr",
    } | fields


def start(client, **fields):
    """The start form posted as the landing page shows it, with `fields` changed."""
    return client.post("/start?lang=fr", data=start_data(text(client.get("/?lang=fr")), **fields))


def page_data(page: str, answers: dict, go: str = "stay") -> dict:
    data = {"csrf_token": hidden(page, "csrf_token"), "seen": hidden(page, "seen"), "go": go}
    return data | {f"q_{question}": value for question, value in answers.items()}


def post_page(client, domain: str, answers: dict, page: str | None = None):
    """A domain page posted as shown (its token and `seen`), with `answers` by question id."""
    page = page or text(client.get(f"/assessment/domains/{domain}"))
    return client.post(f"/assessment/domains/{domain}", data=page_data(page, answers))


# --- the review's forms ---------------------------------------------------------------------------


def review_data(page: str, form: str, fields: dict) -> dict:
    token = hidden(page, f"{form}-csrf_token") if form else hidden(page, "csrf_token")
    key = f"{form}-csrf_token" if form else "csrf_token"
    return {key: token} | {f"{form}-{k}" if form else k: v for k, v in fields.items()}


def review_post(client, assessment: int, action: str, form: str, fields: dict):
    """One of the review's forms (`form` is its prefix) posted from the assessment's page."""
    page = text(client.get(f"/consultant/assessments/{assessment}"))
    url = f"/consultant/assessments/{assessment}/{action}"
    return client.post(url, data=review_data(page, form, fields))


# --- expired CSRF tokens --------------------------------------------------------------------------


class _TwoHoursAgoSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return super().get_timestamp() - 7200


class _TwoHoursAgo(URLSafeTimedSerializer):
    default_signer = _TwoHoursAgoSigner


@contextmanager
def tokens_signed_two_hours_ago():
    """Within it, the forms' CSRF tokens are signed two hours in the past (they last one)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flask_wtf.csrf, "URLSafeTimedSerializer", _TwoHoursAgo)
        yield
