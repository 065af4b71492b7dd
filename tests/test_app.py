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
