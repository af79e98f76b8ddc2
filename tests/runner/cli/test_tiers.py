"""`runner tiers …`: every sub-command, text and --json, each validation rule, errors as one line."""

from __future__ import annotations

import json

import pytest


def test_list_text(cli):
    result = cli("tiers", "list")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "id  key          name         minimum  discount %  badge        color   order  active",
        "1   elite        Elite        5000     1           Elite        silver  1      yes",
        "2   grandmaster  Grandmaster  50000    2           Grandmaster  gold    2      yes",
        "3   legend       Legend       300000   3           Legend       orange  3      yes",
    ]


def test_list_json_sort_and_inactive(cli):
    assert cli("tiers", "delete", "2").exit_code == 0
    rows = json.loads(cli("tiers", "list", "--json").output)
    assert [r["tier_key"] for r in rows] == ["elite", "legend"]
    assert {k: rows[0][k] for k in ("id", "minimum_balance", "discount_percent", "display_name", "metadata")} == {
        "id": 1, "minimum_balance": "5000", "discount_percent": "1", "display_name": "Elite (5,000 tokens)",
        "metadata": {}}
    rows = json.loads(cli("tiers", "list", "--sort", "balance", "--include-inactive", "--json").output)
    assert [(r["tier_key"], r["is_active"]) for r in rows] == [("legend", True), ("grandmaster", False), ("elite", True)]
    result = cli("tiers", "list", "--sort", "name")
    assert result.exit_code == 2
    # click's usage error: it names the option, the value and the choices (its wording is click's, not ours).
    assert all(part in result.output for part in ("--sort", "'name'", "order", "balance", "discount"))


def test_show(cli):
    result = cli("tiers", "show", "legend")
    assert result.exit_code == 0
    assert "display_name: Legend (300,000 tokens)" in result.output.splitlines()
    assert json.loads(cli("tiers", "show", "legend", "--json").output)["badge_color"] == "orange"
    assert json.loads(cli("tiers", "show", "3", "--json").output)["tier_key"] == "legend"
    result = cli("tiers", "show", "vip")
    assert (result.exit_code, result.output) == (1, "runner: " + NO_TIER.format("'vip'") + "\n")


def test_create_update_delete(cli):
    result = cli("tiers", "create", "--key", "vip", "--name", "VIP", "--minimum-balance", "100000",
                 "--discount-percent", "5", "--badge-name", "VIP", "--badge-color", "platinum",
                 "--description", "Exclusive VIP tier", "--display-order", "4", "--metadata", '{"perk": "lounge"}',
                 "--json")
    assert result.exit_code == 0, result.output
    created = json.loads(result.output)
    assert {k: created[k] for k in ("id", "tier_key", "minimum_balance", "discount_percent", "metadata", "is_active")} == {
        "id": 4, "tier_key": "vip", "minimum_balance": "100000", "discount_percent": "5",
        "metadata": {"perk": "lounge"}, "is_active": True}
    updated = json.loads(cli("tiers", "update", "1", "--name", "Elite Plus", "--minimum-balance", "7500",
                             "--discount-percent", "1.5", "--json").output)
    assert (updated["name"], updated["minimum_balance"], updated["discount_percent"], updated["badge_color"]) == (
        "Elite Plus", "7500", "1.5", "silver")
    result = cli("tiers", "delete", "4")
    assert (result.exit_code, result.output) == (0, "tier 4 (vip) deactivated\n")
    assert json.loads(cli("tiers", "update", "4", "--active", "--json").output)["is_active"] is True


