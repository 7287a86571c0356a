"""Who may do what to each table in team mode: the grants and the row-level security policies.

One `TablePolicy` per table, read by `letters team init` (letters/store/team/setup.py), which
enables row-level security on every table in the schema, grants only what is listed here and
(re)creates these policies. A table not listed here (one a later migration adds) is locked to
everyone but the owner, and `team init` names it: add it here. For example, children as records
(migration 0005) is covered by the `children` lines below, and a table of word profiles per
letter would be one line: `letter_table("word_profiles")`.

Identity is `session_user` (the signed-in login, which `SET ROLE` cannot change). Policies that
need to look at another table use a subquery (which that table's own policies filter: a letter's
revisions are visible exactly when the letter is) or a `team_*` function (functions.py) where a
subquery would make the policies refer to each other in a loop.

Nothing here grants `revisions.document`: a letter's text is read only through `team_read`, which
writes the access log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The caller may see the letter (its own policies decide: owner, open share, audit sample).
VISIBLE = "letter_id IN (SELECT id FROM letters)"
#: The caller may change the letter: its IRO, or a covering IRO whose share is open.
WRITABLE = "team_can_write(letter_id)"
# `= ANY (ARRAY(...))`, not `IN (SELECT ...)`: the array is worked out once, so the planner can
# combine an index scan on the owner with one on the ids (an IN subquery makes it read every row).
_SHARED_WITH_ME = (
    "id = ANY (ARRAY(SELECT s.letter_id FROM shares s WHERE s.login = session_user "
    "AND s.until >= current_date AND s.revoked_at IS NULL))"
)
_MINE_OR_SHARED = f"owner = session_user OR {_SHARED_WITH_ME}"
_CHILD_SEEN = "id IN (SELECT child_id FROM letters) OR (created_by = session_user AND team_unattached(id))"
_SAMPLED = (
    "id IN (SELECT i.letter_id FROM audit_sample_items i JOIN audit_samples s ON s.id = i.sample_id "
    "WHERE s.superseded_at IS NULL) OR (status = 'sent' AND EXISTS (SELECT 1 FROM team_settings t "
    "WHERE t.key = 'auditor_scope' AND t.value = 'sent'))"
)


# An IRO's own profile: the row's key is their team name with spaces squeezed, in lower case
# (whoever wrote it last, e.g. copied by migrate-from); what they write says it was them.
_OWN_PROFILE = (
    "name_key = (SELECT lower(regexp_replace(btrim(p.name), "
    "'\\s+', ' ', 'g')) FROM people p WHERE p.login = session_user)"
)
_WRITTEN_BY_THEM = f"updated_by = session_user AND {_OWN_PROFILE}"


@dataclass(frozen=True, slots=True)
class Grant:
    group: str  # iro | auditor | manager | admin | member
    privileges: str  # "SELECT, INSERT" or one privilege limited by `columns`/`except_columns`
    except_columns: tuple[str, ...] = ()  # the privilege on every column but these


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    command: str  # SELECT | INSERT | UPDATE | DELETE | ALL
    group: str
    using: str | None = None
    check: str | None = None


@dataclass(frozen=True, slots=True)
class TablePolicy:
    table: str
    grants: tuple[Grant, ...] = ()
    policies: tuple[Policy, ...] = field(default_factory=tuple)


def letter_table(table: str, *, writers: bool = True) -> TablePolicy:
    """A table of rows about one letter (`letter_id`): seen with the letter, added by its writers."""
    grants = [Grant("auditor", "SELECT"), Grant("iro", "SELECT, INSERT" if writers else "SELECT")]
    policies = [
        Policy("iro_read", "SELECT", "iro", VISIBLE),
        Policy("auditor_read", "SELECT", "auditor", VISIBLE),
    ]
    if writers:
        policies.append(Policy("iro_add", "INSERT", "iro", check=f"person = session_user AND {WRITABLE}"))
    return TablePolicy(table, tuple(grants), tuple(policies))


TABLES: tuple[TablePolicy, ...] = (
    TablePolicy(
        "letters",
        (
            Grant("iro", "SELECT, INSERT"),
            Grant("iro", "UPDATE", except_columns=("id", "owner", "created_at")),
            Grant("auditor", "SELECT"),
        ),
        (
            Policy("iro_read", "SELECT", "iro", _MINE_OR_SHARED),
            Policy("iro_add", "INSERT", "iro", check="owner = session_user"),
            Policy("iro_change", "UPDATE", "iro", _MINE_OR_SHARED, _MINE_OR_SHARED),
            Policy("auditor_read", "SELECT", "auditor", _SAMPLED),
        ),
    ),
    TablePolicy(
        "revisions",
        (
            Grant("iro", "INSERT"),
            Grant("iro", "SELECT", except_columns=("document",)),
            Grant("auditor", "SELECT", except_columns=("document",)),
        ),
        (
            Policy("iro_read", "SELECT", "iro", VISIBLE),
            Policy("iro_add", "INSERT", "iro", check=f"author = session_user AND {WRITABLE}"),
            Policy("auditor_read", "SELECT", "auditor", VISIBLE),
        ),
    ),
    TablePolicy(
        "journal",
        (Grant("iro", "SELECT, INSERT, UPDATE, DELETE"),),
        (Policy("iro_own", "ALL", "iro", "person = session_user", f"person = session_user AND {WRITABLE}"),),
    ),
    letter_table("send_checks"),
    letter_table("waivers"),
    TablePolicy(
        "audit_facts",
        (Grant("iro", "SELECT, INSERT, UPDATE, DELETE"),),
        (Policy("iro_own", "ALL", "iro", WRITABLE, WRITABLE),),
    ),
    TablePolicy(
        "audit_imports",
        (Grant("iro", "SELECT, INSERT, DELETE"),),
        (
            Policy(
                "iro_own",
                "ALL",
                "iro",
                "imported_by = session_user",
                f"imported_by = session_user AND {WRITABLE}",
            ),
        ),
    ),
    TablePolicy(
        "audit_samples",
        (
            Grant("auditor", "SELECT, INSERT"),
            Grant(
                "auditor",
                "UPDATE",
                except_columns=("id", "month", "method", "seed", "per_iro", "drawn_by", "drawn_at"),
            ),
            Grant("manager", "SELECT"),
        ),
        (
            Policy("auditor_read", "SELECT", "auditor", "true"),
            Policy("auditor_draw", "INSERT", "auditor", check="drawn_by = session_user"),
            Policy("auditor_supersede", "UPDATE", "auditor", "true", "true"),
            Policy("manager_read", "SELECT", "manager", "true"),
        ),
    ),
    TablePolicy(
        "audit_sample_items",
        (Grant("auditor", "SELECT, INSERT"), Grant("manager", "SELECT")),
        (
            Policy("auditor_read", "SELECT", "auditor", "true"),
            Policy(
                "auditor_add",
                "INSERT",
                "auditor",
                check="team_is_sent(letter_id) AND sample_id IN "
                "(SELECT id FROM audit_samples WHERE drawn_by = session_user)",
            ),
            Policy("manager_read", "SELECT", "manager", "true"),
        ),
    ),
    # Managers read gradings without their free text (names): team_grade_texts() gives it with
    # the names taken out, or as written with --identify (logged).
    TablePolicy(
        "audit_grades",
        (Grant("auditor", "SELECT, INSERT"), Grant("manager", "SELECT", except_columns=("comment",))),
        (
            Policy("auditor_read", "SELECT", "auditor", "true"),
            Policy(
                "auditor_grade",
                "INSERT",
                "auditor",
                check="auditor = session_user AND team_access(letter_id) = 'audit'",
            ),
            Policy("manager_read", "SELECT", "manager", "true"),
        ),
    ),
    TablePolicy(
        "audit_answers",
        (
            Grant("auditor", "SELECT, INSERT"),
            Grant("manager", "SELECT", except_columns=("comment", "evidence")),
        ),
        (
            Policy("auditor_read", "SELECT", "auditor", "true"),
            Policy(
                "auditor_answer",
                "INSERT",
                "auditor",
                check="grade_id IN (SELECT id FROM audit_grades WHERE auditor = session_user)",
            ),
            Policy("manager_read", "SELECT", "manager", "true"),
        ),
    ),
    TablePolicy(
        "audit_disagreements",
        (Grant("auditor", "SELECT, INSERT"), Grant("manager", "SELECT", except_columns=("reason",))),
        (
            Policy("auditor_read", "SELECT", "auditor", "true"),
            Policy(
                "auditor_disagree",
                "INSERT",
                "auditor",
                check="auditor = session_user AND answer_id IN (SELECT a.id FROM audit_answers a "
                "JOIN audit_grades g ON g.id = a.grade_id WHERE g.auditor = session_user)",
            ),
            Policy("manager_read", "SELECT", "manager", "true"),
        ),
    ),
    # The pseudonym key: no grant to anyone; only team_key() (run as the owner) reads it.
    TablePolicy("audit_keys"),
    TablePolicy(
        "shares",
        (Grant("member", "SELECT"),),
        (
            Policy(
                "member_read",
                "SELECT",
                "member",
                "login = session_user OR granted_by = session_user OR team_owns(letter_id) "
                "OR team_has('admin')",
            ),
        ),
    ),
    # Append-only: nobody but the owner may insert, change or delete (the functions insert).
    TablePolicy(
        "access_log",
        (Grant("member", "SELECT"),),
        (
            Policy("admin_read", "SELECT", "admin", "true"),
            Policy("own_read", "SELECT", "member", "person = session_user OR team_owns(letter_id)"),
        ),
    ),
    TablePolicy("people", (Grant("member", "SELECT"),), (Policy("member_read", "SELECT", "member", "true"),)),
    TablePolicy(
        "team_settings", (Grant("member", "SELECT"),), (Policy("member_read", "SELECT", "member", "true"),)
    ),
    # Children as records (migration 0005): a record is seen with any letter about it the person
    # may see, and by whoever just made it until a letter is attached (record_functions.py says
    # how a new letter finds a record nobody else's letters show, and why pointing a letter at
    # one is refused). Managers get the few columns their figures need from team_children().
    TablePolicy(
        "children",
        (
            Grant("iro", "SELECT, INSERT"),
            Grant("iro", "UPDATE", except_columns=("id", "created_by", "created_at")),
            Grant("auditor", "SELECT"),
        ),
        (
            Policy("iro_read", "SELECT", "iro", _CHILD_SEEN),
            Policy("iro_add", "INSERT", "iro", check="created_by = session_user"),
            Policy("iro_change", "UPDATE", "iro", _CHILD_SEEN, "true"),
            Policy("auditor_read", "SELECT", "auditor", "id IN (SELECT child_id FROM letters)"),
        ),
    ),
    # Which records the database found for whom: its functions' only.
    TablePolicy("child_claims"),
    # IRO profiles and photos (migration 0007): everyone in the team reads them (a covering IRO
    # exports a colleague's letter with its IRO's words and photo); an IRO writes only the profile
    # under their own name as the team knows it (people.name, compared as `name_key` does: spaces
    # and case do not matter). A photo is kept by its digest and never changed once added.
    TablePolicy(
        "iro_profiles",
        (
            Grant("member", "SELECT"),
            Grant("iro", "INSERT"),
            Grant("iro", "UPDATE", except_columns=("id", "name_key")),
        ),
        (
            Policy("member_read", "SELECT", "member", "true"),
            Policy("iro_add", "INSERT", "iro", check=_WRITTEN_BY_THEM),
            Policy("iro_change", "UPDATE", "iro", _OWN_PROFILE, _WRITTEN_BY_THEM),
        ),
    ),
    TablePolicy(
        "iro_photos",
        (Grant("member", "SELECT"), Grant("iro", "INSERT")),
        (
            Policy("member_read", "SELECT", "member", "true"),
            Policy("iro_add", "INSERT", "iro", check="true"),
        ),
    ),
    # A grading's free text with the names taken out, written by the auditor who graded.
    TablePolicy(
        "audit_grade_texts",
        (Grant("auditor", "SELECT, INSERT"), Grant("manager", "SELECT")),
        (
            Policy("auditor_read", "SELECT", "auditor", "true"),
            Policy(
                "auditor_add",
                "INSERT",
                "auditor",
                check="grade_id IN (SELECT id FROM audit_grades WHERE auditor = session_user)",
            ),
            Policy("manager_read", "SELECT", "manager", "true"),
        ),
    ),
)

#: Tables every member reads whole, without row-level security: not personal data.
PLAIN_READ = ("alembic_version",)
