"""Signing in as a browser does, and the CSRF tokens of forms (for the workspace tests)."""

from __future__ import annotations

import re

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="(?:[a-z]+-)?csrf_token" type="hidden" value="([^"]+)"')


def csrf(client, url: str = "/sign-in") -> str:
    """The CSRF token of the first form on the page at `url`."""
    return CSRF.search(client.get(url).get_data(as_text=True))[1]


def sign_in(client, email: str, password: str = PASSWORD, next_url: str = "", **kwargs):
    """The answer to the sign-in form posted with its token."""
    data = {"email": email, "password": password, "next": next_url, "csrf_token": csrf(client)}
    return client.post("/sign-in", data=data, **kwargs)
