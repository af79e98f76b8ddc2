"""Values in and out as text, for the CLI and the server: decimals, JSON, and rows as a table, JSON or CSV.

The one place Python turns a number typed by a person into a Decimal, prints a Decimal, or lays out rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

FORMATS = ("table", "json", "csv")


def parse_decimal(text: object, field: str) -> Decimal:
    """``"7500.5"`` → ``Decimal("7500.5")``; negative numbers and blanks around the digits are fine.

    Raises:
        ValueError: not a finite number; the message names ``field`` and the value.
    """
    if isinstance(text, Decimal) and text.is_finite():
        return text
    try:
        number = Decimal(str(text).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(f"{field} must be a number (got {text!r})")
    return number


def plain(amount: Decimal | int | None) -> str | None:
    """``Decimal('5000.00')`` → ``"5000"``, ``Decimal('7500.50')`` → ``"7500.5"`` (no exponent, no trailing zeros)."""
    if amount is None:
        return None
    amount = Decimal(str(amount))
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")


def grouped(amount: Decimal) -> str:
    """``5000`` → ``"5,000"``, ``7500.5`` → ``"7,500.5"``: thousands separators, no trailing zeros."""
    whole = f"{int(amount):,}"
    text = plain(amount)
    return whole + (text[text.index("."):] if "." in text else "")


def jsonable(value: object) -> object:
    """A value of a row as JSON has it: Decimal → int or float, date/time → ISO 8601; the rest unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def to_json(value: object) -> str:
    """Indented JSON of ``value`` (nested dicts and lists of row values; Decimals as numbers, times in ISO 8601)."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> object:
    converted = jsonable(value)
    return str(value) if converted is value else converted


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)  # jsonb columns: JSON, never a Python repr
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    return str(jsonable(value))


def table(columns: Sequence[str], rows: Sequence[Sequence[object]], *, count: bool = False) -> str:
    """Aligned text: a header line and one line per row (with ``count``: a rule under the header and ``(N rows)``)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    if count:
        lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    if count:
        lines.append(f"({plural(len(rows), 'row')})")
    return "\n".join(lines)


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> str:
    """Rows as ``table`` (aligned, counted), ``json`` (a list of objects) or ``csv`` (with a header; JSON values
    as JSON text)."""
    if fmt == "json":
        return to_json([{c: jsonable(v) for c, v in zip(columns, row)} for row in rows])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return out.getvalue().rstrip("\n")
    return table(columns, rows, count=True)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 claim``, ``2 claims``, ``0 claims`` (``nouns`` for an irregular plural)."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
