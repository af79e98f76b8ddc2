"""`runner tiers …`: list, look up and manage tiers through the tiers SQL API, wallets' tier status and balances.
A tier is named by its key or its id. Reads of the tier list go through runner.tiers.TierService (the database,
else the environment's KOHAI_*_MIN), as `runner serve` does."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import click

from runner.cli.common import JSON_OBJECT, NUMBER, NUMBER_ARGUMENTS, Context, echo_json, json_option, sql_command
from runner.db import connect
from runner.files import csv_records
from runner.output import grouped, plain, plural, table
from runner.tiers import api
from runner.tiers.api import SORTS, BalanceImport, Tier
from runner.tiers.service import TierService

TIER = click.argument("tier", metavar="TIER")
# tiers.find_tier reports an unknown tier by the column it looked in: the argument TIER is either.
NAMED = {"id": "tier", "tier_key": "tier"}


def _table(rows: list[Tier]) -> str:
    return table(
        ("id", "key", "name", "minimum", "discount %", "badge", "color", "order", "active"),
        [(t.id, t.tier_key, t.name, plain(t.minimum_balance), plain(t.discount_percent), t.badge_name, t.badge_color,
          t.display_order, "yes" if t.is_active else "no") for t in rows],
    )


def _detail(tier: Tier, as_json: bool) -> None:
    if as_json:
        echo_json(tier.as_dict())
        return
    for key, value in tier.as_dict().items():
        if key in ("created_at", "updated_at"):
            continue
        if key == "metadata":
            value = json.dumps(value)
        click.echo(f"{key}: {'' if value is None else value}")


def _read(obj: Context, read):
    """``read(service)`` through a TierService that does not listen; a line on stderr when the database did not
    answer. Returns (answer, source)."""
    with TierService(obj.dsn, listen=False) as service:
        answer = read(service)
        status = service.status()
    if status["source"] != "database":
        click.echo(f"runner: the database {status['failure']}; tiers from KOHAI_ELITE_MIN/KOHAI_GRANDMASTER_MIN/"
                   "KOHAI_LEGEND_MIN", err=True)
    return answer, status["source"]


@click.group("tiers")
def tiers() -> None:
    """Token tiers: list, look up and manage tiers (SQL API of schema tiers). TIER is a key (elite) or an id (1)."""


@tiers.command("list")
@click.option("--sort", "sort_by", type=click.Choice(SORTS), default="order", show_default=True,
              help="order: display order; balance: minimum balance, highest first; discount: highest first.")
@click.option("--include-inactive", is_flag=True, help="Also list soft-deleted tiers.")
@json_option
@click.pass_obj
@sql_command()
def tiers_list(obj: Context, sort_by: str, include_inactive: bool, as_json: bool) -> None:
    """List tiers (from the environment's KOHAI_*_MIN when the database cannot answer; a line on stderr says so)."""
    rows, _ = _read(obj, lambda service: service.list_tiers(sort_by, include_inactive))
    if as_json:
        echo_json([t.as_dict() for t in rows])
    else:
        click.echo(_table(rows))


@tiers.command("show")
@TIER
@json_option
@click.pass_obj
@sql_command(aliases=NAMED)
def tiers_show(obj: Context, tier: str, as_json: bool) -> None:
    """Show TIER (active or not)."""
    with connect(obj.dsn, autocommit=True) as conn:
        found = api.find_tier(conn, tier)
    _detail(found, as_json)


def _tier_options(create: bool):
    """The fields of a tier as options: required for create; for update, an omitted option leaves the field alone."""
    unchanged = "" if create else " (unchanged when omitted)"

    def decorate(command):
        options = [
            click.option("--name", required=create, help=f"Display name, e.g. Elite.{unchanged}"),
            click.option("--minimum-balance", type=NUMBER, required=create, help=f"Tokens needed (>= 0).{unchanged}"),
            click.option("--discount-percent", type=NUMBER,
                         help="Discount in percent, 0 to 100" + (" (default 0)." if create else f".{unchanged}")),
            click.option("--badge-name", help=f"Badge label.{unchanged}"),
            click.option("--badge-color", help=f"Badge colour, e.g. silver.{unchanged}"),
            click.option("--description", help=f"Benefits description.{unchanged}"),
            click.option("--display-order", type=int,
                         help="Position in the list" + (" (default 0)." if create else f".{unchanged}")),
            click.option("--metadata", type=JSON_OBJECT,
                         help=f'Extra data, a JSON object, e.g. \'{{"a": 1}}\'.{unchanged}'),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@tiers.command("create")
@click.option("--key", "tier_key", required=True, help="Unique lower-case key, e.g. vip (never changes).")
@_tier_options(create=True)
@json_option
@click.pass_obj
@sql_command()
def tiers_create(obj: Context, tier_key: str, as_json: bool, **fields) -> None:
    """Create a tier."""
    with connect(obj.dsn, autocommit=True) as conn:
        created = api.create_tier(conn, tier_key=tier_key, **fields)
    _detail(created, as_json)


@tiers.command("update")
@TIER
@_tier_options(create=False)
@click.option("--active/--inactive", "is_active", default=None,
              help="Reactivate or deactivate the tier (unchanged when omitted).")
@json_option
@click.pass_obj
@sql_command(aliases=NAMED)
def tiers_update(obj: Context, tier: str, as_json: bool, **fields) -> None:
    """Change the given fields of TIER (the key never changes)."""
    with connect(obj.dsn, autocommit=True) as conn:
        updated = api.update_tier(conn, api.find_tier(conn, tier).id, **fields)
    _detail(updated, as_json)


@tiers.command("delete")
@TIER
@json_option
@click.pass_obj
@sql_command(aliases=NAMED)
def tiers_delete(obj: Context, tier: str, as_json: bool) -> None:
    """Soft-delete TIER (it becomes inactive)."""
    with connect(obj.dsn, autocommit=True) as conn:
        deleted = api.delete_tier(conn, api.find_tier(conn, tier).id)
    if as_json:
        echo_json(deleted.as_dict())
    else:
        click.echo(f"tier {deleted.id} ({deleted.tier_key}) deactivated")


@tiers.command("for-balance", context_settings=NUMBER_ARGUMENTS)
@click.argument("amount", type=NUMBER)
@json_option
@click.pass_obj
@sql_command()
def tiers_for_balance(obj: Context, amount: Decimal, as_json: bool) -> None:
    """The tier of AMOUNT tokens."""
    with connect(obj.dsn, autocommit=True) as conn:
        tier = api.tier_for_balance(conn, amount)
    if as_json:
        echo_json(tier.as_dict())
    else:
        click.echo(f"{tier.tier_key}  {tier.display_name}  {plain(tier.discount_percent)}% discount")


@tiers.command("thresholds")
@json_option
@click.pass_obj
@sql_command()
def tiers_thresholds(obj: Context, as_json: bool) -> None:
    """Minimum balance of each active tier (from the environment when the database cannot answer)."""
    thresholds, _ = _read(obj, lambda service: service.tier_thresholds())
    ordered = sorted(thresholds.items(), key=lambda item: item[1])
    if as_json:
        echo_json({key: plain(value) for key, value in ordered})
    else:
        for key, value in ordered:
            click.echo(f"{key}: {plain(value)}")


@tiers.command("preview")
@TIER
@click.option("--minimum-balance", type=NUMBER, required=True, help="The new minimum to try.")
@json_option
@click.pass_obj
@sql_command(aliases=NAMED)
def tiers_preview(obj: Context, tier: str, minimum_balance: Decimal, as_json: bool) -> None:
    """How many wallets would move, from which tier to which, if TIER got --minimum-balance (changes nothing)."""
    with connect(obj.dsn, autocommit=True) as conn:
        moves = api.preview_tier_update(conn, api.find_tier(conn, tier).id, minimum_balance)
    if as_json:
        echo_json([{"from": m.from_tier_key, "to": m.to_tier_key, "wallets": m.wallets} for m in moves])
    elif not moves:
        click.echo("no wallet would change tier")
    else:
        for m in moves:
            click.echo(f"{m.from_tier_key} -> {m.to_tier_key}: {plural(m.wallets, 'wallet')}")


WALLET_NAMES = {"address": "address", "balance": "amount"}


@tiers.command("wallet")
@click.argument("address")
@json_option
@click.pass_obj
@sql_command(aliases=WALLET_NAMES)
def tiers_wallet(obj: Context, address: str, as_json: bool) -> None:
    """Tier status of wallet ADDRESS: balance, tier, discount, next tier and the tokens missing to reach it."""
    with connect(obj.dsn, autocommit=True) as conn:
        status = api.tier_status(conn, address)
    if as_json:
        echo_json(status.as_dict())
        return
    tier, following = status.tier, status.next_tier
    click.echo(f"address: {status.address}")
    click.echo(f"balance: {'(never recorded)' if status.balance is None else grouped(status.balance)}")
    click.echo(f"tier: {tier.display_name if tier else 'none'}")
    click.echo(f"discount %: {plain(tier.discount_percent) if tier else '0'}")
    click.echo(f"badge: {(tier.badge_name or '') if tier else ''}")
    click.echo(f"next tier: {following.display_name + ', ' + grouped(status.amount_to_next_tier) + ' tokens to go' if following else '(top tier)'}")
    click.echo(f"updated at: {status.updated_at.isoformat() if status.updated_at else ''}")


def _moved(result: BalanceImport, as_json: bool) -> None:
    if as_json:
        echo_json({"wallets": result.wallets, "moved": result.moved})
    else:
        click.echo(f"{plural(result.wallets, 'wallet')} recorded, {plural(result.moved, 'wallet')} changed tier")


@tiers.command("set-balance", context_settings=NUMBER_ARGUMENTS)
@click.argument("address")
@click.argument("amount", type=NUMBER)
@json_option
@click.pass_obj
@sql_command(aliases=WALLET_NAMES)
def tiers_set_balance(obj: Context, address: str, amount: Decimal, as_json: bool) -> None:
    """Record AMOUNT tokens as the balance of wallet ADDRESS (the database moves it to its tier, logged)."""
    with connect(obj.dsn, autocommit=True) as conn:
        result = api.set_balance(conn, address, amount)
    _moved(result, as_json)


@tiers.command("import-balances")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.pass_obj
@sql_command(prefix="file")
def tiers_import_balances(obj: Context, file: Path, as_json: bool) -> None:
    """Record the balances of a CSV FILE with header address,balance, in one transaction: a bad record (named
    records[N], N counting data rows from 1) stores nothing."""
    with file.open("rb") as stream, connect(obj.dsn) as conn:
        result = api.import_balances(conn, ((address, balance) for _index, address, balance
                                            in csv_records(stream, ("address", "balance"))))
    _moved(result, as_json)
