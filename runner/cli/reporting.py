"""`runner report`, `runner status`, `runner docs`: reading across domains."""

from __future__ import annotations

from pathlib import Path

import click

from runner import errors, migrate as migrations, reporting
from runner.cli.common import Context, echo_json, fail, json_option, sql_command
from runner.db import connect
from runner.output import FORMATS, render, table


@click.command()
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows (the first in the view's order).")
@click.option("--where", help="SQL condition over the view's columns, e.g. \"year = 2019\" (runs read-only).")
@click.pass_obj
@sql_command()
def report(obj: Context, name: str | None, fmt: str, as_json: bool, limit: int | None, where: str | None) -> None:
    """Print a reporting view, sorted by its key columns; without NAME, list the views and what they answer."""
    fmt = "json" if as_json else fmt
    with connect(obj.dsn, autocommit=True) as conn:
        if not name:
            views = reporting.list_reports(conn)
            click.echo(render(("view", "what"), views, fmt) if fmt != "table" else table(("view", "what"), views))
            return
        try:
            columns, rows = reporting.fetch_report(conn, name, where, limit)
        except reporting.UnknownReport as exc:
            fail(str(exc))
        except reporting.BadCondition as exc:
            fail(f"--where must be {exc} (got {where!r}): {errors.explain(exc.__cause__).line()}")
    click.echo(render(columns, rows, fmt))


@click.command()
@json_option
@click.pass_obj
@sql_command()
def status(obj: Context, as_json: bool) -> None:
    """Migration version, row counts per domain, settings, repos and newest activity."""
    states = migrations.status(obj.dsn)
    applied = [s.id for s in states if s.applied]
    with connect(obj.dsn, autocommit=True) as conn:
        domains = reporting.activity(conn)
    state = {"migration": applied[-1] if applied else None,
             "pending_migrations": [s.id for s in states if not s.applied], **domains}
    if as_json:
        echo_json(state)
        return
    gitpoap, tiers, points = domains["gitpoap"], domains["tiers"], domains["human_points"]
    settings = points["settings"]
    click.echo(f"migration      {state['migration']} ({len(applied)} applied, "
               f"{len(state['pending_migrations'])} pending)")
    for domain in ("gitpoap", "tiers", "human_points"):
        counts = ", ".join(f"{k} {v}" for k, v in domains[domain]["counts"].items())
        click.echo(f"{domain:<14} {counts}")
    click.echo(f"points switch  write_enabled={'true' if settings['write_enabled'] else 'false'}, "
               f"pass_threshold={settings['pass_threshold']}, bonus_communities={settings['bonus_communities']}")
    for repo in gitpoap["repos"]:
        loaded = f"backloaded {repo['backloaded_at']}" if repo["backloaded_at"] else "not backloaded"
        click.echo(f"repo           {repo['name']}: {loaded}")
    if gitpoap["never_loaded"]:
        click.echo(f"never loaded   {', '.join(gitpoap['never_loaded'])} (runner import-prs FILE --repo OWNER/NAME "
                   "loads a history)")
    click.echo(f"newest claim   {gitpoap['newest_claim_at'] or '-'}")
    click.echo(f"newest point   {points['newest_point_at'] or '-'}")
    click.echo(f"newest change  {tiers['newest_tier_change_at'] or '-'}")


def _output_folder(_ctx, param, value: Path) -> Path:
    if not value.parent.is_dir():
        raise click.BadParameter(f"folder {str(value.parent)!r} does not exist (create it, or pick another path)",
                                 param=param)
    return value


@click.command()
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/sql-api.md"),
              show_default=True, callback=_output_folder, help="Where to write the reference (its folder must exist).")
@json_option
@click.pass_obj
@sql_command()
def docs(obj: Context, output: Path, as_json: bool) -> None:
    """Write the SQL API reference from the catalog of a migrated database."""
    with connect(obj.dsn, autocommit=True) as conn:
        text = reporting.sql_api_markdown(conn)
    output.write_text(text)
    lines = len(text.splitlines())
    if as_json:
        echo_json({"output": str(output), "lines": lines})
    else:
        click.echo(f"wrote {output} ({lines} lines)")
