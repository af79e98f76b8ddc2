"""Human Points over HTTP: GET /points/{address} and GraphQL pointsData answer human_points.points_data, with the
address rule of the database and no token."""

from __future__ import annotations

import json

import pytest
from runner import points
from tests.runner.server.asgi import asgi_client

POINTS_DATA = "query ($address: String!) { pointsData(address: $address) { totalPoints isEligible multiplier breakdown { action points } } }"
MALFORMED = "address must be 0x followed by 40 hex digits (got '0x123')"


@pytest.fixture
def http(dsn):
    with asgi_client(dsn) as client:
        yield client


def graphql(http, address: str) -> dict:
    response = http.post("/graphql", json={"query": POINTS_DATA, "variables": {"address": address}})
    return response.json()


def as_seed(data: dict) -> dict:
    """pointsData in the seed's shape (the breakdown list as an object)."""
    return {"total_points": data["totalPoints"], "is_eligible": data["isEligible"], "multiplier": data["multiplier"],
            "breakdown": {row["action"]: row["points"] for row in data["breakdown"]}}


def test_fifty_sample_addresses_answer_points_data(http, db, shared_data):
    path = shared_data("passport-scores-sample.json")
    events = json.loads(path.read_text())
    for community_id in sorted({event["community_id"] for event in events}):
        points.upsert_community(db, community_id, f"community {community_id}", community_id <= 4)
    assert points.import_scores(db, path) == len(events)
    addresses = list(dict.fromkeys(event["address"] for event in events))[:50]
    points.populate_multipliers(db, addresses=addresses[::3])
    points.record_mint(db, addresses[1].upper().replace("0X", "0x"), "passport_mint", "0x" + "ab" * 32, 10)

    answers = {}
    for address in addresses:
        expected = db.execute("select human_points.points_data(%s)", (address,)).fetchone()[0]
        response = http.get(f"/points/{address}")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert response.json() == expected
        assert list(response.json()) == ["total_points", "is_eligible", "multiplier", "breakdown"]
        assert graphql(http, address) == {"data": {"pointsData": {
            "totalPoints": expected["total_points"], "isEligible": expected["is_eligible"],
            "multiplier": expected["multiplier"],
            "breakdown": [{"action": a, "points": p} for a, p in sorted(expected["breakdown"].items())]}}}
        answers[address] = expected
    # the sample exercises what there is to read: upper-case addresses, points, eligibility, multipliers, a mint
    assert any(a != a.lower() for a in answers)
    assert any(a["is_eligible"] for a in answers.values()) and any(not a["is_eligible"] for a in answers.values())
    assert {a["multiplier"] for a in answers.values()} == {1, 2}
    assert sum(a["total_points"] > 0 for a in answers.values()) >= 10
    assert "passport_mint" in answers[addresses[1]]["breakdown"]


def test_an_address_is_normalised_as_the_database_does(http, db):
    address = "0x" + "aB" * 20
    assert http.get(f"/points/{address}").json() == http.get(f"/points/{address.lower()}").json() == {
        "total_points": 0, "is_eligible": False, "multiplier": 1, "breakdown": {}}
    assert as_seed(graphql(http, address.upper().replace("0X", "0x"))["data"]["pointsData"]) == {
        "total_points": 0, "is_eligible": False, "multiplier": 1, "breakdown": {}}


@pytest.mark.parametrize("address, shown", [("0x123", "'0x123'"), ("", "''"), ("0x" + "g" * 40, "'0x" + "g" * 40 + "'"),
                                             ("0x" + "a" * 40 + "/extra", "'0x" + "a" * 40 + "/extra'")])
def test_a_malformed_address_is_400_naming_the_rule(http, address, shown):
    response = http.get(f"/points/{address}")
    assert response.status_code == 400
    assert response.json() == {"error": f"address must be 0x followed by 40 hex digits (got {shown})"}
    body = graphql(http, address)
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == [f"address must be 0x followed by 40 hex digits (got {shown})"]


def test_no_token_is_needed_and_only_get_reads(dsn):
    with asgi_client(dsn, None) as http:
        assert http.get("/points/" + "0x" + "1" * 40).status_code == 200
        assert "errors" not in graphql(http, "0x" + "1" * 40)
        refused = http.post("/points/" + "0x" + "1" * 40)
        assert refused.status_code == 405
        assert refused.headers["allow"] == "GET, HEAD"


def test_a_database_that_is_not_migrated_is_503_saying_so(http, db):
    db.execute("DROP FUNCTION human_points.points_data(text)")
    response = http.get("/points/" + "0x" + "1" * 40)
    assert response.status_code == 503
    assert response.json()["error"].endswith("; run `runner migrate`")
