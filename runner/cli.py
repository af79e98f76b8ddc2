"""The `runner` command line: migrate, import, backfill, demo and the domain sub-commands."""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click
import psycopg
import psycopg.conninfo

from runner import migrate as migrations
from runner import points as human_points
from runner import tiers as tier_api
from runner.db import ConnectError, connect, resolve_dsn
from runner.docs import sql_api_markdown
from runner.report import UnknownReport, fetch_report, list_reports, render
from runner.demo import DEMO_LEVELS, YearsSeen, generated_history, throwaway_database
from runner.importers import ImportFileError, ImportResult, backfill_claims, import_pull_requests, read_pull_requests

PROGRESS_MIN_BYTES = 1 << 20


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


# --- gitpoap -------------------------------------------------------------------------------------------


def _print_import(result: ImportResult, claims_issued: int) -> None:
    for label, value in (
        ("records read", result.records),
        ("PRs inserted", result.inserted),
        ("duplicates in file", result.duplicates),
        ("already stored", result.already_stored),
        ("bot PRs", result.bot_prs),
        ("claims issued", claims_issued),
    ):
        click.echo(f"{label:<20}{value:>10}")


def _with_progress(records, stream, size: int, label: str):
    """Show a progress bar (by bytes read) on a terminal when the file is large."""
    if size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield from records
        return
    with click.progressbar(length=size, label=label, file=sys.stderr) as bar:
        for n, record in enumerate(records, start=1):
            if n % 5000 == 0:
                bar.update(stream.tell() - bar.pos)
            yield record
        bar.update(size - bar.pos)


def _run_backfill(conn, project_id=None, gitpoap_id=None, batch_size=10_000) -> int:
    chunks = backfill_claims(conn, project_id, gitpoap_id, batch_size)
    issued = 0
    show = sys.stderr.isatty()
    with click.progressbar(
        chunks,
        label="Backfilling claims",
        file=sys.stderr if show else io.StringIO(),
        item_show_func=lambda c: c and f"{c.merged_prs} PRs recounted, {c.claims_issued} claims",
    ) as bar:
        for chunk in bar:
            issued += chunk.claims_issued
    return issued


@main.command("import-prs")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repo", required=True, help="Repository as owner/name.")
@click.option("--project", help="Project name (default: named like the repo, created if missing).")
@click.option("--defer-claims", is_flag=True, help="Load with counting off, then run the backfill (fast for history).")
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="With --defer-claims: counter keys per backfill transaction.")
@click.pass_obj
@database_errors
def import_prs(obj: Context, file: Path, repo: str, project: str | None, defer_claims: bool, batch_size: int) -> None:
    """Import merged pull requests from FILE (gh pr list --json … output, or CSV) in one transaction."""
    with connect(obj.dsn, autocommit=True) as conn, open(file, "rb") as stream:
        records = _with_progress(read_pull_requests(stream), stream, file.stat().st_size, f"Loading {file.name}")
        try:
            result = import_pull_requests(conn, records, repo, project, defer_claims)
        except ImportFileError as exc:
            fail(f"{file}: {exc}; nothing was loaded")
        claims = result.claims_issued
        if defer_claims:
            claims = _run_backfill(conn, project_id=result.project_id, batch_size=batch_size)
    _print_import(result, claims)


@main.command("backfill-claims")
@click.option("--gitpoap", "gitpoap_id", type=click.IntRange(min=1), help="Only this GitPOAP (id).")
@click.option("--project", help="Only this project (name).")
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Counter keys (project, year, contributor) per transaction.")
@click.pass_obj
@database_errors
def backfill_claims_command(obj: Context, gitpoap_id: int | None, project: str | None, batch_size: int) -> None:
    """Recount contributions from pull_request and issue every missing claim, in committed chunks."""
    if gitpoap_id and project:
        raise click.UsageError("give --gitpoap or --project, not both")
    with connect(obj.dsn, autocommit=True) as conn:
        project_id = None
        if project:
            project_id = conn.execute("SELECT gitpoap.project_id(%s::text)", (project,)).fetchone()[0]
        issued = _run_backfill(conn, project_id, gitpoap_id, batch_size)
    click.echo(f"claims issued: {issued}")


