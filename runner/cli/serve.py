"""`runner serve`: the ASGI app of runner.server (GraphQL, health, points, GitHub webhooks) under uvicorn."""

from __future__ import annotations

import os

import click

from runner.cli.common import Context


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--explorer", is_flag=True,
              help="Serve the GraphiQL page on GET /graphql (its scripts load from a CDN: needs internet access).")
@click.pass_obj
def serve(obj: Context, host: str, port: int, explorer: bool) -> None:
    """Serve the GraphQL API at http://HOST:PORT/graphql (mutations need RUNNER_ADMIN_TOKEN), GET /health,
    GET /points/{address} and GitHub webhooks at /webhooks/github (need GITHUB_WEBHOOK_SECRET)."""
    import uvicorn

    from runner.server import create_app
    from runner.server.app import SHUTDOWN_S

    token = os.environ.get("RUNNER_ADMIN_TOKEN") or None
    if token is None:
        click.echo("runner: RUNNER_ADMIN_TOKEN is not set: mutations are refused (queries work)", err=True)
    if not os.environ.get("GITHUB_WEBHOOK_SECRET"):
        click.echo("runner: GITHUB_WEBHOOK_SECRET is not set: /webhooks/github answers 503", err=True)
    base = f"http://{host}:{port}"
    click.echo(f"GraphQL on {base}/graphql, health on {base}/health, points on {base}/points/ADDRESS, "
               f"GitHub webhooks on {base}/webhooks/github", err=True)
    uvicorn.run(create_app(obj.dsn, token, explorer=explorer), host=host, port=port, log_level="warning",
                timeout_graceful_shutdown=SHUTDOWN_S)
