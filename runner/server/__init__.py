"""`runner serve`: one ASGI app (Starlette + Ariadne, served by uvicorn): GraphQL at /graphql, health at /health,
Human Points at /points/{address}, GitHub webhooks at /webhooks/github.

The SDL is schema.graphql (tiers), points.graphql and gitpoap.graphql (extending its Query); the resolvers
(resolvers.py for tiers, points.py, gitpoap.py) only parse arguments and format answers: tier reads through
runner.tiers.TierService, the rest through runner.tiers.api, runner.points and runner.gitpoap on a small psycopg
connection pool, in worker threads. runner/server/limits.py bounds every GraphQL request; runner/server/app.py
lists the parts (SCHEMA_PARTS, ROUTES).
"""

from __future__ import annotations

from runner.server.app import create_app
from runner.server.limits import MAX_DEPTH

__all__ = ["MAX_DEPTH", "create_app"]
