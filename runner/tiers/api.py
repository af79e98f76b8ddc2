"""The tiers SQL API from Python: the Tier data class and one wrapper per function of schema ``tiers``.

Every function here sends one call (``select … from tiers.<fn>(%s::type, …)``); the rules (which tier a balance
is in, validation, sorting, display names) live in the database.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.types.json import Jsonb, set_json_loads

from runner.output import plain

SORTS = ("order", "balance", "discount")


@dataclass(frozen=True)
class Tier:
    """One tier, with the seed's attribute names.

    ``minimum_balance`` and ``discount_percent`` are Decimals (tokens, percent); ``display_name``
    (``Elite (5,000 tokens)``), ``badge_info`` (``{"name", "color"}``) and ``tier_benefits`` come from
    ``tiers.display_name``/``badge_info``/``tier_benefits``. The none tier has ``id`` None.
    """

    id: int | None
    name: str
    tier_key: str
    minimum_balance: Decimal
    discount_percent: Decimal
    badge_name: str | None
    badge_color: str | None
    display_order: int
    is_active: bool
    description: str | None
    metadata: dict = field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    display_name: str = ""
    badge_info: dict = field(default_factory=dict)
    tier_benefits: dict = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict: decimals as strings without trailing zeros, times in ISO 8601."""
        return {
            "id": self.id,
            "name": self.name,
            "tier_key": self.tier_key,
            "minimum_balance": plain(self.minimum_balance),
            "discount_percent": plain(self.discount_percent),
            "badge_name": self.badge_name,
            "badge_color": self.badge_color,
            "display_order": self.display_order,
            "is_active": self.is_active,
            "description": self.description,
            "metadata": self.metadata,
            "display_name": self.display_name,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True)
class TierMove:
    """One line of ``tiers.preview_tier_update``: ``wallets`` wallets would move from one tier key to another."""

    from_tier_key: str
    to_tier_key: str
    wallets: int


_FIELDS = ("id", "name", "tier_key", "minimum_balance", "discount_percent", "badge_name", "badge_color",
           "display_order", "is_active", "description", "metadata", "created_at", "updated_at")


def _columns(tier: str) -> str:
    """The select list of a :class:`Tier` from the SQL expression ``tier`` (a tiers.tier value)."""
    return ", ".join([f"({tier}).{name}" for name in _FIELDS] + [
        f"tiers.display_name({tier})", f"tiers.badge_info({tier})", f"tiers.tier_benefits({tier})"])


_COLUMNS = _columns("t")
_WIDTH = len(_FIELDS) + 3

_loads = functools.partial(json.loads, parse_float=Decimal)


def _tiers(conn: psycopg.Connection, call: str, params: tuple | dict = ()) -> list[Tier]:
    set_json_loads(_loads, conn)  # JSON numbers with a fraction as Decimal (discount_percent 1.5 in tier_benefits)
    rows = conn.execute(f"SELECT {_COLUMNS} FROM {call} AS t", params).fetchall()
    # A function returning a null tiers.tier gives a row of nulls.
    return [Tier(*row) for row in rows if row[2] is not None]


def list_tiers(conn: psycopg.Connection, sort_by: str = "order", include_inactive: bool = False) -> list[Tier]:
    """Tiers sorted by ``order`` (display_order), ``balance`` (minimum_balance descending) or ``discount``
    (descending); inactive ones only if ``include_inactive``.

    SQL: ``tiers.list_tiers(sort_by, include_inactive)``. Raises ``psycopg.errors.InvalidParameterValue`` for
    another ``sort_by``.
    """
    return _tiers(conn, "tiers.list_tiers(%s::text, %s::boolean)", (sort_by, include_inactive))


def tier_by_key(conn: psycopg.Connection, tier_key: str) -> Tier | None:
    """The active tier with this key, else None. SQL: ``tiers.tier_by_key(key)``."""
    found = _tiers(conn, "tiers.tier_by_key(%s::text)", (tier_key,))
    return found[0] if found else None


def find_tier(conn: psycopg.Connection, tier: str | int) -> Tier:
    """The tier, active or not, named by its key (``elite``) or its id (``1``).

    SQL: ``tiers.find_tier(tier)``. Raises ``psycopg.errors.NoDataFound`` naming it when there is none.
    """
    return _tiers(conn, "tiers.find_tier(%s::text)", (str(tier),))[0]


def tier_for_balance(conn: psycopg.Connection, amount: Decimal | int | str) -> Tier:
    """The tier of a balance (tokens): highest active ``minimum_balance <= amount``, else the none tier.

    SQL: ``tiers.tier_for_balance(amount)``. Raises ``psycopg.errors.InvalidParameterValue`` for NaN or infinity.
    """
    return _tiers(conn, "tiers.tier_for_balance(%s::numeric)", (str(amount),))[0]


