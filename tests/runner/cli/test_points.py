"""`runner points enable | disable | status | show ADDRESS [--json]`."""

import json

from tests.human_points.helpers import ALICE, mint, score, stamp


def test_status_enable_disable(hp, cli):
    assert cli("points", "status").output == (
        "write_enabled        true\n"
        "pass_threshold       20\n"
        "bonus_communities    3\n"
        "program_communities  1, 2, 3\n")
    result = cli("points", "disable")
    assert result.exit_code == 0
    assert result.output == "human points: writes disabled (events are stored, no points are awarded)\n"
    assert json.loads(cli("points", "status", "--json").output) == {
        "write_enabled": False, "pass_threshold": 20, "bonus_communities": 3, "program_communities": [1, 2, 3]}
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold")])
    assert json.loads(cli("points", "show", ALICE, "--json").output) == {
        "breakdown": {}, "is_eligible": False, "multiplier": 1, "total_points": 0}
    assert json.loads(cli("points", "disable", "--json").output) == {"write_enabled": False}
    assert cli("points", "enable").output == "human points: writes enabled\n"
    assert hp.execute("SELECT write_enabled FROM human_points.settings").fetchone()[0] is True


def test_show(hp, cli):
    hp.execute("INSERT INTO human_points.multiplier (address) VALUES (%s)", (ALICE,))
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold"), stamp("HolonymPhone", nullifiers=["v0:1"])])
    mint(hp, ALICE, "passport_mint", "0x01")
    upper = "0x" + ALICE[2:].upper()
    result = cli("points", "show", upper)
    assert result.exit_code == 0
    assert result.output == (
        f"address       {ALICE}\n"
        "total_points  1800\n"
        "is_eligible   true\n"
        "multiplier    2\n"
        "  human_keys                           200\n"
        "  identity_staking_gold               1000\n"
        "  passport_mint                        600\n")
    assert json.loads(cli("points", "show", upper, "--json").output) == {
        "total_points": 1800, "is_eligible": True, "multiplier": 2,
        "breakdown": {"human_keys": 200, "identity_staking_gold": 1000, "passport_mint": 600}}


def test_show_unknown_and_malformed(hp, cli):
    assert cli("points", "show", "0x" + "0" * 40).output == (
        f"address       0x{'0' * 40}\ntotal_points  0\nis_eligible   false\nmultiplier    1\n")
    bad = cli("points", "show", "0xnope")
    assert bad.exit_code == 1
    assert bad.output == "runner: ADDRESS must be 0x followed by 40 hex digits (got '0xnope')\n"


def test_no_server(tmp_path):
    from click.testing import CliRunner

    from runner.cli import main

    result = CliRunner().invoke(main, ["--dsn", "host=127.0.0.1 port=1 dbname=nowhere", "points", "status"])
    assert result.exit_code == 2
    assert result.output.startswith("runner: cannot connect to PostgreSQL at host=127.0.0.1 port=1 dbname=nowhere")


def test_communities_add_list_set_program(db, cli):
    assert cli("points", "communities", "list").output == "id  name  program  created_at\n--  ----  -------  ----------\n(0 rows)\n"
    assert cli("points", "communities", "add", 7, "Seven", "--program").output == "community 7 'Seven': in the program\n"
    added = json.loads(cli("points", "communities", "add", 8, "Eight", "--json").output)
    assert {k: added[k] for k in ("id", "name", "human_points_program")} == {
        "id": 8, "name": "Eight", "human_points_program": False}
    assert cli("points", "communities", "add", 8, "Huit").output == "community 8 'Huit': not in the program\n"
    listed = json.loads(cli("points", "communities", "list", "--json").output)
    assert [(c["id"], c["name"], c["human_points_program"]) for c in listed] == [(7, "Seven", True), (8, "Huit", False)]
    lines = cli("points", "communities", "list").output.splitlines()
    assert [line.split()[:3] for line in lines[2:4]] == [["7", "Seven", "yes"], ["8", "Huit", "no"]]

    score(db, ALICE, 8, 25, [stamp("SelfStakingGold")])
    assert cli("points", "communities", "set-program", 8, "on").output == "community 8 'Huit': in the program\n"
    assert json.loads(cli("points", "show", ALICE, "--json").output)["total_points"] == 0  # later scores only
    counted = json.loads(cli("points", "communities", "set-program", 8, "on", "--count-since",
                             "2025-01-01T00:00:00Z", "--json").output)
    assert counted["counted"] == {"scores": 1, "qualified": 1} and counted["human_points_program"] is True
    assert json.loads(cli("points", "show", ALICE, "--json").output)["total_points"] == 500
    assert cli("points", "communities", "set-program", 8, "off").output == "community 8 'Huit': not in the program\n"
    assert json.loads(cli("points", "show", ALICE, "--json").output)["is_eligible"] is True  # nothing taken back
