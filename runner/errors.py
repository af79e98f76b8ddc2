"""One voice for every error: a failed rule becomes one line naming the field, the rule and the fix.

The database says what failed: a message of its own functions (``<field> <rule> (got <value>)``, with the
field's column in the error's COLUMN and a fix in its HINT), or a constraint, whose rule is the constraint's
comment (``core.constraint_rule``). :func:`explain` turns either into a :class:`Failure`; the CLI and the
GraphQL server print :meth:`Failure.line` with their own names for fields (``--discount-percent``,
``discountPercent``). Row contents, DETAIL and CONTEXT lines never reach the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from runner.db import ConnectError

SCHEMAS = ("gitpoap", "tiers", "human_points", "reporting", "core")
MIGRATE_FIX = "run `runner migrate`"
# A schema, table or function of ours that does not exist: the database is not (fully) migrated.
_MISSING = {"3F000", "42P01", "42883"}

RuleLookup = Callable[[str, str, str], "tuple[list[str], str | None] | None"]


@dataclass(frozen=True)
class Failure:
    """What failed: ``field`` as the database names it (``tiers.tier.discount_percent``, ``records[2].mergedAt``;
    None when the error is about no field), ``column`` its short name (matched against option and argument names),
    ``rule`` what it must be (``must be between 0 and 100 (got 150)``), ``fix`` when the rule does not say it,
    ``sqlstate`` the error's code."""

    field: str | None
    column: str | None
    rule: str
    fix: str | None = None
    sqlstate: str | None = None
    separator: str = " "

    def line(self, name: Callable[[str], str | None] = lambda _column: None, value: object = None) -> str:
        """One line: the field (``name(column)`` when the caller has its own name for it), the rule, the value
        given when the rule does not show it, the fix."""
        subject = (name(self.column) if self.column else None) or self.field
        text = f"{subject}{self.separator}{self.rule}" if subject else self.rule
        shown = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else value
        if shown is not None and "(got " not in self.rule and str(shown) not in self.rule:
            text += f" (got {shown!r})" if isinstance(value, str) else f" (got {shown})"
        return text + (f"; {self.fix}" if self.fix else "")


def explain(exc: BaseException, rule_of: RuleLookup | None = None) -> Failure:
    """The :class:`Failure` behind ``exc``.

    Args:
        exc: a ``psycopg.Error`` (any other exception: its first line), or :class:`runner.db.ConnectError`.
        rule_of: ``(schema, table, constraint) -> (columns, rule)`` or None, e.g. :func:`constraint_rule`
            bound to a connection; without it a constraint's rule is its name.
    """
    if not isinstance(exc, psycopg.Error):
        return Failure(None, None, _first_line(str(exc)) or type(exc).__name__)
    diag = exc.diag
    # A note says where it happened, e.g. "while applying db/functions/tiers/x.sql" (runner.migrate).
    message = _first_line(diag.message_primary or str(exc)) + "".join(f" ({note})" for note in getattr(exc, "__notes__", ()))
    state = exc.sqlstate
    if state in _MISSING and any(f"{schema}." in message or f'"{schema}"' in message for schema in SCHEMAS):
        return Failure(None, None, f"the database is not migrated to this version of runner ({message})",
                       MIGRATE_FIX, state)
    token, _, rest = message.partition(" ")
    if rest and ("." in token or "[" in token or token.rstrip(":") == diag.column_name):  # ours: "<field> <rule>"
        separator = ": " if token.endswith(":") else " "
        return Failure(token.rstrip(":"), diag.column_name, rest, diag.message_hint, state, separator)
    if state == "23502" and diag.column_name:  # PostgreSQL's NOT NULL
        return Failure(f"{diag.schema_name}.{diag.table_name}.{diag.column_name}", diag.column_name, "is required",
                       None, state)
    if diag.constraint_name and diag.table_name and rule_of is not None:
        found = rule_of(diag.schema_name, diag.table_name, diag.constraint_name)
        if found and found[1]:
            columns, rule = found
            if len(columns) == 1:
                return Failure(f"{diag.schema_name}.{diag.table_name}.{columns[0]}", columns[0], rule, None, state)
            return Failure(f"{diag.schema_name}.{diag.table_name} ({', '.join(columns)})", None, rule, None, state)
    return Failure(None, None, message, diag.message_hint, state)


def constraint_rule(conn: psycopg.Connection) -> RuleLookup:
    """A ``rule_of`` for :func:`explain` that asks the database: ``select * from core.constraint_rule(…)``.

    Args:
        conn: an open autocommit connection (any project role).
    """

    def lookup(schema: str, table: str, constraint: str) -> tuple[list[str], str | None] | None:
        try:
            row = conn.execute("select * from core.constraint_rule(%s::text, %s::text, %s::text)",
                               (schema, table, constraint)).fetchone()
        except psycopg.Error:
            return None
        return (list(row[0]), row[1]) if row else None

    return lookup


def connect_failure(exc: ConnectError) -> Failure:
    """No server answered: the message names host, port and database."""
    return Failure(None, None, str(exc), "check --dsn, $DATABASE_URL or PGHOST/PGPORT, and that the server runs")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else ""