def get_tier(conn: psycopg.Connection, address: str) -> Tier:
    """The tier of wallet ``address`` from its stored balance (the none tier for an unknown wallet).

    SQL: ``tiers.get_tier(address)``. Raises ``psycopg.errors.CheckViolation`` naming a malformed address.
    """
    return _tiers(conn, "tiers.get_tier(%s::text)", (address,))[0]


def tier_none(conn: psycopg.Connection) -> Tier:
    """The none tier (key ``none``, 0 %). SQL: ``tiers.tier_none()``."""
    return _tiers(conn, "tiers.tier_none()")[0]


def tier_thresholds(conn: psycopg.Connection) -> dict[str, Decimal]:
    """``{tier_key: minimum_balance}`` of the active tiers. SQL: ``tiers.tier_thresholds()``."""
    set_json_loads(_loads, conn)
    value = conn.execute("SELECT tiers.tier_thresholds()").fetchone()[0]
    return {key: Decimal(str(amount)) for key, amount in value.items()}


def _metadata(value: dict | None) -> Jsonb | None:
    return None if value is None else Jsonb(value)


def create_tier(
    conn: psycopg.Connection,
    *,
    name: str | None,
    tier_key: str | None,
    minimum_balance: Decimal | None,
    discount_percent: Decimal | None = None,
    badge_name: str | None = None,
    badge_color: str | None = None,
    description: str | None = None,
    display_order: int | None = None,
    metadata: dict | None = None,
    is_active: bool | None = None,
) -> Tier:
    """Create a tier; None takes the default (discount 0, display_order 0, metadata {}, active).

    SQL: ``tiers.create_tier(…)``. Raises psycopg errors naming the field and the rule
    (``CheckViolation``, ``UniqueViolation``, ``NotNullViolation``).
    """
    params = dict(
        name=name, key=tier_key, min=minimum_balance, disc=discount_percent, bname=badge_name,
        bcolor=badge_color, descr=description, order=display_order, meta=_metadata(metadata), active=is_active,
    )
    return _tiers(
        conn,
        "tiers.create_tier(p_name => %(name)s::text, p_tier_key => %(key)s::text, "
        "p_minimum_balance => %(min)s::numeric, p_discount_percent => %(disc)s::numeric, "
        "p_badge_name => %(bname)s::text, p_badge_color => %(bcolor)s::text, p_description => %(descr)s::text, "
        "p_display_order => %(order)s::integer, p_metadata => %(meta)s::jsonb, p_is_active => %(active)s::boolean)",
        params,
    )[0]


def update_tier(
    conn: psycopg.Connection,
    tier_id: int,
    *,
    name: str | None = None,
    minimum_balance: Decimal | None = None,
    discount_percent: Decimal | None = None,
    badge_name: str | None = None,
    badge_color: str | None = None,
    description: str | None = None,
    display_order: int | None = None,
    is_active: bool | None = None,
    metadata: dict | None = None,
    tier_key: str | None = None,
) -> Tier:
    """Change the given fields of tier ``tier_id`` (None leaves a field alone; ``tier_key`` may only repeat
    the current key).

    SQL: ``tiers.update_tier(…)``. Raises ``psycopg.errors.NoDataFound`` for an unknown id and the
    validation errors of :func:`create_tier`.
    """
    params = dict(
        id=tier_id, name=name, min=minimum_balance, disc=discount_percent, bname=badge_name, bcolor=badge_color,
        descr=description, order=display_order, active=is_active, meta=_metadata(metadata), key=tier_key,
    )
    return _tiers(
        conn,
        "tiers.update_tier(p_id => %(id)s::bigint, p_name => %(name)s::text, "
        "p_minimum_balance => %(min)s::numeric, p_discount_percent => %(disc)s::numeric, "
        "p_badge_name => %(bname)s::text, p_badge_color => %(bcolor)s::text, p_description => %(descr)s::text, "
        "p_display_order => %(order)s::integer, p_is_active => %(active)s::boolean, p_metadata => %(meta)s::jsonb, "
        "p_tier_key => %(key)s::text)",
        params,
    )[0]


def delete_tier(conn: psycopg.Connection, tier_id: int) -> Tier:
    """Soft-delete tier ``tier_id`` (``is_active = false``) and return it.

    SQL: ``tiers.delete_tier(id)``. Raises ``psycopg.errors.NoDataFound`` for an unknown id.
    """
    return _tiers(conn, "tiers.delete_tier(%s::bigint)", (tier_id,))[0]


