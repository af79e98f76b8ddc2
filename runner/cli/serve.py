"""`runner serve`: the ASGI app of runner.server (GraphQL at /graphql) under uvicorn."""

from __future__ import annotations

import os

import click

from runner.cli.common import Context


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.pass_obj
def serve(obj: Context, host: str, port: int) -> None:
    """Serve the GraphQL API at http://HOST:PORT/graphql (mutations need RUNNER_ADMIN_TOKEN) and GitHub webhooks at
    /webhooks/github (need GITHUB_WEBHOOK_SECRET)."""
    import uvicorn

    from runner.server import create_app

    token = os.environ.get("RUNNER_ADMIN_TOKEN") or None
    if token is None:
        click.echo("runner: RUNNER_ADMIN_TOKEN is not set: mutations are refused (queries work)", err=True)
    click.echo(f"GraphQL on http://{host}:{port}/graphql", err=True)
    if os.environ.get("GITHUB_WEBHOOK_SECRET"):
        click.echo(f"GitHub webhooks on http://{host}:{port}/webhooks/github", err=True)
    else:
        click.echo("runner: GITHUB_WEBHOOK_SECRET is not set: /webhooks/github answers 503", err=True)
    uvicorn.run(create_app(obj.dsn, token), host=host, port=port, log_level="warning")
