"""The database's functions for children's records and the audit's pseudonymous references in
team mode (see functions.py for the rules every team function follows).

Children's records (migration 0005) hold names and dates of birth, so an IRO sees only the records
of letters they may see (and one they have just made, until a letter is attached). Yet a new
letter must join the child's existing record even when another IRO wrote the child's earlier
letters, or the service would have two records (and two references) for one child:

- `team_find_child(case, name, birth, iro)`: the record a new letter belongs to, by the same rules
  as letters.store.children (the case number; else the same name and date of birth; else, with no
  date of birth, the same name and an earlier letter by the same IRO). It answers only when the
  IRO already knows what identifies the child, gives nothing but the record's number, and notes
  the finding in `child_claims`, which is what lets that IRO attach their letter to it;
- a trigger on `letters.child_id` refuses a record the person may neither see nor has claimed, so
  nobody can read another child's record by pointing a letter at it;
- a trigger on `children` keeps a case number on one record only, across records nobody can see;
- `team_children()`, `team_grouped_at()`: what managers' figures need from the records (when
  looked after, UASC; no name, date of birth or case number);
- `team_record_ref(child)`, `team_iro_ref(name)`: the pseudonymous references, keyed inside the
  database (the key is unreadable), for whoever may see that child, and for managers and auditors;
- `team_grade_texts(grades, identify, purpose)`: auditors' comments as a manager's export shows
  them: with the names taken out (stored when graded) unless `identify`, which is logged.

Names are compared as letters.store.children compares them: lower case, runs of white space made
one space (`team_norm`).
"""

from __future__ import annotations

