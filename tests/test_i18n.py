"""The interface's catalogs (Flask-Babel), the language of a page, and dates and numbers."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import new_assessment

from survey import i18n
from survey.views.ui_text import SOURCES, texts

LANGS = ("ar", "fr", "en")


def test_every_interface_string_is_translated_from_its_current_english_text():
    assert i18n.gaps(SOURCES, i18n.read_catalogs(SOURCES)) == []


def test_the_pages_use_the_catalogs(app):
    catalogs = i18n.read_catalogs(SOURCES)
    with app.app_context():
        for lang in ("ar", "fr"):
            expected = catalogs[lang].get(SOURCES["tagline"], context="tagline").string
            assert texts(lang)["tagline"] == expected != SOURCES["tagline"]
        assert texts("en")["tagline"] == SOURCES["tagline"]  # English: the source text


@pytest.fixture
def catalogs(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(i18n.FOLDER, folder)
    return folder


def _edit(folder, lang: str, old: str, new: str) -> int:
    """Replace `old` in a catalog; the line where it was."""
    path = i18n.catalog_path(lang, folder)
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_translation_with_a_wrong_placeholder_is_refused_with_its_file_and_line(catalogs):
    english = SOURCES["minutes"]
    assert "{minutes}" in english
    translated = i18n.read_catalogs(SOURCES, catalogs)["fr"].get(english, context="minutes")
    line = _edit(catalogs, "fr", translated.string, translated.string.replace("{minutes}", "{min}"))
    with pytest.raises(i18n.CatalogError) as error:
        i18n.read_catalogs(SOURCES, catalogs)
    path = i18n.catalog_path("fr", catalogs)
    msgid = line - 1  # the entry's msgid, just above the msgstr that was edited
    assert error.value.problems == [
        f"{path}:{msgid}: minutes: the placeholders must be {{minutes}}"
    ]


def test_a_stray_brace_and_a_broken_file_are_located(catalogs):
    _edit(catalogs, "ar", 'msgstr "الصفحة الرئيسية"', 'msgstr "الصفحة {الرئيسية"')
    line = _edit(catalogs, "en", 'msgctxt "home"', 'msgtxt "home"')
    with pytest.raises(i18n.CatalogError) as error:
        i18n.read_catalogs(SOURCES, catalogs)
    ar, en = error.value.problems
    assert re.match(rf"{re.escape(str(i18n.catalog_path('ar', catalogs)))}:\d+: home: ", ar)
    assert en.startswith(f"{i18n.catalog_path('en', catalogs)}:{line}: ")


def test_the_app_does_not_start_with_a_broken_catalog(catalogs, monkeypatch, tmp_path):
    import click

    from survey import create_app

    _edit(catalogs, "fr", 'msgctxt "home"', 'msgtxt "home"')
    monkeypatch.setattr(i18n, "FOLDER", catalogs)
    monkeypatch.setenv("SURVEY_INSTANCE_PATH", str(tmp_path / "instance"))
    with pytest.raises(click.ClickException, match=r"the app cannot start\.\n.*messages\.po:\d+"):
        create_app({"TESTING": True})


def test_an_update_adds_new_strings_and_marks_changed_ones_for_review(catalogs):
    sources = dict(SOURCES)
    sources["home"] = "Back to the home page"
    sources["brand_new"] = "A new string"
    i18n.update_catalogs(sources, catalogs)
    found = i18n.gaps(sources, i18n.read_catalogs(sources, catalogs), catalogs)
    fr = str(i18n.catalog_path("fr", catalogs))
    assert any(p.startswith(fr) and p.endswith("home: marked fuzzy, to be reviewed") for p in found)
    assert any(p.startswith(fr) and p.endswith("brand_new: not translated") for p in found)
    home = i18n.read_catalogs(sources, catalogs)["fr"].get(sources["home"], context="home")
    assert home.string == "Page d'accueil"
    # the former English text beside it, for the translator
    text = i18n.catalog_path("fr", catalogs).read_text("utf-8")
    assert '#| msgid "Home page"\nmsgctxt "home"\nmsgid "Back to the home page"' in text
    # a fuzzy translation is not shown (the English text is) until a translator reviews it
    assert (
        i18n._compiled(i18n.read_catalogs(sources, catalogs)["fr"]).upgettext(
            "home", sources["home"]
        )
        == sources["home"]
    )
    assert not [p for p in found if "home" not in p and "brand_new" not in p]


def test_an_update_with_nothing_new_changes_nothing(catalogs):
    before = {lang: i18n.catalog_path(lang, catalogs).read_bytes() for lang in LANGS}
    i18n.update_catalogs(SOURCES, catalogs)
    assert {lang: i18n.catalog_path(lang, catalogs).read_bytes() for lang in LANGS} == before


def test_the_check_command_lists_the_gaps_and_fails(runner, catalogs):
    _edit(catalogs, "ar", 'msgstr "الصفحة الرئيسية"', 'msgstr ""')
    result = runner.invoke(args=["translations", "check", str(catalogs)])
    assert result.exit_code == 1
    assert re.search(r"ar/LC_MESSAGES/messages\.po:\d+: home: not translated", result.output)


def test_the_check_command_passes_on_the_shipped_catalogs(runner):
    result = runner.invoke(args=["translations", "check"])
    assert result.exit_code == 0, result.output
    assert f"catalogs complete: {len(SOURCES)} strings" in result.output


@pytest.mark.parametrize(
    ("lang", "when", "expected"),
    [
        ("ar", "2026-05-04T10:30:00+00:00", "4 ماي 2026"),  # the Maghreb's month names
        ("fr", "2026-05-04T10:30:00+00:00", "4 mai 2026"),
        ("en", "2026-05-04", "4 May 2026"),
    ],
)
def test_dates_as_each_language_writes_them(lang, when, expected):
    assert i18n.written_date(when, lang) == expected
    time = " 10:30 UTC" if "T" in when else " 00:00"  # the time as stored, and its zone
    assert i18n.written_datetime(when, lang) == expected + time


def test_numbers_keep_western_digits_in_arabic():
    assert i18n.written_number(1234.5, "ar", 1) == "1.234,5"
    assert i18n.written_number(1234.5, "fr", 1) == "1\u202f234,5"
    assert i18n.written_number(1234.5, "en", 2) == "1,234.50"
    assert i18n.written_number(72, "ar") == "72"


def test_a_date_that_cannot_be_read_is_shown_as_stored():
    assert i18n.written_date("not a date", "fr") == "not a date"
    assert i18n.written_date(None, "ar") == ""


def _html_pages(app, assessment_id: int, token: str):
    """A URL for every GET route that answers a page (not a file, not the API)."""
    values = {
        "assessment_id": assessment_id,
        "token": token,
        "domain_id": "governance",
        "questionnaire_id": "readiness",
        "added_id": 1,
        "what": "assessments",
        "fmt": "csv",
        "filename": "survey.css",
        "organisation_id": 1,
    }
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "respondent.resume"):
            continue
        url = rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]
        if not url.startswith(("/api/", "/consultant/export/")) and not url.endswith(
            (".pdf", ".json")
        ):
            yield url


def _with_a_draft(app, email: str, role: str):
    """A client, the token of a draft made through the API, and an account for `email`."""
    from signing import PASSWORD

    from survey import accounts
    from survey.web import get_db

    client = app.test_client()
    token = new_assessment(client)
    with app.app_context():
        accounts.create(get_db(), email, PASSWORD, role)
    return client, token


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_every_page_declares_its_language_and_direction(app, lang, direction):
    from signing import sign_in

    from survey.web import get_db

    client, token = _with_a_draft(app, "admin@example.ma", "admin")
    with app.app_context():
        assessment_id = get_db().execute("SELECT id FROM assessments").fetchone()[0]
    assert client.get(f"/resume/{token}").status_code == 303
    assert sign_in(client, "admin@example.ma").status_code == 302
    errors = ["/no-such-page", "/assessment/submit"]  # 404, and 405 (a form's address)
    urls = [*_html_pages(app, assessment_id, token), *errors]
    assert len(urls) >= 13
    expected = f'<html lang="{lang}" dir="{direction}">'
    for url in urls:
        response = client.get(url, query_string={"lang": lang})
        if response.status_code == 302:  # the sign-in page, to someone signed in already
            response = app.test_client().get(url, query_string={"lang": lang})
        assert response.mimetype == "text/html", url
        assert expected in response.get_data(as_text=True), (url, response.status_code)


def test_the_language_comes_from_the_address_then_the_choice_then_the_browser(app):
    def lang_of(response) -> str:
        return re.search(r'<html lang="(\w+)"', response.get_data(as_text=True))[1]

    assert lang_of(app.test_client().get("/")) == "fr"  # nothing said: French
    browser = {"Accept-Language": "ar-MA,ar;q=0.9,fr;q=0.5"}
    client = app.test_client()
    assert lang_of(client.get("/", headers=browser)) == "ar"
    assert lang_of(client.get("/?lang=en", headers=browser)) == "en"
    assert lang_of(client.get("/", headers=browser)) == "en"  # the choice is remembered
    assert lang_of(client.get("/?lang=xx", headers=browser)) == "en"  # an unknown one is ignored


def test_dates_on_the_workspace_pages_are_written_in_the_page_language(app):
    from signing import sign_in

    from survey.web import get_db

    client, _ = _with_a_draft(app, "youssef@example.ma", "consultant")
    with app.app_context():
        get_db().execute("UPDATE assessments SET updated_at = '2026-05-04T09:15:00+00:00'")
    sign_in(client, "youssef@example.ma")
    assert ">4 ماي 2026</time>" in client.get("/consultant/?lang=ar").get_data(as_text=True)
    assert ">4 mai 2026</time>" in client.get("/consultant/?lang=fr").get_data(as_text=True)
