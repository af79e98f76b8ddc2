"""Reading import files as they are written: records streamed for COPY, never judged here (the database judges them)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import IO

import ijson


class ImportFileError(ValueError):
    """The file is not of the expected kind (not a JSON array, no CSV header with the expected fields) or breaks off."""


def nul_path(value: object, path: str = "") -> str | None:
    """Where a parsed JSON value (or a dict of named fields) holds a NUL character (U+0000), which PostgreSQL text and
    jsonb cannot hold: the path of the first such string or key (``.title``, ``.stamps[2].provider``; ``""`` for the
    value itself), or None."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = f"{path}.{key}" if "\x00" in key else nul_path(item, f"{path}.{key}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_path(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def nul_error(name: str, index: int, path: str) -> ImportFileError:
    """The error for a NUL character at ``path`` of item ``index`` (see :func:`nul_path`): ``records[3].title must
    not contain NUL characters …``."""
    return ImportFileError(f"{name}[{index}]{path} must not contain NUL characters (U+0000, which PostgreSQL text "
                           "cannot hold)")


def json_items(stream: IO[bytes], name: str, use_float: bool = True) -> Iterator[tuple[int, object]]:
    """``(index, item)`` of each item of a JSON array file, from index 0, parsed, without loading the file whole.

    Args:
        stream: the file, binary.
        name: what the items are called in messages, e.g. ``records`` (``records[12] is not valid JSON``).
        use_float: numbers with a fraction or exponent as floats (ijson's fast path); False: as Decimals, digit for
            digit.

    Raises:
        ImportFileError: the file is not a JSON array, or is not valid JSON at some item.
    """
    if not head(stream).lstrip().startswith(b"["):
        raise ImportFileError(f"must be a JSON array of {name}")
    index = -1
    try:
        for index, item in enumerate(ijson.items(stream, "item", use_float=use_float)):
            yield index, item
    except ijson.JSONError as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ImportFileError(f"{name}[{index + 1}] is not valid JSON ({reason})") from None


def json_array(stream: IO[bytes], name: str) -> Iterator[tuple[int, str]]:
    """``(index, JSON text)`` of each item of a JSON array file (see :func:`json_items`), every number written as
    the file wrote it (parsed as a Decimal, never rounded through a float: ``19.999999999999999999`` stays so)."""
    for index, item in json_items(stream, name, use_float=False):
        yield index, exact_json(item)


def exact_json(value: object) -> str:
    """JSON text of a parsed JSON value whose numbers are ints or Decimals (``json.dumps`` writes no Decimal)."""
    if isinstance(value, Decimal):
        return str(value)  # a finite Decimal from JSON: digits, a point, an exponent — all valid JSON
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(key)}:{exact_json(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(exact_json(item) for item in value) + "]"
    return json.dumps(value)


def csv_records(stream: IO[bytes], fields: Sequence[str]) -> Iterator[tuple]:
    """``(index, value of each of fields …)`` for each record of a CSV file whose header names ``fields`` (in any
    order and case, among others); index from 0, blank lines skipped, a field past the end of a short row None.

    Raises:
        ImportFileError: the header lacks one of ``fields``.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _records(csv.reader(text), fields)
    finally:
        if not text.closed:
            text.detach()  # the caller's file stays open


def _records(reader, fields: Sequence[str]) -> Iterator[tuple]:
    written = next(reader, None) or []
    header = [name.strip().lower() for name in written]
    missing = [name for name in fields if name not in header]
    if missing:
        raise ImportFileError(f"the CSV header must name {','.join(fields)}; {','.join(missing)} is missing "
                              f"(got {','.join(written)})")
    at = [header.index(name) for name in fields]
    pick = itemgetter(*at) if len(at) > 1 else lambda row: (row[at[0]],)
    width = max(at) + 1
    index = 0
    for row in reader:
        if not row:
            continue
        if len(row) >= width:
            yield (index, *pick(row))
        else:
            yield (index, *(row[i] if i < len(row) else None for i in at))
        index += 1


@contextmanager
def opened(source: str | Path | IO[bytes]) -> Iterator[IO[bytes]]:
    """The file ``source`` names, opened for binary reading (closed after), or ``source`` itself if already a file."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            yield stream
    else:
        yield source


def head(stream: IO[bytes], size: int = 64) -> bytes:
    """The first ``size`` bytes ahead in the file, leaving its position where it was."""
    if hasattr(stream, "peek"):
        return stream.peek(size)[:size]
    at = stream.tell()
    data = stream.read(size)
    stream.seek(at)
    return data


def is_json(stream: IO[bytes]) -> bool:
    """True when the file's first non-blank byte opens a JSON array or object."""
    return head(stream).lstrip().startswith((b"[", b"{"))
