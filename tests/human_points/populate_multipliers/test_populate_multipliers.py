"""populate_multipliers and `runner points populate-multipliers (--file PATH | --returning-before TIMESTAMP)`."""

import psycopg
import pytest

from tests.human_points.helpers import ALICE, BOB, CAROL, DAVE, OUTSIDE, score
from runner import points


def _multipliers(conn):
    return conn.execute("SELECT address, multiplier FROM human_points.multiplier ORDER BY 1").fetchall()


def test_from_a_file_of_lines(hp, cli, tmp_path):
    hp.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, 5)", (BOB,))
    path = tmp_path / "addresses.txt"
    path.write_text(f"{ALICE.upper().replace('0X', '0x')}\n\n{BOB}\n{ALICE}\n{CAROL}\n")
    result = cli("points", "populate-multipliers", "--file", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "added 2 multipliers\n"
    assert _multipliers(hp) == [(ALICE, 2), (BOB, 5), (CAROL, 2)]
    assert cli("points", "populate-multipliers", "--file", str(path)).output == "added 0 multipliers\n"


def test_from_a_csv_with_an_address_column(hp, cli, tmp_path):
    path = tmp_path / "addresses.csv"
    path.write_text(f"id,Address,note\n1,{ALICE},x\n2,{BOB},\"a, b\"\n")
    result = cli("points", "populate-multipliers", "--file", str(path))
    assert result.output == "added 2 multipliers\n"
    assert _multipliers(hp) == [(ALICE, 2), (BOB, 2)]


def test_csv_without_an_address_column(hp, cli, tmp_path):
    path = tmp_path / "wallets.csv"
    path.write_text(f"wallet,note\n{ALICE},x\n")
    result = cli("points", "populate-multipliers", "--file", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"runner: {path}: the CSV header must name address; address is missing (got wallet,note); nothing was loaded\n")


def test_a_bad_address_adds_nothing_and_is_named(hp, cli, tmp_path):
    path = tmp_path / "addresses.txt"
    path.write_text(f"{ALICE}\n0xnope\n")
    result = cli("points", "populate-multipliers", "--file", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"runner: {path}: populate_multipliers.addresses[2] must be 0x followed by 40 hex digits (got '0xnope'); "
        "nothing was loaded\n")
    assert _multipliers(hp) == []


def test_returning_before(hp, cli):
    score(hp, ALICE, 1, 25, scored_at="2025-06-01T00:00:00Z")         # passing, before: yes
    score(hp, BOB, OUTSIDE, 30, scored_at="2025-06-01T00:00:00Z")     # passing in any community: yes
    score(hp, CAROL, 1, 19, scored_at="2025-06-01T00:00:00Z")         # not passing: no
    score(hp, DAVE, 1, 25, scored_at="2025-07-15T00:00:00Z")          # exactly at the cut-off: no
    hp.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, 3)", (BOB,))
    result = cli("points", "populate-multipliers", "--returning-before", "2025-07-15T00:00:00Z")
    assert result.exit_code == 0, result.output
    assert result.output == "added 1 multiplier\n"
    assert _multipliers(hp) == [(ALICE, 2), (BOB, 3)]


def test_exactly_one_selector(hp, cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ALICE)
    message = "Error: give exactly one of --file PATH or --returning-before TIMESTAMP\n"
    neither = cli("points", "populate-multipliers")
    assert neither.exit_code == 2 and neither.output.endswith(message)  # a usage error
    both = cli("points", "populate-multipliers", "--file", str(path), "--returning-before", "2025-01-01Z")
    assert both.exit_code == 2 and both.output.endswith(message)
    with pytest.raises(ValueError):
        points.populate_multipliers(hp)


def test_bad_timestamp(hp, cli):
    for text in ("someday", "2025-01-01", "2025-01-01 00:00:00"):  # free text, no zone
        result = cli("points", "populate-multipliers", "--returning-before", text)
        assert result.exit_code == 1
        assert result.output == ("runner: --returning-before must be an ISO 8601 timestamp with a time zone, "
                                 f"e.g. 2025-07-15T00:00:00Z (got '{text}')\n")


def test_sql_overloads(hp):
    assert hp.execute("SELECT human_points.populate_multipliers(%s::text[])", ([ALICE, ALICE, BOB],)).fetchone()[0] == 2
    assert hp.execute("SELECT human_points.populate_multipliers(now())").fetchone()[0] == 0
    with pytest.raises(psycopg.errors.CheckViolation):
        hp.execute("SELECT human_points.populate_multipliers(%s::text[])", (["x"],))
