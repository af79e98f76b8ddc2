"""Every example query of docs/bi.md runs as rewards_bi, and the views are documented for a new analyst."""

import re
from pathlib import Path

import pytest

from runner.demo import demo_points

BI_DOC = Path(__file__).resolve().parents[2] / "docs" / "bi.md"
QUERIES = re.findall(r"```sql\n(SELECT.*?)```", BI_DOC.read_text(), flags=re.S)


def test_the_doc_has_ten_questions():
    assert len(QUERIES) == 10


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i}" for i in range(1, len(QUERIES) + 1)])
def test_question_runs_as_bi(world, db, query):
    this_year = db.execute("SELECT extract(year FROM now() AT TIME ZONE 'UTC')::int").fetchone()[0]
    flask = world.project("pallets/flask")
    flask_repo = world.repo("pallets/flask", flask)
    for year, project, repo in ((2023, world.project_id, world.repo_id), (this_year, flask, flask_repo)):
        world.gitpoap(year, 1, 1, project_id=project)
        world.gitpoap(year, 2, 3, project_id=project)
        world.prs([(1, "alice", f"{year}-01-01Z"), (2, "alice", f"{year}-01-02Z"), (3, "bob", f"{year}-01-03Z")],
                  repo_id=repo, project_id=project)
    db.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000), (%s, 10)", ("0x" + "a" * 40, "0x" + "b" * 40))
    demo_points(db)
    db.execute("SET ROLE rewards_bi")
    rows = db.execute(query).fetchall()
    assert rows, "each question returns an answer on this data"


def test_every_view_is_listed_in_the_doc(db):
    views = [name for (name,) in db.execute(
        "SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting' ORDER BY 1")]
    assert len(views) == 7
    doc = BI_DOC.read_text()
    assert [view for view in views if f"| `{view}` |" not in doc] == []
