"""The README's promises: its two set-up commands and every setting it documents."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def test_setup_commands_are_exactly_these():
    assert "pip install -e . && flask --app survey run" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_ci_runs_the_readme_test_command():
    assert "pip install -e '.[test]' && pytest" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_setting_is_documented():
    used = set(
        re.findall(
            r'config\[["\']([A-Z_]+)["\']\]',
            "".join(p.read_text("utf-8") for p in (ROOT / "survey").rglob("*.py")),
        )
    )
    ours = used - {"SECRET_KEY", "MAX_CONTENT_LENGTH", "SESSION_COOKIE_SECURE", "TESTING"}
    for name in ours | {"SECRET_KEY", "MAX_CONTENT_LENGTH"}:
        assert f"SURVEY_{name}" in README, name
