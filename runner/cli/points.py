"""`runner points …`: the Human Points kill switch, status, an address's points, score imports, multipliers, communities."""

from __future__ import annotations

from pathlib import Path

import click

from runner import points as human_points
from runner.cli.common import Context, Progress, echo_json, json_option, sql_command
from runner.db import connect
from runner.output import plural, table


@click.group()
def points() -> None:
    """Human Points Program: kill switch, status, an address's points, score imports, multipliers."""


def _switch(obj: Context, enabled: bool, as_json: bool) -> None:
    with connect(obj.dsn, autocommit=True) as conn:
        stored = human_points.set_write_enabled(conn, enabled)
    if as_json:
        echo_json({"write_enabled": stored})
    elif stored:
        click.echo("human points: writes enabled")
    else:
        click.echo("human points: writes disabled (events are stored, no points are awarded)")


@points.command("enable")
@json_option
@click.pass_obj
@sql_command()
def points_enable(obj: Context, as_json: bool) -> None:
    """Award points again (events stored while disabled stay without points)."""
    _switch(obj, True, as_json)


@points.command("disable")
@json_option
@click.pass_obj
@sql_command()
def points_disable(obj: Context, as_json: bool) -> None:
    """Kill switch: keep storing events, award no points; reads keep working."""
    _switch(obj, False, as_json)


@points.command("status")
@json_option
@click.pass_obj
@sql_command()
def points_status(obj: Context, as_json: bool) -> None:
    """Show the kill switch, pass threshold, bonus communities and the program communities."""
    with connect(obj.dsn, autocommit=True) as conn:
        state = human_points.status(conn)
    if as_json:
        echo_json(state)
        return
    communities = ", ".join(str(c) for c in state["program_communities"]) or "none"
    click.echo(f"write_enabled        {'true' if state['write_enabled'] else 'false'}")
    click.echo(f"pass_threshold       {state['pass_threshold']}")
    click.echo(f"bonus_communities    {state['bonus_communities']}")
    click.echo(f"program_communities  {communities}")


@points.command("show")
@click.argument("address")
@json_option
@click.pass_obj
@sql_command()
def points_show(obj: Context, address: str, as_json: bool) -> None:
    """Show ADDRESS's points: total, eligibility, multiplier and per-action breakdown."""
    with connect(obj.dsn, autocommit=True) as conn:
        data = human_points.points_data(conn, address)
    if as_json:
        echo_json(data)
        return
    click.echo(f"address       {address.lower()}")
    click.echo(f"total_points  {data['total_points']}")
    click.echo(f"is_eligible   {'true' if data['is_eligible'] else 'false'}")
    click.echo(f"multiplier    {data['multiplier']}")
    for action, value in sorted(data["breakdown"].items()):
        click.echo(f"  {action:<32}{value:>8}")


@points.command("import-scores")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_obj
@sql_command(prefix="file")
def points_import_scores(obj: Context, file: Path, as_json: bool) -> None:
    """Load FILE, a JSON array of score events, in one transaction (a malformed event loads nothing)."""
    with connect(obj.dsn, autocommit=True) as conn, open(file, "rb") as stream, \
            Progress(f"import-scores {file.name}") as progress:
        progress.stage("the events are copied, checked and scored")
        count = human_points.import_scores(conn, stream)
    if as_json:
        echo_json({"imported": count})
    else:
        click.echo(f"imported {plural(count, 'score event')}")


@points.command("populate-multipliers")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Addresses, one per line, or a CSV with an 'address' column.")
@click.option("--returning-before", "returning_before", metavar="TIMESTAMP",
              help="Every address with a passing score before this time (e.g. 2025-07-15T00:00:00Z).")
@json_option
@click.pass_obj
@sql_command(prefix="file")
def points_populate_multipliers(obj: Context, file: Path | None, returning_before: str | None, as_json: bool) -> None:
    """Give multiplier 2 to addresses that have none (existing rows untouched); print how many were added."""
    if (file is None) == (returning_before is None):
        raise click.UsageError("give exactly one of --file PATH or --returning-before TIMESTAMP")
    with connect(obj.dsn, autocommit=True) as conn:
        if file is not None:
            with open(file, "rb") as stream:
                addresses = human_points.read_address_file(stream)
            added = human_points.populate_multipliers(conn, addresses=addresses)
        else:
            added = human_points.populate_multipliers(conn, returning_before=returning_before)
    if as_json:
        echo_json({"added": added})
    else:
        click.echo(f"added {plural(added, 'multiplier')}")


@points.group("communities")
def points_communities() -> None:
    """Passport scorer communities: add one, list them, switch one into or out of the program."""


COMMUNITY_ID = click.argument("community_id", metavar="ID", type=int)


def _community_line(row: dict) -> str:
    return f"community {row['id']} {row['name']!r}: {'in' if row['human_points_program'] else 'not in'} the program"


@points_communities.command("add")
@COMMUNITY_ID
@click.argument("name")
@click.option("--program/--no-program", default=False, show_default=True,
              help="Whether its scores take part in the program (only later scores are affected).")
@json_option
@click.pass_obj
@sql_command(aliases={"id": "community_id"})
def communities_add(obj: Context, community_id: int, name: str, program: bool, as_json: bool) -> None:
    """Add community ID named NAME, or rename it and set its program membership if it exists."""
    with connect(obj.dsn, autocommit=True) as conn:
        row = human_points.upsert_community(conn, community_id, name, program)
    if as_json:
        echo_json(row)
    else:
        click.echo(_community_line(row))


@points_communities.command("list")
@json_option
@click.pass_obj
@sql_command()
def communities_list(obj: Context, as_json: bool) -> None:
    """List the communities: id, name, whether in the program, when added."""
    with connect(obj.dsn, autocommit=True) as conn:
        rows = human_points.list_communities(conn)
    if as_json:
        echo_json(rows)
        return
    click.echo(table(("id", "name", "program", "created_at"),
                     [(r["id"], r["name"], "yes" if r["human_points_program"] else "no", r["created_at"])
                      for r in rows], count=True))


@points_communities.command("set-program")
@COMMUNITY_ID
@click.argument("state", type=click.Choice(["on", "off"]), metavar="on|off")
@click.option("--count-since", "count_since", metavar="TIME",
              help="Switching on: also count its stored scores scored since TIME (e.g. 2025-01-01T00:00:00Z) "
                   "as if they arrived now; running it again counts nothing twice.")
@json_option
@click.pass_obj
@sql_command()
def communities_set_program(obj: Context, community_id: int, state: str, count_since: str | None,
                            as_json: bool) -> None:
    """Switch community ID into (on) or out of (off) the program; without --count-since only later scores count."""
    if count_since is not None and state == "off":
        raise click.UsageError("--count-since counts past scores of a community switched on, not off")
    with connect(obj.dsn, autocommit=True) as conn:
        row = human_points.set_program(conn, community_id, state == "on", count_since)
    if as_json:
        echo_json(row)
        return
    click.echo(_community_line(row))
    if "counted" in row:
        counted = row["counted"]
        click.echo(f"counted {plural(counted['scores'], 'past score event')} since {count_since}: "
                   f"{plural(counted['qualified'], 'new qualification')}")
