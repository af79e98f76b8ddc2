"""Changing the schema while applications write: one transaction per attempt, and it yields to them.

`runner migrate` and `runner migrate --rollback` do all their work in ONE transaction, so applications
see the old version or the new one, never a mix. An attempt:

1. takes the migration lock: ``LOCK TABLE yoyo.yoyo_lock IN EXCLUSIVE MODE``. Only roles that may write
   yoyo's tables can take it (nobody else has USAGE on the schema ``yoyo``), and it ends with the
   transaction, so a killed run leaves nothing behind. A second `runner migrate` queues here, holding
   nothing an application needs.
2. does its work with ``lock_timeout`` set to the yield limit, while a watchdog session looks at
   ``pg_locks``: as soon as any other session (or one queued behind it) has waited on this transaction
   for the yield limit, the watchdog cancels the attempt's statement and the attempt rolls back.
3. is retried after a pause, up to ``ATTEMPTS`` times; then it gives up with one line naming who waited
   and what it was itself waiting for. Nothing of a failed attempt is kept.

The yield limit is half the smaller of the session's ``lock_timeout`` (the configured one: postgresql.conf,
``ALTER DATABASE/ROLE … SET``, ``PGOPTIONS``; ignored when 0) and ``deadlock_timeout``. So an application
statement never waits on an upgrade as long as its lock_timeout, and an upgrade is always cancelled before
an application's deadlock check could pick the application as the victim.

SIGTERM is handled like SIGINT: the running statement is cancelled and the transaction rolled back.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import psycopg
from psycopg import errors, pq

T = TypeVar("T")
log = logging.getLogger(__name__)

ATTEMPTS = 10
MIGRATE_LOCK_WAIT_S = 300  # how long a run queues behind another runner migrate before giving up
POLL_S = 0.05  # how often the watchdog looks at pg_locks while an attempt runs

# Sessions waiting on the attempt's transaction for at least %(limit)s seconds, directly or behind another
# waiter; other runner migrate sessions queued on the migration lock are not applications and do not count.
_WAITING_ON_US = """
WITH RECURSIVE waiter AS (
    SELECT l.pid, min(l.waitstart) AS since
      FROM pg_catalog.pg_locks l
     WHERE NOT l.granted AND l.pid <> %(pid)s
       AND l.relation IS DISTINCT FROM pg_catalog.to_regclass('yoyo.yoyo_lock')
     GROUP BY l.pid
), behind (pid, since) AS (
    SELECT w.pid, w.since FROM waiter w WHERE %(pid)s = ANY (pg_catalog.pg_blocking_pids(w.pid))
    UNION
    SELECT w.pid, w.since FROM waiter w JOIN behind b ON b.pid = ANY (pg_catalog.pg_blocking_pids(w.pid))
)
SELECT b.pid, coalesce(a.application_name, '')
  FROM behind b LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = b.pid
 WHERE b.since <= pg_catalog.clock_timestamp() - pg_catalog.make_interval(secs => %(limit)s)
 ORDER BY b.since
 LIMIT 1
"""

# What the attempt's backend was itself waiting for when it was cancelled.
_WE_WAIT_ON = """
SELECT a.pid, coalesce(a.state, ''), extract(epoch FROM pg_catalog.clock_timestamp() - a.xact_start)::float8
  FROM pg_catalog.pg_stat_activity a
 WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(%(pid)s))
 ORDER BY a.xact_start
 LIMIT 1
"""


class MigrateError(Exception):
    """A migrate or rollback that changed nothing; the message is one line saying why and what to do."""


def yield_limit(conn: psycopg.Connection) -> float:
    """Seconds an application session may wait on an upgrade before the upgrade's attempt gives way.

    Half the smaller of the session's ``lock_timeout`` (when set) and ``deadlock_timeout``.

    Args:
        conn: a session of the login that runs the upgrade, with nothing SET LOCAL yet.
    """
    lock_timeout, deadlock_timeout = conn.execute(
        "SELECT extract(epoch FROM pg_catalog.current_setting('lock_timeout')::interval)::float8,"
        "       extract(epoch FROM pg_catalog.current_setting('deadlock_timeout')::interval)::float8"
    ).fetchone()
    limits = [deadlock_timeout] + ([lock_timeout] if lock_timeout > 0 else [])
    return min(limits) / 2


class _Watchdog:
    """A thread with its own session that cancels the attempt's statement once an application has waited
    on it for ``limit`` seconds. Armed only while an attempt works; it also remembers what the attempt was
    last seen waiting on, for the give-up message. If its session fails, it cancels the attempt too: an
    upgrade never holds locks unwatched."""

    def __init__(self, conninfo: str, pid: int, limit: float, cancel: Callable[[], None]):
        self.pid, self.limit, self.cancel = pid, limit, cancel
        self.conn = psycopg.connect(conninfo, autocommit=True, application_name="runner migrate watchdog")
        self.guard = threading.Lock()  # held while checking-and-cancelling; disarm() waits for it
        self.armed = False
        self.fired = False  # cancelled a statement during this run (a QueryCanceled of ours, not an operator's)
        self.why = ""  # the latest reason an attempt gave way
        self.failure = ""  # why the watchdog's own session stopped working
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="runner-migrate-watchdog", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(min(POLL_S, self.limit / 5)):
            with self.guard:
                if not self.armed:
                    continue
                try:
                    self._check()
                except psycopg.Error as exc:
                    self.failure = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                    self.fired = True
                    self.cancel()
                    return

    def _check(self) -> None:
        params = {"pid": self.pid, "limit": self.limit}
        blocker = self.conn.execute(_WE_WAIT_ON, params).fetchone()
        if blocker is not None:
            b_pid, state, age = blocker
            self.why = (f"it waited for a lock held by pid {b_pid} "
                        f"({state or 'active'}, transaction open {age:.0f} s)")
        waiter = self.conn.execute(_WAITING_ON_US, params).fetchone()
        if waiter is None:
            return
        self.cancel()
        self.fired = True
        pid, application = waiter
        self.why = (f"pid {pid}{f' ({application})' if application else ''} waited {self.limit:g} s on it"
                    + (f" while {self.why}" if blocker is not None else ""))

    def arm(self) -> None:
        with self.guard:
            self.armed, self.why = True, ""

    def disarm(self) -> None:
        with self.guard:
            self.armed = False

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.conn.close()


class _Interrupts:
    """While inside, SIGTERM and SIGINT stop the run the same way: a statement in flight is cancelled
    (``cancel_safe``; its error then ends the attempt), otherwise KeyboardInterrupt is raised at once; either
    way the transaction is rolled back and KeyboardInterrupt leaves :func:`in_one_transaction`. Only the main
    thread may install handlers; elsewhere this does nothing."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self.signalled = False
        self.previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        self.signalled = True
        if self.conn.pgconn.transaction_status == pq.TransactionStatus.ACTIVE:
            self.conn.cancel_safe()
        else:
            raise KeyboardInterrupt(signal.Signals(signum).name)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = {signum: signal.signal(signum, self._handle) for signum in (signal.SIGTERM, signal.SIGINT)}
        return self

    def __exit__(self, *exc):
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


