"""The database's own functions for team mode: the only ways to read a letter's text, work with
rights a role does not have, and write the access log.

Each is `SECURITY DEFINER` (it runs with the rights of the database owner who made it), with a
fixed `search_path`, and decides who may do what from `session_user`: the login that signed in,
which `SET ROLE` cannot change. No team role may select `revisions.document`, nor write the
access log, nor read `audit_keys`; these functions can, and each checks the caller first:

- `team_read(letter, revision, purpose)`: a revision's text for its IRO, a covering IRO whose
  share is open, or an auditor whose sample holds it; every read by anyone but the letter's IRO
  is logged in the same transaction (so nobody can read and not be logged);
- `team_child_ref(letter)`: the pseudonymous child reference, a keyed hash (pgcrypto's hmac) of
  the child's record (or, before there is one, name and date of birth); the key (`audit_keys`)
  never leaves the database, and only someone who may read the letter gets its reference;
- `team_figures()` / `team_facts(ids, identify, purpose)`: what managers' figures and exports
  need, without names unless `identify` (each identifiable row logged), and what auditors need
  to draw a sample (sent letters, their IRO and age: no names, no text);
- children's records and the other references: record_functions.py;
- `team_log(...)`: an export or other event by someone allowed to see the letter;
- people, shares and reassigning: `team_add_person`, `team_set_roles`, `team_remove_person`,
  `team_share`, `team_revoke`, `team_reassign`, each refusing with a plain message.

`@iro@`, `@auditor@`, `@manager@`, `@admin@` and `@member@` are replaced by the database's group
role names (letters/store/team/setup.py). Messages raised for people start with "letters: " so the
store can show them as they are.
"""

from __future__ import annotations

HEADER = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"

