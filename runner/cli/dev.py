"""`runner dev start | stop | status`: one persistent embedded PostgreSQL for development (runner.embedded).

Output is shell: a `#` comment line, then `export DATABASE_URL=…`, so `eval "$(runner dev start)"` works.
"""

from __future__ import annotations

import functools
import shlex
import sys
from pathlib import Path

import click

from runner import embedded
from runner.cli.common import echo_json, fail, json_option


def _embedded_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except embedded.EmbeddedError as exc:
            fail(str(exc))

    return wrapper


def _export(uri: str) -> None:
    click.echo(f"export DATABASE_URL={shlex.quote(uri)}")


@click.group()
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="RUNNER_DEV_DATA_DIR",
              default=embedded.dev_data_dir, show_default="the user's data directory/pg-rewards/postgres",
              help="Where the server keeps its data (env RUNNER_DEV_DATA_DIR).")
@click.pass_context
def dev(ctx: click.Context, data_dir: Path) -> None:
    """A persistent embedded PostgreSQL 18 for development; every other command uses it once DATABASE_URL is exported."""
    ctx.obj = data_dir.expanduser().resolve()


@dev.command()
@json_option
@click.pass_obj
@_embedded_errors
def start(data_dir: Path, as_json: bool) -> None:
    """Start the server (initialised on first use) unless it runs; print the DATABASE_URL to export."""
    uri = embedded.dev_start(data_dir)
    if as_json:
        echo_json({"running": True, "database_url": uri, "data_dir": str(data_dir)})
        return
    click.echo(f"# embedded PostgreSQL {embedded.version()} running, data in {data_dir}; stop it with `runner dev stop`")
    _export(uri)


@dev.command()
@json_option
@click.pass_obj
def status(data_dir: Path, as_json: bool) -> None:
    """Print the DATABASE_URL of the running server (exit 0), or say it is stopped (exit 3, as pg_ctl status)."""
    uri = embedded.dev_status(data_dir)
    if as_json:
        echo_json({"running": uri is not None, "database_url": uri, "data_dir": str(data_dir)})
        sys.exit(0 if uri else 3)
    if uri is None:
        click.echo(f"# not running (data in {data_dir}); start it with `runner dev start`")
        sys.exit(3)
    click.echo(f"# running, data in {data_dir}")
    _export(uri)


@dev.command()
@json_option
@click.pass_obj
@_embedded_errors
def stop(data_dir: Path, as_json: bool) -> None:
    """Stop the server (its data stays for the next `runner dev start`)."""
    stopped = embedded.dev_stop(data_dir)
    if as_json:
        echo_json({"stopped": stopped, "data_dir": str(data_dir)})
        return
    click.echo(f"# {'stopped' if stopped else 'not running'} (data in {data_dir})")
