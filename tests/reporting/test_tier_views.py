"""reporting views over tiers, read as rewards_bi."""


def test_wallets_per_tier_and_changes_per_day_as_bi(db):
    addresses = ["0x" + f"{i:040x}" for i in range(1, 5)]
    db.execute(
        "INSERT INTO tiers.wallet (address, balance) SELECT * FROM unnest(%s::text[], %s::numeric[])",
        (addresses, [10, 5000, 60000, 70000]),
    )
    db.execute("UPDATE tiers.wallet SET balance = 400000 WHERE address = %s", (addresses[0],))
    db.execute("SET ROLE rewards_bi")
    rows = db.execute("SELECT tier_key, tier_name, wallets, total_balance FROM reporting.wallet_tiers ORDER BY 3, 1").fetchall()
    assert rows == [("elite", "Elite", 1, 5000), ("legend", "Legend", 1, 400000), ("grandmaster", "Grandmaster", 2, 130000)]
    changes = db.execute(
        "SELECT from_tier_key, to_tier_key, cause, changes, day = (now() AT TIME ZONE 'UTC')::date"
        " FROM reporting.tier_changes_daily ORDER BY 2").fetchall()
    assert changes == [("none", "elite", "balance", 1, True), ("none", "grandmaster", "balance", 2, True),
                       ("none", "legend", "balance", 1, True)]
