"""The database's functions for managing people, shares and owners (see functions.py for the rules
every team function follows).

- `team_add_person(login, verifier, name, roles)`: a PostgreSQL login role in the team's groups,
  with a SCRAM verifier (never a password: anything else is refused) and a display name;
- `team_set_roles(login, roles)`, `team_remove_person(login)`, `team_people()`;
- `team_share(letter, login, until)`, `team_revoke(letter, login)`: by the letter's IRO or an admin,
  with a login that is an IRO; logged;
- `team_reassign(letter, login)`: admins only; logged.

Admins need no CREATEROLE of their own: the functions run with the owner's, and grant only the
team's four groups.
"""

from __future__ import annotations

from letters.store.team.functions import HEADER

ADMIN_FUNCTIONS: list[tuple[str, str]] = [
    (
        "team_group(p_role text)",
        """RETURNS text LANGUAGE plpgsql IMMUTABLE @HEADER@ AS $$
        BEGIN
            RETURN CASE p_role WHEN 'iro' THEN '@iro@' WHEN 'auditor' THEN '@auditor@'
                WHEN 'manager' THEN '@manager@' WHEN 'admin' THEN '@admin@' ELSE NULL END;
        END $$""",
    ),
    (
        "team_require_admin()",
        """RETURNS void LANGUAGE plpgsql STABLE @HEADER@ AS $$
        BEGIN
            IF NOT team_has('admin') THEN
                RAISE EXCEPTION 'letters: only an admin (or the database owner) manages people and letters'' owners.'
                    USING ERRCODE = '42501';
            END IF;
        END $$""",
    ),
    (
        "team_check_roles(p_roles text[])",
        """RETURNS void LANGUAGE plpgsql IMMUTABLE @HEADER@ AS $$
        DECLARE r text;
        BEGIN
            IF p_roles IS NULL OR cardinality(p_roles) = 0 THEN
                RAISE EXCEPTION 'letters: give at least one role: iro, auditor, manager or admin.'
                    USING ERRCODE = '22023';
            END IF;
            FOREACH r IN ARRAY p_roles LOOP
                IF team_group(r) IS NULL THEN
                    RAISE EXCEPTION 'letters: % is not a role; use iro, auditor, manager or admin.', r
                        USING ERRCODE = '22023';
                END IF;
            END LOOP;
        END $$""",
    ),
    (
        "team_add_person(p_login text, p_verifier text, p_name text, p_roles text[])",
        """RETURNS void LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE r text;
        BEGIN
            PERFORM team_require_admin();
            PERFORM team_check_roles(p_roles);
            IF p_login !~ '^[a-z][a-z0-9_.-]{0,62}$' OR p_login LIKE 'pg\\_%' THEN
                RAISE EXCEPTION 'letters: % is not a login this team can use: write it in lower case letters, digits, dots, dashes or underscores, starting with a letter.', p_login
                    USING ERRCODE = '22023';
            END IF;
            IF p_verifier !~ '^SCRAM-SHA-256\\$' THEN
                RAISE EXCEPTION 'letters: the password must arrive as a SCRAM-SHA-256 verifier, never as itself.'
                    USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
                IF pg_has_role(p_login, '@member@', 'MEMBER') THEN
                    RAISE EXCEPTION 'letters: % is already in this team; use set-role to change their roles.', p_login
                        USING ERRCODE = '42710';
                END IF;
                RAISE EXCEPTION 'letters: a login % already exists on this database server (another team, or a server account); choose another login.', p_login
                    USING ERRCODE = '42710';
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_verifier);
            EXECUTE format('GRANT %I TO %I', '@member@', p_login);
            FOREACH r IN ARRAY p_roles LOOP
                EXECUTE format('GRANT %I TO %I', team_group(r), p_login);
            END LOOP;
            INSERT INTO people (login, name, added_at, added_by)
            VALUES (p_login, left(coalesce(nullif(btrim(p_name), ''), p_login), 200),
                    timezone('UTC', now()), session_user);
        END $$""",
    ),
    (
        "team_set_roles(p_login text, p_roles text[])",
        """RETURNS void LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE r text;
        BEGIN
            PERFORM team_require_admin();
            PERFORM team_check_roles(p_roles);
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login)
               OR NOT pg_has_role(p_login, '@member@', 'MEMBER') THEN
                RAISE EXCEPTION 'letters: % is not in this team (letters team list-users shows who is).', p_login
                    USING ERRCODE = '42704';
            END IF;
            FOREACH r IN ARRAY ARRAY['iro', 'auditor', 'manager', 'admin'] LOOP
                IF r = ANY(p_roles) THEN
                    EXECUTE format('GRANT %I TO %I', team_group(r), p_login);
                ELSE
                    EXECUTE format('REVOKE %I FROM %I', team_group(r), p_login);
                END IF;
            END LOOP;
        END $$""",
    ),
    (
        "team_remove_person(p_login text)",
        """RETURNS void LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_count integer;
        BEGIN
            PERFORM team_require_admin();
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login)
               OR NOT pg_has_role(p_login, '@member@', 'MEMBER') THEN
                RAISE EXCEPTION 'letters: % is not in this team (letters team list-users shows who is).', p_login
                    USING ERRCODE = '42704';
            END IF;
            IF p_login = session_user THEN
                RAISE EXCEPTION 'letters: you cannot remove yourself; ask another admin.' USING ERRCODE = '42501';
            END IF;
            SELECT count(*) INTO v_count FROM letters WHERE owner = p_login;
            IF v_count > 0 THEN
                RAISE EXCEPTION 'letters: % still has % letter(s); give them to another IRO first (letters team reassign ID --to LOGIN, or --all-of %).', p_login, v_count, p_login
                    USING ERRCODE = '2BP01';
            END IF;
            UPDATE shares SET revoked_at = timezone('UTC', now()), revoked_by = session_user
                WHERE login = p_login AND revoked_at IS NULL;
            EXECUTE format('DROP ROLE %I', p_login);
            DELETE FROM people WHERE login = p_login;
        END $$""",
    ),
    (
        "team_people()",
        """RETURNS TABLE(login text, name text, roles text[], can_login boolean)
        LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT r.rolname::text, coalesce(p.name, r.rolname)::text,
            ARRAY(SELECT g FROM unnest(ARRAY['iro', 'auditor', 'manager', 'admin']) AS g
                  WHERE pg_has_role(r.oid, team_group(g), 'MEMBER')), r.rolcanlogin
        FROM pg_roles r LEFT JOIN people p ON p.login = r.rolname
        WHERE NOT r.rolsuper AND pg_has_role(r.oid, '@member@', 'MEMBER') AND r.rolname NOT IN
            ('@iro@', '@auditor@', '@manager@', '@admin@', '@member@')
        ORDER BY r.rolname
        $$""",
    ),
    (
        "team_share(p_letter integer, p_login text, p_until date)",
        """RETURNS void LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_owner text;
        BEGIN
            SELECT owner INTO v_owner FROM letters WHERE id = p_letter;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'letters: there is no letter %.', p_letter USING ERRCODE = '42704';
            END IF;
            IF v_owner IS DISTINCT FROM session_user AND NOT team_has('admin') THEN
                RAISE EXCEPTION 'letters: only the IRO of letter % (or an admin) shares it.', p_letter
                    USING ERRCODE = '42501';
            END IF;
            IF p_login = v_owner THEN
                RAISE EXCEPTION 'letters: letter % is already %''s own.', p_letter, p_login USING ERRCODE = '22023';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login)
               OR NOT pg_has_role(p_login, '@iro@', 'MEMBER') THEN
                RAISE EXCEPTION 'letters: % is not an IRO in this team, so the letter cannot be shared with them.', p_login
                    USING ERRCODE = '22023';
            END IF;
            IF p_until < current_date THEN
                RAISE EXCEPTION 'letters: % is in the past: give the last day the share should last.', p_until
                    USING ERRCODE = '22023';
            END IF;
            UPDATE shares SET revoked_at = timezone('UTC', now()), revoked_by = session_user
                WHERE letter_id = p_letter AND login = p_login AND revoked_at IS NULL;
            INSERT INTO shares (letter_id, login, until, granted_by, granted_at)
            VALUES (p_letter, p_login, p_until, session_user, timezone('UTC', now()));
            INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
            VALUES (timezone('UTC', now()), session_user, p_letter, NULL, 'share', 'letters share',
                    format('shared with %s until %s', p_login, p_until));
        END $$""",
    ),
    (
        "team_revoke(p_letter integer, p_login text)",
        """RETURNS integer LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_owner text; v_count integer;
        BEGIN
            SELECT owner INTO v_owner FROM letters WHERE id = p_letter;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'letters: there is no letter %.', p_letter USING ERRCODE = '42704';
            END IF;
            IF v_owner IS DISTINCT FROM session_user AND NOT team_has('admin') THEN
                RAISE EXCEPTION 'letters: only the IRO of letter % (or an admin) changes who it is shared with.', p_letter
                    USING ERRCODE = '42501';
            END IF;
            UPDATE shares SET revoked_at = timezone('UTC', now()), revoked_by = session_user
                WHERE letter_id = p_letter AND login = p_login AND revoked_at IS NULL;
            GET DIAGNOSTICS v_count = ROW_COUNT;
            IF v_count > 0 THEN
                INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
                VALUES (timezone('UTC', now()), session_user, p_letter, NULL, 'unshare',
                        'letters share --revoke', format('no longer shared with %s', p_login));
            END IF;
            RETURN v_count;
        END $$""",
    ),
    (
        "team_reassign(p_letter integer, p_login text)",
        """RETURNS text LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_owner text;
        BEGIN
            PERFORM team_require_admin();
            SELECT owner INTO v_owner FROM letters WHERE id = p_letter;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'letters: there is no letter %.', p_letter USING ERRCODE = '42704';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login)
               OR NOT pg_has_role(p_login, '@iro@', 'MEMBER') THEN
                RAISE EXCEPTION 'letters: % is not an IRO in this team.', p_login USING ERRCODE = '22023';
            END IF;
            UPDATE letters SET owner = p_login WHERE id = p_letter;
            INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
            VALUES (timezone('UTC', now()), session_user, p_letter, NULL, 'reassign',
                    'letters team reassign', format('from %s to %s', coalesce(v_owner, 'nobody'), p_login));
            RETURN v_owner;
        END $$""",
    ),
    (
        "team_reassign_all(p_from text, p_login text)",
        """RETURNS integer LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_id integer; v_count integer := 0;
        BEGIN
            PERFORM team_require_admin();
            FOR v_id IN SELECT id FROM letters WHERE owner = p_from ORDER BY id LOOP
                PERFORM team_reassign(v_id, p_login);
                v_count := v_count + 1;
            END LOOP;
            RETURN v_count;
        END $$""",
    ),
]

__all__ = ["ADMIN_FUNCTIONS", "HEADER"]
