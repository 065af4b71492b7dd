"""Command-line interface: `flask --app survey ...`."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, with_appcontext

from . import accounts, assessments, exporting, i18n
from .methodology import methodology_text
from .paths import shipped_folder
from .questionnaire import Library, Problem, check_library, json_schema
from .questionnaire.stats import library_stats
from .storage import (
    WORKFLOW,
    Filters,
    backups,
    connect,
    migrate,
    pinned_definitions,
    purge_drafts,
    stale_drafts,
)
from .web import get_db, get_library, get_report_content


@click.group("questionnaires")
def questionnaires() -> None:
    """Check the questionnaire library, or print its JSON Schema."""


def _pin_warnings(library: Library, database: str) -> list[Problem]:
    """Warn where a version's content changed while assessments pin the old content."""
    if not Path(database).is_file():
        return []
    db = connect(database)
    try:
        pins = pinned_definitions(db)
    finally:
        db.close()
    warnings = []
    for pin in pins:
        questionnaire = library.get(pin["questionnaire_id"])
        if (
            questionnaire is None
            or pin["assessments"] == 0
            or questionnaire.version != pin["version"]
            or questionnaire.content_hash == pin["hash"]
        ):
            continue
        file, line = library.version_lines[questionnaire.id]
        warnings.append(
            Problem(
                file,
                line,
                ("version",),
                f"the content of '{questionnaire.id}' version {pin['version']} changed while "
                f"{pin['assessments']} assessment(s) pin the earlier content; raise the version "
                f"to {questionnaire.version + 1} so that the two stay apart",
                "changed-version",
                warning=True,
            )
        )
    return warnings


def _configured_app() -> Flask | None:
    try:
        return click.get_current_context().ensure_object(ScriptInfo).load_app()
    except Exception:  # no app, or an app that does not start: nothing to compare with
        return None


@questionnaires.command("check")
@click.argument("path", required=False, type=click.Path(file_okay=False))
def check_command(path: str | None) -> None:
    """Check every questionnaire file below PATH (default: the app's library)."""
    app = None if path else _configured_app()
    if path:
        root = Path(path)
    elif app is not None:
        root = Path(app.config["QUESTIONNAIRES_PATH"])
    else:  # the app does not start: check what it would have loaded
        root = _library_path()
    library, problems = check_library(root)
    if library is not None:
        app = app or _configured_app()
        if app is not None:
            problems += _pin_warnings(library, app.config["DATABASE"])
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise SystemExit(1)
    count = sum(len(q.questions()) for q in library.questionnaires.values())
    click.echo(
        f"{root}: {library.files} file(s), {len(library.questionnaires)} "
        f"questionnaire(s) ({', '.join(sorted(library.questionnaires))}), {count} "
        f"question(s) in all; {len(problems)} warning(s)"
    )


@questionnaires.command("stats")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_command(path: str | None, as_json: bool) -> None:
    """Per questionnaire and sector: questions per domain, recommendations, references."""
    root = Path(path) if path else _library_path()
    library, problems = check_library(root)
    errors = [p for p in problems if not p.warning]
    if library is None or errors:
        for problem in errors:
            click.echo(str(problem), err=True)
        raise SystemExit(1)
    rows = library_stats(library)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        domains = ", ".join(f"{d} {n}" for d, n in row["domains"].items())
        missing = row["scored_without_recommendation"]
        click.echo(
            f"{row['questionnaire']} v{row['version']} / {row['sector']}: "
            f"{row['questions']} questions ({domains}); {row['scored']} scored"
            f"{', ' + str(len(missing)) + ' without a recommendation' if missing else ''}; "
            f"{row['recommendations']} recommendations; {row['references']} references; "
            f"languages {'complete' if row['languages_complete'] else 'INCOMPLETE'}"
        )


def _library_path() -> Path:
    app = _configured_app()
    if app is not None:
        return Path(app.config["QUESTIONNAIRES_PATH"])
    return Path(os.environ.get("SURVEY_QUESTIONNAIRES_PATH") or shipped_folder("questionnaires"))


