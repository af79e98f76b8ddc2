"""Hostile GraphQL without a token: every limit refuses before any resolver (no database work), in time linear in
the query; aliases of one tier list resolve it once; and, against a real `runner serve`, a plain client keeps its
latency while the hostile requests are refused."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time

import httpx
import pytest
from ariadne import graphql
from graphql import get_introspection_query

from runner.server import limits
from runner.server.app import build_schema
from runner.tiers.service import env_tiers

SCHEMA = build_schema()


def nested_fragments(size: int = 2048) -> str:
    """Fragments each spreading the next twice: ~2**n fields once expanded, n ~ 30 in 2 KB."""
    n, query = 1, ""
    while True:
        fragments = " ".join(f"fragment F{i} on Tier {{ id ...F{i + 1} ...F{i + 1} }}" for i in range(n))
        candidate = "{ tiers { ...F0 } } " + fragments + f" fragment F{n} on Tier {{ name }}"
        if len(candidate) > size:
            return query
        n, query = n + 1, candidate


def aliases(count: int, field: str = "tiers { id }") -> str:
    return "{ " + " ".join(f"a{i}: {field}" for i in range(count)) + " }"


class CountingService:
    """Stands in for TierService: counts reads."""

    def __init__(self):
        self.calls: list[tuple] = []

    def list_tiers(self, sort_by="order", include_inactive=False):
        self.calls.append(("list_tiers", sort_by, include_inactive))
        return env_tiers()

    def tier_by_key(self, key):
        self.calls.append(("tier_by_key", key))
        return next((t for t in env_tiers() if t.tier_key == key), None)


class NoPool:
    def connection(self, *args, **kwargs):
        raise AssertionError("a refused query reached the database")


def run(query: str, service=None) -> tuple[bool, dict, float]:
    context = {"service": service or CountingService(), "pool": NoPool(), "reads": {}, "request": None,
               "admin_token": None}
    started = time.perf_counter()
    success, result = asyncio.run(graphql(SCHEMA, {"query": query}, context_value=context,
                                          query_parser=limits.parse_query, query_validator=limits.validate_query))
    return success, result, time.perf_counter() - started


@pytest.mark.parametrize("query, message", [
    (nested_fragments(), "The query exceeds the maximum cost of 1000. Actual cost is "),
    (aliases(10_000), "query is too large: source contains more than 32768 code points (a limit of this server)"),
    (aliases(301, "__typename"), "query selects more than 300 fields (the limit of this server is 300)"),
    (aliases(160), "query selects more than 300 fields (the limit of this server is 300)"),
    (aliases(400), "query is too large: document contains more than 2000 tokens (a limit of this server)"),
    ("{ __schema { types { " + "fields { type { " * 24 + "name" + " } }" * 24 + " } } }",
     "query is nested more than 15 levels deep (the limit of this server is 15)"),
    ("{ tiers { ...A } } fragment A on Tier { tierBenefits { ...B } } fragment B on TierBenefits { ...A }",
     "Cannot spread fragment 'A' within itself via 'B'."),
])
def test_hostile_queries_are_refused_before_any_resolver(query, message):
    service = CountingService()
    success, result, elapsed = run(query, service)
    assert not success and "data" not in result
    assert result["errors"][0]["message"].startswith(message)
    assert service.calls == []
    assert elapsed < 1.0  # linear: ~10-60 ms here; the old depth walk took seconds to minutes


def test_the_nested_fragment_query_is_what_the_issue_measured():
    query = nested_fragments()
    assert 1900 < len(query) <= 2048 and query.count("fragment") > 30


def test_aliases_of_one_list_resolve_it_once():
    service = CountingService()
    query = ("{ " + " ".join(f"a{i}: tiers {{ id }} b{i}: tiers(sortBy: \"balance\") {{ id }}" for i in range(70))
        + ' e1: tierByKey(tierKey: "elite") { id } e2: tierByKey(tierKey: "elite") { name } }')
    success, result, _ = run(query, service)
    assert success, result
    assert len(result["data"]) == 142
    assert sorted(service.calls) == [("list_tiers", "balance", False), ("list_tiers", "order", False),
                                     ("tier_by_key", "elite")]


def test_introspection_and_the_kohai_queries_fit_the_limits():
    success, result, _ = run(get_introspection_query())
    assert success, result


@pytest.fixture
def plain_client_latencies(serve):
    """A server, and a thread sending `{ tiers { id } }` on its own connection until told to stop; yields
    (client, latencies in s, stop event)."""
    client = serve()
    latencies: list[float] = []
    stop = threading.Event()

    def loop():
        with httpx.Client(timeout=10) as http:
            while not stop.is_set():
                started = time.perf_counter()
                response = http.post(client.url, json={"query": "{ tiers { id } }"})
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200 and len(response.json()["data"]["tiers"]) == 3
                time.sleep(0.005)

    client.data("{ tiers { id } }")  # warm: the tier cache is loaded
    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield client, latencies, stop
    stop.set()
    thread.join(10)


def test_hostile_requests_are_refused_fast_while_a_plain_client_keeps_answering(plain_client_latencies):
    client, latencies, stop = plain_client_latencies
    time.sleep(0.3)
    before = len(latencies)
    body_1mb = ('{"query": "' + aliases(60_000) + '"}').encode()
    assert len(body_1mb) > 1_000_000
    hostile = [  # (name, request, status, median bound in s: the issue's 100 ms for its three)
        ("2 KB nested fragments", {"json": {"query": nested_fragments()}}, 400, 0.1),
        ("1 MB of aliases", {"content": body_1mb, "headers": {"content-type": "application/json"}}, 413, 0.1),
        ("10,000 aliases", {"json": {"query": aliases(10_000)}}, 413, 0.1),
        ("400 aliases under the body limit", {"json": {"query": aliases(400)}}, 400, 0.25),
        ("160 aliases under the token limit", {"json": {"query": aliases(160)}}, 400, 0.25),
    ]
    timings = {}
    with httpx.Client(timeout=10) as http:
        for name, request, status, _bound in hostile * 3:
            started = time.perf_counter()
            response = http.post(client.url, **request)
            timings.setdefault(name, []).append(time.perf_counter() - started)
            assert response.status_code == status, (name, response.text[:200])
            assert response.json()["errors"][0]["message"]
    time.sleep(0.3)
    stop.set()
    during = latencies[before:]
    assert len(during) > 10
    # Generous bounds for a shared 2-core machine; the figures measured are in the assertion messages.
    for name, _request, _status, bound in hostile:
        assert statistics.median(timings[name]) < bound, (name, timings[name])
    assert statistics.median(during) < 0.05, during  # measured ~16 ms at a load average of 7 on 2 cores
    assert max(during) < 1.0, during
