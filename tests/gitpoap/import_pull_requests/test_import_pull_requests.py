"""`runner import-prs`: formats, dedupe, re-import, --project, --defer-claims, and every bad input refused whole."""

import json

import pytest
from click.testing import CliRunner

from runner.cli import main

PR = {"number": 1, "title": "First", "author": {"login": "alice"}, "mergedAt": "2020-01-01T10:00:00Z",
      "mergeCommit": {"oid": "ae07dead24d5aa81b4ee9e3f0550eabb173f5455"}}


def run(dsn, *args):
    return CliRunner().invoke(main, ["--dsn", dsn, *map(str, args)])


def write_json(tmp_path, items, name="prs.json"):
    path = tmp_path / name
    path.write_text(json.dumps(items))
    return path


def stats(output):
    return {line[:20].strip(): int(line[20:]) for line in output.splitlines() if line[20:].strip().isdigit()}


def test_json_import_counts_and_dedupes(dsn, db, tmp_path):
    items = [
        PR,
        {**PR, "number": 2, "author": {"login": "dependabot[bot]"}},
        {**PR, "number": 3, "mergedAt": "2020-03-01T00:00:00Z"},
        {**PR, "number": 3, "mergedAt": "2020-02-01T00:00:00Z", "title": "earliest"},
    ]
    result = run(dsn, "import-prs", write_json(tmp_path, items), "--repo", "acme/rocket")
    assert result.exit_code == 0, result.output
    assert stats(result.output) == {"records read": 4, "PRs inserted": 3, "duplicates in file": 1,
                                    "already stored": 0, "bot PRs": 1, "claims issued": 0}
    assert db.execute("SELECT title, merged_at::text FROM gitpoap.pull_request WHERE number = 3").fetchone() == (
        "earliest", "2020-02-01 00:00:00+00")
    assert db.execute("""SELECT p.name, r.backloaded_at IS NOT NULL FROM gitpoap.repo r
                         JOIN gitpoap.project p ON p.id = r.project_id""").fetchall() == [("acme/rocket", True)]
    assert db.execute("SELECT count(*) FROM gitpoap.pr_import").fetchone() == (0,)


def test_reimport_is_a_no_op_and_new_rows_issue_claims(dsn, db, tmp_path, checksum):
    path = write_json(tmp_path, [PR])
    assert run(dsn, "import-prs", path, "--repo", "acme/rocket").exit_code == 0
    assert run(dsn, "gitpoaps", "add", "--project", "acme/rocket", "--year", 2020, "--levels", "1,2").exit_code == 0
    before = checksum()
    again = run(dsn, "import-prs", path, "--repo", "acme/rocket")
    assert stats(again.output)["already stored"] == 1 and stats(again.output)["PRs inserted"] == 0
    after = checksum()
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"gitpoap.repo"}  # only backloaded_at moved
    more = run(dsn, "import-prs", write_json(tmp_path, [PR, {**PR, "number": 2}], "more.json"), "--repo", "acme/rocket")
    assert stats(more.output)["claims issued"] == 1


def test_csv_import(dsn, db, tmp_path):
    path = tmp_path / "prs.csv"
    path.write_text(
        "number,title,author,merged_at,merge_commit_sha\n"
        "7,\"Fix, with comma\",alice,2021-05-05T05:05:05+02:00,abc1234\n"
        "8,Open one,bob,,\n"
    )
    result = run(dsn, "import-prs", path, "--repo", "acme/rocket", "--project", "Acme")
    assert result.exit_code == 0, result.output
    assert stats(result.output)["PRs inserted"] == 2
    assert db.execute(
        """SELECT pr.number, pr.title, pr.merged_at::text, pr.merge_commit_sha, p.name FROM gitpoap.pull_request pr
           JOIN gitpoap.project p ON p.id = pr.project_id ORDER BY 1""").fetchall() == [
        (7, "Fix, with comma", "2021-05-05 03:05:05+00", "abc1234", "Acme"),
        (8, "Open one", None, None, "Acme")]


