"""Limits every GraphQL request meets before any resolver runs (no token needed to send one, so none is trusted):
body size, parser tokens, fields written, depth and cost — each checked in time linear in the query's size
(a fragment is walked once however often it is spread), each refused with one line naming the limit.

The order matters: parse with token limits, then the cheap rules (fragment cycles, names), then these limits,
and only then graphql-core's specified rules (some of which, like OverlappingFieldsCanBeMerged, cost more than
linear time on hostile input).
"""

from __future__ import annotations

from graphql import GraphQLError, parse, specified_rules, validate
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.validation import (
    ASTValidationRule,
    KnownFragmentNamesRule,
    NoFragmentCyclesRule,
    UniqueFragmentNamesRule,
    ValidationContext,
)

from ariadne.validation import cost_validator

MAX_BODY_BYTES = 32 * 1024  # the Kohai client's largest query is < 1 KB; introspection ~1.5 KB
MAX_TOKENS = 2_000  # lexical tokens of one document (introspection: ~250)
MAX_FIELDS = 300  # fields written in one document, aliases included (introspection: ~100)
MAX_DEPTH = 15  # the deepest useful query here is 4; a standard introspection query is 13
MAX_COST = 1_000  # fields resolved, fragments expanded (each field costs 1; introspection's own fields are free)


def limit_error(what: str, limit: int, node=None) -> GraphQLError:
    """``<what> (the limit of this server is <limit>)``."""
    return GraphQLError(f"{what} (the limit of this server is {limit})", node)


def parse_query(_context, data: dict) -> DocumentNode:
    """Ariadne's ``query_parser``: graphql-core's parser with a token budget (refused before parsing further)."""
    try:
        return parse(data["query"], max_lexical_tokens=MAX_TOKENS, max_comments=MAX_TOKENS,
                     max_source_length=MAX_BODY_BYTES)
    except GraphQLError as exc:
        if "Parsing aborted" in exc.message:  # a parser limit: "Document contains more than 5000 tokens. …"
            reason = exc.message.removeprefix("Syntax Error: ").split(". Parsing aborted")[0]
            raise GraphQLError(f"query is too large: {reason[0].lower()}{reason[1:]} (a limit of this server)") from None
        raise


class FieldCount(ASTValidationRule):
    """Refuses a document that writes more than MAX_FIELDS fields (10,000 aliases of one field are 10,000)."""

    def __init__(self, context: ValidationContext):
        super().__init__(context)
        self.fields = 0

    def enter_field(self, node: FieldNode, *_args):
        self.fields += 1
        if self.fields == MAX_FIELDS + 1:
            self.report_error(limit_error(f"query selects more than {MAX_FIELDS} fields", MAX_FIELDS, node))


class DepthLimit(ASTValidationRule):
    """Refuses an operation whose fields nest more than MAX_DEPTH levels, fragments followed; each fragment's depth
    is computed once (memoized), so the walk is linear in the document's size."""

    def __init__(self, context: ValidationContext):
        super().__init__(context)
        self.fragment_depth: dict[str, int] = {}

    def _depth(self, selection_set: SelectionSetNode | None) -> int:
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                depth = 1 + self._depth(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                depth = self._depth(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                depth = self._fragment(selection.name.value)
            else:
                continue
            deepest = max(deepest, depth)
        return deepest

    def _fragment(self, name: str) -> int:
        if name not in self.fragment_depth:
            self.fragment_depth[name] = 0  # cycles are refused before this rule runs; this only ends the walk
            fragment = self.context.get_fragment(name)
            self.fragment_depth[name] = self._depth(fragment.selection_set) if fragment else 0
        return self.fragment_depth[name]

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        if self._depth(node.selection_set) > MAX_DEPTH:
            self.report_error(limit_error(f"query is nested more than {MAX_DEPTH} levels deep", MAX_DEPTH, node))


# Run in this order; a stage with errors stops the validation (the later stages may assume what it checked).
# (The cost validator recurses into fragments: it must not meet a cycle; DepthLimit and FieldCount may.)
SHAPE = (NoFragmentCyclesRule, KnownFragmentNamesRule, UniqueFragmentNamesRule, FieldCount, DepthLimit)


def cost_limit(variables: dict | None = None) -> type[ASTValidationRule]:
    """Ariadne's cost validator at MAX_COST for one request: it reads field arguments, so it needs the request's
    ``variables`` (a non-null argument given by a variable is otherwise "invalid")."""
    return cost_validator(maximum_cost=MAX_COST, default_cost=1, variables=variables)


def validate_query(schema, document, rules=None, max_errors=None, variables: dict | None = None,
                   **kwargs) -> list[GraphQLError]:
    """Ariadne's ``query_validator``: the limits (SHAPE, then the cost with ``variables``) first, then ``rules``
    (graphql-core's specified rules and the app's), each stage only if the previous one passed."""
    rest = tuple(rule for rule in (rules or specified_rules) if rule not in SHAPE)
    for stage in (SHAPE, (cost_limit(variables),), rest):
        found = validate(schema, document, stage, max_errors=max_errors, **kwargs)
        if found:
            return found
    return []


def check(schema, query: str, variables: dict | None = None) -> tuple[DocumentNode | None, list[GraphQLError]]:
    """Parse ``query`` and validate it (:func:`validate_query`) with the request's ``variables``: ``(document,
    [])``, or ``(None or the document, problems)``. Pure CPU work, safe to run in a worker thread."""
    try:
        document = parse_query(None, {"query": query})
    except GraphQLError as error:
        return None, [error]
    return document, validate_query(schema, document, variables=variables)


def checked_already(_schema, _document, rules=None, max_errors=None, **_kwargs) -> list[GraphQLError]:
    """Ariadne's ``query_validator`` in runner serve: nothing more to check, the HTTP handler validated the document
    with :func:`check` in a worker thread before handing it over (runner.server.app.Handler)."""
    return []
