"""Unknown resume links tried again and again from one address are refused for a while; valid
links, saves and new assessments are never counted."""

from __future__ import annotations

import pytest
from conftest import new_assessment

from survey.web import get_db

ATTEMPTS = 3


@pytest.fixture
def app(app):
    app.config.update(RATELIMIT_TOKEN_ATTEMPTS=ATTEMPTS, RATELIMIT_TOKEN_WINDOW=60)
    return app


def _failures(app) -> int:
    with app.app_context():
        return get_db().execute("SELECT count(*) FROM failed_sign_ins").fetchone()[0]


def test_an_address_trying_unknown_links_is_refused_for_a_while(app, client, monkeypatch):
    token = new_assessment(client)
    for n in range(ATTEMPTS):
        url = f"/resume/not-a-token-{n}" if n % 2 else f"/api/v1/assessments/not-a-token-{n}"
        assert client.get(url).status_code == 404
    page = client.get(f"/resume/{token}?lang=ar")  # a valid link too: the refusal tells nothing
    assert page.status_code == 429
    assert '<html lang="ar" dir="rtl">' in page.get_data(as_text=True)
    assert "روابط كثيرة غير موجودة" in page.get_data(as_text=True)
    api = client.patch(f"/api/v1/assessments/{token}", json={"answers": {}})
    assert api.status_code == 429
    assert api.json["error"]["code"] == "too_many_requests"
    assert api.headers["Retry-After"] == "60"
    other = app.test_client()  # another address is not concerned
    response = other.get(f"/resume/{token}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 303
    # a minute later, the address may try again
    import time as clock

    later = clock.time() + 61
    monkeypatch.setattr("survey.views.throttle.time.time", lambda: later)
    assert client.get(f"/api/v1/assessments/{token}").status_code == 200


def test_valid_links_saves_and_new_assessments_are_never_counted(app, client):
    for _ in range(ATTEMPTS * 3):
        token = new_assessment(client)
        assert client.get(f"/api/v1/assessments/{token}").status_code == 200
        answers = {"answers": {"gov_security_owner": "yes"}}
        assert client.patch(f"/api/v1/assessments/{token}", json=answers).status_code == 200
        assert client.get(f"/resume/{token}").status_code in (200, 303)  # 200: asks to switch
    assert client.get("/no-such-page").status_code == 404  # not a token route: not counted
    assert _failures(app) == 0


def test_behind_a_proxy_the_client_address_counts(tmp_path, monkeypatch):
    from survey import create_app

    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "PROXIES": 1, "RATELIMIT_TOKEN_ATTEMPTS": 1})
    client = app.test_client()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first = {"X-Forwarded-For": "198.51.100.1"}
    assert client.get("/resume/unknown", headers=first, environ_base=proxy).status_code == 404
    assert client.get("/resume/unknown", headers=first, environ_base=proxy).status_code == 429
    second = {"X-Forwarded-For": "198.51.100.2"}  # another client behind the same proxy
    assert client.get("/resume/unknown", headers=second, environ_base=proxy).status_code == 404
