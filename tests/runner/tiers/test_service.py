"""runner.tiers.TierService: answers like the SQL API, cache reloaded on NOTIFY from another process,
listener reconnect, env fallback (server unreachable, table missing) and the switch back."""

from __future__ import annotations

import logging
import subprocess
import sys
from decimal import Decimal

import pytest

from runner.tiers import api as tiers
from runner.migrate import migrate
from runner.tiers import TierService
from tests.support import ROOT
from tests.runner.helpers import free_port, until

AMOUNTS = ["0", "1", "4999.99", "5000", "5000.01", "49999.99", "50000", "299999.99", "300000", "300000.01", "1e9"]


@pytest.fixture
def service_factory():
    made: list[TierService] = []

    def _make(dsn, **kwargs) -> TierService:
        service = TierService(dsn, **kwargs)
        made.append(service)
        return service

    yield _make
    for service in made:
        service.close()


def test_answers_like_the_sql_api(db, service_factory, dsn):
    db.execute("SELECT tiers.create_tier('Old', 'old', 1000, p_is_active => false)")
    service = service_factory(dsn, listen=False)
    assert service.tier_thresholds() == {"elite": Decimal("5000"), "grandmaster": Decimal("50000"),
                                         "legend": Decimal("300000")}
    for amount in AMOUNTS:
        assert service.tier_for_balance(amount) == tiers.tier_for_balance(db, amount), amount
    for sort in tiers.SORTS:
        for inactive in (False, True):
            assert service.list_tiers(sort, inactive) == tiers.list_tiers(db, sort, inactive)
    elite = service.tier_by_key("elite")
    assert (elite.id, elite.name, elite.tier_key, elite.minimum_balance, elite.discount_percent, elite.badge_name,
            elite.badge_color, elite.display_order, elite.is_active, elite.display_name, elite.badge_info) == (
        1, "Elite", "elite", Decimal("5000.00"), Decimal("1.00"), "Elite", "silver", 1, True,
        "Elite (5,000 tokens)", {"name": "Elite", "color": "silver"})
    assert elite.tier_benefits == {"name": "Elite", "tier_key": "elite", "minimum_balance": 5000,
                                   "discount_percent": 1, "badge": {"name": "Elite", "color": "silver"},
                                   "description": "Entry-level VIP tier with 1% discount"}
    assert service.tier_by_key("old") is None
    none = service.tier_for_balance(1)
    assert (none.tier_key, none.name, none.discount_percent, none.id) == ("none", "None", 0, None)
    assert service.source == "database"
    with pytest.raises(ValueError, match=r"sort_by must be one of order, balance, discount \(got 'x'\)"):
        service.list_tiers("x")
    with pytest.raises(ValueError, match=r"amount must be a number \(got 'lots'\)"):
        service.tier_for_balance("lots")


def test_cache_answers_until_refreshed(db, service_factory, dsn):
    service = service_factory(dsn, listen=False)
    assert service.tier_for_balance(6000).tier_key == "elite"
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 7500)")
    assert service.tier_for_balance(6000).tier_key == "elite"  # cached: no listener here
    service.refresh()
    assert service.tier_for_balance(6000).tier_key == "none"


