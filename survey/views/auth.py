"""Consultants sign in and out; every workspace page needs a signed-in consultant or admin.

A session is a row on the server (only its token's hash is stored): signing out revokes it, so
a copied cookie stops working too. Failed sign-ins are counted per address and per e-mail and
refused with 429 beyond the limits (`SURVEY_RATELIMIT_SIGNIN_ATTEMPTS` within
`SURVEY_RATELIMIT_SIGNIN_WINDOW` seconds), with the same message whether the account exists.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from .. import accounts
from ..forms.workspace import action_form, sign_in_form
from ..web import get_db
from .pages import page_language, render_page
from .ui_text import texts

bp = Blueprint("auth", __name__)
login_manager = LoginManager()


class Consultant(UserMixin):
    """A signed-in account; its id for Flask-Login is the session's token."""

    def __init__(self, record: dict, token: str):
        self.record, self.token = record, token

    def get_id(self) -> str:
        return self.token

    @property
    def email(self) -> str:
        return self.record["email"]

    @property
    def role(self) -> str:
        return self.record["role"]


@login_manager.user_loader
def _load(token: str) -> Consultant | None:
    record = accounts.session_user(get_db(), token)
    return Consultant(record, token) if record else None


@login_manager.unauthorized_handler
def _unauthorized():
    """To the sign-in page, which comes back here after (a page, not a form's target)."""
    if request.method != "GET":
        return redirect(url_for("auth.sign_in", next=url_for("consultant.dashboard")))
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))


def workspace_page(view):
    """A page for signed-in consultants and admins only."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in accounts.ROLES:
            abort(403)
        return view(*args, **kwargs)

    return guarded


def safe_next(target: str | None) -> str:
    """`target` when it is a path of this site, else the dashboard (no open redirect)."""
    if target:
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not target.startswith("//")
            and "\\" not in target
            and not any(ord(c) < 32 for c in target)
        ):
            return target
    return url_for("consultant.dashboard")


def _limits() -> accounts.Limits:
    config = current_app.config
    return accounts.Limits(config["RATELIMIT_SIGNIN_ATTEMPTS"], config["RATELIMIT_SIGNIN_WINDOW"])


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    lang = page_language()
    t = texts(lang)
    form = sign_in_form(t)
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
        if current_user.is_authenticated:
            return redirect(safe_next(form.next.data))
    status, message = 200, t["sign_in_needed"] if request.args.get("next") else None
    if form.validate_on_submit():
        try:
            token = accounts.sign_in(
                get_db(),
                form.email.data,
                form.password.data,
                request.remote_addr,
                _limits(),
            )
        except accounts.Throttled:
            status, message = 429, t["too_many_attempts"]
        except ValueError:
            status, message = 401, t["sign_in_failed"]
        else:
            chosen = session.get("lang")
            session.clear()  # a fresh session: nothing carried over from before signing in
            if chosen:
                session["lang"] = chosen
            login_user(_load(token))
            return redirect(safe_next(form.next.data))
    elif request.method == "POST":
        status = 400
        if form.csrf_token.errors:  # shown back with the address typed, and why
            message = t["form_expired"]
    return render_page("sign_in.html", status, lang=lang, form=form, message=message)


@bp.post("/sign-out")
def sign_out():
    if not action_form().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        accounts.sign_out(get_db(), current_user.token)
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(texts(lang or page_language())["signed_out"])
    return redirect(url_for("auth.sign_in"))


def init_app(app) -> None:
    login_manager.init_app(app)
    app.register_blueprint(bp)
