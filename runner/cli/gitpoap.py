"""`runner import-prs`, `runner backfill-claims`, `runner gitpoaps add | list`."""

from __future__ import annotations

from pathlib import Path

import click

from runner import gitpoap
from runner.cli.common import Context, Progress, echo_json, json_option, sql_command
from runner.db import connect
from runner.output import plural, table

IMPORT_LINES = (
    ("records read", "records"),
    ("PRs inserted", "inserted"),
    ("duplicates in file", "duplicates"),
    ("already stored", "already_stored"),
    ("bot PRs", "bot_prs"),
    ("claims issued", "claims_issued"),
)


def _backfill(conn, progress: Progress | None = None, **scope) -> int:
    """Run the chunked backfill, reporting each committed chunk; returns the claims issued."""
    issued = recounted = 0
    for chunk in gitpoap.backfill_claims(conn, **scope):
        issued += chunk.claims_issued
        recounted += chunk.merged_prs
        if progress is not None:
            progress.stage(f"backfill: {recounted:,} merged PRs recounted, {plural(issued, 'claim')} issued")
    return issued


@click.command("import-prs")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repo", required=True, help="Repository as owner/name.")
@click.option("--project", help="Project name (default: named like the repo, created if missing).")
@click.option("--defer-claims", is_flag=True, help="Load with counting off, then run the backfill (fast for history).")
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="With --defer-claims: counter keys per backfill transaction.")
@click.option("--if-not-backloaded", is_flag=True,
              help="Skip (exit 0) when the repo's history was already loaded: safe for a scheduled job.")
@json_option
@click.pass_obj
@sql_command(aliases={"name": "repo"}, prefix="file")
def import_prs(obj: Context, file: Path, repo: str, project: str | None, defer_claims: bool, batch_size: int,
               if_not_backloaded: bool, as_json: bool) -> None:
    """Import merged pull requests from FILE (gh pr list --json … output, or CSV) in one transaction."""
    if if_not_backloaded:
        with connect(obj.dsn, autocommit=True) as conn:
            loaded = [row[2] for row in gitpoap.list_repos(conn) if row[0] == repo and row[2] is not None]
        if loaded:
            if as_json:
                echo_json({"skipped": True, "repo": repo, "backloaded_at": loaded[0]})
            else:
                click.echo(f"{repo}: history already loaded at {loaded[0].isoformat()}; nothing imported "
                           "(--if-not-backloaded)")
            return
    with connect(obj.dsn, autocommit=True) as conn, open(file, "rb") as stream, \
            Progress(f"import-prs {file.name}", file.stat().st_size) as progress:

        def copied(records: int, done: bool) -> None:
            if done:
                progress.stage(f"{records:,} records copied; the database is checking and loading them")
            else:
                progress.update(stream.tell(), f"{records:,} records copied")

        result = gitpoap.import_pull_requests(conn, stream, repo, project, defer_claims, progress=copied)
        claims = result.claims_issued
        if defer_claims:
            claims = _backfill(conn, progress, project_id=result.project_id, batch_size=batch_size)
    stats = {key: getattr(result, key) for _, key in IMPORT_LINES[:-1]} | {"claims_issued": claims}
    if as_json:
        echo_json(stats)
        return
    for label, key in IMPORT_LINES:
        click.echo(f"{label:<20}{stats[key]:>10}")


@click.command("backfill-claims")
@click.option("--gitpoap", "gitpoap_id", type=click.IntRange(min=1), help="Only this GitPOAP (id).")
@click.option("--project", help="Only this project (name).")
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Counter keys (project, year, contributor) per transaction.")
@json_option
@click.pass_obj
@sql_command(aliases={"name": "project"})
def backfill_claims(obj: Context, gitpoap_id: int | None, project: str | None, batch_size: int, as_json: bool) -> None:
    """Recount contributions from pull_request and issue every missing claim, in committed chunks."""
    if gitpoap_id and project:
        raise click.UsageError("give --gitpoap or --project, not both")
    with connect(obj.dsn, autocommit=True) as conn, Progress("backfill-claims") as progress:
        issued = _backfill(conn, progress, project=project, gitpoap_id=gitpoap_id, batch_size=batch_size)
    if as_json:
        echo_json({"claims_issued": issued})
    else:
        click.echo(f"{plural(issued, 'claim')} issued")


@click.group()
def gitpoaps() -> None:
    """Tiered GitPOAPs: add levels for a project and year, list them."""


def _levels(_ctx, _param, value: str) -> list[int]:
    try:
        return [int(part) for part in value.split(",")]
    except ValueError:
        raise click.BadParameter(f"want comma-separated whole numbers such as 1,5,20, got {value!r}") from None


@gitpoaps.command("add")
@click.option("--project", required=True, help="Project name.")
@click.option("--year", required=True, type=int, help="UTC calendar year whose merged PRs count.")
@click.option("--levels", required=True, callback=_levels, help="Thresholds of levels 1, 2, …: e.g. 1,5,20.")
@json_option
@click.pass_obj
@sql_command(aliases={"threshold": "levels", "level": "levels"})
def gitpoaps_add(obj: Context, project: str, year: int, levels: list[int], as_json: bool) -> None:
    """Create one GitPOAP per level and print the claims each issued."""
    with connect(obj.dsn, autocommit=True) as conn:
        rows = gitpoap.add_gitpoaps(conn, project, year, levels)
        never_loaded = [row[0] for row in gitpoap.list_repos(conn, project) if row[2] is None]
    if never_loaded:
        repo = never_loaded[0] if len(never_loaded) == 1 else "OWNER/NAME"
        click.echo(f"runner: history never loaded for {', '.join(never_loaded)}: the claims cover only the PRs stored "
                   f"so far; load it with runner import-prs FILE --repo {repo}", err=True)
    if as_json:
        echo_json([dict(zip(gitpoap.ADDED_COLUMNS, row)) for row in rows])
        return
    for gitpoap_id, level, threshold, claims in rows:
        click.echo(f"gitpoap {gitpoap_id}: {project} {year} level {level} (threshold {threshold}): "
                   f"{plural(claims, 'claim')} issued")


@gitpoaps.command("list")
@click.option("--project", help="Only this project.")
@json_option
@click.pass_obj
@sql_command()
def gitpoaps_list(obj: Context, project: str | None, as_json: bool) -> None:
    """List GitPOAPs with their thresholds and claim counts."""
    with connect(obj.dsn, autocommit=True) as conn:
        rows = gitpoap.list_gitpoaps(conn, project)
    if as_json:
        echo_json([dict(zip(gitpoap.GITPOAP_COLUMNS, row)) for row in rows])
        return
    click.echo(table(gitpoap.GITPOAP_COLUMNS, [(*row[:6], "yes" if row[6] else "no", row[7]) for row in rows]))