RECORD_FUNCTIONS: list[tuple[str, str]] = [
    (
        "team_norm(p_text text)",
        """RETURNS text LANGUAGE sql IMMUTABLE @HEADER@ AS $$
        SELECT regexp_replace(regexp_replace(lower(coalesce(p_text, '')), '^\\s+|\\s+$', '', 'g'),
                              '\\s+', ' ', 'g')
        $$""",
    ),
    (
        "team_keyed(p_text text)",
        """RETURNS text LANGUAGE sql VOLATILE @HEADER@ AS $$
        SELECT encode(hmac(convert_to(p_text, 'UTF8'), team_key(), 'sha256'), 'hex')
        $$""",
    ),
    (
        "team_unattached(p_child integer)",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT NOT EXISTS (SELECT 1 FROM letters WHERE child_id = p_child)
        $$""",
    ),
    (
        "team_sees_child(p_child integer)",
        """RETURNS boolean LANGUAGE sql STABLE @HEADER@ AS $$
        SELECT EXISTS (SELECT 1 FROM letters l WHERE l.child_id = p_child
                       AND team_access(l.id) IS NOT NULL)
            OR EXISTS (SELECT 1 FROM children c WHERE c.id = p_child
                       AND c.created_by = session_user AND team_unattached(c.id))
        $$""",
    ),
    (
        "team_find_child(p_case text, p_name text, p_birth date, p_iro text)",
        """RETURNS TABLE(id integer, how text) LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        DECLARE v_id integer; v_how text; v_case text := btrim(coalesce(p_case, ''));
        BEGIN
            IF NOT pg_has_role(session_user, '@iro@', 'MEMBER') THEN
                RAISE EXCEPTION 'letters: only IROs add letters.' USING ERRCODE = '42501';
            END IF;
            IF v_case <> '' THEN
                SELECT c.id INTO v_id FROM children c
                    WHERE c.merged_into IS NULL AND lower(c.case_id) = lower(v_case) ORDER BY c.id LIMIT 1;
                v_how := 'case';
            END IF;
            IF v_id IS NULL AND p_birth IS NOT NULL THEN
                SELECT c.id INTO v_id FROM children c
                    WHERE c.merged_into IS NULL AND team_norm(c.name) = team_norm(p_name)
                    AND c.date_of_birth = p_birth
                    AND NOT (coalesce(c.case_id, '') <> '' AND v_case <> '')
                    ORDER BY c.id LIMIT 1;
                v_how := 'birth';
            ELSIF v_id IS NULL AND team_norm(p_iro) <> '' THEN
                SELECT c.id INTO v_id FROM children c
                    WHERE c.merged_into IS NULL AND team_norm(c.name) = team_norm(p_name)
                    AND c.date_of_birth IS NULL AND EXISTS (
                        SELECT 1 FROM letters l WHERE l.child_id = c.id
                        AND team_norm(l.iro) = team_norm(p_iro))
                    ORDER BY c.id LIMIT 1;
                v_how := 'iro';
            END IF;
            IF v_id IS NULL THEN RETURN; END IF;
            INSERT INTO child_claims (login, child_id, claimed_at)
                VALUES (session_user, v_id, timezone('UTC', now()));
            id := v_id; how := v_how;
            RETURN NEXT;
        END $$""",
    ),
    (
        "team_check_child_link()",
        """RETURNS trigger LANGUAGE plpgsql @HEADER@ AS $$
        BEGIN
            IF NEW.child_id IS NULL OR team_is_owner()
               OR (TG_OP = 'UPDATE' AND NEW.child_id IS NOT DISTINCT FROM OLD.child_id) THEN
                RETURN NEW;
            END IF;
            IF team_sees_child(NEW.child_id) OR EXISTS (
                SELECT 1 FROM child_claims WHERE login = session_user AND child_id = NEW.child_id) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'letters: child % is not one of your children''s records, so a letter cannot be put under it; start the letter from one of your children, or give the child''s case number.', NEW.child_id
                USING ERRCODE = '42501';
        END $$""",
    ),
    (
        "team_check_case()",
        """RETURNS trigger LANGUAGE plpgsql @HEADER@ AS $$
        BEGIN
            IF btrim(coalesce(NEW.case_id, '')) <> '' AND NEW.merged_into IS NULL AND EXISTS (
                SELECT 1 FROM children c WHERE c.id <> NEW.id AND c.merged_into IS NULL
                AND lower(c.case_id) = lower(btrim(NEW.case_id))) THEN
                RAISE EXCEPTION 'letters: case number % is already another child''s record. Nothing was saved; check the case number, or ask the team database''s owner to merge the two records if they are the same child.', btrim(NEW.case_id)
                    USING ERRCODE = '23505';
            END IF;
            RETURN NEW;
        END $$""",
    ),
    (
        "team_record_ref(p_child integer)",
        """RETURNS text LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        BEGIN
            IF NOT (team_has('manager') OR team_has('auditor') OR team_sees_child(p_child)) THEN
                RAISE EXCEPTION 'letters: child % is not one of your children''s records.', p_child
                    USING ERRCODE = '42501';
            END IF;
            RETURN 'C-' || upper(left(team_keyed('child|' || p_child), 8));
        END $$""",
    ),
    (
        "team_iro_ref(p_name text)",
        """RETURNS text LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        BEGIN
            IF NOT (team_has('manager') OR team_has('auditor')) THEN
                RAISE EXCEPTION 'letters: IROs'' references are for managers and auditors.'
                    USING ERRCODE = '42501';
            END IF;
            RETURN 'IRO-' || upper(left(team_keyed('iro|' || team_norm(p_name)), 6));
        END $$""",
    ),
    (
        "team_children()",
        """RETURNS TABLE(id integer, looked_after_since date, uasc boolean, grouped_by varchar,
                         created_at timestamp, merged_into integer)
        LANGUAGE plpgsql STABLE @HEADER@ AS $$
        BEGIN
            IF NOT (team_has('manager') OR team_has('auditor')) THEN
                RAISE EXCEPTION 'letters: the figures are for managers and auditors.' USING ERRCODE = '42501';
            END IF;
            RETURN QUERY SELECT c.id, c.looked_after_since, c.uasc, c.grouped_by, c.created_at,
                c.merged_into FROM children c ORDER BY c.id;
        END $$""",
    ),
    (
        "team_grouped_at()",
        """RETURNS timestamp LANGUAGE plpgsql STABLE @HEADER@ AS $$
        DECLARE v_first timestamp;
        BEGIN
            IF NOT (team_has('manager') OR team_has('auditor')) THEN
                RAISE EXCEPTION 'letters: the figures are for managers and auditors.' USING ERRCODE = '42501';
            END IF;
            SELECT min(created_at) INTO v_first FROM children;
            IF v_first IS NULL OR NOT EXISTS (SELECT 1 FROM letters WHERE created_at < v_first) THEN
                RETURN NULL;
            END IF;
            RETURN v_first;
        END $$""",
    ),
    (
        "team_grade_texts(p_grades integer[], p_identify boolean, p_purpose text)",
        """RETURNS TABLE(grade_id integer, texts text) LANGUAGE plpgsql VOLATILE @HEADER@ AS $$
        BEGIN
            IF NOT team_has('manager') THEN
                RAISE EXCEPTION 'letters: audit exports are for managers.' USING ERRCODE = '42501';
            END IF;
            IF NOT p_identify THEN
                RETURN QUERY SELECT t.grade_id, t.texts FROM audit_grade_texts t
                    WHERE t.grade_id = ANY(p_grades);
                RETURN;
            END IF;
            INSERT INTO access_log (at, person, letter_id, revision, action, purpose, detail)
            SELECT timezone('UTC', now()), session_user, g.letter_id, g.letter_revision, 'identify',
                   left(coalesce(p_purpose, ''), 100), 'audit comments as written'
            FROM audit_grades g WHERE g.id = ANY(p_grades);
            RETURN QUERY SELECT g.id, json_build_object('comment', g.comment, 'answers', coalesce((
                SELECT json_agg(json_build_object('comment', a.comment, 'evidence', a.evidence,
                                                  'reason', coalesce(d.reason, '')) ORDER BY a.position)
                FROM audit_answers a LEFT JOIN audit_disagreements d ON d.answer_id = a.id
                WHERE a.grade_id = g.id), '[]'::json))::text
            FROM audit_grades g WHERE g.id = ANY(p_grades);
        END $$""",
    ),
]

#: Functions no member may call directly (the others check who is calling).
PRIVATE_RECORD_FUNCTIONS = (
    "team_keyed(p_text text)",
    "team_check_child_link()",
    "team_check_case()",
)

#: (name, table, when): the triggers `letters team init` (re)creates.
TRIGGERS = (
    ("team_child_link", "letters", "BEFORE INSERT OR UPDATE OF child_id", "team_check_child_link()"),
    ("team_case_once", "children", "BEFORE INSERT OR UPDATE OF case_id, merged_into", "team_check_case()"),
)