def _take_migrate_lock(backend) -> None:
    """Queue behind any other runner migrate on this database (at most MIGRATE_LOCK_WAIT_S), then
    refuse when a lock row of yoyo or of an older runner is present."""
    backend.execute(f"SET LOCAL lock_timeout = '{MIGRATE_LOCK_WAIT_S}s'")
    try:
        backend.execute("LOCK TABLE yoyo.yoyo_lock IN EXCLUSIVE MODE")
    except errors.LockNotAvailable:
        raise MigrateError(
            f"another runner migrate has held the migration lock for {MIGRATE_LOCK_WAIT_S} s; "
            "nothing changed: run again when it has finished") from None
    row = backend.execute("SELECT pid, ctime FROM yoyo.yoyo_lock ORDER BY ctime LIMIT 1").fetchone()
    if row is not None:
        raise MigrateError(
            f"migrations are locked by process {row[0]} since {row[1]:%Y-%m-%d %H:%M:%S} UTC (a row in "
            "yoyo.yoyo_lock, written by yoyo or an older runner); nothing changed: if no migration is "
            "running, remove it with DELETE FROM yoyo.yoyo_lock and run again")


def _pause(attempt: int) -> float:
    """Seconds to wait before the next attempt: 0.1 s doubling up to 2 s, with jitter."""
    return min(0.1 * 2 ** (attempt - 1), 2.0) * random.uniform(0.5, 1.5)


def in_one_transaction(backend, conninfo: str, work: Callable[[], T], what: str) -> T:
    """Run ``work()`` inside one transaction on ``backend`` under the migration lock, yielding to applications.

    Args:
        backend: a yoyo backend (autocommit psycopg connection, search_path yoyo) not in a transaction.
        conninfo: connection string for the watchdog's own session.
        work: does the change with ``backend``; may raise to roll everything back. It runs again on each
            attempt, so it must read the state it acts on itself.
        what: the command, for messages ("migrate", "migrate --rollback").

    Returns what ``work`` returned, after COMMIT.

    Raises:
        MigrateError: the lock could not be had, or every attempt had to give way; nothing changed.
        psycopg.Error: ``work`` failed; nothing changed.
        KeyboardInterrupt: SIGINT or SIGTERM; nothing changed.
    """
    limit = yield_limit(backend.connection)
    watchdog = _Watchdog(conninfo, backend.connection.info.backend_pid, limit, backend.connection.cancel_safe)
    try:
        with _Interrupts(backend.connection) as interrupts:
            for attempt in range(1, ATTEMPTS + 1):
                backend.begin()
                try:
                    _take_migrate_lock(backend)
                    backend.execute(f"SET LOCAL lock_timeout = '{int(limit * 1000)}ms'")
                    watchdog.arm()
                    result = work()
                    if watchdog.failure:
                        raise errors.QueryCanceled("the watchdog session failed")
                    backend.commit()
                    watchdog.disarm()
                    return result
                except BaseException as exc:
                    watchdog.disarm()
                    if not backend.connection.closed:  # else the server has rolled back already
                        backend.rollback()
                    if interrupts.signalled:
                        raise KeyboardInterrupt("interrupted; nothing changed") from None
                    if watchdog.failure:
                        raise MigrateError(f"{what} stopped: its watchdog session failed ({watchdog.failure}); "
                                           "nothing changed") from None
                    if not _gave_way(exc, watchdog):
                        raise
                    pause = _pause(attempt)
                    log.info("%s: attempt %d of %d gave way (%s); next in %.1f s", what, attempt, ATTEMPTS,
                             watchdog.why or exc.diag.message_primary, pause)
                    time.sleep(pause)
    finally:
        watchdog.close()
    raise MigrateError(
        f"{what} gave way to applications {ATTEMPTS} times and stopped; nothing changed (last time "
        f"{watchdog.why or f'it waited {limit:g} s for a lock'}): run it again when that transaction has ended")


def _gave_way(exc: BaseException, watchdog: _Watchdog) -> bool:
    """The attempt ended because it waited too long or was in the way: its own lock_timeout, a deadlock,
    or the watchdog's cancel (a cancel by anyone else is an operator's decision, not a retry)."""
    if isinstance(exc, (errors.LockNotAvailable, errors.DeadlockDetected)):
        return True
    return isinstance(exc, errors.QueryCanceled) and watchdog.fired
