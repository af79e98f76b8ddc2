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


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)