def test_csv_columns_in_any_order_blank_lines_skipped(dsn, db, tmp_path):
    path = tmp_path / "prs.csv"
    path.write_text(
        "author,merge_commit_sha,number,labels,merged_at,title\n"
        "alice,abc1234,7,bug,2021-05-05T05:05:05Z,First\n"
        "\n"
        "bob,,8,,2021-06-06T06:06:06Z,Second\n"
        "carol,,-9,,2021-06-06T06:06:06Z,Third\n"
    )
    result = run(dsn, "import-prs", path, "--repo", "acme/rocket")
    # Records are counted from 0 without the blank line: the bad one is records[2].
    assert result.exit_code == 1
    assert 'records[2].number must be a whole number from 1 to 2147483647 (got "-9")' in result.output
    path.write_text(path.read_text().replace("-9", "9"))
    result = run(dsn, "import-prs", path, "--repo", "acme/rocket")
    assert result.exit_code == 0, result.output
    assert db.execute("SELECT pr.number, pr.title, u.login FROM gitpoap.pull_request pr"
                      " JOIN gitpoap.github_user u ON u.id = pr.author_id ORDER BY 1").fetchall() == [
        (7, "First", "alice"), (8, "Second", "bob"), (9, "Third", "carol")]


def test_defer_claims_loads_then_backfills(dsn, db, tmp_path):
    assert run(dsn, "import-prs", write_json(tmp_path, [PR]), "--repo", "acme/rocket").exit_code == 0
    assert run(dsn, "gitpoaps", "add", "--project", "acme/rocket", "--year", 2020, "--levels", "1,3").exit_code == 0
    items = [{**PR, "number": n, "mergedAt": f"2020-0{n}-01T00:00:00Z"} for n in range(2, 5)]
    result = run(dsn, "import-prs", write_json(tmp_path, items), "--repo", "acme/rocket", "--defer-claims",
                 "--batch-size", 1)
    assert result.exit_code == 0, result.output
    assert stats(result.output)["claims issued"] == 1
    assert db.execute("""SELECT g.level, pr.number FROM gitpoap.claim c JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
                         JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id ORDER BY 1""").fetchall() == [
        (1, 1), (2, 3)]
    assert db.execute("SELECT merged_prs FROM gitpoap.contribution").fetchone() == (4,)


def test_repo_of_another_project_is_refused(dsn, db, tmp_path, checksum):
    path = write_json(tmp_path, [PR])
    assert run(dsn, "import-prs", path, "--repo", "acme/rocket").exit_code == 0
    before = checksum()
    result = run(dsn, "import-prs", path, "--repo", "acme/rocket", "--project", "Other")
    assert result.exit_code == 1
    assert "--project: repo 'acme/rocket' belongs to project 'acme/rocket', not 'Other'" in result.output
    assert checksum() == before


