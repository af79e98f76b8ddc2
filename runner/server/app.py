"""The ASGI application behind `runner serve`: /graphql (Ariadne), a connection pool, a query depth limit."""

from __future__ import annotations

from pathlib import Path

from ariadne import load_schema_from_path, make_executable_schema
from ariadne.asgi import GraphQL
from graphql import GraphQLError
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, OperationDefinitionNode
from graphql.validation import ASTValidationRule, ValidationContext
from psycopg_pool import ConnectionPool

from runner.server import gitpoap, points
from runner.server.resolvers import bindables
from runner.server.webhooks import PATH as WEBHOOKS_PATH, GitHubWebhooks

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.graphql"
MAX_DEPTH = 15  # the deepest useful query here is 4; a standard introspection query is 13

schema = make_executable_schema(load_schema_from_path(str(SCHEMA_FILE.parent)), *bindables, *points.bindables,
                                *gitpoap.bindables)


class DepthLimit(ASTValidationRule):
    """Rejects an operation whose fields nest more than MAX_DEPTH levels (fragments followed)."""

    def __init__(self, context: ValidationContext):
        super().__init__(context)

    def _depth(self, selection_set, seen: frozenset[str]) -> int:
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                depth = 1 + (self._depth(selection.selection_set, seen) if selection.selection_set else 0)
            elif isinstance(selection, InlineFragmentNode):
                depth = self._depth(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in seen:  # unknown or cyclic: other rules report it
                    continue
                depth = self._depth(fragment.selection_set, seen | {name})
            else:
                continue
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        return deepest

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        depth = self._depth(node.selection_set, frozenset())
        if depth > MAX_DEPTH:
            self.report_error(GraphQLError(
                f"query is nested more than {MAX_DEPTH} levels deep (the limit of this server)", node,
            ))


class App:
    """ASGI app: POST/GET /graphql; opens its pool on lifespan startup (or first use), closes it on shutdown."""

    def __init__(self, dsn: str, admin_token: str | None):
        self.admin_token = admin_token or None
        self.pool = ConnectionPool(dsn, min_size=1, max_size=4, open=False, kwargs={"autocommit": True},
                                   name="runner-graphql")
        self.graphql = GraphQL(schema, context_value=self._context, validation_rules=[DepthLimit], debug=False)
        self.webhooks = GitHubWebhooks(self.pool)

    def _context(self, request, _data) -> dict:
        if self.pool.closed:
            self.pool.open(wait=False)
        return {"request": request, "pool": self.pool, "admin_token": self.admin_token}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    self.pool.open(wait=False)
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    self.pool.close()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] in ("http", "websocket") and scope["path"].rstrip("/") == "/graphql":
            await self.graphql(scope, receive, send)
            return
        if scope["type"] == "http" and scope["path"].startswith(points.PATH_PREFIX):
            await points.serve_http(self._context(None, None)["pool"], scope, receive, send)
            return
        if scope["type"] == "http" and scope["path"] == WEBHOOKS_PATH:
            await self.webhooks(scope, receive, send)
            return
        if scope["type"] == "http":
            body = b"not found: the GraphQL endpoint is /graphql\n"
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


def create_app(dsn: str, admin_token: str | None = None) -> App:
    """The ASGI app serving /graphql on ``dsn``.

    Args:
        dsn: connection string for the pool (each resolver borrows one connection for one SQL API call).
        admin_token: the bearer token mutations need; None or "" refuses every mutation.
    """
    return App(dsn, admin_token)
