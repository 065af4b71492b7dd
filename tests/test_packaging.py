"""A regular (non-editable) install finds the shipped questionnaires and report texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_install_runs_with_shipped_data(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("survey-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    script = (
        "import survey, sys\n"
        "from survey.paths import shipped_folder\n"
        "app = survey.create_app()\n"
        "print(survey.__file__)\n"
        "print(shipped_folder('questionnaires'))\n"
        "print(sorted(app.extensions['survey.library'].questionnaires))\n"
    )
    done = subprocess.run(
        [str(python), "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"SURVEY_INSTANCE_PATH": str(tmp_path / "inst"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    module, folder, names = done.stdout.splitlines()
    assert str(venv) in module and str(ROOT) not in module
    assert folder.startswith(str(venv)) and folder.endswith("survey/_data/questionnaires")
    assert "readiness" in names
