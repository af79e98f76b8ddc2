"""Human Points over HTTP: GraphQL ``pointsData(address)`` (points.graphql) and ``GET /points/{address}``.

Both read ``human_points.points_data`` once through :func:`runner.points.points_data` and only format it: the
endpoint answers the seed's JSON object (``total_points``, ``is_eligible``, ``multiplier``, then ``breakdown``),
GraphQL the same in camelCase with the breakdown as a list. The address rule (``0x`` + 40 hex digits, any case,
lower-cased) is the database's; a malformed address is HTTP 400 (GraphQL: an error) naming the rule
(runner.errors). No token is needed.
"""

from __future__ import annotations

import asyncio

import psycopg
from ariadne import ObjectType, QueryType
from graphql import GraphQLError
from psycopg_pool import ConnectionPool
from starlette.requests import Request
from starlette.responses import JSONResponse

from runner import errors
from runner import points as human_points

PATH = "/points/{address:path}"
FIELDS = ("total_points", "is_eligible", "multiplier", "breakdown")  # the seed's order

query = QueryType()
points_type = ObjectType("PointsData")


class PointsError(Exception):
    """The read failed: ``status`` 400 (a malformed address) or 503 (no database), ``line`` naming the rule."""

    def __init__(self, status: int, line: str):
        super().__init__(line)
        self.status = status
        self.line = line


def read_points(pool: ConnectionPool, address: str) -> dict:
    """Points of ``address`` in the seed's shape and order: ``{"total_points": int, "is_eligible": bool,
    "multiplier": int, "breakdown": {action: points}}``.

    Args:
        pool: the server's pool (one connection borrowed for one call).
        address: as the client sent it; the database normalises it (``human_points.normalize_address``).

    Raises:
        PointsError: 400 for an address the rule refuses (``address must be 0x followed by 40 hex digits (got
            …)``), 503 for any other database failure (not migrated, unreachable), one line each.

    SQL: ``select human_points.points_data(%s::text)``.
    """
    try:
        with pool.connection() as conn:
            data = human_points.points_data(conn, address)
    except psycopg.Error as exc:
        failure = errors.explain(exc)
        line = failure.line(lambda column: "address" if column == "address" else None)
        raise PointsError(400 if failure.sqlstate == "23514" else 503, line) from None
    return {field: data[field] for field in FIELDS}


async def serve_http(request: Request) -> JSONResponse:
    """Starlette endpoint of ``GET /points/{address}``: 200 with the seed's JSON object, 400 ``{"error": line}``
    for a malformed address, 503 when the database fails, 405 for another method."""
    if request.method not in ("GET", "HEAD"):
        return JSONResponse({"error": "method not allowed: use GET /points/{address}"}, 405,
                            headers={"Allow": "GET, HEAD"})
    try:
        return JSONResponse(await asyncio.to_thread(read_points, request.app.state.pool,
                                                    request.path_params["address"]))
    except PointsError as exc:
        return JSONResponse({"error": exc.line}, exc.status)


@query.field("pointsData")
async def resolve_points_data(_, info, address: str) -> dict:
    try:
        return await asyncio.to_thread(read_points, info.context["pool"], address)
    except PointsError as exc:
        raise GraphQLError(exc.line) from None


points_type.set_alias("totalPoints", "total_points")
points_type.set_alias("isEligible", "is_eligible")


@points_type.field("breakdown")
def resolve_breakdown(data: dict, _info) -> list[dict]:
    return [{"action": action, "points": points} for action, points in sorted(data["breakdown"].items())]


bindables = [query, points_type]
