"""Property tests: random PR streams give exactly the claims the oracles give.

A scenario is a random stream of merged/unmerged PRs (any order, repeated numbers, a bot, times within
hours of the UTC new year written in random time zones) cut into random statements, each delivered one
of three ways — an application INSERT … ON CONFLICT DO NOTHING as rewards_app, `import_pull_requests`
(the path of `runner import-prs`), or a deferred import followed by the chunked backfill (the path of
`runner import-prs --defer-claims`) — with each year's GitPOAP ladder added at a random point.

Two independent oracles judge the result: ``Ledger`` replays the stream and predicts every claim with its
earning PR; ``expected_claims`` (order-blind) predicts which (year, level, login) must hold a claim.
Each example uses its own project, so examples never see each other's counters.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runner.gitpoap import backfill_claims, import_pull_requests
from tests.gitpoap.oracle import Ledger, expected_claims
from tests.gitpoap.world import pr_file

YEARS = (2019, 2020, 2021)
LOGINS = ("alice", "alice", "bob", "renovate[bot]")  # alice twice: deeper ladders get reached
UTC = timezone.utc

zones = st.integers(-12, 14).map(lambda hours: timezone(timedelta(hours=hours)))
near_new_year = st.builds(lambda year, minutes: datetime(year, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes),
                          st.sampled_from((2020, 2021)), st.integers(-180, 180))
mid_year = st.builds(lambda year, hours: datetime(year, 1, 1, tzinfo=UTC) + timedelta(hours=hours),
                     st.sampled_from(YEARS), st.integers(24 * 10, 24 * 350))
aware = st.builds(lambda instant, zone: instant.astimezone(zone), near_new_year | mid_year, zones)
merged_at = st.one_of(st.none(), aware, aware, aware)
pr_rows = st.tuples(st.integers(1, 40), st.sampled_from(LOGINS), merged_at)
# Strictly increasing thresholds: 1 to 3 levels.
ladders = st.lists(st.integers(1, 3), min_size=1, max_size=3).map(lambda steps: list(itertools.accumulate(steps)))


@st.composite
def scenarios(draw):
    rows = draw(st.lists(pr_rows, min_size=10, max_size=50))
    cuts = sorted(draw(st.sets(st.integers(1, len(rows) - 1), min_size=1, max_size=6)))
    bounds = [0, *cuts, len(rows)]
    events = [("prs", draw(st.sampled_from(("sql", "import", "deferred"))), rows[a:b])
              for a, b in zip(bounds, bounds[1:])]
    for year in YEARS:  # every year gets a ladder, added before, between or after the statements
        events.insert(draw(st.integers(0, len(events))), ("ladder", year, draw(ladders)))
    batch_size = draw(st.integers(1, 4))
    return events, batch_size


class Scenario:
    """Plays events into one fresh project through an app session and an admin session."""

    serial = itertools.count(1)

    def __init__(self, app, admin):
        self.app, self.admin = app, admin
        n = next(self.serial)
        self.project, self.repo = f"prop-{n}", f"prop/r{n}"
        self.project_id = admin.execute("INSERT INTO gitpoap.project (name) VALUES (%s) RETURNING id",
                                        (self.project,)).fetchone()[0]
        self.repo_id = admin.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, %s) RETURNING id",
                                     (self.project_id, self.repo)).fetchone()[0]

    def sql(self, rows):
        numbers, logins, times = zip(*rows)
        self.app.execute("INSERT INTO gitpoap.github_user (login) SELECT DISTINCT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                         (list(logins),))
        self.app.execute(
            """INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at)
               SELECT %s, %s, r.number, 'PR ' || r.number, u.id, r.merged_at
               FROM unnest(%s::integer[], %s::text[], %s::timestamptz[]) WITH ORDINALITY AS r(number, login, merged_at, ord)
               JOIN gitpoap.github_user u ON u.login = r.login
               ORDER BY r.ord
               ON CONFLICT (repo_id, number) DO NOTHING""",
            (self.repo_id, self.project_id, list(numbers), list(logins), list(times)))

    def load(self, rows, *, defer, batch_size):
        import_pull_requests(self.admin, pr_file(rows), self.repo, self.project, defer_claims=defer)
        if defer:
            chunks = list(backfill_claims(self.admin, project_id=self.project_id, batch_size=batch_size))
            assert chunks[-1].done

    def ladder(self, year, thresholds):
        self.admin.execute("SELECT gitpoap.add_gitpoaps(%s, %s, %s)", (self.project, year, thresholds))

    def claims(self):
        return set(self.admin.execute(
            """SELECT g.year, g.level, u.login, pr.number FROM gitpoap.claim c
               JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id JOIN gitpoap.github_user u ON u.id = c.user_id
               LEFT JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id
               WHERE c.project_id = %s""", (self.project_id,)).fetchall())

    def counters(self):
        return dict(((login, year), n) for login, year, n in self.admin.execute(
            """SELECT u.login, c.year, c.merged_prs FROM gitpoap.contribution c
               JOIN gitpoap.github_user u ON u.id = c.user_id WHERE c.project_id = %s AND c.merged_prs > 0""",
            (self.project_id,)))


@pytest.fixture
def app_and_admin(connect):
    """An app and an admin session, shared by every example of the test (each example has its own project)."""
    app, admin = connect(), connect()
    app.execute("SET ROLE rewards_app")
    admin.execute("SET ROLE rewards_admin")
    return app, admin


# ~50 examples take a few seconds: the machine has 2 shared cores.
@settings(max_examples=50, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(scenario=scenarios())
def test_random_pr_streams_give_exactly_the_oracles_claims(app_and_admin, scenario):
    events, batch_size = scenario
    play = Scenario(*app_and_admin)
    ledger = Ledger()
    for event in events:
        if event[0] == "ladder":
            _, year, thresholds = event
            play.ladder(year, thresholds)
            ledger.add_ladder(year, thresholds)
        elif event[1] == "sql":
            play.sql(event[2])
            ledger.insert(event[2])
        else:
            deferred = event[1] == "deferred"
            play.load(event[2], defer=deferred, batch_size=batch_size)
            ledger.insert(event[2], import_semantics=True, counted=not deferred)
            if deferred:
                ledger.backfill()

    assert play.claims() == ledger.claim_set()
    assert play.counters() == {key: n for key, n in ledger.counts.items() if n}
    stored = [(number, login, merged) for number, (login, merged) in ledger.prs.items()]
    final = {(year, level, login) for year, level, login, _ in expected_claims(stored, ledger.ladders)}
    assert {claim[:3] for claim in play.claims()} == final

