"""Resolvers of schema.graphql. Tier reads (tiers, tierByKey, tierThresholds) go through the server's
runner.tiers.TierService (cache reloaded on NOTIFY; last good cache or the environment when the database cannot
answer), once per request whatever the aliases; tierStatus and the mutations call one function of
runner.tiers.api (one call of the SQL API) on the pool.

Decimals are printed as the seed prints them (minimumBalance ``"5000"``, discountPercent ``"1.0"``), times as
the Kohai app's ISO8601DateTime (``2025-12-11T15:50:56Z``).
Mutations need ``Authorization: Bearer <RUNNER_ADMIN_TOKEN>``; their validation problems (from the database,
or an argument that is not a number) come back in the payload's ``errors``, one line each, naming the argument
(runner.errors).
"""

from __future__ import annotations

import asyncio
import hmac
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable

import psycopg
from ariadne import MutationType, ObjectType, QueryType, ScalarType
from graphql import GraphQLError, GraphQLResolveInfo
from psycopg_pool import PoolTimeout
from graphql.language import FloatValueNode, IntValueNode, StringValueNode
from graphql.utilities import value_from_ast_untyped

from runner import errors
from runner.output import parse_decimal, plain
from runner.tiers import api as tiers
from runner.tiers.api import SORTS, Tier, WalletStatus

query = QueryType()
mutation = MutationType()
tier_type = ObjectType("Tier")
benefits_type = ObjectType("TierBenefits")
status_type = ObjectType("TierStatus")
UNAVAILABLE = "the database is not answering; try again shortly"


def seed_decimal(value: Decimal | int | None) -> str | None:
    """Ruby's Float#to_s, as the seed prints discountPercent: 1 → ``"1.0"``, 1.5 → ``"1.5"``."""
    if value is None:
        return None
    text = plain(value)
    return text if "." in text else f"{text}.0"


def _parse_literal(node, variables=None):
    if isinstance(node, (StringValueNode, IntValueNode, FloatValueNode)):
        return node.value
    raise ValueError("expected a string or a number")


def _parse_value(value):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("expected a string or a number")
    return str(value)


# Inputs stay raw strings: the resolver turns them into Decimals and reports a bad one in `errors`.
bigint_scalar = ScalarType("BigInt", serializer=str, value_parser=_parse_value, literal_parser=_parse_literal)
decimal_scalar = ScalarType("Decimal", serializer=str, value_parser=_parse_value, literal_parser=_parse_literal)
json_scalar = ScalarType(
    "JSON", serializer=lambda v: v, value_parser=lambda v: v,
    literal_parser=lambda node, variables=None: value_from_ast_untyped(node, variables),
)


class InputError(Exception):
    """An argument that cannot be sent to the database (message names the argument)."""


async def _call(info: GraphQLResolveInfo, fn: Callable[[psycopg.Connection], Any]) -> Any:
    """``fn(conn)`` on a pool connection, in a worker thread. Raises InputError(UNAVAILABLE) when no connection
    comes within the pool's timeout (1 s)."""
    pool = info.context["pool"]

    def run():
        try:
            with pool.connection() as conn:
                return fn(conn)
        except PoolTimeout:
            raise InputError(UNAVAILABLE) from None

    return await asyncio.to_thread(run)


async def _read(info: GraphQLResolveInfo, key: tuple, read: Callable) -> Any:
    """``read(service)`` once per request for each ``key``: aliases of one field with the same arguments share it."""
    reads = info.context["reads"]
    if key not in reads:
        reads[key] = asyncio.ensure_future(asyncio.to_thread(read, info.context["service"]))
    return await reads[key]


def _authorization_error(info: GraphQLResolveInfo) -> str | None:
    expected = info.context.get("admin_token")
    if not expected:
        return ("mutations are disabled: start `runner serve` with RUNNER_ADMIN_TOKEN set, "
                "then send Authorization: Bearer <that token>")
    header = info.context["request"].headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        return "not authorized: send Authorization: Bearer <RUNNER_ADMIN_TOKEN>"
    return None


