"""The Kohai app's own client requests, verbatim from its docs (infinite-worldwide-group/kohai-game-web3:
TIER_GRAPHQL_EXAMPLES.md, TIER_LIST_QUICK_REFERENCE.md, FRONTEND_VIP_TIER_INTEGRATION.md), against `runner serve`:
answers shaped and formatted as the docs print them. Where docs and code differ: the app's TierType declares
discountPercent a Float (JSON 1.0) while every doc and the seed print "1.0" — we print the seed's string;
DeleteTier answers message "Tier not found" (the code) with the reason in errors.

Also: GET executes queries (a mutation by GET: 405), the explorer is off unless asked, tierStatus/tierThresholds,
errors as one line with HTTP 200, nothing of PL/pgSQL's CONTEXT and no traceback in the log."""

from __future__ import annotations

import re
import signal
import subprocess
import time

import pytest

from tests.runner.helpers import ADMIN_TOKEN

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

GET_ALL_TIERS = """query GetAllTiers {
  tiers(sortBy: "order", includeInactive: false) {
    id
    name
    tierKey
    minimumBalance
    discountPercent
    badgeName
    badgeColor
    displayOrder
    isActive
    description
    displayName
    tierBenefits {
      name
      tierKey
      minimumBalance
      discountPercent
      badge {
        name
        color
      }
      description
    }
    createdAt
    updatedAt
  }
}"""

GET_ALL_TIERS_FRONTEND = """query GetAllTiers {
  tiers {
    id
    name              # "Elite VIP", "Master VVIP", "Champion VVIP+"
    tierKey           # "elite", "master", "champion"
    minimumBalance    # 50000, 500000, 3000000
    discountPercent   # 1, 2, 3
    badgeName         # "ELITE VIP", "MASTER VVIP", "CHAMPION VVIP+"
    badgeColor        # "silver", "gold", "orange"
    description       # Full description
    displayOrder      # 1, 2, 3
    isActive          # true
  }
}"""

BY_BALANCE = """query GetTiersByBalance {
  tiers(sortBy: "balance", includeInactive: false) {
    id
    name
    tierKey
    minimumBalance
    discountPercent
  }
}"""

BY_DISCOUNT = """query GetTiersByDiscount {
  tiers(sortBy: "discount", includeInactive: false) {
    id
    name
    discountPercent
    badgeColor
  }
}"""

INCLUDING_INACTIVE = """query GetAllTiersIncludingInactive {
  tiers(sortBy: "order", includeInactive: true) {
    id
    name
    isActive
    discountPercent
  }
}"""

ELITE_TIER = """query GetEliteTier {
  tierByKey(tierKey: "elite") {
    id
    name
    tierKey
    minimumBalance
    discountPercent
    badgeName
    badgeColor
    description
    displayName
  }
}"""

CREATE_VIP = """mutation CreateVIPTier {
  createTier(
    name: "VIP"
    tierKey: "vip"
    minimumBalance: "1000000"
    discountPercent: "4"
    badgeName: "VIP"
    badgeColor: "platinum"
    description: "Exclusive VIP tier with 4% discount and special perks"
    displayOrder: 4
  ) {
    tier {
      id
      name
      tierKey
      minimumBalance
      discountPercent
    }
    errors
  }
}"""

UPDATE_ELITE = """mutation UpdateEliteDiscount {
  updateTier(
    id: "1"
    discountPercent: "1.5"
    description: "Elite tier - updated with 1.5% discount"
  ) {
    tier {
      id
      name
      discountPercent
      description
    }
    errors
  }
}"""

DELETE = """mutation DeleteTier {
  deleteTier(id: "%s") {
    success message
  }
}"""

SEED = [("1", "Elite", "elite", "5000", "1.0", "silver"), ("2", "Grandmaster", "grandmaster", "50000", "2.0", "gold"),
        ("3", "Legend", "legend", "300000", "3.0", "orange")]