def test_for_balance_thresholds_preview(cli, db):
    assert cli("tiers", "for-balance", "75000").output == "grandmaster  Grandmaster (50,000 tokens)  2% discount\n"
    assert cli("tiers", "for-balance", "1000").output == "none  None (0 tokens)  0% discount\n"
    assert cli("tiers", "for-balance", "-5").output == "none  None (0 tokens)  0% discount\n"  # a number, not an option
    assert json.loads(cli("tiers", "for-balance", "5000", "--json").output)["tier_key"] == "elite"
    assert cli("tiers", "thresholds").output == "elite: 5000\ngrandmaster: 50000\nlegend: 300000\n"
    assert json.loads(cli("tiers", "thresholds", "--json").output) == {
        "elite": "5000", "grandmaster": "50000", "legend": "300000"}
    db.execute("INSERT INTO tiers.wallet (address, balance) VALUES ('0x' || repeat('a', 40), 6000), "
               "('0x' || repeat('b', 40), 7000), ('0x' || repeat('c', 40), 60000)")
    assert cli("tiers", "preview", "1", "--minimum-balance", "7500").output == "elite -> none: 2 wallets\n"
    assert cli("tiers", "preview", "elite", "--minimum-balance", "6500").output == "elite -> none: 1 wallet\n"
    assert json.loads(cli("tiers", "preview", "2", "--minimum-balance", "70000", "--json").output) == [
        {"from": "grandmaster", "to": "elite", "wallets": 1}]
    assert cli("tiers", "preview", "3", "--minimum-balance", "400000").output == "no wallet would change tier\n"
    assert db.execute("SELECT minimum_balance FROM tiers.tier WHERE id = 1").fetchone()[0] == 5000  # unchanged


NO_TIER = "TIER {} does not exist"


@pytest.mark.parametrize(
    "args, message",
    [
        (["create", "--key", "Vip", "--name", "VIP", "--minimum-balance", "1"],
         "--key must be lower-case letters, digits or _, starting with a letter (got 'Vip')"),
        (["create", "--key", "none", "--name", "VIP", "--minimum-balance", "1"],
         "--key must not be 'none' (reserved for the none tier) (got 'none')"),
        (["create", "--key", "elite", "--name", "VIP", "--minimum-balance", "1"],
         "--key must be unique ('elite' already exists)"),
        (["create", "--key", "vip", "--name", " ", "--minimum-balance", "1"],
         "--name must not be blank (got ' ')"),
        (["create", "--key", "vip", "--name", "VIP", "--minimum-balance", "-1"],
         "--minimum-balance must be >= 0 (got -1)"),
        (["create", "--key", "vip", "--name", "VIP", "--minimum-balance", "50000"],
         "--minimum-balance must differ between active tiers (50000 is already the minimum of 'grandmaster')"),
        (["create", "--key", "vip", "--name", "VIP", "--minimum-balance", "1", "--discount-percent", "150"],
         "--discount-percent must be between 0 and 100 (got 150)"),
        (["create", "--key", "vip", "--name", "VIP", "--minimum-balance", "1.001"],
         "--minimum-balance must have at most 2 decimal places (got 1.001)"),
        (["update", "1", "--discount-percent", "-1"], "--discount-percent must be between 0 and 100 (got -1)"),
        (["update", "elite", "--discount-percent", "-1"], "--discount-percent must be between 0 and 100 (got -1)"),
        (["update", "9", "--name", "X"], NO_TIER.format("9")),
        (["delete", "9"], NO_TIER.format("9")),
        (["delete", "vip"], NO_TIER.format("'vip'")),
        (["preview", "1", "--minimum-balance", "50000"],
         "--minimum-balance must differ between active tiers (50000 is already the minimum of 'grandmaster')"),
        (["preview", "elite", "--minimum-balance", "-5"], "--minimum-balance must be >= 0 (got -5)"),
    ],
)
def test_validation_errors_are_one_line_exit_1(cli, args, message):
    result = cli("tiers", *args)
    assert (result.exit_code, result.output) == (1, f"runner: {message}\n")


@pytest.mark.parametrize(
    "args, parameter, message",
    [
        (["create", "--key", "vip", "--name", "VIP", "--minimum-balance", "lots"], "--minimum-balance",
         "'lots' is not a number"),
        (["update", "1", "--metadata", "[1]"], "--metadata", "'[1]' is not a JSON object"),
        (["for-balance", "NaN"], "AMOUNT", "'NaN' is not a number"),
        (["create", "--key", "vip", "--name", "VIP"], "--minimum-balance", ""),  # missing
    ],
)
def test_malformed_arguments_are_usage_errors(cli, args, parameter, message):
    # click's usage error (exit 2) names the parameter; the rest of its wording is click's, ``message`` is ours.
    result = cli("tiers", *args)
    assert result.exit_code == 2
    assert parameter in result.output and message in result.output


def test_no_server_gives_one_line_and_exit_2():
    from click.testing import CliRunner

    from runner.cli import main

    result = CliRunner().invoke(main, ["--dsn", "host=127.0.0.1 port=1 dbname=nowhere", "tiers", "show", "elite"])
    assert result.exit_code == 2
    assert result.output.startswith("runner: cannot connect to PostgreSQL at host=127.0.0.1 port=1 dbname=nowhere")
    assert len(result.output.strip().splitlines()) == 1


