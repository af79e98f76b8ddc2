"""`runner repos add | list`: the repositories whose GitHub webhooks `runner serve` accepts, and their history."""

from __future__ import annotations

import click

from runner import gitpoap
from runner.cli.common import Context, echo_json, json_option, sql_command
from runner.db import connect
from runner.output import table


@click.group()
def repos() -> None:
    """Repositories: register one for GitHub webhooks, list them with their loaded history."""


@repos.command("add")
@click.argument("repo", metavar="OWNER/NAME")
@click.option("--project", help="Project name (default: the repo's own project, else named like the repo).")
@json_option
@click.pass_obj
@sql_command(aliases={"name": "repo"})
def repos_add(obj: Context, repo: str, project: str | None, as_json: bool) -> None:
    """Accept GitHub's webhook deliveries for OWNER/NAME (created with its project when missing)."""
    with connect(obj.dsn, autocommit=True) as conn:
        row = gitpoap.register_repo(conn, repo, project)
    if as_json:
        echo_json(dict(zip(gitpoap.REPO_COLUMNS, row)))
        return
    name, project_name, backloaded_at, webhooks_since, _prs = row
    click.echo(f"{name} (project {project_name}): webhooks accepted since {webhooks_since.isoformat()}")
    if backloaded_at is None:
        click.echo(f"its history was never loaded: runner import-prs FILE --repo {name} (docs/webhooks.md)")


@repos.command("list")
@click.option("--project", help="Only this project's repositories.")
@json_option
@click.pass_obj
@sql_command()
def repos_list(obj: Context, project: str | None, as_json: bool) -> None:
    """List repositories: project, when their history was loaded, since when they accept webhooks, stored PRs."""
    with connect(obj.dsn, autocommit=True) as conn:
        rows = gitpoap.list_repos(conn, project)
    if as_json:
        echo_json([dict(zip(gitpoap.REPO_COLUMNS, row)) for row in rows])
        return
    click.echo(table(gitpoap.REPO_COLUMNS, [(name, project_name, loaded or "never", since or "-", prs)
                                            for name, project_name, loaded, since, prs in rows]))
