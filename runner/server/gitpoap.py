"""Tiered GitPOAPs over GraphQL (gitpoap.graphql): ``contributor(login)`` with its claims and progress, and
``gitpoaps(project, year)`` with claim counts.

Each field is one call of the SQL API through runner.gitpoap, made only when the field is asked for:
``contributor`` itself reads nothing, its ``claims`` are one ``gitpoap.contributor_claims`` call and its
``progress`` one ``gitpoap.contributor_progress`` call (reporting.contributor_progress), ``gitpoaps`` one
``gitpoap.gitpoap_claims`` call (reporting.gitpoap_claims). Resolvers only format: ids as strings, times as
ISO 8601 in UTC. No token is needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timezone
from typing import Any

import psycopg
from ariadne import ObjectType, QueryType
from graphql import GraphQLError, GraphQLResolveInfo

from runner import errors
from runner import gitpoap as gitpoaps

query = QueryType()
contributor_type = ObjectType("Contributor")
claim_type = ObjectType("Claim")
progress_type = ObjectType("Progress")
gitpoap_type = ObjectType("GitPOAP")


async def _read(info: GraphQLResolveInfo, fn: Callable[[psycopg.Connection], Any]) -> Any:
    """``fn(conn)`` on a connection of the server's pool, in a worker thread; a database failure is a GraphQL
    error of one line (runner.errors)."""

    def run():
        with info.context["pool"].connection() as conn:
            return fn(conn)

    try:
        return await asyncio.to_thread(run)
    except psycopg.Error as exc:
        raise GraphQLError(errors.explain(exc).line()) from None


@query.field("contributor")
def resolve_contributor(_, _info, login: str) -> dict:
    return {"login": login}


@query.field("gitpoaps")
async def resolve_gitpoaps(_, info, project: str | None = None, year: int | None = None) -> list[dict]:
    return await _read(info, lambda conn: gitpoaps.gitpoap_claims(conn, project, year))


@contributor_type.field("claims")
async def resolve_claims(contributor: dict, info) -> list[dict]:
    return await _read(info, lambda conn: gitpoaps.contributor_claims(conn, contributor["login"]))


@contributor_type.field("progress")
async def resolve_progress(contributor: dict, info) -> list[dict]:
    return await _read(info, lambda conn: gitpoaps.contributor_progress(conn, contributor["login"]))


claim_type.set_alias("gitpoapId", "gitpoap_id")


@claim_type.field("earnedBy")
def resolve_earned_by(claim: dict, _info) -> dict | None:
    if claim["earned_number"] is None:
        return None
    return {"repo": claim["earned_repo"], "number": claim["earned_number"]}


@claim_type.field("issuedAt")
def resolve_issued_at(claim: dict, _info) -> str:
    return claim["issued_at"].astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


progress_type.set_alias("mergedPrs", "merged_prs")
progress_type.set_alias("currentLevel", "current_level")
progress_type.set_alias("nextLevel", "next_level")
progress_type.set_alias("nextThreshold", "next_threshold")
progress_type.set_alias("prsToGo", "prs_to_go")
gitpoap_type.set_alias("id", "gitpoap_id")
gitpoap_type.set_alias("isEnabled", "is_enabled")

bindables = [query, contributor_type, claim_type, progress_type, gitpoap_type]
