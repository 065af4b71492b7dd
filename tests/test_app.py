"""The app factory: instance folder, secret key, settings from the environment, cookies."""

from __future__ import annotations

import pytest
from conftest import write_library

from survey import create_app
from survey.questionnaire import LibraryError


def test_instance_folder_holds_database_and_secret_key(tmp_path, monkeypatch):
    folder = tmp_path / "inst"
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(folder))
    app = create_app()
    assert app.instance_path == str(folder)
    assert (folder / "survey.sqlite3").is_file()
    key = (folder / "secret_key").read_text()
    assert len(key) >= 40 and app.config["SECRET_KEY"] == key
    assert (folder / "secret_key").stat().st_mode & 0o077 == 0
    assert create_app().config["SECRET_KEY"] == key  # kept across starts


def test_settings_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SURVEY_MAX_CONTENT_LENGTH", "2048")
    monkeypatch.setenv("SURVEY_SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 2048
    assert app.config["SECRET_KEY"] == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_defaults(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["SESSION_COOKIE_NAME"] == "session"
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_https_secures_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SURVEY_HTTPS", "1")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_refuses_to_start_on_a_broken_library(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.chdir(tmp_path)
    write_library(tmp_path / "lib", {"bad.yaml": "kind: domain\nid: Bad\n"})
    with pytest.raises(LibraryError) as caught:
        create_app({"QUESTIONNAIRES_PATH": str(tmp_path / "lib")})
    assert "lib/bad.yaml:2: id: id 'Bad' must be lower-case" in str(caught.value)


def test_landing_page_in_three_languages(client):
    for lang, direction in (("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")):
        page = client.get(f"/?lang={lang}").get_data(as_text=True)
        assert f'<html lang="{lang}" dir="{direction}">' in page


def test_unknown_resume_token_is_404(client):
    assert client.get("/resume/not-a-token").status_code == 404
    assert client.get("/assessment").status_code == 404


def test_flask_run_refuses_a_broken_library_with_located_lines(tmp_path):
    import os
    import subprocess
    import sys

    write_library(tmp_path / "lib", {"bad.yaml": "kind: domain\nid: Bad\n"})
    env = {
        **os.environ,
        "SURVEY_INSTANCE_PATH": str(tmp_path / "inst"),
        "SURVEY_QUESTIONNAIRES_PATH": str(tmp_path / "lib"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "survey", "run", "--port", "5099"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 1
    assert "lib/bad.yaml:2: id: id 'Bad' must be lower-case" in done.stderr
    assert "Traceback" not in done.stderr


def test_settings_are_read_with_their_type(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SURVEY_SECRET_KEY", "123456789012345678901234567890")
    monkeypatch.setenv("SURVEY_HTTPS", "off")
    app = create_app({"TESTING": True})
    assert app.config["SECRET_KEY"] == "123456789012345678901234567890"
    assert app.config["HTTPS"] is False and app.config["SESSION_COOKIE_SECURE"] is False
    client = app.test_client()
    questionnaire = next(iter(app.extensions["survey.library"].questionnaires))
    body = {
        "questionnaire": questionnaire,
        "sector": "general",
        "language": "fr",
        "organisation": {"name": "A", "size": "1-9"},
    }
    token = client.post("/api/v1/assessments", json=body).get_json()["token"]
    assert client.get(f"/resume/{token}").status_code == 303  # the session is signed


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SURVEY_HTTPS", "maybe"),
        ("SURVEY_MAX_CONTENT_LENGTH", "big"),
        ("SURVEY_SQLITE_SYNCHRONOUS", "OFF"),
    ],
)
def test_a_wrong_setting_is_refused_by_name(tmp_path, monkeypatch, name, value):
    import click

    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv(name, value)
    with pytest.raises(click.ClickException) as caught:
        create_app()
    assert name in caught.value.message and value in caught.value.message


def test_workers_starting_together_share_one_secret_key(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "SURVEY_INSTANCE_PATH": str(tmp_path / "inst")}
    script = "import survey; print(survey.create_app().config['SECRET_KEY'])"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    keys = {child.communicate(timeout=60)[0].strip() for child in children}
    assert [child.returncode for child in children] == [0] * 4
    assert len(keys) == 1 and len(keys.pop()) >= 40
