"""squawk (PyPI squawk-cli, in the test extra) over every versioned migration, with .squawk.toml.

Forward migrations are checked with the config as it is. Rollback files (*.rollback.sql) get a second
run that also excludes the rules listed under [rollback] in .squawk.toml (the ban-drop-* rules: undoing
a CREATE is a DROP). Every rule turned off has its justification beside it in .squawk.toml; the last
test keeps it that way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support import MIGRATIONS, ROOT, missing_tool

CONFIG = ROOT / ".squawk.toml"


def squawk() -> str:
    beside_python = Path(sys.executable).with_name("squawk")
    found = str(beside_python) if beside_python.exists() else shutil.which("squawk")
    if found is None:
        missing_tool("squawk", "pip install squawk-cli, part of the test extra")
    return found


def rollback_exclusions() -> list[str]:
    return tomllib.loads(CONFIG.read_text()).get("rollback", {}).get("excluded_rules", [])


@pytest.mark.parametrize("kind", ["forward", "rollback"])
def test_squawk_passes_every_migration(kind):
    files = sorted(p for p in MIGRATIONS.glob("*.sql") if p.name.endswith(".rollback.sql") == (kind == "rollback"))
    assert files
    # --exclude replaces the config's excluded_rules rather than adding to them: pass both.
    config = tomllib.loads(CONFIG.read_text())
    extra = ["--exclude", ",".join([*config.get("excluded_rules", []), *rollback_exclusions()])] if kind == "rollback" else []
    run = subprocess.run(
        [squawk(), "--config", str(CONFIG), "--reporter", "gcc", *extra, *map(str, files)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_rule_turned_off_is_justified_beside_it():
    """Each excluded rule sits under a comment (rules sharing one reason may follow it directly)."""
    config = tomllib.loads(CONFIG.read_text())
    lines = CONFIG.read_text().splitlines()
    entry = re.compile(r'\s*"[a-z0-9-]+",?\s*$')
    rules = [*config.get("excluded_rules", []), *rollback_exclusions()]
    assert rules
    for rule in rules:
        at = next(i for i, line in enumerate(lines) if re.match(rf'\s*"{re.escape(rule)}"', line))
        above = at - 1
        while entry.match(lines[above]):
            above -= 1
        assert lines[above].strip().startswith("#"), f"{rule}: say why it is off, in a comment right above it"
