"""squawk (PyPI squawk-cli, in the test extra) over every versioned migration, with .squawk.toml.

Rules turned off are listed in .squawk.toml, each with its justification beside it; the second test
keeps it that way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.support import MIGRATIONS, ROOT, missing_tool

CONFIG = ROOT / ".squawk.toml"


def squawk() -> str:
    beside_python = Path(sys.executable).with_name("squawk")
    found = str(beside_python) if beside_python.exists() else shutil.which("squawk")
    if found is None:
        missing_tool("squawk", "pip install squawk-cli, part of the test extra")
    return found


def test_squawk_passes_every_migration():
    files = sorted(MIGRATIONS.glob("*.sql"))
    assert files
    run = subprocess.run(
        [squawk(), "--config", str(CONFIG), "--reporter", "gcc", *map(str, files)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_rule_turned_off_is_justified_beside_it():
    config = tomllib.loads(CONFIG.read_text())
    lines = CONFIG.read_text().splitlines()
    for rule in config.get("excluded_rules", []):
        at = next(i for i, line in enumerate(lines) if re.match(rf'\s*"{re.escape(rule)}"', line))
        assert lines[at - 1].strip().startswith("#"), f"{rule}: say why it is off, in a comment right above it"
