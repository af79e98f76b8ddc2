"""Catalog checks over the migrated database: who owns what, who may run what, and where things live.

Written over every project schema (DESIGN's gitpoap, tiers, human_points, reporting, plus any other schema
owned by rewards_owner) and never over a fixed list of objects, so they cover each domain as it lands.
Objects that belong to an extension are left out (they are the extension's, not ours).
"""

from __future__ import annotations

import pytest

from tests.support import PROJECT_SCHEMAS

# Schemas of this project that exist in the database: DESIGN's list plus anything rewards_owner owns.
SCHEMAS_SQL = """
    SELECT n.oid FROM pg_namespace n
    WHERE n.nspname = ANY (%(schemas)s) OR n.nspowner = 'rewards_owner'::regrole
"""
NOT_EXTENSION_MEMBER = """
    NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = %(catalog)s::regclass AND d.objid = {oid} AND d.deptype = 'e')
"""


def rows(db, sql: str, **params) -> list[tuple]:
    return db.execute(sql, {"schemas": list(PROJECT_SCHEMAS), **params}).fetchall()


def test_the_project_schemas_exist_and_are_owned_by_rewards_owner(db):
    found = rows(db, f"SELECT nspname, nspowner::regrole::text FROM pg_namespace WHERE oid IN ({SCHEMAS_SQL}) ORDER BY 1")
    assert ("gitpoap", "rewards_owner") in found
    assert [name for name, owner in found if owner != "rewards_owner"] == []


def test_security_definer_functions_pin_search_path(db):
    """Anywhere in the database (extensions aside): a SECURITY DEFINER function without
    ``SET search_path = pg_catalog, pg_temp`` can be hijacked by objects the caller creates."""
    unpinned = rows(db, f"""
        SELECT p.oid::regprocedure::text, coalesce(array_to_string(p.proconfig, '; '), '(no SET)')
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prosecdef
          AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND {NOT_EXTENSION_MEMBER.format(oid='p.oid')}
          AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)
        ORDER BY 1""", catalog="pg_proc")
    assert unpinned == []


def test_security_definer_functions_are_owned_by_rewards_owner(db):
    """A SECURITY DEFINER function runs as its owner: owned by a superuser it would hand out superuser."""
    wrong = rows(db, f"""
        SELECT p.oid::regprocedure::text, p.proowner::regrole::text
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND {NOT_EXTENSION_MEMBER.format(oid='p.oid')}
          AND p.proowner <> 'rewards_owner'::regrole
        ORDER BY 1""", catalog="pg_proc")
    assert wrong == []


def test_no_function_of_the_project_schemas_is_executable_by_public(db):
    executable = rows(db, f"""
        SELECT p.oid::regprocedure::text
        FROM pg_proc p
        CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.pronamespace IN ({SCHEMAS_SQL})
          AND {NOT_EXTENSION_MEMBER.format(oid='p.oid')}
          AND a.grantee = 0 AND a.privilege_type = 'EXECUTE'
        ORDER BY 1""", catalog="pg_proc")
    assert executable == []


def test_public_has_no_privilege_on_project_schemas_or_their_relations(db):
    granted = rows(db, f"""
        SELECT 'schema ' || n.nspname, a.privilege_type
        FROM pg_namespace n CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) AS a
        WHERE n.oid IN ({SCHEMAS_SQL}) AND a.grantee = 0
        UNION ALL
        SELECT c.oid::regclass::text, a.privilege_type
        FROM pg_class c CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) AS a
        WHERE c.relnamespace IN ({SCHEMAS_SQL}) AND a.grantee = 0
        ORDER BY 1, 2""")
    assert granted == []


def test_project_tables_views_and_functions_are_owned_by_rewards_owner(db):
    wrong = rows(db, f"""
        SELECT c.oid::regclass::text, c.relowner::regrole::text FROM pg_class c
        WHERE c.relnamespace IN ({SCHEMAS_SQL}) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND c.relowner <> 'rewards_owner'::regrole
        UNION ALL
        SELECT p.oid::regprocedure::text, p.proowner::regrole::text FROM pg_proc p
        WHERE p.pronamespace IN ({SCHEMAS_SQL}) AND p.proowner <> 'rewards_owner'::regrole
        ORDER BY 1""")
    assert wrong == []


