"""`runner tiers …` and `runner serve` (GraphQL): everything goes through the tiers SQL API."""

from __future__ import annotations

import json
import os
from decimal import Decimal, InvalidOperation

import click

from runner import tiers as tier_api
from runner.cli_support import Context, database_errors, fail
from runner.db import connect


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


@click.group("tiers")
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


@click.command()
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
