"""`runner serve`: one ASGI app (Ariadne over ASGI, served by uvicorn) with the GraphQL API at /graphql and the
points endpoint at /points/{address}.

The SDL is every ``*.graphql`` file of runner/server (schema.graphql; points.graphql and gitpoap.graphql extend
its Query); the resolvers (resolvers.py for tiers, points.py, gitpoap.py) only parse arguments and format answers,
calling the SQL API through runner.tiers.api, runner.points and runner.gitpoap on a small psycopg connection pool,
in worker threads.
"""

from __future__ import annotations

from runner.server.app import MAX_DEPTH, create_app

__all__ = ["MAX_DEPTH", "create_app"]
