-- What acted when no person did. An entry without a person used to read as
-- 「命令行」 everywhere the log is shown, though most such entries are no operator's:
-- failed logins are a visitor's, timed-out sessions and Telegram's group moves the
-- bot's own, and an entry whose actor was erased by /forget names no one on purpose.
-- NULL when a person acted (their id is in `actor`); otherwise one of command_line,
-- system, visitor, forgotten (domain/src/audit.rs).
ALTER TABLE audit_log ADD COLUMN actor_kind TEXT;

-- Entries written before this column: what each action without an actor was.
UPDATE audit_log SET actor_kind = CASE
        WHEN action IN ('staff.login.failed', 'staff.login.locked') THEN 'visitor'
        WHEN action IN ('staff.session.end', 'group.migrate') THEN 'system'
        WHEN action = 'person.forget' OR subject = '[erased]' THEN 'forgotten'
        ELSE 'command_line'
    END
    WHERE actor IS NULL;
