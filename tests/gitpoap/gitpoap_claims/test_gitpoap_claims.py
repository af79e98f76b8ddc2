"""gitpoap.gitpoap_claims: reporting.gitpoap_claims of one project and/or year, as rewards_app."""

import pytest
from psycopg import errors


@pytest.fixture
def history(world):
    tools = world.project("acme/tools")
    world.gitpoap(2020, 1, 1)
    level2 = world.gitpoap(2020, 2, 3)
    world.gitpoap(2021, 1, 1, status="DEPRECATED")
    world.gitpoap(2020, 1, 5, project_id=tools, name="tools", is_enabled=False)
    world.prs([(n, "alice", f"2020-0{n}-01Z") for n in range(1, 5)] + [(9, "bob", "2020-01-01Z")])
    world.conn.execute("UPDATE gitpoap.claim SET status = 'CLAIMED' WHERE gitpoap_id = %s", (level2,))
    return world


def rows(db, project=None, year=None) -> list[tuple]:
    return db.execute("""SELECT project, year, level, threshold, name, status, is_enabled, issued, claimed
                         FROM gitpoap.gitpoap_claims(%s, %s)""", (project, year)).fetchall()


ROCKET_2020 = [("acme/rocket", 2020, 1, 1, "2020 level 1", "UNAPPROVED", True, 2, 0),
               ("acme/rocket", 2020, 2, 3, "2020 level 2", "UNAPPROVED", True, 1, 1)]
ROCKET_2021 = [("acme/rocket", 2021, 1, 1, "2021 level 1", "DEPRECATED", True, 0, 0)]
TOOLS = [("acme/tools", 2020, 1, 5, "tools", "UNAPPROVED", False, 0, 0)]


def test_narrowed_by_project_and_year(history, db):
    db.execute("SET ROLE rewards_app")
    assert rows(db) == ROCKET_2020 + ROCKET_2021 + TOOLS
    assert rows(db, "acme/rocket") == ROCKET_2020 + ROCKET_2021
    assert rows(db, year=2020) == ROCKET_2020 + TOOLS
    assert rows(db, "acme/rocket", 2021) == ROCKET_2021
    assert rows(db, "nope") == rows(db, year=1999) == []


def test_it_is_the_reporting_view(history, db):
    assert db.execute("SELECT * FROM gitpoap.gitpoap_claims()").fetchall() == db.execute(
        "SELECT * FROM reporting.gitpoap_claims ORDER BY project, year, level").fetchall()
    db.execute("SET ROLE rewards_bi")
    with pytest.raises(errors.InsufficientPrivilege):
        rows(db)
