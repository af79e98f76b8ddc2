"""`runner import-prs`, `runner backfill-claims`, `runner gitpoaps …`: thin calls of the gitpoap SQL API."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from runner.cli_support import Context, database_errors, fail
from runner.db import connect
from runner.importers import (
    ImportFileError,
    ImportResult,
    backfill_claims,
    import_pull_requests,
    read_pull_requests,
)

PROGRESS_MIN_BYTES = 1 << 20


def _print_import(result: ImportResult, claims_issued: int) -> None:
    for label, value in (
        ("records read", result.records),
        ("PRs inserted", result.inserted),
        ("duplicates in file", result.duplicates),
        ("already stored", result.already_stored),
        ("bot PRs", result.bot_prs),
        ("claims issued", claims_issued),
    ):
        click.echo(f"{label:<20}{value:>10}")


def _with_progress(records, stream, size: int, label: str):
    """Show a progress bar (by bytes read) on a terminal when the file is large."""
    if size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield from records
        return
    with click.progressbar(length=size, label=label, file=sys.stderr) as bar:
        for n, record in enumerate(records, start=1):
            if n % 5000 == 0:
                bar.update(stream.tell() - bar.pos)
            yield record
        bar.update(size - bar.pos)


def _run_backfill(conn, project_id=None, gitpoap_id=None, batch_size=10_000) -> int:
    chunks = backfill_claims(conn, project_id, gitpoap_id, batch_size)
    issued = 0
    show = sys.stderr.isatty()
    with click.progressbar(
        chunks,
        label="Backfilling claims",
        file=sys.stderr if show else io.StringIO(),
        item_show_func=lambda c: c and f"{c.merged_prs} PRs recounted, {c.claims_issued} claims",
    ) as bar:
        for chunk in bar:
            issued += chunk.claims_issued
    return issued


@click.command("import-prs")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repo", required=True, help="Repository as owner/name.")
@click.option("--project", help="Project name (default: named like the repo, created if missing).")
@click.option("--defer-claims", is_flag=True, help="Load with counting off, then run the backfill (fast for history).")
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="With --defer-claims: counter keys per backfill transaction.")
@click.pass_obj
@database_errors
def import_prs(obj: Context, file: Path, repo: str, project: str | None, defer_claims: bool, batch_size: int) -> None:
    """Import merged pull requests from FILE (gh pr list --json … output, or CSV) in one transaction."""
    with connect(obj.dsn, autocommit=True) as conn, open(file, "rb") as stream:
        records = _with_progress(read_pull_requests(stream), stream, file.stat().st_size, f"Loading {file.name}")
        try:
            result = import_pull_requests(conn, records, repo, project, defer_claims)
        except ImportFileError as exc:
            fail(f"{file}: {exc}; nothing was loaded")
        claims = result.claims_issued
        if defer_claims:
            claims = _run_backfill(conn, project_id=result.project_id, batch_size=batch_size)
    _print_import(result, claims)


@click.command("backfill-claims")
@click.option("--gitpoap", "gitpoap_id", type=click.IntRange(min=1), help="Only this GitPOAP (id).")
@click.option("--project", help="Only this project (name).")
@click.option("--batch-size", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Counter keys (project, year, contributor) per transaction.")
@click.pass_obj
@database_errors
def backfill_claims_command(obj: Context, gitpoap_id: int | None, project: str | None, batch_size: int) -> None:
    """Recount contributions from pull_request and issue every missing claim, in committed chunks."""
    if gitpoap_id and project:
        raise click.UsageError("give --gitpoap or --project, not both")
    with connect(obj.dsn, autocommit=True) as conn:
        project_id = None
        if project:
            project_id = conn.execute("SELECT gitpoap.project_id(%s::text)", (project,)).fetchone()[0]
        issued = _run_backfill(conn, project_id, gitpoap_id, batch_size)
    click.echo(f"claims issued: {issued}")


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
@click.pass_obj
@database_errors
def gitpoaps_add(obj: Context, project: str, year: int, levels: list[int]) -> None:
    """Create one GitPOAP per level and print the claims each issued."""
    with connect(obj.dsn) as conn:
        rows = conn.execute(
            "SELECT * FROM gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])", (project, year, levels)
        ).fetchall()
    for gitpoap_id, level, threshold, claims in rows:
        click.echo(f"gitpoap {gitpoap_id}: {project} {year} level {level} (threshold {threshold}): {claims} claims issued")


@gitpoaps.command("list")
@click.option("--project", help="Only this project.")
@click.pass_obj
@database_errors
def gitpoaps_list(obj: Context, project: str | None) -> None:
    """List GitPOAPs with their thresholds and claim counts."""
    with connect(obj.dsn) as conn:
        rows = conn.execute("SELECT * FROM gitpoap.list_gitpoaps(%s::text)", (project,)).fetchall()
    click.echo(f"{'id':>6}  {'project':<24} {'year':>4} {'level':>5} {'threshold':>9} {'status':<22} {'enabled':<7} {'claims':>7}")
    for gid, name, year, level, threshold, status, enabled, claims in rows:
        click.echo(f"{gid:>6}  {name:<24} {year:>4} {level:>5} {threshold:>9} {status:<22} {'yes' if enabled else 'no':<7} {claims:>7}")
