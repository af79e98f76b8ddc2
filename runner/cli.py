"""The `runner` command line: migrate, import, backfill, demo and the domain sub-commands."""

from __future__ import annotations

import functools
import sys

import click
import psycopg

from runner import migrate as migrations
from runner.db import ConnectError, resolve_dsn


class Context:
    """What every command receives: the resolved connection string."""

    def __init__(self, dsn: str | None):
        self.dsn = resolve_dsn(dsn)


def fail(message: str, code: int = 1) -> None:
    """Print ``runner: <message>`` on stderr and exit with ``code``."""
    click.echo(f"runner: {message}", err=True)
    sys.exit(code)


def database_errors(command):
    """Turn connection failures (exit 2) and database errors (exit 1) into one clear line."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ConnectError as exc:
            fail(str(exc), 2)
        except psycopg.Error as exc:
            diag = exc.diag
            detail = f" ({diag.message_detail})" if diag.message_detail else ""
            notes = "".join(f"; {note}" for note in getattr(exc, "__notes__", []))
            fail(f"{diag.message_primary or str(exc).strip()}{detail}{notes}")

    return wrapper


@click.group()
@click.option(
    "--dsn",
    envvar="DATABASE_URL",
    help="libpq connection string or URI; default $DATABASE_URL, else libpq's defaults (PGHOST, PGDATABASE, …).",
)
@click.pass_context
def main(ctx: click.Context, dsn: str | None) -> None:
    """pg-rewards: a rewards engine that lives in PostgreSQL."""
    ctx.obj = Context(dsn)


@main.command()
@click.option("--status", "show_status", is_flag=True, help="List migrations and whether each is applied.")
@click.option("--rollback", "rollback_steps", type=click.IntRange(min=1), help="Roll back the last N migrations.")
@click.pass_obj
@database_errors
def migrate(obj: Context, show_status: bool, rollback_steps: int | None) -> None:
    """Apply versioned migrations, then re-apply every function and trigger file."""
    if show_status:
        for state in migrations.status(obj.dsn):
            click.echo(f"{'applied' if state.applied else 'pending'}  {state.id}")
        return
    if rollback_steps:
        done = migrations.rollback(obj.dsn, rollback_steps)
        for migration_id in done:
            click.echo(f"rolled back {migration_id}")
        click.echo(f"{len(done)} migration(s) rolled back")
        return
    applied, repeatables = migrations.migrate(obj.dsn)
    for migration_id in applied:
        click.echo(f"applied {migration_id}")
    click.echo(f"{len(applied)} migration(s) applied, {repeatables} function/trigger file(s) re-applied")
