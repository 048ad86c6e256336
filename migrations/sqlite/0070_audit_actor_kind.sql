-- What acted when no person did. An entry without a person used to read as
-- 「命令行」 everywhere the log is shown, though most such entries are no operator's:
-- failed logins are a visitor's (as are a web resident's report and a department's
-- answer through its link), timed-out sessions, Telegram's group moves and the
-- scheduler's work the bot's own, and an entry whose actor was erased by /forget
-- names no one on purpose. (A consultation closed at its deadline before this column
-- cannot be told from one closed on the command line, and stays 'command_line'.)
-- NULL when a person acted (their id is in `actor`); otherwise one of command_line,
-- system, visitor, forgotten (domain/src/audit.rs).
ALTER TABLE audit_log ADD COLUMN actor_kind TEXT;

-- Entries written before this column: what each action without an actor was.
UPDATE audit_log SET actor_kind = CASE
        WHEN action IN ('staff.login.failed', 'staff.login.locked', 'relay.report',
                        'relay.answer') THEN 'visitor'
        WHEN action IN ('staff.session.end', 'group.migrate', 'relay.remind',
                        'relay.escalate', 'relay.erase') THEN 'system'
        WHEN action = 'person.forget' OR subject = '[erased]' THEN 'forgotten'
        ELSE 'command_line'
    END
    WHERE actor IS NULL;