@main.group()
def gitpoaps() -> None:
    """Tiered GitPOAPs: add levels for a project and year, list them."""


def _levels(_ctx, _param, value: str) -> list[int]:
    try:
        return [int(part) for part in value.split(",")]
    except ValueError:
        raise click.BadParameter(f"want comma-separated whole numbers such as 1,5,20, got {value!r}") from None


@gitpoaps.command("add")
@click.option("--project", required=True, help="Project name.")
@click.option("--year", required=True, type=int, help="UTC calendar year whose merged PRs count.")
@click.option("--levels", required=True, callback=_levels, help="Thresholds of levels 1, 2, …: e.g. 1,5,20.")
@click.pass_obj
@database_errors
def gitpoaps_add(obj: Context, project: str, year: int, levels: list[int]) -> None:
    """Create one GitPOAP per level and print the claims each issued."""
    with connect(obj.dsn) as conn:
        rows = conn.execute(
            "SELECT * FROM gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])", (project, year, levels)
        ).fetchall()
    for gitpoap_id, level, threshold, claims in rows:
        click.echo(f"gitpoap {gitpoap_id}: {project} {year} level {level} (threshold {threshold}): {claims} claims issued")


@gitpoaps.command("list")
@click.option("--project", help="Only this project.")
@click.pass_obj
@database_errors
def gitpoaps_list(obj: Context, project: str | None) -> None:
    """List GitPOAPs with their thresholds and claim counts."""
    with connect(obj.dsn) as conn:
        rows = conn.execute("SELECT * FROM gitpoap.list_gitpoaps(%s::text)", (project,)).fetchall()
    click.echo(f"{'id':>6}  {'project':<24} {'year':>4} {'level':>5} {'threshold':>9} {'status':<22} {'enabled':<7} {'claims':>7}")
    for gid, name, year, level, threshold, status, enabled, claims in rows:
        click.echo(f"{gid:>6}  {name:<24} {year:>4} {level:>5} {threshold:>9} {status:<22} {'yes' if enabled else 'no':<7} {claims:>7}")


# --- demo ----------------------------------------------------------------------------------------------


@main.command()
@click.option("--prs", "prs_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A gh pr list --json … export to load instead of the generated history.")
@click.option("--repo", default="acme/rocket", show_default=True, help="Repository name to load the PRs under.")
@click.option("--keep", is_flag=True, help="Keep the demo database (its name is printed).")
@click.pass_obj
@database_errors
def demo(obj: Context, prs_file: Path | None, repo: str, keep: bool) -> None:
    """Migrate a throwaway database, load PRs, add 3-level GitPOAPs per year, print claims and top contributors."""
    with throwaway_database(obj.dsn, keep) as dsn:
        click.echo(f"database: {psycopg.conninfo.conninfo_to_dict(dsn)['dbname']}{' (kept)' if keep else ''}")
        applied, _ = migrations.migrate(dsn)
        click.echo(f"migrated: {len(applied)} migrations")
        with connect(dsn, autocommit=True) as conn:
            if prs_file:
                with open(prs_file, "rb") as stream:
                    records = YearsSeen(read_pull_requests(stream))
                    result = import_pull_requests(conn, records, repo)
            else:
                records = YearsSeen(generated_history())
                result = import_pull_requests(conn, records, repo)
            click.echo(f"imported {result.inserted} PRs into {repo} ({result.bot_prs} by bots, "
                       f"{result.duplicates} duplicates)")
            for year in sorted(records.years):
                conn.execute("SELECT * FROM gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])",
                             (repo, year, DEMO_LEVELS))
            click.echo(f"\nclaims per year and level (thresholds {', '.join(map(str, DEMO_LEVELS))} merged PRs):")
            click.echo(f"{'year':>6} {'level':>6} {'threshold':>10} {'claims':>7}")
            for _gid, _name, year, level, threshold, _status, _enabled, claims in conn.execute(
                "SELECT * FROM gitpoap.list_gitpoaps(%s::text)", (repo,)
            ):
                click.echo(f"{year:>6} {level:>6} {threshold:>10} {claims:>7}")
            click.echo("\ntop contributors:")
            click.echo(f"{'login':<20} {'merged PRs':>10} {'claims':>7} {'best level':>10}")
            for login, merged, claims, level in conn.execute(
                "SELECT * FROM gitpoap.top_contributors(%s::text, 10)", (repo,)
            ):
                click.echo(f"{login:<20} {merged:>10} {claims:>7} {level or '-':>10}")
            click.echo("\nhuman points (a short run: three addresses, three program communities):")
            for address, total in human_points.demo_points(conn):
                click.echo(f"{address}  {total:>6} points")


