"""Administration (role admin): accounts, the questionnaire library's status, and an
organisation's data exported or deleted on request. Each change is in the audit log."""

from __future__ import annotations

import json
from functools import wraps

from flask import Blueprint, Response, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user

from .. import accounts, storage
from ..forms.workspace import action_form, new_user_form, password_form
from ..questionnaire import check_library
from ..web import get_db
from .auth import workspace_page
from .pages import page_language, render_page
from .ui_text import texts

bp = Blueprint("admin", __name__, url_prefix="/consultant/admin")
# a row id in an address: beyond SQLite's largest integer there is no such row (404)
ID = "int(max=9223372036854775807)"


def admin_page(view):
    """A page for admins only (other consultants get 403)."""

    @wraps(view)
    @workspace_page
    def guarded(*args, **kwargs):
        if current_user.role != "admin":
            abort(403)
        return view(*args, **kwargs)

    return guarded


def _page(status: int = 200, forms: dict | None = None, **values):
    lang = page_language()
    t = texts(lang)
    db = get_db()
    _, problems = check_library(current_app.config["QUESTIONNAIRES_PATH"])
    return render_page(
        "consultant/admin.html",
        status,
        lang=lang,
        users=storage.list_users(db),
        pins=storage.pinned_definitions(db),
        problems=problems,
        forms=forms or {"user": new_user_form(t), "password": password_form(t)},
        action=action_form(),
        roles=accounts.ROLES,
        signed_in=current_user,
        sign_out_form=action_form(),
        **values,
    )


def _audit(action: str, target: str, after) -> None:
    storage.audit(get_db(), current_user.record["id"], action, target, after)


def _expired(form) -> bool:
    """Whether the form was refused for its CSRF token (missing, or too old)."""
    return bool(form.csrf_token.errors)


def _account_fields(form, t: dict) -> bool:
    """Whether the form's address (if it has one) and password are fit for an account; if
    not, the form's fields say why, in the page's language."""
    if "email" in form and not accounts.is_email(form.email.data.strip()):
        form.email.errors = [t["email_invalid"]]
    if not accounts.is_password(form.password.data):
        form.password.errors = [t["password_short"].format(limit=accounts.MIN_PASSWORD_LENGTH)]
    return not (form.password.errors or ("email" in form and form.email.errors))


@bp.get("/")
@admin_page
def index():
    return _page()


@bp.post("/users")
@admin_page
def create_user():
    t = texts(page_language())
    form = new_user_form(t)
    if not form.validate_on_submit() or not _account_fields(form, t):
        return _page(400, {"user": form, "password": password_form(t)}, expired=_expired(form))
    try:
        user_id = accounts.create(get_db(), form.email.data, form.password.data, form.role.data)
    except accounts.AccountError:  # the address and password were checked: it exists already
        form.email.errors = [t["email_taken"]]
        return _page(400, {"user": form, "password": password_form(t)})
    _audit("create_user", f"user:{user_id}", {"email": form.email.data, "role": form.role.data})
    flash(t["saved"])
    return redirect(url_for("admin.index"))


@bp.post(f"/users/<{ID}:user_id>/active")
@admin_page
def set_active(user_id: int):
    if not action_form().validate_on_submit():
        abort(400)
    user = storage.find_user(get_db(), user_id=user_id) or abort(404)
    if user["id"] == current_user.record["id"]:
        abort(409)  # an admin does not lock themselves out
    accounts.set_active(get_db(), user_id, not user["active"])
    _audit("user_active", f"user:{user_id}", {"active": not user["active"]})
    flash(texts(page_language())["saved"])
    return redirect(url_for("admin.index"))


@bp.post(f"/users/<{ID}:user_id>/password")
@admin_page
def reset_password(user_id: int):
    t = texts(page_language())
    form = password_form(t)
    storage.find_user(get_db(), user_id=user_id) or abort(404)
    if not form.validate_on_submit() or not _account_fields(form, t):
        return _page(400, {"user": new_user_form(t), "password": form}, expired=_expired(form))
    accounts.reset_password(get_db(), user_id, form.password.data)
    _audit("reset_password", f"user:{user_id}", None)
    flash(t["saved"])
    return redirect(url_for("admin.index"))


@bp.get(f"/organisations/<{ID}:organisation_id>.json")
@admin_page
def export_organisation(organisation_id: int):
    data = storage.organisation_data(get_db(), organisation_id) or abort(404)
    _audit("export_organisation", f"organisation:{organisation_id}", None)
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="organisation-{organisation_id}.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post(f"/organisations/<{ID}:organisation_id>/delete")
@admin_page
def delete_organisation(organisation_id: int):
    if not action_form().validate_on_submit() or request.form.get("confirm") != "yes":
        abort(400)
    if storage.delete_organisation(get_db(), organisation_id, current_user.record["id"]) is None:
        abort(404)
    flash(texts(page_language())["organisation_deleted"])
    return redirect(url_for("consultant.dashboard"))