#: (signature, body): body is the rest of CREATE OR REPLACE FUNCTION after the signature.
FUNCTIONS: list[tuple[str, str]] = [
    (
        "team_has(p_group text)",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT CASE p_group
            WHEN 'iro' THEN pg_has_role(session_user, '@iro@', 'MEMBER')
            WHEN 'auditor' THEN pg_has_role(session_user, '@auditor@', 'MEMBER')
            WHEN 'manager' THEN pg_has_role(session_user, '@manager@', 'MEMBER')
            WHEN 'admin' THEN pg_has_role(session_user, '@admin@', 'MEMBER')
            ELSE false END
            OR session_user = (SELECT pg_get_userbyid(datdba)::text FROM pg_database
                               WHERE datname = current_database())
            OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        $$""",
    ),
    (
        "team_is_owner()",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT session_user = (SELECT pg_get_userbyid(datdba)::text FROM pg_database
                               WHERE datname = current_database())
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
        $$""",
    ),
    (
        "team_can_write(p_letter integer)",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT pg_has_role(session_user, '@iro@', 'MEMBER') AND EXISTS (
            SELECT 1 FROM letters l WHERE l.id = p_letter AND (
                l.owner = session_user OR EXISTS (
                    SELECT 1 FROM shares s WHERE s.letter_id = l.id AND s.login = session_user
                    AND s.until >= current_date AND s.revoked_at IS NULL)))
        $$""",
    ),
    (
        "team_access(p_letter integer)",
        """RETURNS text LANGUAGE plpgsql STABLE @HEADER@ AS $$
        DECLARE v_owner text; v_status text;
        BEGIN
            SELECT owner, status INTO v_owner, v_status FROM letters WHERE id = p_letter;
            IF NOT FOUND THEN RETURN NULL; END IF;
            IF pg_has_role(session_user, '@iro@', 'MEMBER') THEN
                IF v_owner = session_user THEN RETURN 'owner'; END IF;
                IF EXISTS (SELECT 1 FROM shares s WHERE s.letter_id = p_letter
                           AND s.login = session_user AND s.until >= current_date
                           AND s.revoked_at IS NULL) THEN
                    RETURN 'shared';
                END IF;
            END IF;
            IF pg_has_role(session_user, '@auditor@', 'MEMBER') AND (
                EXISTS (SELECT 1 FROM audit_sample_items i JOIN audit_samples s ON s.id = i.sample_id
                        WHERE i.letter_id = p_letter AND s.superseded_at IS NULL)
                OR (v_status = 'sent' AND EXISTS (SELECT 1 FROM team_settings
                        WHERE key = 'auditor_scope' AND value = 'sent'))) THEN
                RETURN 'audit';
            END IF;
            RETURN NULL;
        END $$""",
    ),
    (
        "team_refuse(p_letter integer)",
        """RETURNS void LANGUAGE plpgsql STABLE @HEADER@ AS $$
        DECLARE s record;
        BEGIN
            SELECT until, revoked_at, granted_by INTO s FROM shares
                WHERE letter_id = p_letter AND login = session_user ORDER BY granted_at DESC LIMIT 1;
            IF FOUND AND s.revoked_at IS NOT NULL THEN
                RAISE EXCEPTION 'letters: the share of letter % with you was withdrawn on %; ask its IRO to share it again if you still need it.',
                    p_letter, to_char(s.revoked_at, 'FMDD FMMonth YYYY') USING ERRCODE = '42501';
            ELSIF FOUND AND s.until < current_date THEN
                RAISE EXCEPTION 'letters: your share of letter % ended on %; ask its IRO (%) to share it again if you still need it.',
                    p_letter, to_char(s.until, 'FMDD FMMonth YYYY'), s.granted_by USING ERRCODE = '42501';
            END IF;
            RAISE EXCEPTION 'letters: letter % is not yours, is not shared with you and is not in a sample you audit.',
                p_letter USING ERRCODE = '42501';
        END $$""",
    ),
    (
        "team_read(p_letter integer, p_number integer, p_purpose text)",
        """RETURNS TABLE(number integer, saved_at timestamp, document text)
        LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_current integer; v_access text; v_wanted integer;
        BEGIN
            SELECT current_revision INTO v_current FROM letters WHERE id = p_letter;
            IF NOT FOUND THEN RETURN; END IF;
            v_access := team_access(p_letter);
            IF v_access IS NULL AND NOT team_is_owner() THEN PERFORM team_refuse(p_letter); END IF;
            v_wanted := coalesce(p_number, v_current);
            IF coalesce(v_access, '') <> 'owner' THEN
                INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
                VALUES (timezone('UTC', now()), session_user, p_letter, v_wanted, 'read',
                        left(coalesce(p_purpose, ''), 100), coalesce(v_access, 'database owner'));
            END IF;
            RETURN QUERY SELECT r.number, r.saved_at, r.document FROM revisions r
                WHERE r.letter_id = p_letter AND r.number = v_wanted;
        END $$""",
    ),
    (
        "team_log(p_letter integer, p_action text, p_purpose text, p_detail text)",
        """RETURNS void LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        BEGIN
            IF p_action NOT IN ('export', 'identify', 'print') THEN
                RAISE EXCEPTION 'letters: % is not something the access log records.', p_action
                    USING ERRCODE = '22023';
            END IF;
            IF p_letter IS NOT NULL AND team_access(p_letter) IS NULL AND NOT team_has('manager') THEN
                PERFORM team_refuse(p_letter);
            END IF;
            IF p_letter IS NULL OR coalesce(team_access(p_letter), '') <> 'owner' THEN
                INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
                VALUES (timezone('UTC', now()), session_user, p_letter, NULL, p_action,
                        left(coalesce(p_purpose, ''), 100), left(coalesce(p_detail, ''), 200));
            END IF;
        END $$""",
    ),
    (
        "team_key()",
        """RETURNS bytea LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_secret text;
        BEGIN
            SELECT secret INTO v_secret FROM audit_keys WHERE purpose = 'child-ref';
            IF NOT FOUND THEN
                v_secret := encode(gen_random_bytes(32), 'hex');
                INSERT INTO audit_keys (purpose, secret) VALUES ('child-ref', v_secret)
                    ON CONFLICT (purpose) DO NOTHING;
                SELECT secret INTO v_secret FROM audit_keys WHERE purpose = 'child-ref';
            END IF;
            RETURN decode(v_secret, 'hex');
        END $$""",
    ),
    (
        # The same value as letters.audit.service.AuditService.child_ref on the same key: the
        # record's keyed id; for a letter with no record yet, its name in lower case with runs
        # of white space made one space, "|", the date of birth.
        "team_child_ref(p_letter integer)",
        """RETURNS text LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_child integer; v_doc json;
        BEGIN
            IF team_access(p_letter) IS NULL AND NOT team_has('manager') THEN
                PERFORM team_refuse(p_letter);
            END IF;
            SELECT l.child_id INTO v_child FROM letters l WHERE l.id = p_letter;
            IF v_child IS NOT NULL THEN
                RETURN 'C-' || upper(left(team_keyed('child|' || v_child), 8));
            END IF;
            SELECT r.document::json INTO v_doc FROM letters l JOIN revisions r
                ON r.letter_id = l.id AND r.number = l.current_revision WHERE l.id = p_letter;
            IF NOT FOUND THEN RETURN NULL; END IF;
            RETURN 'C-' || upper(left(team_keyed(team_norm(v_doc -> 'child' ->> 'name') || '|'
                || coalesce(v_doc -> 'child' ->> 'date_of_birth', '')), 8));
        END $$""",
    ),
    (
        "team_figures()",
        """RETURNS TABLE(id integer, child_age integer, meeting_date date, status varchar,
                         sent_on date, iro varchar, owner varchar, is_deleted boolean,
                         current_revision integer, imported boolean, sent_revision integer,
                         updated_at timestamp, child_id integer)
        LANGUAGE plpgsql STABLE @HEADER@ AS $$
        BEGIN
            IF NOT (team_has('manager') OR team_has('auditor')) THEN
                RAISE EXCEPTION 'letters: the figures are for managers and auditors.'
                    USING ERRCODE = '42501';
            END IF;
            RETURN QUERY SELECT l.id, l.child_age, l.meeting_date, l.status, l.sent_on, l.iro,
                l.owner, l.deleted_at IS NOT NULL, l.current_revision, l.imported,
                l.sent_revision, l.updated_at, l.child_id FROM letters l;
        END $$""",
    ),
    (
        # Pseudonymous: the facts as the IRO's app stored them with the names taken out (NULL
        # until it has); identifiable: as the engine found them, every letter logged.
        "team_facts(p_ids integer[], p_identify boolean, p_purpose text)",
        """RETURNS TABLE(letter_id integer, letter_version varchar, fingerprint varchar, facts text)
        LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        BEGIN
            IF NOT team_has('manager') THEN
                RAISE EXCEPTION 'letters: audit exports are for managers.' USING ERRCODE = '42501';
            END IF;
            IF p_identify THEN
                INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
                SELECT timezone('UTC', now()), session_user, f.letter_id, NULL, 'identify',
                       left(coalesce(p_purpose, ''), 100), 'identifiable audit export'
                FROM audit_facts f WHERE f.letter_id = ANY(p_ids);
            END IF;
            RETURN QUERY SELECT f.letter_id, f.letter_version, f.fingerprint,
                (jsonb_set(CASE WHEN p_identify THEN f.facts ELSE f.pseudonymous END::jsonb,
                    '{ref}', to_jsonb(team_child_ref(f.letter_id))))::text
                FROM audit_facts f WHERE f.letter_id = ANY(p_ids)
                AND (p_identify OR f.pseudonymous IS NOT NULL);
        END $$""",
    ),
    (
        "team_is_sent(p_letter integer)",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT EXISTS (SELECT 1 FROM letters WHERE id = p_letter AND status = 'sent')
        $$""",
    ),
    (
        "team_owns(p_letter integer)",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT EXISTS (SELECT 1 FROM letters WHERE id = p_letter AND owner = session_user)
        $$""",
    ),
    (
        "team_owner_of(p_letter integer)",
        """RETURNS text LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT owner FROM letters WHERE id = p_letter AND (
            team_access(p_letter) IS NOT NULL OR team_has('admin'))
        $$""",
    ),
]
