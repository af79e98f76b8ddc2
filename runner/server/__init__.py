"""`runner serve`: one ASGI app (Ariadne over ASGI, served by uvicorn) with the GraphQL API at /graphql.

The SDL is runner/server/schema.graphql; the resolvers (runner/server/resolvers.py) only parse arguments and
format answers, calling the SQL API through runner.tiers.api on a small psycopg connection pool, in worker
threads.
"""

from __future__ import annotations

from runner.server.app import MAX_DEPTH, create_app

__all__ = ["MAX_DEPTH", "create_app"]
