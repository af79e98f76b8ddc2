"""The ASGI application behind `runner serve` (Starlette): /graphql (Ariadne), /health, and the routes domains add.

Adding to the server is one line here:

- a GraphQL part: its SDL file and its Ariadne bindables in SCHEMA_PARTS (``extend type Query { … }`` in the SDL);
  resolvers find ``pool`` (psycopg ConnectionPool), ``service`` (runner.tiers.TierService), ``request`` and
  ``reads`` (a per-request memo) in ``info.context``;
- an HTTP route: a ``starlette.routing.Route`` in ROUTES; handlers find the same ``pool``/``service`` in
  ``request.app.state``.

Every GraphQL request meets runner.server.limits (body size, tokens, fields, depth, cost) before any resolver runs.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path

from ariadne import load_schema_from_path, make_executable_schema
from ariadne.asgi import GraphQL
from ariadne.asgi.handlers import GraphQLHTTPHandler
from ariadne.explorer import ExplorerGraphiQL, ExplorerHttp405
from ariadne.logger import log_error
from ariadne.utils import unwrap_graphql_error
from graphql import GraphQLError, OperationDefinitionNode, OperationType
from psycopg_pool import ConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from runner.db import resolve_dsn
from runner.server import gitpoap, limits, points, resolvers
from runner.server.webhooks import PATH as WEBHOOKS_PATH, GitHubWebhooks
from runner.tiers.service import TierService

HERE = Path(__file__).resolve().parent

# (SDL file, bindables) of each GraphQL part.
SCHEMA_PARTS: list[tuple[Path, list]] = [
    (HERE / "schema.graphql", resolvers.bindables),
    (HERE / "points.graphql", points.bindables),
    (HERE / "gitpoap.graphql", gitpoap.bindables),
]
# HTTP routes besides /graphql, /health and /webhooks/github (which needs the secret: App adds it).
ROUTES: list[BaseRoute] = [
    Route(points.PATH, points.serve_http, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
]

READ_WITHIN_S = 0.5  # a tier read answers from the fallback after this long without the database
DB_WAIT_S = 1.0  # a request waits at most this long for a database connection (then: one line, fail)
SHUTDOWN_S = 2  # SIGTERM: requests in flight get this long, then are cancelled


class ErrorLog(logging.LoggerAdapter):
    """Ariadne's error logger (logger ``runner.server``): a client's error — a GraphQLError that no other exception
    caused (a syntax error, a refused limit, an unknown sortBy) — is one WARNING line; an error a bug or the
    database caused keeps its traceback."""

    def error(self, msg, *args, exc_info=None, **kwargs):
        if isinstance(exc_info, GraphQLError) and unwrap_graphql_error(exc_info) is None:  # no cause but itself
            self.warning("graphql: %s", exc_info.message)
            return
        super().error(msg, *args, exc_info=exc_info, **kwargs)


log = ErrorLog(logging.getLogger("runner.server"), {})


def build_schema():
    """The executable schema of every part of SCHEMA_PARTS."""
    type_defs = [load_schema_from_path(str(path)) for path, _ in SCHEMA_PARTS]
    return make_executable_schema(type_defs, *[b for _, bindables in SCHEMA_PARTS for b in bindables])


class Handler(GraphQLHTTPHandler):
    """Ariadne's HTTP handler with the conventions of GraphQL over HTTP: GET executes queries (a mutation sent
    with GET: 405), a request that was executed answers 200 with its problems in ``errors``, a body over
    MAX_BODY_BYTES is refused (413) before it is read whole."""

    async def handle_request_override(self, request: Request):
        if request.method == "POST":
            declared = request.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limits.MAX_BODY_BYTES:
                return _refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, limits.limit_error(
                    "request body is too large", limits.MAX_BODY_BYTES).message)
            chunks, size = [], 0
            async for chunk in request.stream():  # no Content-Length (chunked): count as it comes
                size += len(chunk)
                if size > limits.MAX_BODY_BYTES:
                    return _refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, limits.limit_error(
                        "request body is too large", limits.MAX_BODY_BYTES).message)
                chunks.append(chunk)
            request._body = b"".join(chunks)  # what Request.body()/json() return from now on (Starlette's cache)
        elif request.method == "GET" and request.query_params.get("query"):
            if _is_mutation(request.query_params["query"], request.query_params.get("operationName")):
                return _refuse(HTTPStatus.METHOD_NOT_ALLOWED, "mutations are sent with POST", {"Allow": "POST"})
        return None

    async def execute_graphql_query(self, request, data, context_value=None, query_document=None):
        """Parse and validate (limits first) in a worker thread, so a hostile query never holds the event loop
        that answers the other clients; then let Ariadne execute the checked document."""
        if query_document is None and isinstance(data, dict) and isinstance(data.get("query"), str):
            variables = data.get("variables") if isinstance(data.get("variables"), dict) else None
            query_document, problems = await asyncio.to_thread(limits.check, self.schema, data["query"], variables)
            if problems:
                for problem in problems:
                    log_error(problem, self.logger)
                return False, {"errors": [self.error_formatter(problem, self.debug) for problem in problems]}
        return await super().execute_graphql_query(request, data, context_value=context_value,
                                                   query_document=query_document)

    async def create_json_response(self, request: Request, result: dict, success: bool):
        # Executed (data, or an error at a field's path): 200. Refused before execution — parse, validation, limits,
        # variables that do not fit their types (graphql-core answers those with data null and no path): 400.
        executed = result.get("data") is not None or any(e.get("path") for e in result.get("errors") or ())
        status = HTTPStatus.OK if success or executed else HTTPStatus.BAD_REQUEST
        return JSONResponse(result, status_code=status)


def _refuse(status: HTTPStatus, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message}]}, status_code=status, headers=headers)


def _is_mutation(query: str, operation_name: str | None) -> bool:
    try:
        document = limits.parse_query(None, {"query": query})
    except GraphQLError:
        return False  # the handler reports it
    chosen = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)
              and (operation_name is None or (d.name and d.name.value == operation_name))]
    return len(chosen) == 1 and chosen[0].operation is OperationType.MUTATION


async def health(request: Request) -> JSONResponse:
    """GET /health: ``{"database": "ok"|"<why not>", "tiers": {"source": …, "listening": …}}``; 200 while tiers
    are served (from any source), the database's state in the body."""
    state = request.app.state

    def ping() -> str:
        with state.pool.connection(timeout=DB_WAIT_S) as conn:
            conn.execute("select 1")
        return "ok"

    try:
        database = await asyncio.wait_for(asyncio.to_thread(ping), DB_WAIT_S + 0.5)
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        database = f"not answering ({type(exc).__name__})"
    return JSONResponse({"database": database, "tiers": state.service.status()})


