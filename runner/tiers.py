"""Token tiers from Python: thin wrappers over the ``tiers`` SQL API, and ``TierService`` (cache + env fallback).

Every function here sends one call of the SQL API (``select … from tiers.<fn>(%s::type, …)``); the rules
(which tier a balance is in, validation, sorting, formatting) live in the database. The one exception is
:class:`TierService` answering from its in-process cache or from the environment when the database cannot
answer: it then picks the tier of a balance itself (highest active ``minimum_balance <= balance``), the
mirror of ``tiers.tier_for_balance`` (tests check both agree).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb, set_json_loads

from runner.db import ConnectError, connect, describe, resolve_dsn

log = logging.getLogger("runner.tiers")

CHANNEL = "tiers_changed"
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


def plain(amount: Decimal | None) -> str | None:
    """``Decimal('5000.00')`` → ``"5000"``, ``Decimal('7500.50')`` → ``"7500.5"`` (no exponent, no trailing zeros)."""
    if amount is None:
        return None
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")


# -- SQL API wrappers ---------------------------------------------------------------------------------------

_COLUMNS = (
    "t.id, t.name, t.tier_key, t.minimum_balance, t.discount_percent, t.badge_name, t.badge_color, "
    "t.display_order, t.is_active, t.description, t.metadata, t.created_at, t.updated_at, "
    "tiers.display_name(t), tiers.badge_info(t), tiers.tier_benefits(t)"
)

_loads = functools.partial(json.loads, parse_float=Decimal)


def _prepare(conn: psycopg.Connection) -> None:
    # JSON numbers with a fraction as Decimal (e.g. discount_percent 1.5 in tier_benefits).
    set_json_loads(_loads, conn)


def _tier(row) -> Tier | None:
    if row is None or row[2] is None:  # a function returning a null tiers.tier gives a row of nulls
        return None
    return Tier(*row)


def _tiers(conn: psycopg.Connection, call: str, params: tuple | dict = ()) -> list[Tier]:
    _prepare(conn)
    rows = conn.execute(f"SELECT {_COLUMNS} FROM {call} AS t", params).fetchall()
    return [tier for tier in map(_tier, rows) if tier is not None]


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


def tier_for_balance(conn: psycopg.Connection, amount: Decimal | int | str) -> Tier:
    """The tier of a balance (tokens): highest active ``minimum_balance <= amount``, else the none tier.

    SQL: ``tiers.tier_for_balance(amount)``. Raises ``psycopg.errors.InvalidTextRepresentation`` for a
    non-number.
    """
    return _tiers(conn, "tiers.tier_for_balance(%s::numeric)", (str(amount),))[0]


def tier_none(conn: psycopg.Connection) -> Tier:
    """The none tier (key ``none``, 0 %). SQL: ``tiers.tier_none()``."""
    return _tiers(conn, "tiers.tier_none()")[0]


def tier_keys(conn: psycopg.Connection) -> list[str]:
    """Keys of the active tiers in display order. SQL: ``tiers.tier_keys()``."""
    return list(conn.execute("SELECT tiers.tier_keys()").fetchone()[0])


def tier_thresholds(conn: psycopg.Connection) -> dict[str, Decimal]:
    """``{tier_key: minimum_balance}`` of the active tiers. SQL: ``tiers.tier_thresholds()``."""
    _prepare(conn)
    value = conn.execute("SELECT tiers.tier_thresholds()").fetchone()[0]
    return {key: Decimal(str(amount)) for key, amount in value.items()}


def get_tier(conn: psycopg.Connection, address: str) -> Tier:
    """The tier of wallet ``address`` from its stored balance (none for an unknown wallet).

    SQL: ``tiers.get_tier(address)``. Raises ``psycopg.errors.CheckViolation`` for a malformed address.
    """
    return _tiers(conn, "tiers.get_tier(%s::text)", (address,))[0]


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


# -- environment fallback -----------------------------------------------------------------------------------

ENV_TIERS = (
    # (variable, default, name, key, discount %, badge colour, display order, description): the seed's defaults.
    ("KOHAI_ELITE_MIN", "5000", "Elite", "elite", 1, "silver", 1, "Entry-level VIP tier with 1% discount"),
    ("KOHAI_GRANDMASTER_MIN", "50000", "Grandmaster", "grandmaster", 2, "gold", 2, "Advanced VIP tier with 2% discount"),
    ("KOHAI_LEGEND_MIN", "300000", "Legend", "legend", 3, "orange", 3, "Top VIP tier with 3% discount"),
)

NONE_TIER = Tier(
    id=None, name="None", tier_key="none", minimum_balance=Decimal(0), discount_percent=Decimal(0),
    badge_name=None, badge_color=None, display_order=0, is_active=True, description="No tier", metadata={},
    display_name="None (0 tokens)", badge_info={"name": None, "color": None},
    tier_benefits={"name": "None", "tier_key": "none", "minimum_balance": 0, "discount_percent": 0,
                   "badge": {"name": None, "color": None}, "description": "No tier"},
)


def _grouped(amount: Decimal) -> str:
    # Mirror of tiers._format_amount: 5000 → 5,000; 7500.5 → 7,500.5.
    whole = f"{int(amount):,}"
    text = plain(amount)
    return whole + (text[text.index("."):] if "." in text else "")


def env_tiers(environ: dict[str, str] | None = None) -> list[Tier]:
    """The three tiers of the environment: ``KOHAI_ELITE_MIN``, ``KOHAI_GRANDMASTER_MIN``, ``KOHAI_LEGEND_MIN``
    (defaults 5000, 50000, 300000 tokens), with the seed's names, discounts and colours, in display order.

    Raises:
        ValueError: a variable is not a non-negative number; the message names it and its value.
    """
    environ = os.environ if environ is None else environ
    result = []
    for var, default, name, key, discount, color, order, description in ENV_TIERS:
        raw = environ.get(var, default)
        try:
            minimum = Decimal(raw.strip())
            if not minimum.is_finite() or minimum < 0:
                raise InvalidOperation
        except (InvalidOperation, AttributeError):
            raise ValueError(f"{var} must be a number >= 0 (got {raw!r})") from None
        badge = {"name": name, "color": color}
        result.append(Tier(
            id=None, name=name, tier_key=key, minimum_balance=minimum, discount_percent=Decimal(discount),
            badge_name=name, badge_color=color, display_order=order, is_active=True, description=description,
            metadata={}, display_name=f"{name} ({_grouped(minimum)} tokens)", badge_info=badge,
            tier_benefits={"name": name, "tier_key": key, "minimum_balance": minimum.normalize(),
                           "discount_percent": Decimal(discount), "badge": badge, "description": description},
        ))
    return result


# -- the service --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Snapshot:
    source: str  # "database" or "environment"
    lists: dict[tuple[str, bool], tuple[Tier, ...]]
    thresholds: dict[str, Decimal]
    none: Tier

    @property
    def by_balance(self) -> tuple[Tier, ...]:
        return self.lists[("balance", False)]


def _env_snapshot() -> _Snapshot:
    active = env_tiers()
    orders = {
        "order": sorted(active, key=lambda t: (t.display_order, t.minimum_balance)),
        "balance": sorted(active, key=lambda t: t.minimum_balance, reverse=True),
        "discount": sorted(active, key=lambda t: (-t.discount_percent, t.minimum_balance)),
    }
    lists = {(sort, inactive): tuple(tiers) for sort, tiers in orders.items() for inactive in (False, True)}
    return _Snapshot("environment", lists, {t.tier_key: t.minimum_balance for t in active}, NONE_TIER)


def _db_snapshot(conn: psycopg.Connection) -> _Snapshot:
    lists = {
        (sort, inactive): tuple(list_tiers(conn, sort, inactive)) for sort in SORTS for inactive in (False, True)
    }
    return _Snapshot("database", lists, tier_thresholds(conn), tier_none(conn))


_MISSING = (pg_errors.UndefinedTable, pg_errors.UndefinedFunction, pg_errors.InvalidSchemaName)


class TierService:
    """The seed's tier service: tiers cached in process, reloaded on ``NOTIFY tiers_changed``, with the
    environment (``KOHAI_*_MIN``) as fallback when the database cannot answer.

    Args:
        dsn: connection string (see :func:`runner.db.resolve_dsn`).
        listen: start the listener thread (LISTEN tiers_changed on its own autocommit connection; after a
            reconnect it listens again and reloads). Without it, call :meth:`refresh` to reload.
        retry_interval: seconds to answer from the environment after a failed load before trying the
            database again (0: try on every call). The listener switches back as soon as it reconnects.
        reconnect_delay: (first, max) seconds between the listener's reconnect attempts (doubling).
        connect_timeout: libpq connect_timeout in seconds.

    Which source answers (``database`` or ``environment``) is logged once per switch on logger
    ``runner.tiers``; :attr:`source` tells it. Use as a context manager or call :meth:`close`.
    """

    def __init__(
        self,
        dsn: str | None = None,
        *,
        listen: bool = True,
        retry_interval: float = 5.0,
        reconnect_delay: tuple[float, float] = (0.1, 5.0),
        connect_timeout: int = 3,
    ):
        self.dsn = resolve_dsn(dsn)
        self.retry_interval = retry_interval
        self.reconnect_delay = reconnect_delay
        self.connect_timeout = connect_timeout
        self._state = threading.Lock()
        self._loading = threading.Lock()
        self._generation = 0  # bumped by every notification / listener (re)connect or loss
        self._cache: _Snapshot | None = None
        self._cache_generation = -1
        self._failed_at: float | None = None
        self._failure = ""
        self._source: str | None = None
        self._notifications = 0
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._listening = threading.Event()
        self.listener_pid: int | None = None
        self._thread: threading.Thread | None = None
        if listen:
            self._thread = threading.Thread(target=self._listen, name="tiers-listener", daemon=True)
            self._thread.start()

    # -- public API (the seed's service) --

    def tier_thresholds(self) -> dict[str, Decimal]:
        """``{tier_key: minimum_balance}`` of the active tiers, e.g. ``{"elite": Decimal("5000"), …}``."""
        return dict(self._snapshot().thresholds)

    def tier_for_balance(self, amount: Decimal | int | str) -> Tier:
        """The tier of ``amount`` tokens: highest active ``minimum_balance <= amount``, else the none tier.

        Raises:
            ValueError: ``amount`` is not a number.
        """
        try:
            value = Decimal(str(amount))
        except InvalidOperation:
            raise ValueError(f"amount must be a number (got {amount!r})") from None
        snapshot = self._snapshot()
        return next((t for t in snapshot.by_balance if t.minimum_balance <= value), snapshot.none)

    def tier_by_key(self, tier_key: str) -> Tier | None:
        """The active tier with this key, else None."""
        return next((t for t in self._snapshot().by_balance if t.tier_key == tier_key), None)

    def list_tiers(self, sort_by: str = "order", include_inactive: bool = False) -> list[Tier]:
        """Tiers sorted by ``order``, ``balance`` or ``discount`` (as ``tiers.list_tiers``).

        Raises:
            ValueError: another ``sort_by``.
        """
        if sort_by not in SORTS:
            raise ValueError(f"sort_by must be one of order, balance, discount (got {sort_by!r})")
        return list(self._snapshot().lists[(sort_by, bool(include_inactive))])

    def tier_none(self) -> Tier:
        """The none tier."""
        return self._snapshot().none

    @property
    def source(self) -> str | None:
        """``database`` or ``environment``: where the last answer came from (None before the first)."""
        return self._source

    @property
    def notifications(self) -> int:
        """How many ``tiers_changed`` notifications the listener has received."""
        return self._notifications

    def refresh(self) -> None:
        """Forget the cache: the next call reloads."""
        self._bump()

    def wait_listening(self, timeout: float = 10.0) -> bool:
        """Block until the listener is connected and listening; False on timeout."""
        return self._listening.wait(timeout)

    def wait_for_notifications(self, count: int, timeout: float = 10.0) -> bool:
        """Block until at least ``count`` notifications have been received and handled; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._notifications >= count, timeout)

    def close(self) -> None:
        """Stop the listener thread and close its connection."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> TierService:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- cache --

    def _bump(self) -> None:
        with self._state:
            self._generation += 1
            self._failed_at = None

    def _snapshot(self) -> _Snapshot:
        with self._state:
            generation = self._generation
            if self._cache is not None and self._cache_generation == generation:
                return self._answer(self._cache)
            if self._failed_at is not None and time.monotonic() - self._failed_at < self.retry_interval:
                return self._answer(_env_snapshot(), self._failure)
        with self._loading:
            try:
                with connect(self.dsn, autocommit=True, connect_timeout=self.connect_timeout) as conn:
                    snapshot = _db_snapshot(conn)
            except ConnectError as exc:
                return self._failed(f"unreachable ({exc})")
            except _MISSING as exc:
                return self._failed(f"has no tiers table ({exc.diag.message_primary})")
            except psycopg.OperationalError as exc:
                return self._failed(f"failed ({str(exc).strip()})")
        with self._state:
            if self._generation == generation:
                self._cache, self._cache_generation = snapshot, generation
            self._failed_at = None
            return self._answer(snapshot)

    def _failed(self, reason: str) -> _Snapshot:
        snapshot = _env_snapshot()  # raises ValueError on a malformed variable
        with self._state:
            self._failed_at, self._failure = time.monotonic(), reason
            return self._answer(snapshot, reason)

    def _answer(self, snapshot: _Snapshot, reason: str = "") -> _Snapshot:
        if snapshot.source != self._source:
            if snapshot.source == "database":
                log.info("tiers: answering from the database (%s)", describe(self.dsn))
            else:
                values = ", ".join(f"{t.tier_key}={plain(t.minimum_balance)}" for t in snapshot.by_balance[::-1])
                log.warning(
                    "tiers: answering from KOHAI_ELITE_MIN/KOHAI_GRANDMASTER_MIN/KOHAI_LEGEND_MIN (%s): "
                    "the database %s", values, reason,
                )
            self._source = snapshot.source
        return snapshot

    # -- listener --

    def _listen(self) -> None:
        delay, max_delay = self.reconnect_delay
        while not self._stop.is_set():
            try:
                conn = connect(self.dsn, autocommit=True, connect_timeout=self.connect_timeout)
            except ConnectError:
                self._stop.wait(delay)
                delay = min(delay * 2, max_delay)
                continue
            try:
                with conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listener_pid = conn.info.backend_pid
                    delay = self.reconnect_delay[0]
                    self._bump()  # whatever changed while nobody listened
                    self._listening.set()
                    self._reload_quietly()
                    while not self._stop.is_set():
                        for _notify in conn.notifies(timeout=0.2):
                            self._bump()
                            self._reload_quietly()
                            with self._changed:
                                self._notifications += 1
                                self._changed.notify_all()
            except psycopg.Error as exc:
                log.info("tiers: listener connection lost (%s); reconnecting", str(exc).strip() or type(exc).__name__)
            finally:
                self._listening.clear()
                self.listener_pid = None
                self._bump()  # unheard changes may follow: do not trust the cache

    def _reload_quietly(self) -> None:
        try:
            self._snapshot()
        except Exception:  # noqa: BLE001 - a reload in the background must never kill the listener
            log.exception("tiers: reload failed")