def test_get_all_tiers_with_created_and_updated_at(serve, db):
    client = serve()
    tiers = client.data(GET_ALL_TIERS)["tiers"]
    assert [(t["id"], t["name"], t["tierKey"], t["minimumBalance"], t["discountPercent"], t["badgeColor"])
            for t in tiers] == SEED
    elite = tiers[0]
    assert elite["displayName"] == "Elite (5,000 tokens)" and elite["displayOrder"] == 1 and elite["isActive"]
    assert elite["tierBenefits"] == {"name": "Elite", "tierKey": "elite", "minimumBalance": "5000",
                                     "discountPercent": "1.0", "badge": {"name": "Elite", "color": "silver"},
                                     "description": "Entry-level VIP tier with 1% discount"}
    stored = db.execute("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                        "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                        "FROM tiers.tier WHERE id = 1").fetchone()
    assert (elite["createdAt"], elite["updatedAt"]) == stored
    assert all(ISO_UTC.match(t["createdAt"]) and ISO_UTC.match(t["updatedAt"]) for t in tiers)
    frontend = client.data(GET_ALL_TIERS_FRONTEND)["tiers"]
    assert [t["tierKey"] for t in frontend] == ["elite", "grandmaster", "legend"]
    assert frontend[2] == {"id": "3", "name": "Legend", "tierKey": "legend", "minimumBalance": "300000",
                           "discountPercent": "3.0", "badgeName": "Legend", "badgeColor": "orange",
                           "description": "Top VIP tier with 3% discount", "displayOrder": 3, "isActive": True}


def test_each_sort_by_key_and_the_mutations_as_the_docs_print_them(serve):
    client = serve()
    assert client.data(BY_BALANCE)["tiers"] == [
        {"id": i, "name": n, "tierKey": k, "minimumBalance": m, "discountPercent": d}
        for i, n, k, m, d, _ in reversed(SEED)]
    assert client.data(BY_DISCOUNT)["tiers"] == [
        {"id": i, "name": n, "discountPercent": d, "badgeColor": c} for i, n, _, _, d, c in reversed(SEED)]
    assert client.data(ELITE_TIER) == {"tierByKey": {
        "id": "1", "name": "Elite", "tierKey": "elite", "minimumBalance": "5000", "discountPercent": "1.0",
        "badgeName": "Elite", "badgeColor": "silver", "description": "Entry-level VIP tier with 1% discount",
        "displayName": "Elite (5,000 tokens)"}}
    assert client.data(CREATE_VIP) == {"createTier": {"tier": {
        "id": "4", "name": "VIP", "tierKey": "vip", "minimumBalance": "1000000", "discountPercent": "4.0"}, "errors": []}}
    assert client.data(UPDATE_ELITE) == {"updateTier": {"tier": {
        "id": "1", "name": "Elite", "discountPercent": "1.5", "description": "Elite tier - updated with 1.5% discount"},
        "errors": []}}
    assert client.data(DELETE % 4) == {"deleteTier": {"success": True, "message": "Tier deleted successfully"}}
    assert client.data(INCLUDING_INACTIVE)["tiers"][-1] == {
        "id": "4", "name": "VIP", "isActive": False, "discountPercent": "4.0"}
    # a delete of an unknown id: the app's answer, HTTP 200
    response = client.post('mutation { deleteTier(id: "999") { success message errors } }')
    assert response.status_code == 200
    assert response.json() == {"data": {"deleteTier": {
        "success": False, "message": "Tier not found", "errors": ["id 999 does not exist"]}}}


def test_tier_thresholds_and_tier_status(serve, db):
    client = serve()
    assert client.data("{ tierThresholds }") == {
        "tierThresholds": {"elite": "5000", "grandmaster": "50000", "legend": "300000"}}
    address = "0x" + "ab" * 20
    status = "{ tierStatus(address: \"%s\") { address balance tier { tierKey name } discountPercent " \
             "badge { name color } nextTier { tierKey } amountToNextTier updatedAt } }"
    assert client.data(status % address, token=None) == {"tierStatus": {
        "address": address, "balance": None, "tier": None, "discountPercent": "0.0", "badge": None,
        "nextTier": {"tierKey": "elite"}, "amountToNextTier": "5000", "updatedAt": None}}
    db.execute("SELECT tiers.set_balances(ARRAY[%s], ARRAY['75000.5'])", (address,))
    got = client.data(status % address, token=None)["tierStatus"]
    assert ISO_UTC.match(got.pop("updatedAt"))
    assert got == {"address": address, "balance": "75000.5", "tier": {"tierKey": "grandmaster", "name": "Grandmaster"},
                   "discountPercent": "2.0", "badge": {"name": "Grandmaster", "color": "gold"},
                   "nextTier": {"tierKey": "legend"}, "amountToNextTier": "224999.5"}
    response = client.post(status % "0xABC", token=None)
    assert response.status_code == 200
    assert response.json()["data"] == {"tierStatus": None}
    assert [e["message"] for e in response.json()["errors"]] == [
        "address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) "
        "(got '0xABC')"]