def _decimal(name: str, raw: str | None) -> Decimal | None:
    if raw is None:
        return None
    try:
        return parse_decimal(raw, name)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _id(raw: str | None) -> int:
    if raw is None:
        raise InputError("id is required")
    try:
        return int(str(raw).strip())
    except ValueError:
        raise InputError(f"id must be an integer (got {raw!r})") from None


def _metadata(raw: Any) -> dict | None:
    if raw is not None and not isinstance(raw, dict):
        raise InputError(f"metadata must be a JSON object (got {type(raw).__name__})")
    return raw


def _camel(column: str) -> str:
    head, *rest = column.split("_")
    return head + "".join(part.title() for part in rest)


def _failure(info: GraphQLResolveInfo, exc: psycopg.Error, args: dict) -> str:
    """The database's refusal as one line naming the argument (``tierKey``, ``discountPercent``) when the
    mutation declares it, with the value given."""
    declared = info.parent_type.fields[info.field_name].args

    def name(column: str) -> str | None:
        argument = _camel(column)
        return argument if argument in declared else None

    def lookup(schema: str, table: str, constraint: str):
        pool = info.context["pool"]
        with pool.connection() as conn:
            return errors.constraint_rule(conn)(schema, table, constraint)

    failure = errors.explain(exc, lookup)
    value = args.get(name(failure.column)) if failure.column and name(failure.column) else None
    return failure.line(name, value)


# -- queries --

@query.field("tiers")
async def resolve_tiers(_, info, sortBy: str = "order", includeInactive: bool = False) -> list[Tier]:
    if sortBy not in SORTS:  # a client's mistake: one line in `errors` (and the log), no traceback
        raise GraphQLError(f"sortBy must be one of {', '.join(SORTS)} (got {sortBy!r})")
    inactive = bool(includeInactive)
    return await _read(info, ("tiers", sortBy, inactive), lambda service: service.list_tiers(sortBy, inactive))


@query.field("tierByKey")
async def resolve_tier_by_key(_, info, tierKey: str) -> Tier | None:
    return await _read(info, ("tierByKey", tierKey), lambda service: service.tier_by_key(tierKey))


@query.field("tierThresholds")
async def resolve_tier_thresholds(_, info) -> dict[str, str]:
    thresholds = await _read(info, ("tierThresholds",), lambda service: service.tier_thresholds())
    return {key: plain(value) for key, value in sorted(thresholds.items(), key=lambda item: item[1])}


@query.field("tierStatus")
async def resolve_tier_status(_, info, address: str) -> WalletStatus:
    try:
        return await _call(info, lambda conn: tiers.tier_status(conn, address))
    except InputError as exc:
        raise GraphQLError(str(exc)) from None
    except psycopg.Error as exc:
        raise GraphQLError(await asyncio.to_thread(_failure, info, exc, {"address": address})) from None


# -- mutations --

def _fields(args: dict) -> dict:
    """The tier fields of createTier/updateTier arguments, as runner.tiers.api takes them."""
    fields = dict(
        name=args.get("name"), tier_key=args.get("tierKey"),
        minimum_balance=_decimal("minimumBalance", args.get("minimumBalance")),
        discount_percent=_decimal("discountPercent", args.get("discountPercent")),
        badge_name=args.get("badgeName"), badge_color=args.get("badgeColor"),
        description=args.get("description"), display_order=args.get("displayOrder"),
        metadata=_metadata(args.get("metadata")),
    )
    if "isActive" in args:
        fields["is_active"] = args["isActive"]
    return fields


async def _tier_payload(info, args: dict, change: Callable[[psycopg.Connection, dict], Tier]) -> dict:
    refused = _authorization_error(info)
    if refused:
        return {"tier": None, "errors": [refused]}
    try:
        fields = _fields(args)
        tier = await _call(info, lambda conn: change(conn, fields))
    except InputError as exc:
        return {"tier": None, "errors": [str(exc)]}
    except psycopg.Error as exc:
        return {"tier": None, "errors": [await asyncio.to_thread(_failure, info, exc, args)]}
    info.context["service"].refresh()  # read your own write now, not when the NOTIFY arrives
    return {"tier": tier, "errors": []}


