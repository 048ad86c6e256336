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

## Command menu (setMyCommands)
cmd-start = Start; see drafts open for comment
cmd-help = Help
cmd-lang = Language / 切换语言
cmd-groups = Linked resident groups (liaisons, admins)
cmd-invite = Invite a liaison or informant (liaisons, admins)
cmd-link = Link this group to a contact point (liaisons)
cmd-unlink = Unlink this group (liaisons, admins)

## /start and /help
start-greeting-resident = Hello, { $name }! I am the assistant of the grassroots legislative contact points.

    When the city people's congress drafts or revises a local regulation, it asks residents for their views through its contact points. Here you can read drafts open for comment, give your opinion privately, and hear back what became of it.
start-greeting-informant = Hello, { $name }! You are an informant of { $point }.

    You can read drafts and give opinions like any resident.
start-greeting-liaison = Hello, { $name }! You are the liaison of { $point }.

    Add me to your contact point's resident groups and I will link them to { $point }. Use /groups to see linked groups and /invite to invite informants of your contact point.
start-greeting-admin = Hello, { $name }! You are an admin.

    Use /groups to see every contact point's resident groups and /invite to invite liaisons and informants.
start-open-none = No draft is open for comment right now. When there is one, I will announce it in your resident group.
help-resident = <b>What I can do</b>
    /start — start; see drafts open for comment
    /lang — change language / 切换语言
    /help — show this help

    You give your opinion in this private chat; it is never shown in the group.
help-staff = <b>For liaisons and admins</b>
    /groups — see linked resident groups
    /invite — create a one-time invite link
    In a resident group: /link links it to a contact point, /unlink removes the link
help-group = I am the contact point's assistant. To read drafts and give your opinion, message me privately: @{ $bot }
    Liaisons can send /link here to link this group, and /unlink to remove the link.
private-only = Please use this command in a private chat with me: @{ $bot }
group-only = Please send this command in the resident group you want to link.

## Invites
invite-redeemed = Welcome! You are now { $role } of { $point }. Send /help to see your commands.
invite-redeemed-admin = Welcome! You are now an admin. Send /help to see your commands.
invite-usage-admin = Usage: /invite liaison POINT-CODE (invite a liaison) or /invite informant POINT-CODE (invite an informant).
invite-usage-liaison = Usage: /invite informant (invite an informant of your contact point).
invite-refused = Sorry, only admins and liaisons can invite people.
invite-liaison-only-informants = Liaisons can invite only informants of their own contact point.
invite-created = One-time invite link ({ $role } of { $point }, valid until { $expires }, usable once):
    { $link }

    Send it only to the person you are inviting.

## Language
lang-choose = 请选择语言 / Choose your language:
lang-button-zh = 中文
lang-button-en = English
lang-set = OK, I will talk to you in English from now on.
button-stale = This button no longer works; please send the command again.

## Resident groups
group-intro = Hello everyone! I am the legislative contact point assistant of { $point }.

    When the city people's congress asks for comments on a draft regulation, I will announce it here. To give your opinion, press "Give my opinion" under the announcement and finish in a private chat with me — your opinion is not shown in the group. Send /help to learn more.
group-intro-unlinked = Hello everyone! I am the legislative contact point assistant.

    This group is not linked to a contact point yet. The contact point's liaison can send /link here to link it; after that I will announce consultations here.
group-linked = This group is now linked to { $point }. Its consultations will be announced here.
group-link-refused = Sorry, only a contact point's liaison or an admin can link this group.
group-link-needs-code = Admins link a group by naming the contact point, for example: /link hongqiao
group-already-linked = This group is already linked to { $point }.
group-linked-elsewhere = This group is already linked to { $point }. To change that, its liaison or an admin must send /unlink first.
group-unlinked = This group is no longer linked to { $point } and will get no more consultation announcements.
group-not-linked = This group is not linked to any contact point.
group-unlink-refused = Sorry, only the liaison of this group's contact point or an admin can unlink it.
groups-refused = Sorry, only liaisons and admins can see the list of groups.
groups-none = There are no resident groups yet. Add me to a group; when a liaison adds me, the group is linked automatically.
groups-header = <b>{ $point }</b>
groups-header-unlinked = <b>Groups not linked</b>
groups-row = • { $title } ({ $status }, { $since })
groups-row-unlinked = • { $title } ({ $status }, added { $since })
group-status-active = active
group-status-inactive = bot removed
groups-since = linked since { $date }
