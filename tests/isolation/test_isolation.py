"""Races, as PostgreSQL isolation-tester specs: every tests/isolation/*.spec against its expected output.

Each spec runs with ``pg_isolation_regress --use-existing`` in its own fresh clone of the migrated
template (the ``dsn`` fixture); isolationtester forces the interleavings written in the spec's
``permutation`` lines, detecting waits through pg_isolation_test_session_is_blocked() — no sleeps.

Adding a race test for any domain is adding two files:
    tests/isolation/<domain>_<what>.spec        (setup / teardown / sessions / steps / permutations;
                                                 teardown must undo setup: it runs after every permutation)
    tests/isolation/expected/<domain>_<what>.out
To write a new expected file, run once with ``ISOLATION_ACCEPT=1 python -m pytest tests/isolation -k <name>``
and READ the .out it wrote: it is the assertion.

pg_isolation_regress comes with PostgreSQL's client package on Debian (postgresql-client-15 ships
$(pg_config --pkglibdir)/pgxs/src/test/isolation/); .ci/run installs it when missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.support import missing_tool, pg_lib_dirs, server_major

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
SPECS = sorted(HERE.glob("*.spec"))


@pytest.fixture
def isolation_regress(db) -> Path:
    """Path of pg_isolation_regress (isolationtester sits beside it) for the server's major version."""
    major = server_major(db)
    for lib in pg_lib_dirs(major):
        binary = lib / "pgxs" / "src" / "test" / "isolation" / "pg_isolation_regress"
        if binary.exists() and (binary.parent / "isolationtester").exists():
            return binary
    missing_tool("pg_isolation_regress", f"Debian package postgresql-client-{major}")


def test_every_spec_has_an_expected_output():
    assert SPECS, "no isolation specs found"
    outputs = {p.stem for p in EXPECTED.glob("*.out")}
    assert {s.stem for s in SPECS} - outputs == set(), "specs without tests/isolation/expected/<name>.out"
    assert outputs - {s.stem for s in SPECS} == set(), "expected outputs without a spec"


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_isolation_spec(spec: Path, dsn: str, isolation_regress: Path, tmp_path: Path):
    # pg_isolation_regress reads <inputdir>/specs/<name>.spec and <inputdir>/expected/<name>.out.
    inputdir = tmp_path / "input"
    inputdir.mkdir()
    (inputdir / "specs").symlink_to(HERE)
    (inputdir / "expected").symlink_to(EXPECTED)
    outputdir = tmp_path / "output"
    info = conninfo_to_dict(dsn)
    accept = os.environ.get("ISOLATION_ACCEPT") == "1"
    if accept and not (EXPECTED / f"{spec.stem}.out").exists():
        (EXPECTED / f"{spec.stem}.out").write_text("")  # pg_regress aborts when the expected file is absent
    command = [
        str(isolation_regress), "--use-existing",
        f"--host={info.get('host', '')}", f"--port={info.get('port', '5432')}", f"--user={info['user']}",
        f"--dbname={info['dbname']}", f"--inputdir={inputdir}", f"--outputdir={outputdir}", spec.stem,
    ]
    # A safety net only: a spec that deadlocks the tester is a failure, not a hung suite.
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    result = outputdir / "results" / f"{spec.stem}.out"
    if accept and result.exists():
        shutil.copyfile(result, EXPECTED / f"{spec.stem}.out")
        pytest.skip(f"wrote {EXPECTED / (spec.stem + '.out')}: review it, then run again without ISOLATION_ACCEPT")
    diffs = outputdir / "regression.diffs"
    assert run.returncode == 0, (
        f"{spec.name}: isolation output differs from expected/{spec.stem}.out (exit {run.returncode})\n"
        + (diffs.read_text() if diffs.exists() else "")
        + run.stdout + run.stderr
    )
