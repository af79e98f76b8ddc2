"""Fixtures of the runner tests: an empty database, and earlier releases of this repository's db/ and runner/."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tests.support import ROOT, missing_tool


@pytest.fixture
def fresh_dsn(db, dsn):
    """Conninfo of a brand-new empty database (no migration at all), dropped at the end."""
    name = conninfo_to_dict(dsn)["dbname"] + "_fresh"
    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    db.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield make_conninfo(dsn, dbname=name)
    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def release_tree(tmp_path):
    """``release_tree(commit)`` → a folder holding ``db/`` and ``runner/`` as they were at ``commit`` of this
    repository (``git archive``): an earlier release, to migrate with (``db_dir=folder / "db"``) or to run
    (``python -m runner`` with that folder as working directory)."""

    def _tree(commit: str) -> Path:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "db", "runner"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            missing_tool(f"commit {commit} of this repository's history",
                         "run the tests from a git clone with full history, not a shallow one or an export")
        folder = tmp_path / commit
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        return folder

    return _tree
