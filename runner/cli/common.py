"""What every `runner` command shares: the connection string, argument types, errors as one line, progress."""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
import time
from decimal import Decimal

import click
import psycopg

from runner import errors
from runner.db import ConnectError, connect, resolve_dsn
from runner.files import ImportFileError
from runner.migrate import NoMigrationFiles
from runner.upgrade import MigrateError
from runner.output import parse_decimal, to_json


class Context:
    """What every command receives: the resolved connection string."""

    def __init__(self, dsn: str | None):
        self.dsn = resolve_dsn(dsn)


def fail(message: str, code: int = 1) -> None:
    """Print ``runner: <message>`` on stderr and exit with ``code``."""
    click.echo(f"runner: {message}", err=True)
    sys.exit(code)


def echo_json(value) -> None:
    """Print ``value`` as indented JSON (decimals as numbers unless already strings)."""
    click.echo(to_json(value))


def _option_names(ctx: click.Context, aliases: dict[str, str]):
    """``name(column)`` → how this command calls that field (``--discount-percent``, ``TIER``), or None."""
    params = {p.name: p for p in ctx.command.params}

    def name(column: str) -> str | None:
        param = params.get(aliases.get(column, column))
        if param is None:
            return None
        if isinstance(param, click.Option):
            return max(param.opts, key=len)
        return param.human_readable_name

    return name


def _rule_lookup(dsn: str):
    def lookup(schema: str, table: str, constraint: str):
        try:
            with connect(dsn, autocommit=True, connect_timeout=3) as conn:
                return errors.constraint_rule(conn)(schema, table, constraint)
        except ConnectError:
            return None

    return lookup


def sql_command(aliases: dict[str, str] | None = None, prefix: str | None = None):
    """Decorate a command that talks to the database: every failure becomes one line on stderr — the field as the
    command names it (an option, or ``aliases[column]``: the parameter that feeds that column), the rule, the
    value given, the fix — exit 1; no server: exit 2.

    Args:
        aliases: ``{column: parameter name}`` where a column's option has another name (``threshold`` → ``levels``).
        prefix: the name of the parameter holding an input file: its path starts the lines of errors in the file
            (a file that is no such file, or a record of it: ``records[3].mergedAt …``).
    """
    aliases = aliases or {}

    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, **kwargs):
            ctx = click.get_current_context()
            where = f"{ctx.params[prefix]}: " if prefix and ctx.params.get(prefix) is not None else ""
            try:
                return command(*args, **kwargs)
            except ConnectError as exc:
                fail(errors.connect_failure(exc).line(), 2)
            except (NoMigrationFiles, MigrateError) as exc:
                fail(str(exc))
            except (ImportFileError, UnicodeDecodeError, OSError) as exc:
                fail(f"{where}{exc}; nothing was loaded")
            except psycopg.Error as exc:
                failure = errors.explain(exc, _rule_lookup(ctx.obj.dsn))
                name = _option_names(ctx, aliases)
                option = name(failure.column) if failure.column else None
                value = ctx.params.get(aliases.get(failure.column, failure.column)) if option else None
                line = failure.line(name, value if isinstance(value, (str, int, Decimal, list, tuple)) else None)
                in_file = where and "[" in (failure.field or "")  # records[3].mergedAt, events[0], addresses[2]
                fail(f"{where}{line}; nothing was loaded" if in_file else line)

        return wrapper

    return decorate


class Number(click.ParamType):
    """A finite decimal number, negative ones included (``-5``, ``7500.5``)."""

    name = "number"

    def convert(self, value, param, ctx):
        try:
            return parse_decimal(value, "")
        except ValueError:
            self.fail(f"{value!r} is not a number", param, ctx)


class JsonObject(click.ParamType):
    """A JSON object given as text, e.g. ``'{"perk": "lounge"}'``."""

    name = "json-object"

    def convert(self, value, param, ctx):
        if isinstance(value, dict):
            return value
        try:
            parsed = json.loads(value)
        except ValueError as exc:
            self.fail(f"{value!r} is not JSON ({exc})", param, ctx)
        if not isinstance(parsed, dict):
            self.fail(f"{value!r} is not a JSON object", param, ctx)
        return parsed


NUMBER = Number()
JSON_OBJECT = JsonObject()
json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
# A number argument may be negative: "-5" is then an argument, not an unknown option.
NUMBER_ARGUMENTS = {"ignore_unknown_options": True}


def progress_seconds() -> float:
    """Seconds between progress lines when not on a terminal: ``$RUNNER_PROGRESS_SECONDS``, default 5."""
    return float(os.environ.get("RUNNER_PROGRESS_SECONDS", "5"))


class Progress:
    """Long work reports progress: on a terminal a click progress bar (when its length is known), elsewhere one
    line every few seconds on stderr (``<label>: <what is done> (<seconds> s)``).

    Use as a context manager; :meth:`update` with the position (and a note of what is done), :meth:`stage` when
    the work moves to a part of unknown length (e.g. the database's insert after a COPY).
    """

    def __init__(self, label: str, length: int | None = None):
        self.label = label
        self.length = length
        self.note = "starting"
        self.started = time.monotonic()
        self.terminal = sys.stderr.isatty()
        self._bar = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.terminal and self.length:
            self._bar = click.progressbar(length=self.length, label=self.label, file=sys.stderr)
            self._bar.__enter__()
        else:
            self._start_ticker()
        return self

    def update(self, position: int, note: str | None = None) -> None:
        """The work is at ``position`` (of ``length``); ``note`` says what is done, e.g. ``20,000 records copied``."""
        if note:
            self.note = note
        if self._bar is not None:
            self._bar.update(position - self._bar.pos)

    def stage(self, note: str) -> None:
        """The work goes on without a measure (``note``: what it does now); lines every few seconds from here."""
        self.note = note
        if self._bar is not None:
            self._bar.update(self.length - self._bar.pos)
            self._bar.__exit__(None, None, None)
            self._bar = None
        self._start_ticker()

    def _start_ticker(self) -> None:
        if self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="runner-progress", daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        interval = progress_seconds()
        while not self._stop.wait(interval):
            click.echo(f"{self.label}: {self.note} ({time.monotonic() - self.started:.0f} s)", err=True)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self._bar is not None:
            self._bar.__exit__(*exc)