def preview_tier_update(conn: psycopg.Connection, tier_id: int, minimum_balance: Decimal) -> list[TierMove]:
    """How many wallets would move from which tier to which if tier ``tier_id`` got ``minimum_balance``.

    SQL: ``tiers.preview_tier_update(id, minimum_balance)``; changes nothing. Raises like :func:`update_tier`.
    """
    rows = conn.execute(
        "SELECT * FROM tiers.preview_tier_update(%s::bigint, %s::numeric)", (tier_id, minimum_balance)
    ).fetchall()
    return [TierMove(*row) for row in rows]


@dataclass(frozen=True)
class WalletStatus:
    """A wallet's tier status (``tiers.tier_status``): ``balance`` and ``updated_at`` as stored (None for a wallet
    never recorded), ``tier`` (None below every active tier), ``next_tier`` and ``amount_to_next_tier`` (tokens;
    None at the top)."""

    address: str
    balance: Decimal | None
    updated_at: datetime | None
    amount_to_next_tier: Decimal | None
    tier: Tier | None
    next_tier: Tier | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict: decimals as strings, times in ISO 8601, tiers as :meth:`Tier.as_dict`."""
        tier = self.tier
        return {
            "address": self.address,
            "balance": None if self.balance is None else plain(self.balance),
            "tier": tier.as_dict() if tier else None,
            "discount_percent": plain(tier.discount_percent) if tier else "0",
            "badge": tier.badge_info if tier else None,
            "next_tier": self.next_tier.as_dict() if self.next_tier else None,
            "amount_to_next_tier": None if self.amount_to_next_tier is None else plain(self.amount_to_next_tier),
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


def tier_status(conn: psycopg.Connection, address: str) -> WalletStatus:
    """The tier status of wallet ``address``. SQL: ``tiers.tier_status(address)`` (one call).

    Raises ``psycopg.errors.CheckViolation`` naming a malformed address.
    """
    set_json_loads(_loads, conn)
    row = conn.execute(
        f"SELECT s.address, s.balance, s.updated_at, s.amount_to_next_tier, {_columns('s.tier')}, "
        f"{_columns('s.next_tier')} FROM tiers.tier_status(%s::text) AS s", (address,)
    ).fetchone()
    tier, next_tier = row[4:4 + _WIDTH], row[4 + _WIDTH:]
    return WalletStatus(*row[:4], tier=Tier(*tier) if tier[2] is not None else None,
                        next_tier=Tier(*next_tier) if next_tier[2] is not None else None)


@dataclass(frozen=True)
class BalanceImport:
    """What ``tiers.set_balances`` did: ``wallets`` written, ``moved`` of them changed tier (one tier_change row each)."""

    wallets: int
    moved: int


def set_balance(conn: psycopg.Connection, address: str, balance: Decimal | str) -> BalanceImport:
    """Record the balance (tokens) of one wallet. SQL: ``tiers.set_balances(ARRAY[address], ARRAY[balance])``.

    Raises ``psycopg.errors.CheckViolation`` naming ``records[1].address`` or ``records[1].balance``.
    """
    return BalanceImport(*conn.execute("SELECT * FROM tiers.set_balances(ARRAY[%s::text], ARRAY[%s::text])",
                                       (address, str(balance))).fetchone())


COPY_BALANCES = "COPY pg_temp.balance_import (address, balance) FROM STDIN"


def import_balances(conn: psycopg.Connection, records) -> BalanceImport:
    """Record many balances in one transaction: COPY into a temporary table, then one ``tiers.set_balances``
    call over all of them (in file order), so a bad record stores nothing.

    Args:
        conn: a connection outside a transaction.
        records: iterable of ``(address, balance)`` text pairs, e.g. the rows of a CSV file (header excluded).

    SQL: ``COPY pg_temp.balance_import FROM STDIN``, ``tiers.set_balances(array_agg(address), array_agg(balance))``.
    Raises ``psycopg.errors.CheckViolation``/``UniqueViolation`` naming ``records[<n>].address|balance``.
    """
    with conn.transaction():
        conn.execute("CREATE TEMPORARY TABLE balance_import (ordinal bigint GENERATED ALWAYS AS IDENTITY, "
                     "address text, balance text) ON COMMIT DROP")
        with conn.cursor().copy(COPY_BALANCES) as copy:
            for record in records:
                copy.write_row(record)
        row = conn.execute(
            "SELECT s.* FROM (SELECT coalesce(array_agg(address ORDER BY ordinal), '{}') AS a, "
            "coalesce(array_agg(balance ORDER BY ordinal), '{}') AS b FROM pg_temp.balance_import) i, "
            "tiers.set_balances(i.a, i.b) s"
        ).fetchone()
    return BalanceImport(*row)