@questionnaires.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of questionnaire files (for editors' completion and checks)."""
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@click.group("translations")
def translations() -> None:
    """The catalogs of the interface's strings (survey/translations/)."""


@translations.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@with_appcontext
def check_translations_command(folder: Path | None) -> None:
    """List what the catalogs (in FOLDER, else the shipped ones) miss or get wrong, each with its
    file and line (exit 1 if any)."""
    sources = current_app.extensions["survey.sources"]
    try:
        problems = i18n.gaps(sources, i18n.read_catalogs(sources, folder), folder)
    except i18n.CatalogError as exc:
        problems = exc.problems
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo(f"catalogs complete: {len(sources)} strings in {', '.join(i18n.LANGUAGES)}")


@translations.command("update")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@with_appcontext
def update_translations_command(folder: Path | None) -> None:
    """Bring the catalogs (in FOLDER, else the shipped ones) in line with the English source
    texts: new strings added untranslated, changed ones marked fuzzy; then translate them and
    run `translations check`."""
    for path in i18n.update_catalogs(current_app.extensions["survey.sources"], folder):
        click.echo(f"updated {path}")


@click.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(destination: Path) -> None:
    """Copy the database to DESTINATION (a file, or a folder that gets a dated file) through
    SQLite's online backup API, while the app may run; the copy is checked (integrity_check)."""
    try:
        summary = backups.backup(current_app.config["DATABASE"], destination)
    except backups.BackupError as exc:
        raise click.ClickException(f"backup failed: {exc}") from None
    click.echo(f"backup written to {summary.line()}")


@click.command("restore")
@click.argument("backup_file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(backup_file: Path, yes: bool) -> None:
    """Replace the database's content with BACKUP_FILE's, once it passes integrity_check; the
    current content is first saved beside the database. Stop the app before restoring."""
    database = current_app.config["DATABASE"]
    if not yes:
        click.confirm(f"Replace the content of {database} with {backup_file}?", abort=True)
    try:
        summary = backups.restore(backup_file, database)
    except backups.BackupError as exc:
        raise click.ClickException(f"restore refused: {exc}") from None
    migrate(get_db())  # a backup made by an earlier version gets the later tables
    click.echo(f"restored {summary.line()}")


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database or bring it up to date."""
    migrate(get_db())
    click.echo(f"Database ready: {current_app.config['DATABASE']}")


def _output(what: str):
    """The -o/--output option of a command that writes `what`."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        required=True,
        help=f"Where to write {what} ('-' for standard output).",
    )


@click.command("report")
@with_appcontext
@click.argument("id_or_token")
@click.option("--lang", type=click.Choice(["ar", "fr", "en"]), default="fr", show_default=True)
@_output("the PDF")
def report_command(id_or_token: str, lang: str, output: str) -> None:
    """Write the PDF report of an assessment, given its id or its token."""
    db = get_db()
    numeric = id_or_token.isascii() and id_or_token.isdigit() and len(id_or_token) < 19
    loaded = (
        assessments.load(db, assessment_id=int(id_or_token)) if numeric else None
    ) or assessments.load(db, token=id_or_token)
    if loaded is None:
        raise click.ClickException(f"no assessment has the id or token '{id_or_token}'")
    review = assessments.report_review(db, loaded.record["id"])
    pdf = assessments.report_pdf(db, loaded, get_report_content(), lang, review)
    if output == "-":
        sys.stdout.buffer.write(pdf)
    else:
        Path(output).write_bytes(pdf)
        click.echo(
            f"{output}: {len(pdf):,} bytes, report of assessment {loaded.record['id']} in {lang}",
            err=True,
        )


@click.command("rescore")
@with_appcontext
@click.option("--questionnaire", "questionnaire_id", help="Only this questionnaire's assessments.")
def rescore_command(questionnaire_id: str | None) -> None:
    """Move assessments to the current version of their questionnaire and re-score them.

    Assessments are otherwise always scored with the version they pinned. The previous version
    and scores are kept; each line says what changed.
    """
    library = current_app.extensions["survey.library"]
    if questionnaire_id is not None and library.get(questionnaire_id) is None:
        raise click.ClickException(
            f"no questionnaire '{questionnaire_id}'; use one of: "
            + ", ".join(sorted(library.questionnaires))
        )
    done = assessments.rescore(get_db(), library, questionnaire_id)
    if not done:
        click.echo("Every assessment already uses the current version of its questionnaire.")
    for item in done:
        click.echo(_rescored_line(item))


def _rescored_line(item: assessments.Rescored) -> str:
    head = (
        f"assessment {item.assessment_id} ({item.organisation}): {item.questionnaire} "
        f"version {item.previous_version}"
    )
    if item.skipped:
        return f"{head} kept: {item.skipped}"
    changes = [f"overall {_shown(item.previous['overall'])} -> {_shown(item.current['overall'])}"]
    for domain, new in item.current["domains"].items():
        old = item.previous["domains"].get(domain, {}).get("score")
        if old != new["score"]:
            changes.append(f"{domain} {_shown(old)} -> {_shown(new['score'])}")
    for domain in item.previous["domains"].keys() - item.current["domains"].keys():
        changes.append(f"{domain} removed")
    if item.invalid_answers:
        changes.append("answers no longer accepted: " + ", ".join(item.invalid_answers))
    return f"{head} -> {item.version}: " + "; ".join(changes)


def _shown(score) -> str:
    return "not assessed" if score is None else f"{score:g}"


@click.command("methodology")
@with_appcontext
@click.option(
    "--output",
    type=click.Path(file_okay=False, writable=True),
    help="Folder to write methodology.<lang>.md into (default: the reports folder).",
)
@click.option("--check", is_flag=True, help="Only say whether the files are up to date.")
def methodology_command(output: str | None, check: bool) -> None:
    """Write the methodology text, in ar, fr and en, from the parameters the scoring uses."""
    folder = Path(output or current_app.config["REPORTS_PATH"])
    stale = []
    for lang in ("ar", "fr", "en"):
        path = folder / f"methodology.{lang}.md"
        text = methodology_text(lang)
        if path.is_file() and path.read_text("utf-8") == text:
            continue
        stale.append(path)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            click.echo(f"{path}: written")
    if check and stale:
        raise click.ClickException(
            "out of date: " + ", ".join(map(str, stale)) + "; run 'flask --app survey methodology'"
        )
    if not stale:
        click.echo(f"{folder}: the methodology texts are up to date")


@click.group("users")
def users() -> None:
    """Manage the consultants' accounts."""


@users.command("create")
@with_appcontext
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), default="consultant", show_default=True)
def create_user_command(email: str, role: str) -> None:
    """Create an account. The password is asked twice, or read from standard input (its first
    line) when that is not a terminal."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user_id = accounts.create(get_db(), email, password, role)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"account {user_id} created for {email.strip()} ({role})")


@click.command("export")
@with_appcontext
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), required=True)
@click.option(
    "--what",
    type=click.Choice(["assessments", "answers"]),
    default="assessments",
    show_default=True,
    help="The assessments with their scores, or every answer.",
)
@click.option("--sector", help="Only this sector's assessments.")
@click.option(
    "--status", type=click.Choice(list(WORKFLOW)), help="Only assessments with this status."
)
@_output("the file")
def export_command(fmt: str, what: str, sector: str | None, status: str | None, output: str):
    """Export the assessments (with their scores) or their answers, as CSV or XLSX."""
    db = get_db()
    header, rows = assessments.export_rows(
        db, get_library(), what, Filters(sector=sector, status=status)
    )
    out = sys.stdout.buffer if output == "-" else open(output, "wb")  # noqa: SIM115
    try:
        if fmt == "csv":
            for chunk in exporting.csv_chunks(header, rows):
                out.write(chunk.encode("utf-8"))
        else:
            out.write(exporting.xlsx_bytes([(what, header, rows)]))
    finally:
        if out is not sys.stdout.buffer:
            out.close()
    if output != "-":
        click.echo(f"{output}: {what} exported as {fmt.upper()}", err=True)


@click.command("demo-data")
@with_appcontext
@click.option("--assessments", "count", type=click.IntRange(1, 1_000_000), required=True)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="The same seed, the same data."
)
def demo_data_command(count: int, seed: int) -> None:
    """Add realistic, varied assessments (sectors, sizes, dates over two years, statuses)."""
    from . import demo

    start = time.perf_counter()
    added = demo.generate(get_db(), get_library(), count, seed)
    click.echo(f"{added:,} assessments added in {time.perf_counter() - start:.1f} s", err=True)


@click.command("purge")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Only say how many drafts would be deleted.")
def purge_command(dry_run: bool) -> None:
    """Delete the drafts unchanged for longer than the retention period (SURVEY_RETENTION_DAYS)."""
    from datetime import UTC, datetime, timedelta

    days = current_app.config["RETENTION_DAYS"]
    before = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
    db = get_db()
    if dry_run:
        count = len(stale_drafts(db, before))
        click.echo(f"{count} draft(s) unchanged for more than {days} days would be deleted")
        return
    count = purge_drafts(db, before)
    click.echo(f"{count} draft(s) unchanged for more than {days} days deleted")


def init_app(app: Flask) -> None:
    """Register the commands that need the app."""
    app.cli.add_command(init_db_command)
    app.cli.add_command(users)
    app.cli.add_command(export_command)
    app.cli.add_command(demo_data_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(report_command)
    app.cli.add_command(rescore_command)
    app.cli.add_command(methodology_command)
    app.cli.add_command(translations)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
