"""What every `runner` command shares: the connection string it was given and one-line errors."""

from __future__ import annotations

import functools
import sys

import click
import psycopg
import psycopg.conninfo

from runner.db import ConnectError, resolve_dsn
from runner.migrate import NoMigrationFiles
from runner.upgrade import MigrateError


class Context:
    """What every command receives: the resolved connection string."""

    def __init__(self, dsn: str | None):
        self.dsn = resolve_dsn(dsn)


def fail(message: str, code: int = 1) -> None:
    """Print ``runner: <message>`` on stderr and exit with ``code``."""
    click.echo(f"runner: {message}", err=True)
    sys.exit(code)


def database_errors(command):
    """Turn connection failures (exit 2), database errors and a runner without its SQL (exit 1) into one clear line."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ConnectError as exc:
            fail(str(exc), 2)
        except (NoMigrationFiles, MigrateError) as exc:
            fail(str(exc))
        except psycopg.Error as exc:
            diag = exc.diag
            detail = f" ({diag.message_detail})" if diag.message_detail else ""
            notes = "".join(f"; {note}" for note in getattr(exc, "__notes__", []))
            fail(f"{diag.message_primary or str(exc).strip()}{detail}{notes}")

    return wrapper