def test_nothing_of_ours_in_schema_public(db):
    """Own schemas, never public: no relation, function, type, operator, collation, conversion or text
    search object of ours there (extensions installed by an operator aside)."""
    found = db.execute("""
        WITH public AS (SELECT 'public'::regnamespace AS oid)
        SELECT 'relation', c.oid::regclass::text FROM pg_class c, public
        WHERE c.relnamespace = public.oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'function', p.oid::regprocedure::text FROM pg_proc p, public
        WHERE p.pronamespace = public.oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'type', t.oid::regtype::text FROM pg_type t, public
        WHERE t.typnamespace = public.oid AND t.typrelid = 0 AND t.typelem = 0
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'operator', o.oid::regoperator::text FROM pg_operator o, public
        WHERE o.oprnamespace = public.oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'collation', c.collname FROM pg_collation c, public WHERE c.collnamespace = public.oid
        UNION ALL
        SELECT 'conversion', c.conname FROM pg_conversion c, public WHERE c.connamespace = public.oid
        UNION ALL
        SELECT 'text search configuration', c.cfgname FROM pg_ts_config c, public WHERE c.cfgnamespace = public.oid
        ORDER BY 1, 2
    """).fetchall()
    assert found == []


def test_yoyo_bookkeeping_lives_in_schema_yoyo(db):
    tables = db.execute("""SELECT relnamespace::regnamespace::text, relname FROM pg_class
                           WHERE relname LIKE '\\_yoyo%%' AND relkind = 'r' ORDER BY 2""").fetchall()
    assert tables and {schema for schema, _ in tables} == {"yoyo"}


def test_default_privileges_revoke_execute_from_public(db):
    """Functions rewards_owner creates start without EXECUTE for PUBLIC, in every schema (the global
    default ACL), so a file that forgets its REVOKE still exposes nothing."""
    acl = db.execute("""
        SELECT array_agg(a.grantee::regrole::text || ':' || a.privilege_type ORDER BY 1)
        FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) AS a
        WHERE d.defaclrole = 'rewards_owner'::regrole AND d.defaclobjtype = 'f' AND d.defaclnamespace = 0
    """).fetchone()[0]
    assert acl == ["rewards_owner:EXECUTE"]  # the owner only: PUBLIC (grantee 0) is absent


@pytest.mark.parametrize("kind", ["function", "procedure"])
def test_a_new_function_of_rewards_owner_is_not_executable_by_public(db, kind):
    schemas = [s for (s,) in rows(db, f"SELECT nspname FROM pg_namespace WHERE oid IN ({SCHEMAS_SQL}) ORDER BY 1")]
    with db.transaction(force_rollback=True):
        db.execute("SET LOCAL ROLE rewards_owner")
        for schema in schemas:
            if kind == "function":
                db.execute(f"CREATE FUNCTION {schema}._probe() RETURNS int LANGUAGE sql RETURN 1")
            else:
                db.execute(f"CREATE PROCEDURE {schema}._probe() LANGUAGE sql BEGIN ATOMIC SELECT 1; END")
        db.execute("RESET ROLE")
        executable = db.execute(
            "SELECT p.pronamespace::regnamespace::text FROM pg_proc p WHERE p.proname = '_probe'"
            " AND has_function_privilege('public', p.oid, 'EXECUTE')").fetchall()
    assert schemas and executable == []


def test_generated_keys_are_bigint(db):
    """Keys the database generates (identity columns) and the integer columns referencing them are
    bigint, so no key runs out (squawk's prefer-bigint-over-int is off because int4 is right for bounded
    values such as years or levels; text keys and externally given ids are not concerned)."""
    narrow = rows(db, f"""
        SELECT a.attrelid::regclass::text || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace IN ({SCHEMAS_SQL}) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
          AND a.atttypid <> 'bigint'::regtype
          AND (a.attidentity <> ''
               OR EXISTS (SELECT 1
                          FROM pg_constraint k
                          CROSS JOIN LATERAL unnest(k.conkey, k.confkey) AS pair(col, refcol)
                          JOIN pg_attribute r ON r.attrelid = k.confrelid AND r.attnum = pair.refcol
                          WHERE k.contype = 'f' AND k.conrelid = a.attrelid AND pair.col = a.attnum
                            AND r.attidentity <> ''))
        ORDER BY 1""")
    assert narrow == []