# --- docs ----------------------------------------------------------------------------------------------


@main.command()
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/sql-api.md"),
              show_default=True, help="Where to write the reference.")
@click.pass_obj
@database_errors
def docs(obj: Context, output: Path) -> None:
    """Write the SQL API reference from the catalog of a migrated database."""
    with connect(obj.dsn) as conn:
        text = sql_api_markdown(conn)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    click.echo(f"wrote {output} ({len(text.splitlines())} lines)")


# --- reporting -----------------------------------------------------------------------------------------


@main.command()
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows.")
@click.option("--where", help="SQL condition over the view's columns, e.g. \"year = 2019\" (runs read-only).")
@click.pass_obj
@database_errors
def report(obj: Context, name: str | None, fmt: str, limit: int | None, where: str | None) -> None:
    """Print a reporting view; without NAME, list the views and what they answer."""
    with connect(obj.dsn, autocommit=True) as conn:
        if not name:
            for view, comment in list_reports(conn):
                click.echo(f"{view:<28} {comment}")
            return
        try:
            columns, rows = fetch_report(conn, name, where, limit)
        except UnknownReport as exc:
            fail(str(exc))
    click.echo(render(columns, rows, fmt))


# --- human points (runner/points.py; the rules live in the human_points schema) -------------------------



@main.group()
def points() -> None:
    """Human Points Program: kill switch, status, an address's points, score imports, multipliers."""


def _points_call(obj: Context, function, *args, **kwargs):
    """Run one runner.points function on an autocommit connection; file errors become one line, exit 1."""
    conn = connect(obj.dsn, autocommit=True)
    try:
        return function(conn, *args, **kwargs)
    except (human_points.ImportFileError, OSError) as exc:
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


# --- token tiers: `runner tiers …` and `runner serve` (GraphQL); everything goes through the tiers SQL API ---


class _DecimalType(click.ParamType):
    name = "number"

    def convert(self, value, param, ctx):
        if isinstance(value, Decimal):
            return value
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


class _JsonObjectType(click.ParamType):
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


_NUMBER = _DecimalType()
_JSON_OBJECT = _JsonObjectType()


def _echo_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _tier_table(rows: list[tier_api.Tier]) -> None:
    header = ("id", "key", "name", "minimum", "discount %", "badge", "color", "order", "active")
    lines = [header] + [
        (str(t.id), t.tier_key, t.name, tier_api.plain(t.minimum_balance), tier_api.plain(t.discount_percent),
         t.badge_name or "", t.badge_color or "", str(t.display_order), "yes" if t.is_active else "no")
        for t in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())


def _tier_detail(tier: tier_api.Tier, as_json: bool) -> None:
    if as_json:
        _echo_json(tier.as_dict())
        return
    for key, value in tier.as_dict().items():
        if key in ("created_at", "updated_at"):
            continue
        if key == "metadata":
            value = json.dumps(value)
        click.echo(f"{key}: {'' if value is None else value}")


_json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


@main.group("tiers")
def tiers_group() -> None:
    """Token tiers: list, look up and manage tiers (SQL API of schema tiers)."""


@tiers_group.command("list")
@click.option("--sort", "sort_by", type=click.Choice(tier_api.SORTS), default="order", show_default=True,
              help="order: display order; balance: minimum balance, highest first; discount: highest first.")