def test_reads_of_the_tier_list_fall_back_to_the_environment_without_a_server(monkeypatch):
    from click.testing import CliRunner

    from runner.cli import main

    monkeypatch.setenv("KOHAI_ELITE_MIN", "100")
    dsn = ["--dsn", "host=127.0.0.1 port=1 dbname=nowhere"]
    result = CliRunner().invoke(main, [*dsn, "tiers", "thresholds", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"elite": "100", "grandmaster": "50000", "legend": "300000"}
    assert result.stderr.startswith("runner: the database unreachable (cannot connect to PostgreSQL at host=127.0.0.1 "
                                    "port=1 dbname=nowhere")
    assert result.stderr.rstrip().endswith("; tiers from KOHAI_ELITE_MIN/KOHAI_GRANDMASTER_MIN/KOHAI_LEGEND_MIN")
    assert len(result.stderr.strip().splitlines()) == 1
    listed = CliRunner().invoke(main, [*dsn, "tiers", "list"])
    assert listed.exit_code == 0
    assert listed.stdout.index(" elite ") < listed.stdout.index(" grandmaster ") < listed.stdout.index(" legend ")


def test_update_help_says_an_omitted_option_leaves_the_field_alone(cli):
    update = " ".join(cli("tiers", "update", "--help").output.split())
    assert "(default" not in update
    assert update.count("(unchanged when omitted)") == 9
    assert "(default 0)" in cli("tiers", "create", "--help").output


WALLET = "0x" + "c" * 40


def test_wallet_set_balance_and_status(cli):
    assert json.loads(cli("tiers", "wallet", WALLET, "--json").output) == {
        "address": WALLET, "balance": None, "tier": None, "discount_percent": "0", "badge": None,
        "next_tier": json.loads(cli("tiers", "show", "elite", "--json").output), "amount_to_next_tier": "5000",
        "updated_at": None}
    result = cli("tiers", "set-balance", WALLET, "75000")
    assert (result.exit_code, result.output) == (0, "1 wallet recorded, 1 wallet changed tier\n")
    assert json.loads(cli("tiers", "set-balance", WALLET, "76000", "--json").output) == {"wallets": 1, "moved": 0}
    status = json.loads(cli("tiers", "wallet", WALLET, "--json").output)
    assert (status["balance"], status["tier"]["tier_key"], status["discount_percent"], status["badge"],
            status["next_tier"]["tier_key"], status["amount_to_next_tier"]) == (
        "76000", "grandmaster", "2", {"name": "Grandmaster", "color": "gold"}, "legend", "224000")
    assert status["updated_at"]
    lines = cli("tiers", "wallet", WALLET).output.splitlines()
    assert lines[:6] == [f"address: {WALLET}", "balance: 76,000", "tier: Grandmaster (50,000 tokens)",
                         "discount %: 2", "badge: Grandmaster", "next tier: Legend (300,000 tokens), 224,000 tokens to go"]


def test_import_balances_in_one_transaction(cli, db, tmp_path):
    good = tmp_path / "balances.csv"
    good.write_text("address,balance\n" + "".join(f"0x{c * 40},{b}\n" for c, b in
                                                 (("a", "1"), ("b", "5000"), ("c", "300000.5"))))
    result = cli("tiers", "import-balances", str(good))
    assert (result.exit_code, result.output) == (0, "3 wallets recorded, 2 wallets changed tier\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"Balance,Address\n9,0x{'d' * 40}\n9,0x{'a' * 40}\n9,0X{'e' * 40}\n")
    result = cli("tiers", "import-balances", str(bad))
    assert result.exit_code == 1
    assert result.output == (f"runner: {bad}: records[3].address must be lower-case 0x + 40 hex digits (EVM) or 32 "
                             f"to 44 base58 characters (Solana) (got '0X{'e' * 40}'); nothing was loaded\n")
    assert db.execute("SELECT count(*), sum(balance) FROM tiers.wallet").fetchone() == (3, 305001.5)
    no_header = tmp_path / "plain.csv"
    no_header.write_text(f"0x{'a' * 40},5\n")
    result = cli("tiers", "import-balances", str(no_header))
    assert result.exit_code == 1 and "the CSV header must name address,balance" in result.output