BAD_FILES = [
    ("bad JSON", b'[{"number": 1, "title": "x",', "records[0] is not valid JSON"),
    ("not an array", b'{"number": 1}', "must be a JSON array of records"),
    ("missing field", json.dumps([PR, {k: v for k, v in PR.items() if k != "mergedAt"}]).encode(),
     "records[1].mergedAt is required"),
    ("missing login", json.dumps([{**PR, "author": {}}]).encode(), "records[0].author.login must be a GitHub login"),
    ("unparsable time", json.dumps([PR, PR, {**PR, "mergedAt": "yesterday"}]).encode(),
     'records[2].mergedAt must be an ISO 8601 timestamp with a time zone, e.g. 2023-05-31T16:14:56Z (got "yesterday")'),
    ("time without zone", json.dumps([{**PR, "mergedAt": "2020-01-01T10:00:00"}]).encode(),
     'records[0].mergedAt must be an ISO 8601 timestamp with a time zone, e.g. 2023-05-31T16:14:56Z '
     '(got "2020-01-01T10:00:00")'),
    ("a date that does not exist", json.dumps([PR, {**PR, "number": 2, "mergedAt": "2023-02-30T00:00:00Z"}]).encode(),
     'records[1].mergedAt must be an ISO 8601 timestamp of a real date and time, zone offset within ±15:59 '
     '(got "2023-02-30T00:00:00Z")'),
    ("negative number", json.dumps([{**PR, "number": -4}]).encode(),
     "records[0].number must be a whole number from 1 to 2147483647 (got -4)"),
    ("zero number", json.dumps([{**PR, "number": 0}]).encode(), "records[0].number must be a whole number from 1"),
    ("fractional number", json.dumps([{**PR, "number": 1.5}]).encode(), "records[0].number must be a whole number"),
    ("number as text", json.dumps([{**PR, "number": "one"}]).encode(), "records[0].number must be a whole number"),
    ("number too large", json.dumps([{**PR, "number": 2**31}]).encode(), "records[0].number must be a whole number"),
    ("not an object", json.dumps([PR, 7]).encode(), "records[1] must be a JSON object (got 7)"),
    ("csv missing column", b"number,title,author,merged_at\n1,x,alice,2020-01-01Z\n", "merge_commit_sha is missing"),
    ("csv short row", b"number,title,author,merged_at,merge_commit_sha\n1,x,alice\n",
     "records[0].merged_at is required"),
    ("csv bad time", b"number,title,author,merged_at,merge_commit_sha\n1,x,alice,2020-01-01T00:00:00Z,\n2,y,bob,soon,\n",
     'records[1].merged_at must be an ISO 8601 timestamp with a time zone'),
    ("bad login", json.dumps([PR, {**PR, "author": {"login": "x'; DROP TABLE gitpoap.claim; --"}}]).encode(),
     "records[1].author.login must be a GitHub login: letters, digits, _ . - (a letter or digit first)"),
    ("bad sha", json.dumps([{**PR, "mergeCommit": {"oid": "not-hex"}}]).encode(),
     'records[0].mergeCommit.oid must be 7 to 64 lower-case hex digits (got "not-hex")'),
    ("csv long title", b"number,title,author,merged_at,merge_commit_sha\n1,x,alice,,\n2," + b"t" * 1001 + b",bob,,\n",
     "records[1].title must be at most 1000 characters"),
    # The bounds of README "import-prs": each refusal names the record and the field.
    ("zone past 15:59", json.dumps([PR, {**PR, "number": 2, "mergedAt": "2020-01-01T00:00:00+20:00"}]).encode(),
     'records[1].mergedAt must be an ISO 8601 timestamp of a real date and time, zone offset within ±15:59 '
     '(got "2020-01-01T00:00:00+20:00")'),
    ("csv zone past 15:59", b"number,title,author,merged_at,merge_commit_sha\n1,x,alice,2020-01-01T00:00:00-16:00,\n",
     'records[0].merged_at must be an ISO 8601 timestamp of a real date and time, zone offset within ±15:59'),
    ("merged after 2100", json.dumps([PR, {**PR, "number": 2, "mergedAt": "9999-12-31T23:00:00-05:00"}]).encode(),
     'records[1].mergedAt must be a time in the UTC years 2008 to 2100 (null while unmerged) '
     '(got "10000-01-01T04:00:00+00:00")'),
    ("merged before 2008", json.dumps([{**PR, "mergedAt": "2007-12-31T23:59:59Z"}]).encode(),
     'records[0].mergedAt must be a time in the UTC years 2008 to 2100 (null while unmerged)'),
    ("csv number too large", b"number,title,author,merged_at,merge_commit_sha\n2147483648,x,alice,,\n",
     'records[0].number must be a whole number from 1 to 2147483647 (got "2147483648")'),
    ("NUL in a title", json.dumps([PR, {**PR, "number": 2, "title": "a\x00b"}]).encode(),
     "records[1].title must not contain NUL characters (U+0000, which PostgreSQL text cannot hold)"),
    ("NUL in a login", json.dumps([{**PR, "author": {"login": "al\x00ice"}}]).encode(),
     "records[0].author.login must not contain NUL characters"),
    ("NUL in a record of odd shape", json.dumps([{**PR, "number": "1", "title": "\x00"}]).encode(),
     "records[0].title must not contain NUL characters"),
    ("csv NUL", b"number,title,author,merged_at,merge_commit_sha\n1,x,alice,,\n2,y,bob,,ab\x00cdef1\n",
     "records[1].merge_commit_sha must not contain NUL characters"),
]


@pytest.mark.parametrize(("content", "message"), [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_bad_input_loads_nothing_and_names_the_problem(dsn, db, tmp_path, checksum, content, message):
    good = run(dsn, "import-prs", write_json(tmp_path, [{**PR, "number": 99}], "good.json"), "--repo", "acme/rocket")
    assert good.exit_code == 0
    before = checksum()
    path = tmp_path / "bad.file"
    path.write_bytes(content)
    result = run(dsn, "import-prs", path, "--repo", "acme/rocket")
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert checksum() == before
