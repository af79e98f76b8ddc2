"""``TierService``: the seed's tier service — tiers cached in process, reloaded on ``NOTIFY tiers_changed``, the
environment (``KOHAI_*_MIN``) as fallback.

It loads its tiers through :mod:`runner.tiers.api` and answers from that snapshot, so the service is the one
place Python picks the tier of a balance (from the cache, or from the environment when the database cannot
answer); tests check it agrees with ``tiers.tier_for_balance``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, replace
from decimal import Decimal

import psycopg
from psycopg import errors as pg_errors

from runner.db import ConnectError, connect, describe, resolve_dsn
from runner.output import grouped, parse_decimal, plain
from runner.tiers.api import SORTS, Tier, get_tier, list_tiers, tier_none, tier_thresholds

log = logging.getLogger("runner.tiers")

CHANNEL = "tiers_changed"


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
            minimum = parse_decimal(raw, var)
        except ValueError:
            minimum = None
        if minimum is None or minimum < 0:
            raise ValueError(f"{var} must be a number >= 0 (got {raw!r})")
        badge = {"name": name, "color": color}
        result.append(Tier(
            id=None, name=name, tier_key=key, minimum_balance=minimum, discount_percent=Decimal(discount),
            badge_name=name, badge_color=color, display_order=order, is_active=True, description=description,
            metadata={}, display_name=f"{name} ({grouped(minimum)} tokens)", badge_info=badge,
            tier_benefits={"name": name, "tier_key": key, "minimum_balance": minimum.normalize(),
                           "discount_percent": Decimal(discount), "badge": badge, "description": description},
        ))
    return result


# -- the service --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Snapshot:
    source: str  # "database", "cache" (the last database snapshot, served while it cannot answer) or "environment"
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
        answer_within: None: a reload waits for the database (the CLI). A number of seconds: a reload runs in
            the background and a read waits at most this long for it, then answers from the fallback (the
            server: a read answers within this bound whatever the database does).

    When the database cannot answer (unreachable, slow, or no tiers table) a read answers from the last tiers
    loaded from it (source ``cache``), else from the environment (source ``environment``). Which source
    answers is logged once per switch on logger ``runner.tiers``; :attr:`source` tells it. Use as a context
    manager or call :meth:`close`.
    """

    def __init__(
        self,
        dsn: str | None = None,
        *,
        listen: bool = True,
        retry_interval: float = 5.0,
        reconnect_delay: tuple[float, float] = (0.1, 5.0),
        connect_timeout: int = 3,
        answer_within: float | None = None,
    ):
        self.dsn = resolve_dsn(dsn)
        self.retry_interval = retry_interval
        self.reconnect_delay = reconnect_delay
        self.connect_timeout = connect_timeout
        self.answer_within = answer_within
        self._loader: threading.Event | None = None  # set when the background load in flight ends
        self._last_good: _Snapshot | None = None
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
            self.start_listening()

    def start_listening(self) -> None:
        """Start the listener thread (what ``listen=True`` does at construction); no-op when it runs."""
        if self._thread is None:
            self._stop.clear()
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
        value = parse_decimal(amount, "amount")
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
    def elite_min(self) -> Decimal | None:
        """Minimum balance of the active tier ``elite`` (the seed's ``KohaiRpcService.elite_min``); None if inactive."""
        return self._snapshot().thresholds.get("elite")

    @property
    def grandmaster_min(self) -> Decimal | None:
        """Minimum balance of the active tier ``grandmaster``; None if inactive."""
        return self._snapshot().thresholds.get("grandmaster")

    @property
    def legend_min(self) -> Decimal | None:
        """Minimum balance of the active tier ``legend``; None if inactive."""
        return self._snapshot().thresholds.get("legend")

    def get_tier(self, address: str) -> Tier:
        """The tier of wallet ``address`` from its stored balance (the none tier for a wallet never recorded).

        Balances live only in the database, so this always asks it (no fallback). SQL: ``tiers.get_tier(address)``.

        Raises:
            ConnectError: the database cannot be reached.
            psycopg.errors.CheckViolation: ``address`` has no accepted format (the message names it).
        """
        with connect(self.dsn, autocommit=True, connect_timeout=self.connect_timeout) as conn:
            return get_tier(conn, address)

    def status(self) -> dict:
        """Where reads come from, for a health check: ``{"source": "database"|"cache"|"environment"|None,
        "listening": bool, "failure": str|None}`` (``failure``: why the database last failed to answer)."""
        with self._state:
            failure = self._failure if self._failed_at is not None else None
        return {"source": self._source, "listening": self._listening.is_set(), "failure": failure}

    @property
    def source(self) -> str | None:
        """``database``, ``cache`` (the last tiers loaded, the database not answering) or ``environment``:
        where the last answer came from (None before the first)."""
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
            self._thread = None

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
        deadline = None if self.answer_within is None else time.monotonic() + self.answer_within
        while True:
            with self._state:
                if self._cache is not None and self._cache_generation == self._generation:
                    return self._answer(self._cache)
                if self._failed_at is not None and time.monotonic() - self._failed_at < self.retry_interval:
                    return self._fallback(self._failure)
                if deadline is not None and self._loader is None:
                    self._loader = threading.Event()
                    threading.Thread(target=self._load_in_background, args=(self._loader,), name="tiers-load",
                                     daemon=True).start()
                done = self._loader
            if deadline is None:
                return self._load()
            if not done.wait(max(0.0, deadline - time.monotonic())):
                return self._failed(f"did not answer within {self.answer_within:g} s")
            # Loaded or failed: look again (a load that began before a change does not count as current).

    def _load_in_background(self, done: threading.Event) -> None:
        try:
            self._load()
        except Exception:  # noqa: BLE001 - reported to the waiting reader as a failure
            log.exception("tiers: load failed")
        finally:
            with self._state:
                self._loader = None
            done.set()

    def _load(self) -> _Snapshot:
        with self._state:
            generation = self._generation
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
            self._last_good = snapshot
            self._failed_at = None
            return self._answer(snapshot)

    def _failed(self, reason: str) -> _Snapshot:
        with self._state:
            self._failed_at, self._failure = time.monotonic(), reason
            return self._fallback(reason)

    def _fallback(self, reason: str) -> _Snapshot:
        """The last tiers loaded from the database, else the environment's (call holding ``_state``)."""
        if self._last_good is not None:
            return self._answer(replace(self._last_good, source="cache"), reason)
        return self._answer(_env_snapshot(), reason)  # raises ValueError on a malformed variable

    def _answer(self, snapshot: _Snapshot, reason: str = "") -> _Snapshot:
        if snapshot.source != self._source:
            if snapshot.source == "database":
                log.info("tiers: answering from the database (%s)", describe(self.dsn))
            elif snapshot.source == "cache":
                log.warning("tiers: answering from the tiers last loaded from the database: the database %s", reason)
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
