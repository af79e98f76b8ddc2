"""An independent oracle for expected claims, computed in Python from the raw PR rows."""

from collections import defaultdict
from datetime import datetime, timezone


def expected_claims(rows, ladders):
    """Expected claims as {(year, level, login, earning PR number)}.

    Args:
        rows: (number, login, merged_at) with merged_at an aware datetime or None;
            one row per PR number (already deduplicated).
        ladders: {year: [threshold of level 1, level 2, …]}.

    A merged PR of a login not ending in "[bot]" counts in the UTC year of its
    merge; level k is reached at the thresholds[k-1]-th PR in (merged_at, number) order.
    """
    per_key = defaultdict(list)
    for number, login, merged_at in rows:
        if merged_at is None or login.endswith("[bot]"):
            continue
        per_key[(login, merged_at.astimezone(timezone.utc).year)].append((merged_at, number))
    claims = set()
    for (login, year), prs in per_key.items():
        prs.sort()
        for level, threshold in enumerate(ladders.get(year, []), start=1):
            if len(prs) >= threshold:
                claims.add((year, level, login, prs[threshold - 1][1]))
    return claims


def assert_claims_and_counters_match(conn, rows, ladders) -> None:
    """After concurrent writers: every claim (year, level, login) and every non-zero counter equals what
    expected_claims and a plain count of ``rows`` give, and each claim's earning PR is one of its holder's PRs of its
    year (under concurrency it is whichever PR's statement reached the threshold)."""
    expected = {claim[:3] for claim in expected_claims(rows, ladders)}
    claims = conn.execute("""SELECT g.year, g.level, u.login, pr.author_id = c.user_id
                                    AND gitpoap.contribution_year(pr.merged_at) = g.year
                             FROM gitpoap.claim c JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
                             JOIN gitpoap.github_user u ON u.id = c.user_id
                             JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id""").fetchall()
    assert {claim[:3] for claim in claims} == expected and len(claims) == len(expected)
    assert all(claim[3] for claim in claims), "an earning PR of another author or year"
    counts = defaultdict(int)
    for _, login, merged_at in rows:
        if merged_at is not None and not login.endswith("[bot]"):
            counts[(login, merged_at.astimezone(timezone.utc).year)] += 1
    assert {(login, year): n for login, year, n in conn.execute(
        """SELECT u.login, c.year, c.merged_prs FROM gitpoap.contribution c
           JOIN gitpoap.github_user u ON u.id = c.user_id WHERE c.merged_prs > 0""").fetchall()} == dict(counts)


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Ledger:
    """A second, order-aware oracle: replays a stream of statements the way DESIGN describes them, in
    plain Python, and keeps the claims the database must hold afterwards, earning PR included.

    - ``insert``: one INSERT statement of (number, login, merged_at) rows into one repo. With SQL
      semantics (``ON CONFLICT DO NOTHING``) the first row of a number wins; with import semantics the
      earliest merged_at wins (unmerged last, then file order). Numbers already stored are skipped.
      Counted rows (merged, not a bot) arrive in (merged_at, number) order; the PR whose arrival makes a
      counter equal a threshold earns that level (once).
    - ``backfill``: counters recomputed from the stored PRs; every missing claim earned by the
      threshold-th PR in (merged_at, number) order.
    - ``add_ladder``: GitPOAPs for a year; claims for every counter at or above a threshold, earned by
      the threshold-th PR.
    """

    def __init__(self):
        self.prs: dict[int, tuple[str, datetime | None]] = {}
        self.ladders: dict[int, list[int]] = {}
        self.counts: dict[tuple[str, int], int] = defaultdict(int)
        self.claims: dict[tuple[int, int, str], int] = {}

    @staticmethod
    def _counter(login, merged_at):
        if merged_at is None or login.endswith("[bot]"):
            return None
        return login, merged_at.astimezone(timezone.utc).year

    def _ordered(self, login, year):
        return sorted((merged_at, number) for number, (who, merged_at) in self.prs.items()
                      if self._counter(who, merged_at) == (login, year))

    def insert(self, rows, *, import_semantics=False, counted=True):
        chosen: dict[int, tuple] = {}
        for ordinal, (number, login, merged_at) in enumerate(rows):
            rank = (merged_at is None, merged_at or datetime.min.replace(tzinfo=timezone.utc), ordinal)
            if number not in chosen or (import_semantics and rank < chosen[number][0]):
                chosen[number] = (rank, login, merged_at)
        new = {n: (login, merged_at) for n, (_, login, merged_at) in chosen.items() if n not in self.prs}
        self.prs.update(new)
        if not counted:
            return
        arrivals = sorted((merged_at, number, login) for number, (login, merged_at) in new.items()
                          if self._counter(login, merged_at))
        for merged_at, number, login in arrivals:
            key = self._counter(login, merged_at)
            self.counts[key] += 1
            for level, threshold in enumerate(self.ladders.get(key[1], []), start=1):
                if threshold == self.counts[key]:
                    self.claims.setdefault((key[1], level, login), number)

    def _issue_missing(self, years):
        for (login, year), count in self.counts.items():
            if year not in years:
                continue
            for level, threshold in enumerate(self.ladders.get(year, []), start=1):
                if count >= threshold and (year, level, login) not in self.claims:
                    self.claims[(year, level, login)] = self._ordered(login, year)[threshold - 1][1]

    def backfill(self):
        self.counts = defaultdict(int)
        for login, merged_at in self.prs.values():
            key = self._counter(login, merged_at)
            if key:
                self.counts[key] += 1
        self._issue_missing(set(self.ladders))

    def add_ladder(self, year, thresholds):
        self.ladders[year] = list(thresholds)
        self._issue_missing({year})

    def claim_set(self):
        """Claims as {(year, level, login, earning PR number)}, the shape expected_claims returns."""
        return {(*key, number) for key, number in self.claims.items()}
