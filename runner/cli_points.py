"""`runner points …`: the Human Points kill switch, status, an address's points, score imports, multipliers."""

from __future__ import annotations

import json

import click

from runner import points as human_points
from runner.cli_support import Context, database_errors, fail
from runner.db import connect


@click.group()
def points() -> None:
    """Human Points Program: kill switch, status, an address's points, score imports, multipliers."""


def _points_call(obj: Context, function, *args, **kwargs):
    """Run one runner.points function on an autocommit connection; file errors become one line, exit 1."""
    conn = connect(obj.dsn, autocommit=True)
    try:
        return function(conn, *args, **kwargs)
    except (human_points.ImportFileError, OSError, ValueError) as exc:
        fail(str(exc))
    finally:
        conn.close()


@points.command("enable")
@click.pass_obj
@database_errors
def points_enable(obj: Context) -> None:
    """Award points again (events stored while disabled stay without points)."""
    _points_call(obj, human_points.set_write_enabled, True)
    click.echo("human points: writes enabled")


@points.command("disable")
@click.pass_obj
@database_errors
def points_disable(obj: Context) -> None:
    """Kill switch: keep storing events, award no points; reads keep working."""
    _points_call(obj, human_points.set_write_enabled, False)
    click.echo("human points: writes disabled (events are stored, no points are awarded)")


@points.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
@database_errors
def points_status(obj: Context, as_json: bool) -> None:
    """Show the kill switch, pass threshold, bonus communities and the program communities."""
    state = _points_call(obj, human_points.status)
    if as_json:
        click.echo(json.dumps(state))
        return
    communities = ", ".join(str(c) for c in state["program_communities"]) or "none"
    click.echo(f"write_enabled        {'true' if state['write_enabled'] else 'false'}")
    click.echo(f"pass_threshold       {state['pass_threshold']}")
    click.echo(f"bonus_communities    {state['bonus_communities']}")
    click.echo(f"program_communities  {communities}")


@points.command("show")
@click.argument("address")
@click.option("--json", "as_json", is_flag=True, help="Print points_data as JSON.")
@click.pass_obj
@database_errors
def points_show(obj: Context, address: str, as_json: bool) -> None:
    """Show ADDRESS's points: total, eligibility, multiplier and per-action breakdown."""
    data = _points_call(obj, human_points.points_data, address)
    if as_json:
        click.echo(json.dumps(data, sort_keys=True))
        return
    click.echo(f"address       {address.lower()}")
    click.echo(f"total_points  {data['total_points']}")
    click.echo(f"is_eligible   {'true' if data['is_eligible'] else 'false'}")
    click.echo(f"multiplier    {data['multiplier']}")
    for action, value in sorted(data["breakdown"].items()):
        click.echo(f"  {action:<32}{value:>8}")


@points.command("import-scores")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
@database_errors
def points_import_scores(obj: Context, file: str) -> None:
    """Load FILE, a JSON array of score events, in one transaction (a malformed event loads nothing)."""
    count = _points_call(obj, human_points.import_scores, file)
    click.echo(f"imported {count} score event(s)")


@points.command("populate-multipliers")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False),
              help="Addresses, one per line, or a CSV with an 'address' column.")
@click.option("--returning-before", "returning_before", metavar="TIMESTAMP",
              help="Every address with a passing score before this time (e.g. 2025-07-15T00:00:00Z).")
@click.pass_obj
@database_errors
def points_populate_multipliers(obj: Context, file: str | None, returning_before: str | None) -> None:
    """Give multiplier 2 to addresses that have none (existing rows untouched); print how many were added."""
    if (file is None) == (returning_before is None):
        fail("points populate-multipliers: give exactly one of --file PATH or --returning-before TIMESTAMP")
    if file is not None:
        try:
            addresses = human_points.read_address_file(file)
        except (human_points.ImportFileError, OSError, UnicodeDecodeError) as exc:
            fail(str(exc))
        added = _points_call(obj, human_points.populate_multipliers, addresses=addresses)
    else:
        added = _points_call(obj, human_points.populate_multipliers, returning_before=returning_before)
    click.echo(f"added {added} multiplier(s)")
