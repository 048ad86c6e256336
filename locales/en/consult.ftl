# consult-bot — English
# Every message is sent as HTML; variables arrive already escaped.

## Roles
role-admin = admin
role-liaison = liaison
role-informant = informant

## Common replies in chat
unknown-message = I didn't understand that message. Send /help to see what I can do.
error-generic = Sorry, something went wrong while handling that. Please try again later; the problem has been logged and staff will follow up.

## Command line: output
cli-migrated = The database schema is up to date.
cli-point-added = Added contact point { $code }: { $name }
cli-point-renamed = Contact point { $code } is now called: { $name }
cli-point-deactivated = Contact point { $code } ({ $name }) is deactivated; its records are kept, and it takes no new roles or groups.
cli-point-list-empty = There are no contact points yet. Add one with consult-bot point add CODE NAME.
cli-point-row = { $code }	{ $name }	{ $district }	{ $status }
cli-point-active = active
cli-point-inactive = inactive
cli-role-granted = User { $user } is now { $role }.
cli-role-granted-point = User { $user } is now { $role } of contact point { $point }.
cli-role-revoked = User { $user } is no longer { $role }.
cli-role-none = User { $user } has no role; nothing to revoke.
cli-role-list-empty = Nobody has been granted a role yet.
cli-role-row = { $user }	{ $role }	{ $point }	{ $since }
cli-invite-created = One-time invite link ({ $role }, valid until { $expires }, usable once):
cli-invite-created-point = One-time invite link ({ $role } of { $point }, valid until { $expires }, usable once):
cli-running = consult-bot is running (@{ $bot }); press Ctrl+C to stop.

## Command line: errors (one line each, then a non-zero exit)
cli-error = error: { $reason }
err-token-missing = No Telegram token given. Pass --token or set TELOXIDE_TOKEN (ask @BotFather for one).
err-token-malformed = The Telegram token is malformed: it looks like 123456789:AAE… (digits, a colon, at least 30 letters and digits). Copy the whole token from @BotFather.
err-token-rejected = Telegram rejected the token (Unauthorized). It may have been revoked; get a new one from @BotFather.
err-api-url = Invalid Bot API URL: { $url } (it must start with http:// or https://).
err-api-unreachable = Cannot reach the Telegram Bot API ({ $url }): { $detail }
err-database-url = Invalid database URL: { $url } (use sqlite:PATH or postgres://…).
err-database-unreachable = Cannot open the database: { $detail }
err-database-readonly = The database is not writable: { $detail }
err-migrate = Upgrading the database schema failed: { $detail }
err-database = Database error: { $detail }
err-unknown-point = There is no contact point with code { $code }. See consult-bot point list.
err-duplicate-point = A contact point with code { $code } already exists.
err-inactive-point = Contact point { $code } is deactivated and takes no new roles.
err-point-required = A { $role } must be bound to a contact point: add --point CODE.
err-point-not-allowed = An admin is not bound to a contact point: remove --point.
err-invite-not-found = This invite link is not valid: check that it was copied completely.
err-invite-used = This invite link has already been used; each link works once. Ask whoever invited you for a new one.
err-invite-expired = This invite link has expired. Ask whoever invited you for a new one.
err-invalid-point-code = A contact point code is 1–32 characters of lower-case letters, digits, - and _.
err-invalid-point-name = A contact point name must not be empty, has at most 100 characters and no control characters.
err-invalid-district = A district must not be empty, has at most 100 characters and no control characters.
err-invalid-role = A role is admin, liaison or informant.
err-invalid-locale = The language is zh-CN or en.
err-invalid-duration = Invalid duration: { $value } (for example 30m, 12h, 7d).
err-invalid-timezone = Unknown time zone: { $value } (for example Asia/Shanghai).
err-invalid-user-id = A Telegram user id is a whole number: { $value }