@click.option("--include-inactive", is_flag=True, help="Also list soft-deleted tiers.")
@_json_option
@click.pass_obj
@database_errors
def tiers_list(obj: Context, sort_by: str, include_inactive: bool, as_json: bool) -> None:
    """List tiers."""
    with connect(obj.dsn, autocommit=True) as conn:
        rows = tier_api.list_tiers(conn, sort_by, include_inactive)
    if as_json:
        _echo_json([t.as_dict() for t in rows])
    else:
        _tier_table(rows)


@tiers_group.command("show")
@click.argument("tier_key")
@_json_option
@click.pass_obj
@database_errors
def tiers_show(obj: Context, tier_key: str, as_json: bool) -> None:
    """Show the active tier TIER_KEY."""
    with connect(obj.dsn, autocommit=True) as conn:
        tier = tier_api.tier_by_key(conn, tier_key)
    if tier is None:
        fail(f"no active tier with key {tier_key!r}")
    _tier_detail(tier, as_json)


def _tier_options(required: bool):
    def decorate(command):
        options = [
            click.option("--name", required=required, help="Display name, e.g. Elite."),
            click.option("--minimum-balance", type=_NUMBER, required=required, help="Tokens needed (>= 0)."),
            click.option("--discount-percent", type=_NUMBER, help="Discount in percent, 0 to 100 (default 0)."),
            click.option("--badge-name", help="Badge label."),
            click.option("--badge-color", help="Badge colour, e.g. silver."),
            click.option("--description", help="Benefits description."),
            click.option("--display-order", type=int, help="Position in the list (default 0)."),
            click.option("--metadata", type=_JSON_OBJECT, help='Extra data, a JSON object, e.g. \'{"a": 1}\'.'),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@tiers_group.command("create")
@click.option("--key", "tier_key", required=True, help="Unique lower-case key, e.g. vip (never changes).")
@_tier_options(required=True)
@_json_option
@click.pass_obj
@database_errors
def tiers_create(obj: Context, tier_key: str, as_json: bool, **fields) -> None:
    """Create a tier."""
    with connect(obj.dsn, autocommit=True) as conn:
        tier = tier_api.create_tier(conn, tier_key=tier_key, **fields)
    _tier_detail(tier, as_json)


@tiers_group.command("update")
@click.argument("tier_id", type=int)
@_tier_options(required=False)
@click.option("--active/--inactive", "is_active", default=None, help="Reactivate or deactivate the tier.")
@_json_option
@click.pass_obj
@database_errors
def tiers_update(obj: Context, tier_id: int, as_json: bool, **fields) -> None:
    """Change the given fields of tier TIER_ID (the key never changes)."""
    with connect(obj.dsn, autocommit=True) as conn:
        tier = tier_api.update_tier(conn, tier_id, **fields)
    _tier_detail(tier, as_json)


@tiers_group.command("delete")
@click.argument("tier_id", type=int)
@_json_option
@click.pass_obj
@database_errors
def tiers_delete(obj: Context, tier_id: int, as_json: bool) -> None:
    """Soft-delete tier TIER_ID (it becomes inactive)."""
    with connect(obj.dsn, autocommit=True) as conn:
        tier = tier_api.delete_tier(conn, tier_id)
    if as_json:
        _echo_json(tier.as_dict())
    else:
        click.echo(f"tier {tier.id} ({tier.tier_key}) deactivated")


@tiers_group.command("for-balance")
@click.argument("amount", type=_NUMBER)
@_json_option
@click.pass_obj
@database_errors
def tiers_for_balance(obj: Context, amount: Decimal, as_json: bool) -> None:
    """The tier of AMOUNT tokens."""
    with connect(obj.dsn, autocommit=True) as conn:
        tier = tier_api.tier_for_balance(conn, amount)
    if as_json:
        _echo_json(tier.as_dict())
    else:
        click.echo(f"{tier.tier_key}  {tier.display_name}  {tier_api.plain(tier.discount_percent)}% discount")


@tiers_group.command("thresholds")
@_json_option
@click.pass_obj
@database_errors
def tiers_thresholds(obj: Context, as_json: bool) -> None:
    """Minimum balance of each active tier."""
    with connect(obj.dsn, autocommit=True) as conn:
        thresholds = tier_api.tier_thresholds(conn)
    ordered = sorted(thresholds.items(), key=lambda item: item[1])
    if as_json:
        _echo_json({key: tier_api.plain(value) for key, value in ordered})
    else:
        for key, value in ordered:
            click.echo(f"{key}: {tier_api.plain(value)}")


@tiers_group.command("preview")
@click.argument("tier_id", type=int)
@click.option("--minimum-balance", type=_NUMBER, required=True, help="The new minimum to try.")
@_json_option
@click.pass_obj
@database_errors
def tiers_preview(obj: Context, tier_id: int, minimum_balance: Decimal, as_json: bool) -> None:
    """How many wallets would move, from which tier to which, if TIER_ID got --minimum-balance (changes nothing)."""
    with connect(obj.dsn, autocommit=True) as conn:
        moves = tier_api.preview_tier_update(conn, tier_id, minimum_balance)
    if as_json:
        _echo_json([{"from": m.from_tier_key, "to": m.to_tier_key, "wallets": m.wallets} for m in moves])
    elif not moves:
        click.echo("no wallet would change tier")
    else:
        for m in moves:
            click.echo(f"{m.from_tier_key} -> {m.to_tier_key}: {m.wallets} wallet(s)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.pass_obj
def serve(obj: Context, host: str, port: int) -> None:
    """Serve the GraphQL API at http://HOST:PORT/graphql (mutations need RUNNER_ADMIN_TOKEN)."""
    import uvicorn

    from runner.graphql import create_app

    token = os.environ.get("RUNNER_ADMIN_TOKEN") or None
    if token is None:
        click.echo("runner: RUNNER_ADMIN_TOKEN is not set: mutations are refused (queries work)", err=True)
    click.echo(f"GraphQL on http://{host}:{port}/graphql", err=True)
    uvicorn.run(create_app(obj.dsn, token), host=host, port=port, log_level="warning")


# --- status --------------------------------------------------------------------------------------------


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
@database_errors
def status(obj: Context, as_json: bool) -> None:
    """Migration version, row counts per domain, settings, repos and newest activity."""
    states = migrations.status(obj.dsn)
    applied = [s.id for s in states if s.applied]
    with connect(obj.dsn) as conn:
        gitpoap, tier_activity, points, settings = conn.execute(
            "SELECT gitpoap.activity(), tiers.activity(), human_points.activity(), human_points.status()"
        ).fetchone()
    report_ = {
        "migration": applied[-1] if applied else None,
        "pending_migrations": [s.id for s in states if not s.applied],
        "gitpoap": gitpoap, "tiers": tier_activity, "human_points": {**points, "settings": settings},
    }
    if as_json:
        click.echo(json.dumps(report_, indent=2))
        return
    click.echo(f"migration      {report_['migration']} ({len(applied)} applied, "
               f"{len(report_['pending_migrations'])} pending)")
    for domain in ("gitpoap", "tiers", "human_points"):
        counts = ", ".join(f"{k} {v}" for k, v in report_[domain]["counts"].items())
        click.echo(f"{domain:<14} {counts}")
    click.echo(f"points switch  write_enabled={'true' if settings['write_enabled'] else 'false'}, "
               f"pass_threshold={settings['pass_threshold']}, bonus_communities={settings['bonus_communities']}")
    for repo in gitpoap["repos"]:
        click.echo(f"repo           {repo['name']}: {'backloaded ' + repo['backloaded_at'] if repo['backloaded_at'] else 'not backloaded'}")
    click.echo(f"newest claim   {gitpoap['newest_claim_at'] or '-'}")
    click.echo(f"newest point   {points['newest_point_at'] or '-'}")
    click.echo(f"newest change  {tier_activity['newest_tier_change_at'] or '-'}")