def test_cache_invalidated_by_a_change_made_from_another_process(db, service_factory, dsn):
    service = service_factory(dsn)
    assert service.wait_listening()
    assert service.tier_thresholds()["elite"] == Decimal("5000")
    seen = service.notifications
    result = subprocess.run(
        [sys.executable, "-m", "runner", "--dsn", dsn, "tiers", "update", "1", "--minimum-balance", "7500"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert service.wait_for_notifications(seen + 1)
    assert service.tier_thresholds()["elite"] == Decimal("7500")
    assert service.tier_for_balance(7499).tier_key == "none"
    assert service.tier_by_key("elite").display_name == "Elite (7,500 tokens)"


def test_listener_reconnects_listens_again_and_reloads(db, service_factory, dsn):
    service = service_factory(dsn, reconnect_delay=(0.02, 0.1))
    assert service.wait_listening()
    first_pid = service.listener_pid
    service.tier_thresholds()
    db.execute("SELECT pg_terminate_backend(%s)", (first_pid,))
    until(lambda: service.listener_pid not in (None, first_pid), message="listener never reconnected")
    assert service.wait_listening()
    seen = service.notifications
    db.execute("SELECT tiers.delete_tier(3)")
    assert service.wait_for_notifications(seen + 1)
    assert service.tier_thresholds() == {"elite": Decimal("5000"), "grandmaster": Decimal("50000")}


def test_env_fallback_when_the_server_is_unreachable(service_factory, monkeypatch, caplog):
    monkeypatch.setenv("KOHAI_ELITE_MIN", "100")
    monkeypatch.setenv("KOHAI_GRANDMASTER_MIN", "200.5")
    monkeypatch.delenv("KOHAI_LEGEND_MIN", raising=False)
    caplog.set_level(logging.INFO, logger="runner.tiers")
    service = service_factory(f"host=127.0.0.1 port={free_port()} dbname=nowhere", listen=False, retry_interval=0)
    assert service.tier_thresholds() == {"elite": Decimal("100"), "grandmaster": Decimal("200.5"),
                                         "legend": Decimal("300000")}
    assert service.tier_for_balance("99.99").tier_key == "none"
    assert service.tier_for_balance("100").tier_key == "elite"
    assert service.tier_for_balance("200.5").tier_key == "grandmaster"
    grandmaster = service.tier_by_key("grandmaster")
    assert (grandmaster.display_name, grandmaster.discount_percent, grandmaster.badge_color) == (
        "Grandmaster (200.5 tokens)", Decimal(2), "gold")
    assert [t.tier_key for t in service.list_tiers("balance")] == ["legend", "grandmaster", "elite"]
    assert service.source == "environment"
    records = [r for r in caplog.records if r.name == "runner.tiers"]
    assert len(records) == 1  # logged once, however many answers
    assert records[0].levelno == logging.WARNING
    assert records[0].getMessage().startswith(
        "tiers: answering from KOHAI_ELITE_MIN/KOHAI_GRANDMASTER_MIN/KOHAI_LEGEND_MIN "
        "(elite=100, grandmaster=200.5, legend=300000): the database unreachable (cannot connect to PostgreSQL at host=127.0.0.1")


def test_env_defaults_and_a_malformed_variable(service_factory, monkeypatch):
    for var in ("KOHAI_ELITE_MIN", "KOHAI_GRANDMASTER_MIN", "KOHAI_LEGEND_MIN"):
        monkeypatch.delenv(var, raising=False)
    service = service_factory(f"host=127.0.0.1 port={free_port()}", listen=False)
    assert service.tier_thresholds() == {"elite": 5000, "grandmaster": 50000, "legend": 300000}
    assert service.tier_for_balance(75000).name == "Grandmaster"
    monkeypatch.setenv("KOHAI_LEGEND_MIN", "lots")
    service.refresh()
    with pytest.raises(ValueError, match=r"KOHAI_LEGEND_MIN must be a number >= 0 \(got 'lots'\)"):
        service.tier_thresholds()


def test_unreachable_then_back_switches_to_the_database(db, proxy, service_factory, caplog):
    caplog.set_level(logging.INFO, logger="runner.tiers")
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4000)")  # differs from the env default
    service = service_factory(proxy.dsn, retry_interval=0, reconnect_delay=(0.02, 0.1))
    assert service.tier_thresholds()["elite"] == Decimal("5000")  # proxy down: environment
    assert service.source == "environment"
    proxy.start()
    # The listener reconnects, listens and reloads: the service switches back by itself.
    until(lambda: service.source == "database", message="never switched back to the database")
    assert service.tier_thresholds()["elite"] == Decimal("4000")
    proxy.stop()  # the database goes away again: the listener loses its connection, the cache is not trusted
    until(lambda: service.tier_thresholds() and service.source == "cache", message="never fell back again")
    assert service.tier_thresholds()["elite"] == Decimal("4000")  # the last tiers loaded, not the environment's
    messages = [r.getMessage() for r in caplog.records if r.name == "runner.tiers" and "answering" in r.getMessage()]
    assert [m.split(" (")[0].split(":")[1] for m in messages] == [
        " answering from KOHAI_ELITE_MIN/KOHAI_GRANDMASTER_MIN/KOHAI_LEGEND_MIN",
        " answering from the database",
        " answering from the tiers last loaded from the database",
    ]


def test_env_fallback_when_the_table_is_missing_and_back_after_migrate(db, dsn, service_factory, caplog, monkeypatch):
    monkeypatch.delenv("KOHAI_ELITE_MIN", raising=False)
    caplog.set_level(logging.INFO, logger="runner.tiers")
    db.execute("DROP SCHEMA tiers CASCADE")
    service = service_factory(dsn, listen=False, retry_interval=0)
    assert service.tier_thresholds()["elite"] == Decimal("5000")
    assert service.source == "environment"
    assert "the database has no tiers table (" in caplog.records[-1].getMessage()
    # The tiers migrations are applied again (as on a database that never had them).
    db.execute("DELETE FROM yoyo._yoyo_migration WHERE migration_id LIKE '%\\_tiers\\_%'")
    migrate(dsn)
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4321)")
    assert service.tier_thresholds()["elite"] == Decimal("4321")
    assert service.source == "database"
    assert caplog.records[-1].getMessage().startswith("tiers: answering from the database (host=")


def test_the_seeds_kohai_rpc_service_names(db, dsn, service_factory):
    service = service_factory(dsn, listen=False)
    assert (service.elite_min, service.grandmaster_min, service.legend_min) == (5000, 50000, 300000)
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 7500)")
    service.refresh()
    assert service.elite_min == Decimal("7500")
    address = "0x" + "e" * 40
    assert service.get_tier(address).tier_key == "none"
    db.execute("SELECT tiers.set_balances(ARRAY[%s], ARRAY['7500'])", (address,))
    assert service.get_tier(address).tier_key == "elite" == tiers.get_tier(db, address).tier_key


def test_reads_answer_within_the_bound_when_the_database_never_answers(service_factory, monkeypatch):
    import socket
    import time

    monkeypatch.setenv("KOHAI_ELITE_MIN", "123")
    with socket.socket() as silent:  # accepts in the backlog, never answers: libpq waits its connect_timeout
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        service = service_factory(f"host=127.0.0.1 port={silent.getsockname()[1]}", listen=False,
                                  answer_within=0.3, retry_interval=0)
        for _ in range(3):
            started = time.perf_counter()
            assert service.elite_min == Decimal("123")
            assert time.perf_counter() - started < 0.6
        assert service.status() == {"source": "environment", "listening": False,
                                    "failure": "did not answer within 0.3 s"}
