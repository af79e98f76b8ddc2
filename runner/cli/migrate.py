"""`runner migrate`: versioned migrations (yoyo), then every function and trigger file."""

from __future__ import annotations

import click

from runner import migrate as migrations
from runner.cli.common import Context, echo_json, json_option, sql_command
from runner.output import plural


@click.command()
@click.option("--status", "show_status", is_flag=True, help="List migrations and whether each is applied.")
@click.option("--rollback", "rollback_steps", type=click.IntRange(min=1), help="Roll back the last N migrations.")
@json_option
@click.pass_obj
@sql_command()
def migrate(obj: Context, show_status: bool, rollback_steps: int | None, as_json: bool) -> None:
    """Apply versioned migrations, then re-apply every function and trigger file."""
    if show_status:
        states = migrations.status(obj.dsn)
        if as_json:
            echo_json([{"migration": s.id, "applied": s.applied} for s in states])
            return
        for state in states:
            click.echo(f"{'applied' if state.applied else 'pending'}  {state.id}")
        return
    if rollback_steps:
        done = migrations.rollback(obj.dsn, rollback_steps)
        if as_json:
            echo_json({"rolled_back": done})
            return
        for migration_id in done:
            click.echo(f"rolled back {migration_id}")
        click.echo(f"{plural(len(done), 'migration')} rolled back")
        return
    applied, repeatables = migrations.migrate(obj.dsn)
    if as_json:
        echo_json({"applied": applied, "repeatable_files": repeatables})
        return
    for migration_id in applied:
        click.echo(f"applied {migration_id}")
    click.echo(f"{plural(len(applied), 'migration')} applied, "
               f"{plural(repeatables, 'function/trigger file')} re-applied")
