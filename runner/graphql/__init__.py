"""`runner serve`: the GraphQL API (Ariadne over ASGI, served by uvicorn) at /graphql.

The SDL is runner/graphql/schema.graphql; the resolvers (runner/graphql/resolvers.py) only call the SQL
API through runner.tiers, on a small psycopg connection pool, in worker threads.
"""

from __future__ import annotations

from runner.graphql.app import MAX_DEPTH, create_app

__all__ = ["MAX_DEPTH", "create_app"]
