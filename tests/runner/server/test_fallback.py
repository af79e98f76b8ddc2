"""`runner serve` when the database goes away (a TCP proxy to it, cut) and comes back: tier reads answer within 1 s
from the last tiers loaded, after a restart of the server from KOHAI_*_MIN; /health says which; mutations fail fast
with one line; when the database returns, answers follow the table again without a restart."""

from __future__ import annotations

import socket
import time

from tests.runner.helpers import until

READS = '{ tiers { tierKey minimumBalance } tierByKey(tierKey: "elite") { minimumBalance } tierThresholds }'
ENV = {"KOHAI_ELITE_MIN": "100", "KOHAI_GRANDMASTER_MIN": "200", "KOHAI_LEGEND_MIN": "300"}


def read(client) -> tuple[dict, float]:
    started = time.perf_counter()
    data = client.data(READS)
    return data, time.perf_counter() - started


def minimums(data: dict) -> tuple:
    return (tuple(t["minimumBalance"] for t in data["tiers"]), data["tierByKey"]["minimumBalance"],
            tuple(data["tierThresholds"].values()))


def health(client) -> dict:
    return client.http.get(client.url.replace("/graphql", "/health")).json()


def test_cache_then_environment_then_the_table_again(serve, db, proxy):
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4000)")
    proxy.start()
    client = serve(via=proxy.dsn, env=ENV)
    data, _ = read(client)
    assert minimums(data) == (("4000", "50000", "300000"), "4000", ("4000", "50000", "300000"))
    assert health(client)["tiers"]["source"] == "database"

    proxy.stop()  # the database goes away: connections cut, new ones refused
    for _ in range(5):
        data, elapsed = read(client)
        assert minimums(data) == (("4000", "50000", "300000"), "4000", ("4000", "50000", "300000"))
        assert elapsed < 1.0, elapsed
    state = health(client)
    assert state["database"].startswith("not answering") and state["tiers"]["source"] == "cache"
    assert state["tiers"]["failure"].startswith("unreachable (cannot connect to PostgreSQL")
    started = time.perf_counter()
    response = client.post('mutation { updateTier(id: "1", name: "X") { tier { id } errors } }')
    assert time.perf_counter() - started < 2.5
    assert response.status_code == 200
    assert response.json() == {"data": {"updateTier": {"tier": None, "errors": [
        "the database is not answering; try again shortly"]}}}
    assert client.post('{ tierStatus(address: "0x%s") { tier { id } } }' % ("a" * 40)).json()["errors"][0][
        "message"] == "the database is not answering; try again shortly"

    restarted = serve(via=proxy.dsn, env=ENV)  # a new server while the database is away: the environment
    data, elapsed = read(restarted)
    assert minimums(data) == (("100", "200", "300"), "100", ("100", "200", "300")) and elapsed < 1.0
    assert health(restarted)["tiers"]["source"] == "environment"

    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4500)")  # changed while nobody could see it
    proxy.start()
    for each in (client, restarted):  # both follow the table again, without a restart
        until(lambda: minimums(read(each)[0])[1] == "4500", message="never read the table again")
        until(lambda: health(each)["tiers"]["listening"], message="never listened again")
        assert health(each) == {"database": "ok", "tiers": {"source": "database", "listening": True,
                                                            "failure": None}}
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 4600)")  # and NOTIFY reaches them again
    until(lambda: minimums(read(restarted)[0])[1] == "4600", message="the listener never reloaded")


def test_a_database_that_never_answers_costs_a_read_at_most_one_second(serve, dsn):
    with socket.socket() as silent:  # connections complete in the backlog, nothing ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        client = serve(via=f"host=127.0.0.1 port={port} dbname=nowhere", env=ENV)
        for _ in range(4):
            data, elapsed = read(client)
            assert minimums(data) == (("100", "200", "300"), "100", ("100", "200", "300"))
            assert elapsed < 1.0, elapsed
        state = health(client)
        assert state["tiers"]["source"] == "environment" and state["database"].startswith("not answering")