@mutation.field("createTier")
async def resolve_create_tier(_, info, **args) -> dict:
    return await _tier_payload(info, args, lambda conn, fields: tiers.create_tier(conn, **fields))


@mutation.field("updateTier")
async def resolve_update_tier(_, info, **args) -> dict:
    return await _tier_payload(
        info, args, lambda conn, fields: tiers.update_tier(conn, _id(args.get("id")), **fields))


@mutation.field("deleteTier")
async def resolve_delete_tier(_, info, **args) -> dict:
    refused = _authorization_error(info)
    if refused:
        return {"success": False, "message": None, "errors": [refused]}
    try:
        tier_id = _id(args.get("id"))
        await _call(info, lambda conn: tiers.delete_tier(conn, tier_id))
    except InputError as exc:
        return {"success": False, "message": None, "errors": [str(exc)]}
    except psycopg.errors.NoDataFound as exc:  # the Kohai app's answer for an unknown id
        return {"success": False, "message": "Tier not found",
                "errors": [await asyncio.to_thread(_failure, info, exc, args)]}
    except psycopg.Error as exc:
        return {"success": False, "message": "Failed to delete tier",
                "errors": [await asyncio.to_thread(_failure, info, exc, args)]}
    info.context["service"].refresh()
    return {"success": True, "message": "Tier deleted successfully", "errors": []}


# -- Tier and TierBenefits fields --

@tier_type.field("id")
def resolve_id(tier: Tier, _info) -> str | None:
    return None if tier.id is None else str(tier.id)


tier_type.set_alias("tierKey", "tier_key")
tier_type.set_alias("badgeName", "badge_name")
tier_type.set_alias("badgeColor", "badge_color")
tier_type.set_alias("displayOrder", "display_order")
tier_type.set_alias("isActive", "is_active")
tier_type.set_alias("displayName", "display_name")
tier_type.set_alias("tierBenefits", "tier_benefits")


def iso8601(value: datetime | None) -> str | None:
    """The Kohai app's ISO8601DateTime: UTC, whole seconds, ``Z`` (``2025-12-11T15:50:56Z``)."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


@tier_type.field("createdAt")
def resolve_created_at(tier: Tier, _info) -> str | None:
    return iso8601(tier.created_at)


@tier_type.field("updatedAt")
def resolve_updated_at(tier: Tier, _info) -> str | None:
    return iso8601(tier.updated_at)


@tier_type.field("minimumBalance")
def resolve_minimum_balance(tier: Tier, _info) -> str:
    return plain(tier.minimum_balance)


@tier_type.field("discountPercent")
def resolve_discount_percent(tier: Tier, _info) -> str:
    return seed_decimal(tier.discount_percent)


@benefits_type.field("tierKey")
def resolve_benefits_key(benefits: dict, _info) -> str:
    return benefits["tier_key"]


@benefits_type.field("minimumBalance")
def resolve_benefits_minimum(benefits: dict, _info) -> str:
    return plain(benefits["minimum_balance"])


@benefits_type.field("discountPercent")
def resolve_benefits_discount(benefits: dict, _info) -> str:
    return seed_decimal(benefits["discount_percent"])


# -- TierStatus fields --

@status_type.field("balance")
def resolve_status_balance(status: WalletStatus, _info) -> str | None:
    return None if status.balance is None else plain(status.balance)


@status_type.field("discountPercent")
def resolve_status_discount(status: WalletStatus, _info) -> str:
    return seed_decimal(status.tier.discount_percent if status.tier else Decimal(0))


@status_type.field("badge")
def resolve_status_badge(status: WalletStatus, _info) -> dict | None:
    return status.tier.badge_info if status.tier else None


@status_type.field("amountToNextTier")
def resolve_status_to_next(status: WalletStatus, _info) -> str | None:
    return None if status.amount_to_next_tier is None else plain(status.amount_to_next_tier)


@status_type.field("updatedAt")
def resolve_status_updated_at(status: WalletStatus, _info) -> str | None:
    return iso8601(status.updated_at)


status_type.set_alias("nextTier", "next_tier")

bindables = [query, mutation, tier_type, benefits_type, status_type, bigint_scalar, decimal_scalar, json_scalar]