def test_get_executes_queries_and_refuses_mutations_with_405(serve):
    client = serve()
    response = client.http.get(client.url, params={"query": "query { tiers(sortBy: \"order\") { tierKey } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"tiers": [{"tierKey": "elite"}, {"tierKey": "grandmaster"},
                                                  {"tierKey": "legend"}]}}
    response = client.http.get(client.url, params={"query": ELITE_TIER, "operationName": "GetEliteTier"})
    assert response.json()["data"]["tierByKey"]["name"] == "Elite"
    response = client.http.get(client.url, params={"query": DELETE % 1},
                               headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert response.json() == {"errors": [{"message": "mutations are sent with POST"}]}
    assert client.data("{ tiers { isActive } }")["tiers"][0] == {"isActive": True}
    assert client.http.get(client.url).status_code == 405  # no explorer unless `runner serve --explorer`


def test_explorer_on_request(serve):
    client = serve(args=("--explorer",))
    response = client.http.get(client.url, headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


def test_health(serve):
    client = serve()
    client.data("{ tiers { id } }")
    response = client.http.get(client.url.replace("/graphql", "/health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "tiers": {"source": "database", "listening": True, "failure": None}}


def test_client_errors_are_one_line_without_context_or_traceback(serve):
    client = serve(env={"GITHUB_WEBHOOK_SECRET": "s"})  # no startup warning: the log is the start line and errors
    response = client.post('{ tiers(sortBy: "name") { id } }')
    assert response.status_code == 200
    assert response.json()["data"] is None
    assert [e["message"] for e in response.json()["errors"]] == [
        "sortBy must be one of order, balance, discount (got 'name')"]
    assert client.post("{ tiers { nope } }").status_code == 400
    response = client.post('mutation { createTier(name: "X", tierKey: "x", minimumBalance: "5000") { errors } }')
    assert "CONTEXT" not in response.text and response.json()["data"]["createTier"]["errors"] == [
        "minimumBalance must differ between active tiers (5000 is already the minimum of 'elite')"]
    client.process.send_signal(signal.SIGTERM)
    _, stderr = client.process.communicate(timeout=10)
    log = stderr.decode()
    assert "Traceback" not in log and "CONTEXT" not in log
    logged = [line for line in log.splitlines() if line.startswith("graphql: ")]
    assert len(logged) == 2 and logged[0] == "graphql: sortBy must be one of order, balance, discount (got 'name')"
    assert len(log.strip().splitlines()) == 3  # the start line and those two


def test_sigterm_stops_a_busy_server_within_a_few_seconds(serve, db, connect):
    client = serve()
    client.data("{ tiers { id } }")
    blocker = connect(autocommit=False)
    blocker.execute("LOCK tiers.wallet IN ACCESS EXCLUSIVE MODE")  # a tier change waits for this (up to 5 s)
    pending = subprocess.Popen(["curl", "-sS", "-X", "POST", client.url, "-H", "Content-Type: application/json",
                                "-H", f"Authorization: Bearer {ADMIN_TOKEN}", "-d",
                                '{"query": "mutation { updateTier(id: \\"1\\", minimumBalance: \\"4000\\") { errors } }"}'],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)  # the mutation is in flight, waiting for the lock
    started = time.monotonic()
    client.process.send_signal(signal.SIGTERM)
    client.process.wait(timeout=15)
    stopped = time.monotonic() - started
    blocker.rollback()
    pending.communicate(timeout=10)
    assert stopped < 6.5, stopped  # graceful 2 s, then the in-flight call ends at the database's 5 s lock timeout


@pytest.mark.parametrize("query", [GET_ALL_TIERS, BY_BALANCE, ELITE_TIER, "{ tierThresholds }"])
def test_every_kohai_query_fits_the_limits(serve, query):
    client = serve()
    assert client.post(query).status_code == 200
