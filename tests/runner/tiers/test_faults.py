"""The database restarted under a running TierService, without restarting the shared server: the service
reaches the database through a TCP proxy (tests/runner/helpers.py ``Proxy``) that is stopped — every
connection cut, new ones refused, as during a restart — and started again.

tests/runner/tiers/test_service.py::test_unreachable_then_back_switches_to_the_database covers a service that starts
while the database is away (environment, then database, then environment again); this test covers the
restart proper: database → away → the last tiers loaded (cache) → back → database, with a tier changed while the
service could not see it, so the answer after the restart must come from a fresh load.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from runner.tiers import TierService
from tests.runner.helpers import until


def test_restart_under_a_running_service_answers_from_the_last_load_then_from_the_database(db, proxy, monkeypatch, caplog):
    for variable in ("KOHAI_ELITE_MIN", "KOHAI_GRANDMASTER_MIN", "KOHAI_LEGEND_MIN"):
        monkeypatch.delenv(variable, raising=False)
    caplog.set_level(logging.INFO, logger="runner.tiers")
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4000)")  # differs from the env default 5000
    proxy.start()
    service = TierService(proxy.dsn, retry_interval=0, reconnect_delay=(0.02, 0.1))
    try:
        assert service.wait_listening()
        assert service.tier_thresholds()["elite"] == Decimal("4000") and service.source == "database"

        first_listener = service.listener_pid
        proxy.stop()  # the server goes down: connections cut, new ones refused
        until(lambda: service.tier_thresholds() and service.source == "cache", message="never fell back")
        assert service.tier_thresholds()["elite"] == Decimal("4000")  # the last load, not the environment's 5000
        assert service.tier_for_balance(3999).tier_key == "none"
        db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4500)")  # changed while the service is blind

        proxy.start()  # the server is back: the listener reconnects, listens again and reloads
        until(lambda: service.source == "database", message="never switched back to the database")
        assert service.tier_thresholds()["elite"] == Decimal("4500")
        assert service.tier_for_balance(4500).tier_key == "elite"
        # The foreground may reconnect before the listener does: wait for a new listening session.
        until(lambda: service.listener_pid not in (None, first_listener) and service.wait_listening(0),
              message="the listener never listened again")
        seen = service.notifications
        db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4600)")  # and it listens again
        assert service.wait_for_notifications(seen + 1)
        assert service.tier_thresholds()["elite"] == Decimal("4600")
    finally:
        service.close()
    messages = [r.getMessage().split(" (")[0] for r in caplog.records
                if r.name == "runner.tiers" and "answering" in r.getMessage()]
    assert [m.split(":")[1] for m in messages[-2:]] == [" answering from the tiers last loaded from the database",
                                                        " answering from the database"]