class App:
    """The pieces of `runner serve`: a connection pool (writes and wallet reads), the tier service (cached tier
    reads with fallback), the GraphQL app, the Starlette app (``self.asgi``)."""

    def __init__(self, dsn: str, admin_token: str | None, explorer: bool = False):
        dsn = resolve_dsn(dsn)
        self.admin_token = admin_token or None
        # min_size 0 and a short reconnect_timeout: while the database is away no connection is retried in the
        # background for minutes, and the first request after it returns connects at once; check: a connection
        # the database cut is replaced, not handed out.
        self.pool = ConnectionPool(dsn, min_size=0, max_size=4, open=False, timeout=DB_WAIT_S, reconnect_timeout=2,
                                   check=ConnectionPool.check_connection,
                                   kwargs={"autocommit": True, "connect_timeout": 2}, name="runner-graphql")
        self.service = TierService(dsn, listen=False, answer_within=READ_WITHIN_S, retry_interval=2.0,
                                   connect_timeout=2)
        self.webhooks = GitHubWebhooks(self.pool)
        self.graphql = GraphQL(
            build_schema(), context_value=self._context, debug=False, http_handler=Handler(),
            query_parser=limits.parse_query, query_validator=limits.checked_already, execute_get_queries=True,
            explorer=ExplorerGraphiQL() if explorer else ExplorerHttp405(), logger=log,
        )
        self.asgi = Starlette(
            routes=[Route("/graphql", self.graphql, methods=["GET", "POST", "OPTIONS"]),
                    Route("/health", health, methods=["GET"]),
                    Route(WEBHOOKS_PATH, self.webhooks.receive, methods=["POST"]), *ROUTES],
            lifespan=self._lifespan,
        )
        self.asgi.state.pool, self.asgi.state.service = self.pool, self.service

    def _context(self, request, _data) -> dict:
        return {"request": request, "pool": self.pool, "service": self.service, "admin_token": self.admin_token,
                "reads": {}}

    @asynccontextmanager
    async def _lifespan(self, _app):
        logging.getLogger("psycopg.pool").setLevel(logging.ERROR)  # one line per failed request, not per retry
        self.pool.open(wait=False)
        self.service.start_listening()
        try:
            yield
        finally:
            self.service.close()
            self.pool.close(timeout=1)

    async def __call__(self, scope, receive, send):
        await self.asgi(scope, receive, send)


def create_app(dsn: str, admin_token: str | None = None, explorer: bool = False) -> App:
    """The ASGI app of `runner serve` on ``dsn``.

    Args:
        dsn: connection string (pool for writes and wallet reads; the tier service's loads and listener).
        admin_token: the bearer token mutations need; None or "" refuses every mutation.
        explorer: serve Ariadne's GraphiQL page on GET /graphql (it loads its scripts from a CDN: needs internet).
    """
    return App(dsn, admin_token, explorer)
