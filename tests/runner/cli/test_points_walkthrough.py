"""README's Human Points walkthrough, run as written: from an empty database, each `$ runner …` line of its console
block through the CLI (working directory: the project, so `../shared/data/…` resolves), each succeeding and printing
exactly the lines the README shows under it (a command shown without output need only succeed)."""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner

from runner.cli import main
from tests.support import ROOT

SAMPLE = "passport-scores-sample.json"


def walkthrough() -> list[tuple[list[str], str]]:
    """``(arguments after runner, expected output or "")`` of each command of README's points walkthrough."""
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```console\n(\$ runner migrate\n.*?)```", text, re.S)
    assert block, "README has no ```console block starting with `$ runner migrate`"
    steps: list[tuple[list[str], str]] = []
    for line in block.group(1).splitlines(keepends=True):
        if line.startswith("$ "):
            words = shlex.split(line[2:])
            assert words[0] == "runner", line
            steps.append((words[1:], ""))
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line)
    return steps


def test_readme_points_walkthrough_from_an_empty_database(fresh_dsn, shared_data, monkeypatch):
    shared_data(SAMPLE)  # skips without ../shared/data (fails with REQUIRE_SHARED_DATA=1)
    monkeypatch.chdir(ROOT)
    steps = walkthrough()
    assert any(args[:2] == ["points", "import-scores"] for args, _ in steps)
    assert any(args[:2] == ["points", "show"] for args, _ in steps)
    for args, expected in steps:
        result = CliRunner().invoke(main, ["--dsn", fresh_dsn, *args], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        if expected:
            assert result.output == expected, args
