"""GraphQL against a real `runner serve`: the seed's queries and mutations, auth, validation in `errors`
with HTTP 200, decimals printed as the seed prints them, query depth limit."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from graphql import get_introspection_query

from tests.runner.helpers import ADMIN_TOKEN

ALL_TIERS = """
query {
  tiers(sortBy: "order", includeInactive: false) {
    id name tierKey minimumBalance discountPercent badgeName badgeColor displayOrder isActive description
    displayName
    tierBenefits { name tierKey minimumBalance discountPercent badge { name color } }
  }
}"""

ELITE = {
    "id": "1", "name": "Elite", "tierKey": "elite", "minimumBalance": "5000", "discountPercent": "1.0",
    "badgeName": "Elite", "badgeColor": "silver", "displayOrder": 1, "isActive": True,
    "description": "Entry-level VIP tier with 1% discount", "displayName": "Elite (5,000 tokens)",
    "tierBenefits": {"name": "Elite", "tierKey": "elite", "minimumBalance": "5000", "discountPercent": "1.0",
                     "badge": {"name": "Elite", "color": "silver"}},
}


def test_the_seed_queries(serve):
    client = serve()
    tiers = client.data(ALL_TIERS)["tiers"]
    assert tiers[0] == ELITE
    assert [(t["tierKey"], t["minimumBalance"], t["discountPercent"], t["displayName"], t["badgeColor"])
            for t in tiers] == [
        ("elite", "5000", "1.0", "Elite (5,000 tokens)", "silver"),
        ("grandmaster", "50000", "2.0", "Grandmaster (50,000 tokens)", "gold"),
        ("legend", "300000", "3.0", "Legend (300,000 tokens)", "orange"),
    ]
    assert client.data("""query { tierByKey(tierKey: "elite") {
        id name tierKey minimumBalance discountPercent badgeName badgeColor description } }""") == {
        "tierByKey": {"id": "1", "name": "Elite", "tierKey": "elite", "minimumBalance": "5000",
                      "discountPercent": "1.0", "badgeName": "Elite", "badgeColor": "silver",
                      "description": "Entry-level VIP tier with 1% discount"}}
    assert client.data('query { tierByKey(tierKey: "elite") { name minimumBalance discountPercent description } }') == {
        "tierByKey": {"name": "Elite", "minimumBalance": "5000", "discountPercent": "1.0",
                      "description": "Entry-level VIP tier with 1% discount"}}
    assert client.data('query GetAllTiers { tiers(sortBy: "order") { id name tierKey minimumBalance discountPercent badgeName } }') == {
        "tiers": [{k: t[k] for k in ("id", "name", "tierKey", "minimumBalance", "discountPercent", "badgeName")}
                  for t in tiers]}
    assert client.data("{ tiers { id name } }") == {"tiers": [{"id": "1", "name": "Elite"}, {"id": "2", "name": "Grandmaster"},
                                                               {"id": "3", "name": "Legend"}]}
    assert client.data('query { tierByKey(tierKey: "nope") { id } }') == {"tierByKey": None}


def test_the_seed_mutations(serve):
    client = serve()
    assert client.data("""mutation {
      createTier(name: "VIP" tierKey: "vip" minimumBalance: "100000" discountPercent: "5" badgeName: "VIP"
                 badgeColor: "platinum" description: "Exclusive VIP tier" displayOrder: 4) {
        tier { id name tierKey minimumBalance discountPercent }
        errors
      }
    }""") == {"createTier": {"tier": {"id": "4", "name": "VIP", "tierKey": "vip", "minimumBalance": "100000",
                                      "discountPercent": "5.0"}, "errors": []}}
    assert client.data("""mutation {
      updateTier(id: "1" name: "Elite Plus" minimumBalance: "7500" discountPercent: "1.5" badgeColor: "platinum") {
        tier { id name minimumBalance discountPercent }
        errors
      }
    }""") == {"updateTier": {"tier": {"id": "1", "name": "Elite Plus", "minimumBalance": "7500",
                                      "discountPercent": "1.5"}, "errors": []}}
    assert client.data('mutation { deleteTier(id: "4") { success message errors } }') == {
        "deleteTier": {"success": True, "message": "Tier deleted successfully", "errors": []}}
    # the quick reference's examples
    assert client.data("""mutation CreateNewTier {
      createTier(name: "Platinum" tierKey: "platinum" minimumBalance: "500000" discountPercent: "4"
                 badgeName: "Platinum" badgeColor: "platinum") { tier { id name minimumBalance } errors }
    }""") == {"createTier": {"tier": {"id": "5", "name": "Platinum", "minimumBalance": "500000"}, "errors": []}}
    assert client.data("""mutation UpdateTier {
      updateTier(id: "1" discountPercent: "2" description: "Updated Elite benefits") { tier { id name discountPercent } errors }
    }""") == {"updateTier": {"tier": {"id": "1", "name": "Elite Plus", "discountPercent": "2.0"}, "errors": []}}
    assert client.data('mutation { updateTier(id: "1", minimumBalance: "8000") { tier { minimumBalance } } }') == {
        "updateTier": {"tier": {"minimumBalance": "8000"}}}
    assert client.data('mutation DeleteTier { deleteTier(id: "1") { success message } }') == {
        "deleteTier": {"success": True, "message": "Tier deleted successfully"}}
    # deleted tiers are inactive, listed only on request
    assert [t["tierKey"] for t in client.data("{ tiers { tierKey } }")["tiers"]] == ["platinum", "grandmaster", "legend"]  # display order 0 first
    listed = client.data('{ tiers(sortBy: "balance", includeInactive: true) { tierKey isActive } }')["tiers"]
    assert listed == [{"tierKey": "platinum", "isActive": True}, {"tierKey": "legend", "isActive": True},
                      {"tierKey": "vip", "isActive": False}, {"tierKey": "grandmaster", "isActive": True},
                      {"tierKey": "elite", "isActive": False}]
    assert [t["tierKey"] for t in client.data('{ tiers(sortBy: "discount") { tierKey } }')["tiers"]] == [
        "platinum", "legend", "grandmaster"]


def test_variables_numbers_and_metadata(serve):
    client = serve()
    data = client.data(
        "mutation ($min: BigInt, $disc: Decimal, $meta: JSON) { createTier(name: \"Whale\", tierKey: \"whale\", "
        "minimumBalance: $min, discountPercent: $disc, metadata: $meta) { tier { minimumBalance discountPercent "
        "displayName metadata tierBenefits { discountPercent } } errors } }",
        variables={"min": 1234567.5, "disc": "2.25", "meta": {"perk": "lounge"}},
    )
    assert data == {"createTier": {"tier": {"minimumBalance": "1234567.5", "discountPercent": "2.25",
                                            "displayName": "Whale (1,234,567.5 tokens)", "metadata": {"perk": "lounge"},
                                            "tierBenefits": {"discountPercent": "2.25"}}, "errors": []}}
    data = client.data('mutation { createTier(name: "Int", tierKey: "int", minimumBalance: 42, discountPercent: 0) '
                       '{ tier { minimumBalance discountPercent } errors } }')
    assert data == {"createTier": {"tier": {"minimumBalance": "42", "discountPercent": "0.0"}, "errors": []}}


REFUSED = 'mutation { createTier(name: "VIP", tierKey: "vip", minimumBalance: "1") { tier { id } errors } }'


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": ADMIN_TOKEN},
                                     {"Authorization": f"Basic {ADMIN_TOKEN}"}])
def test_mutations_refused_without_the_right_token(serve, headers):
    client = serve()
    response = client.post(REFUSED, token=None, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"data": {"createTier": {"tier": None, "errors": [
        "not authorized: send Authorization: Bearer <RUNNER_ADMIN_TOKEN>"]}}}
    response = client.post('mutation { deleteTier(id: "1") { success message errors } }', token=None, headers=headers)
    assert response.json() == {"data": {"deleteTier": {"success": False, "message": None, "errors": [
        "not authorized: send Authorization: Bearer <RUNNER_ADMIN_TOKEN>"]}}}
    assert [t["isActive"] for t in client.data("{ tiers(includeInactive: true) { isActive } }")["tiers"]] == [True] * 3


def test_mutations_refused_when_no_token_is_configured(serve):
    client = serve(token=None)
    message = ("mutations are disabled: start `runner serve` with RUNNER_ADMIN_TOKEN set, "
               "then send Authorization: Bearer <that token>")
    for token in (None, "anything"):
        response = client.post('mutation { updateTier(id: "1", name: "X") { tier { id } errors } }', token=token)
        assert response.status_code == 200
        assert response.json() == {"data": {"updateTier": {"tier": None, "errors": [message]}}}
    assert client.data('{ tierByKey(tierKey: "elite") { name } }') == {"tierByKey": {"name": "Elite"}}


@pytest.mark.parametrize(
    "mutation, error",
    [
        ('createTier(name: "VIP", tierKey: "Vip", minimumBalance: "1")',
         "tierKey must be lower-case letters, digits or _, starting with a letter (got 'Vip')"),
        ('createTier(name: "VIP", tierKey: "elite", minimumBalance: "1")',
         "tierKey must be unique ('elite' already exists)"),
        ('createTier(tierKey: "vip", minimumBalance: "1")', "name is required"),
        ('createTier(name: "VIP", minimumBalance: "1")', "tierKey is required"),
        ('createTier(name: "VIP", tierKey: "vip")', "minimumBalance is required"),
        ('createTier(name: "VIP", tierKey: "vip", minimumBalance: "-1")', "minimumBalance must be >= 0 (got -1)"),
        ('createTier(name: "VIP", tierKey: "vip", minimumBalance: "5000")',
         "minimumBalance must differ between active tiers (5000 is already the minimum of 'elite')"),
        ('createTier(name: "VIP", tierKey: "vip", minimumBalance: "lots")', "minimumBalance must be a number (got 'lots')"),
        ('createTier(name: "VIP", tierKey: "vip", minimumBalance: "1", discountPercent: "101")',
         "discountPercent must be between 0 and 100 (got 101)"),
        ('createTier(name: "VIP", tierKey: "vip", minimumBalance: "1", metadata: [1])',
         "metadata must be a JSON object (got list)"),
        ('updateTier(id: "1", tierKey: "vip")', "tierKey cannot change (tier 1 is 'elite', got 'vip')"),
        ('updateTier(id: "99", name: "X")', "id 99 does not exist"),
        ('updateTier(id: "one", name: "X")', "id must be an integer (got 'one')"),
        ('updateTier(name: "X")', "id is required"),
        ('updateTier(id: "1", discountPercent: "NaN")', "discountPercent must be a number (got 'NaN')"),
        ('updateTier(id: "1", name: "")', "name must not be blank (got '')"),
    ],
)
def test_validation_errors_in_the_payload_with_http_200(serve, mutation, error):
    client = serve()
    response = client.post(f"mutation {{ {mutation} {{ tier {{ id }} errors }} }}")
    assert response.status_code == 200, response.text
    assert list(response.json()["data"].values()) == [{"tier": None, "errors": [error]}]


def test_delete_errors_in_the_payload(serve):
    client = serve()
    assert client.data('mutation { deleteTier(id: "99") { success message errors } }') == {
        "deleteTier": {"success": False, "message": "Tier not found", "errors": ["id 99 does not exist"]}}
    assert client.data("mutation { deleteTier { success errors } }") == {
        "deleteTier": {"success": False, "errors": ["id is required"]}}


def test_query_depth_is_limited(serve):
    client = serve()
    nested = "{ __schema { types { " + "fields { type { " * 24 + "name" + " } }" * 24 + " } } }"
    assert nested.count("{") == 51
    response = client.post(nested)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "query is nested more than 15 levels deep (the limit of this server is 15)"
    fragments = ("query { tiers { ...A } } fragment A on Tier { tierBenefits { ...B } } "
                 "fragment B on TierBenefits { badge { name } }")
    assert client.data(fragments)["tiers"][0] == {"tierBenefits": {"badge": {"name": "Elite"}}}
    introspection = client.post(get_introspection_query())  # what GraphiQL and codegen tools send
    assert introspection.status_code == 200 and "errors" not in introspection.json()


def test_other_paths_are_404(serve):
    client = serve()
    response = client.http.get(client.url.replace("/graphql", "/nope"))
    assert response.status_code == 404


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_seed_curl_example_returns_the_three_default_tiers(serve):
    client = serve()
    result = subprocess.run(
        ["curl", "-sS", "-X", "POST", client.url, "-H", "Content-Type: application/json",
         "-d", '{"query": "query { tiers(sortBy: \\"order\\") { id name minimumBalance discountPercent } }"}'],
        capture_output=True, text=True, timeout=30, check=True,
    )
    assert json.loads(result.stdout) == {"data": {"tiers": [
        {"id": "1", "name": "Elite", "minimumBalance": "5000", "discountPercent": "1.0"},
        {"id": "2", "name": "Grandmaster", "minimumBalance": "50000", "discountPercent": "2.0"},
        {"id": "3", "name": "Legend", "minimumBalance": "300000", "discountPercent": "3.0"},
    ]}}
