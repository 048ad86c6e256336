# consult-bot — English
# Every message is sent as HTML; variables arrive already escaped.
#
# 术语表 · Glossary
# 同一事物在两种语言里各只用一个名称。两个语言文件的开头是同一张表；测试核对两张表相同，
# 并核对所有消息都不用“不用 / not”两栏里的说法（N 代表任一变量）。
# One thing has one name in each language. Both locale files open with this same table; a
# test checks that the tables agree and that no message uses a word of the "不用 / not"
# columns (N stands for any variable).
#
# 中文 | English | 不用 | not
# 基层立法联系点（简称联系点） | grassroots legislative contact point (short: contact point) | |
# 联络员 | liaison | 联系人 | contact person
# 信息员 | informant | |
# 区县（如 浦东新区） | district (e.g. Pudong New Area) | |
# 县区人大（区县人大常委会的工作人员） | county staff | |
# 管理员 | admin | | administrator
# 居民 | resident | |
# 居民群 | resident group | |
# 征求意见（编号如 C12） | consultation (numbered like C12) | |
# 法规草案（简称草案） | draft regulation (short: draft) | |
# 第 N 稿 | draft N | 第 N 版 | version N
# 条文（第 N 条） | article (article N) | 条款 | clause
# 整部草案 | whole draft | |
# 意见 | opinion | |
# 看法：支持、反对、修改建议、补充建议、其他 | view: support, oppose, amendment, addition, other | 意见类型 / 立场 | stance
# 建议表述 | proposed wording | |
# 身份：匿名、实名、单位 | identity: anonymous, named, organization | | organisation
# 身份信息（姓名或单位、职业、所在区域） | identity details (name or organization, occupation, district) | | personal details
# 个人信息 | personal data | 个人数据 |
# 收件编号 | receipt number | 回执 | receipt:
# 台账 | ledger | |
# 意见汇总表 | opinion sheet | | opinion ledger
# 审阅 | review | |
# 已阅 | reviewed | 已审阅 |
# 处理决定 | decision | |
# 办理结果：采纳、部分采纳、未采纳、不属于本次征求范围 | outcome: adopted, partly adopted, not adopted, outside this consultation | 处理结果 / 采纳情况 |
# 反馈 | feedback | |
# 回音壁 | feedback wall | 公开的汇总 | public summary / outcome summary
# 办结 | conclude | |
# 提出人 | submitter | 提交人 |
# 法工委（市人大常委会法制工作委员会） | Legislative Affairs Commission | | legislative affairs committee
# 群发 | broadcast | |
# 线下意见 | offline opinion | |
# 提问（/prompt） | question (/prompt) | 征询 | prompt reply / prompt vote
# 普法问答 | FAQ | |
# 海报 | poster | |
# 社情民意 | community issue | |
# 反映（一条社情民意） | report (a community issue) | |
# 转办 | forward (to a department) | |
# 承办部门 | handling department | |
# 经办人 | department officer | |
# 答复 | answer (of a department) | |
# 解决情况：已解决、部分解决、未解决、不属于本部门职责 | resolution: resolved, partly resolved, not resolved, not ours | |
# 催办 | follow-up reminder | |
# 督办 | escalation | |
# 普法活动（编号如 E12） | law-popularization event (short: event; numbered like E12) | 普法讲座 |
# 报名 | sign up (a sign-up) | 登记参加 | registration
# 候补 | waiting list | 排队等候 |
# 签到 | check in (a check-in) | 打卡 |
# 签到码 | check-in code | 签到口令 | check-in password
# 现场参加 | walk-ins | 临时参加 |
# 惠及人次 | people reached | 受益人数 | beneficiaries
# 立法项目征集（简称征集） | open call | | call for proposals
# 立法项目建议 | project suggestion | 项目建议书 | project proposal
# 列入立法计划、列入调研项目、暂不采纳（立法项目建议的办理结果） | in the legislative plan, for research, not taken up now (a project suggestion's outcome) | |

## Roles
role-admin = admin
role-liaison = liaison
role-informant = informant
role-county = county staff

## Common replies in chat
unknown-message = I didn't understand that message. Send /help to see what I can do.
error-generic = Sorry, something went wrong while handling that. Please try again later; the problem has been logged and staff will follow up.

## Command line: output
cli-migrated = The database schema is up to date.
cli-sample-point-name = Sample contact point
cli-sample-summary = A sample draft for getting to know the web consultation: read the articles, give an opinion, keep the receipt number, come back for the outcome.
cli-sample-occupations = Resident,Owners' committee member,Property staff,Lawyer,Employee,Other
cli-sample-done = Published the sample consultation { $code } “{ $title }”, for the sample contact point only.
cli-sample-open = Run consult-bot, then open this in a browser: { $url }
cli-web-only = No Telegram token: serving the web channel only. Open { $url } in a browser (Ctrl+C stops).
cli-point-added = Added contact point { $code }: { $name }
cli-point-renamed = Contact point { $code } is now called: { $name }
cli-point-district-set = Contact point { $code } now belongs to { $district }.
cli-point-district-cleared = Contact point { $code } now belongs to no district.
cli-district-added = District { $code } added: { $name }
cli-district-list-empty = No districts yet. Add one with consult-bot district add CODE NAME.
cli-district-row = { $code }	{ $name }	{ $points }
cli-point-deactivated = Contact point { $code } ({ $name }) is deactivated; its records are kept, and it takes no new roles or groups.
cli-point-list-empty = There are no contact points yet. Add one with consult-bot point add CODE NAME.
cli-point-row = { $code }	{ $name }	{ $district }	{ $status }
cli-point-active = active
cli-point-inactive = inactive
cli-role-granted = User { $user } is now { $role }.
cli-role-granted-point = User { $user } is now { $role } of contact point { $point }.
cli-role-granted-district = User { $user } is now { $role } of district { $district }.
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
err-web-url = Invalid web URL: { $url } (it must start with http:// or https://; residents' links and QR codes point there).
err-api-unreachable = Cannot reach the Telegram Bot API ({ $url }): { $detail }
err-database-url = Invalid database URL: { $url } (use sqlite:PATH or postgres://…).
err-database-unreachable = Cannot open the database: { $detail }
err-database-readonly = The database is not writable: { $detail }
err-migrate = Upgrading the database schema failed: { $detail }
err-database = Database error: { $detail }
err-unknown-code = The database holds a value this program does not know: { $what } = “{ $code }” (perhaps written by a newer version).
err-unknown-point = There is no contact point with code { $code }. See consult-bot point list.
err-duplicate-point = A contact point with code { $code } already exists.
err-inactive-point = Contact point { $code } is deactivated and takes no new roles.
err-point-required = A { $role } must be bound to a contact point: add --point CODE.
err-point-not-allowed = Admins and county staff are not bound to a contact point: remove --point.
err-unknown-district = No district has the code { $code }. consult-bot district list shows them all.
err-duplicate-district = District { $code } already exists (district codes and names are both unique).
err-district-required = County staff must be bound to a district: add --district DISTRICT_CODE.
err-district-not-allowed = Only county staff are bound to a district: remove --district.
err-invalid-district-code = A district code has 1–32 characters: lower-case letters, digits, - and _.
err-invite-not-found = This invite link is not valid: check that it was copied completely.
err-invite-used = This invite link has already been used; each link works once. Ask whoever invited you for a new one.
err-invite-expired = This invite link has expired. Ask whoever invited you for a new one.
err-invalid-point-code = A contact point code is 1–32 characters of lower-case letters, digits, - and _.
err-invalid-point-name = A contact point name must not be empty, has at most 100 characters and no control characters.
err-invalid-district = A district's name must not be empty, has at most 100 characters and no control characters.
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
start-greeting-county = Hello, { $name }! You are county staff of { $district }: you see and act on the work of your district's contact points.
start-open-none = No draft is open for comment right now. When there is one, I will announce it in your resident group.
help-resident = <b>What I can do</b>
    /start — start; see drafts open for comment
    /consultations — browse drafts open for comment
    /events — law-popularization events: see them and sign up; at the venue send “checkin CODE”
    /lang — change language / 切换语言
    /mydata — see the personal data I store about you
    /forget — delete your personal data
    /help — show this help

    You give your opinion in this private chat; it is never shown in the group.
help-staff = <b>For liaisons, county staff and admins</b>
    /groups — see linked resident groups
    /invite — create a one-time invite link
    /newdraft — enter a draft regulation (or just send the file)
    /publish, /announce, /extend, /summary, /revise, /close, /withdraw with a number — manage a consultation
    /status — see how broadcasts are going
    /poster 12 — the poster, QR code and web link for your point, to share in WeChat groups
    /stats — statistics, a chart per article and the contact-point assessment
    /newevent — create a law-popularization event; /event E12 — check-in code, who signed up, walk-ins, note
    /decide, /release, /conclude with a number — decide on opinions, send the feedback, conclude and post the feedback wall (admins); /unreached — submitters to tell in person
    /prompt 12 [第五条] question | option 1 | option 2 — ask the groups; /prompts — see replies and votes
    /point — contact points and their districts; /point CODE district DISTRICT — set a point's district (admins)
    /cancel — cancel what you are doing
    In a resident group: /link links it to a contact point, /unlink removes the link
help-group = I am the contact point's assistant. To read drafts and give your opinion, message me privately: @{ $bot }
    Liaisons can send /link here to link this group, and /unlink to remove the link.
private-only = Please use this command in a private chat with me: @{ $bot }
group-only = Please send this command in the resident group you want to link.

## Invites
invite-redeemed = Welcome! You are now { $role } of { $point }. Send /help to see your commands.
invite-redeemed-admin = Welcome! You are now an admin. Send /help to see your commands.
invite-usage-admin = Usage: /invite liaison POINT-CODE (invite a liaison), /invite informant POINT-CODE (invite an informant) or /invite county DISTRICT-CODE (invite county staff).
invite-usage-liaison = Usage: /invite informant (invite an informant of your contact point).
invite-usage-county = Usage: /invite liaison POINT-CODE (a liaison of a contact point in your district) or /invite informant POINT-CODE (an informant).
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
group-intro = Hello everyone! I am the opinion-gathering assistant of { $point }.

    When the city people's congress asks for comments on a draft regulation, I will announce it here. To give your opinion, press "Give my opinion" under the announcement and finish in a private chat with me — your opinion is not shown in the group. Send /help to learn more.
group-intro-unlinked = Hello everyone! I am the contact point's assistant.

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

## Draft intake
cmd-newdraft = Enter a new draft regulation (liaisons, admins)
cmd-consultations = Drafts open for comment
cmd-cancel = Cancel what you are doing
draft-refused = Sorry, only admins and liaisons can enter drafts.
draft-send = Send me the draft: a .docx, .txt or .md file, or paste the whole text. Send /cancel to stop.
draft-err-too-large = The file is too large ({ $size } MB); please send a file under { $limit } MB.
draft-err-empty = The file is empty. Check that you picked the right file.
draft-err-binary = This does not look like a text file. Please send the draft as .docx, .txt or .md.
draft-err-undecodable = I cannot tell the file's text encoding (UTF-8 and GBK/GB18030 are supported). Save it as UTF-8 text or .docx and send it again.
draft-err-not-docx = This is not a valid .docx document. If it is an old .doc, save it as .docx in Word.
draft-err-unsupported = .{ $extension } files are not supported. Please send the draft as .docx, .txt or .md.
draft-err-no-articles = I found no articles (第…条) in this text. Please check that it is the full text of a draft regulation.
draft-err-unpacked = This .docx expands to more than { $limit } MB, far more than any draft regulation (the file may be damaged or crafted). Please save it as .docx or .txt and send it again.
draft-err-too-long = The draft has more than { $limit } characters, far more than any draft regulation. Please send the draft itself (without annexes and explanations).
draft-err-too-many-articles = The draft has more than { $limit } articles, far more than any draft regulation. Please check that you picked the right file.
draft-err-article-too-long = { $article } has more than { $limit } characters, far more than any article. Is there an annex or explanation after it not marked as such (附件)? Please remove or mark it and send the draft again.
draft-understood = <b>What I read</b>
    Title: { $title }
    { $chapters } chapters, { $articles } articles ({ $first } to { $last })
draft-understood-no-title = (no title recognised)
draft-irregularities = <b>Please check:</b>
draft-irr-out-of-order = • { $found } comes after { $after }: out of order
draft-irr-duplicate = • { $number } appears more than once
draft-irr-gap = • { $after } is followed by { $next }: articles missing
draft-irr-skipped = • line { $line } belongs to no article: { $text }
draft-irr-more = • … and { $count } more
draft-ask-title = Please send the title of this consultation.
draft-ask-title-suggested = Please send the title of this consultation, or press the button to use the title I found.
draft-use-title = Use "{ $title }"
draft-ask-deadline = Deadline? For example 2027-01-15 (closes at 23:59 that day) or 2027-01-15 18:00.
draft-ask-scope = Which contact points? Send their codes separated by commas (e.g. hongqiao, gubei), or press "All contact points".
draft-scope-all = All contact points
draft-ask-summary = Send a short summary (shown in the group announcement, at most 1000 characters), or /skip.
draft-ask-source = Send the link to the official text (http or https), or /skip.
draft-ask-occupations = Send the occupations a submitter can choose from, separated by commas (e.g. teacher, doctor, community worker), or /skip.
draft-bad-title = A title has 1–200 characters on one line.
draft-bad-deadline = I could not read that time, or it has passed. Send a future time like 2027-01-15 or 2027-01-15 18:00.
draft-bad-scope = These contact points do not exist: { $codes }. Send the codes again, or press "All contact points".
draft-bad-summary = A summary has at most 1000 characters.
draft-bad-url = Send a link starting with http:// or https://, or /skip.
draft-bad-occupations = Send 1–30 occupations of at most 30 characters each, separated by commas.
draft-saved = Saved as draft { $code }: { $title }
    Deadline: { $deadline }
    Scope: { $scope }
    To announce it to the resident groups: /publish { $id }
draft-cancelled = Cancelled; nothing was saved.
draft-nothing-to-cancel = There is nothing to cancel.
draft-nothing-to-skip = This step cannot be skipped.
scope-all = all contact points

## Managing consultations
consultation-usage = Usage: { $usage }
consultation-unknown = There is no consultation number { $id }.
consultation-not-yours = Sorry, only an admin or the liaison who created this consultation can do that.
consultation-not-announced-here = This consultation does not go to the contact points you look after, so you cannot announce it again.
consultation-wrong-state = This consultation is "{ $state }"; that cannot be done now.
state-draft = draft
state-open = open for comment
state-closed = closed
state-concluded = concluded
state-withdrawn = withdrawn
consultation-published = Published { $code }; announcing it to { $groups } resident groups.
consultation-no-groups = Published { $code }, but no resident group in its scope is linked yet, so nothing was announced.
consultation-announced = Announcing { $code } again to { $groups } resident groups.
consultation-extended = { $groups ->
    [0] The deadline of { $code } is now { $deadline }.
   *[other] The deadline of { $code } is now { $deadline }; telling { $groups } resident groups.
}
consultation-summary-set = The summary of { $code } was updated.
consultation-withdrawn = Withdrew { $code }; telling { $groups } resident groups.
consultation-closed = Closed { $code } early; telling { $groups } resident groups.
revise-send = Send the revised draft of { $code } (.docx, .txt or .md, or paste the text). Send /cancel to stop.
revise-saved = Saved draft { $version } of { $code } ({ $articles } articles). Earlier opinions stay with the draft they were given on.
revise-announced = Saved draft { $version } of { $code }; announcing it to { $groups } resident groups.

## Group announcements
card-announce = 📢 <b>Open for comment: { $title }</b>
    Deadline: { $deadline }
    { $articles } articles
card-revised = 📢 <b>Revised: draft { $version } of { $title }</b>
    Deadline: { $deadline }
    { $articles } articles
card-footer = Read the draft and give your opinion in a private chat with me — it is not shown in the group.
card-read = Read the draft
card-submit = Give my opinion
card-web = 🌐 Web version (to share anywhere)
consultation-web-app = 🌐 Read the draft on the web
card-reminder = ⏰ Comments on <b>{ $title }</b> close in { $left } ({ $deadline }). If you have not given your opinion yet, press the button below.
card-deadline = ⏰ The deadline for comments on <b>{ $title }</b> is now { $deadline }. If you have not given your opinion yet, press the button below.
card-closing = Comments on <b>{ $title }</b> are now closed. Thank you for taking part! Every opinion is on record, and each resident who gave one will hear what became of it.
card-withdrawn = The consultation on <b>{ $title }</b> has been withdrawn; the earlier announcement no longer applies.
left-days = { $n } days
left-minutes = { $n } minutes
left-hours = { $n } hours
datetime-format = %Y-%m-%d %H:%M

## Browsing drafts
consultations-none = No draft is open for comment right now.
consultations-header = <b>Drafts open for comment</b> (press one)
consultations-item = { $code } { $title } ({ $state }, until { $deadline })
consultation-view = <b>{ $title }</b> ({ $code }, draft { $version })
    Status: { $state }
    Deadline: { $deadline }
    { $articles } articles
consultation-pick-chapter = Choose a chapter:
consultation-pick-article = Choose an article:
consultation-source = Official text: { $url }
nav-prev = ‹ Previous
nav-next = Next ›
nav-back = « Back

## Web pages
web-site-name = Have your say on draft laws
web-language = Language
web-language-zh = 中文
web-language-en = English
web-not-found-title = Page not found
web-not-found = What you are looking for does not exist, or is not public yet.
web-error-title = Something went wrong
web-error = The server has a problem at the moment. Please try again later.
web-back-to-list = Back to the consultations
web-list-title = Draft regulations open for comment
web-list-point = Via: { $point }
web-list-open = Open for comment
web-list-none-open = No draft is open for comment at the moment.
web-list-closed = Recently closed
web-deadline = Deadline: { $deadline }
web-state-concluded = Concluded: see what became of the opinions
web-state-closed = Closed: the opinions are being studied
web-poster-qr-label = Scan to read the draft and give your opinion
web-poster-print-hint = This is an A4 poster for a notice board: print it with your browser's Print command (this note is not printed).
web-poster-png = Download the QR code (PNG)
web-poster-svg = Download the QR code (SVG, scales to any size)
web-state-open = Open for comment
web-version = draft { $version }
web-closed-notice = The consultation has closed and takes no new opinions.
web-revision-title = Draft { $version } changed these articles
web-revision-added = (new)
web-revision-changed = (changed)
web-revision-removed = It also dropped { $count } articles of the previous draft.
web-contents = Contents
web-source = The draft's official text
web-article-added = This article is new in draft { $version }.
web-article-changed = What draft { $version } changed in this article
web-article-old-title = Its heading before: { $title }
web-article-changes-legend = Compared with article { $previous } of the previous draft: [+ …] is text added, [− …] is text removed.
web-pager = Pages
web-prev = ‹ Previous article
web-next = Next article ›

## Web: giving an opinion, the receipt number, the outcome
web-form-title = Give your opinion
web-form-article = Which article
web-form-bad-article = The draft has no such article; please choose one from the list.
web-form-stance = Your view
web-form-need-stance = Please choose your view.
web-form-body = Your opinion ({ $min }–{ $max } characters)
web-form-wording = Proposed wording (for an amendment; optional)
web-form-name = Name (if you chose "named")
web-form-organization = Organization (if you chose "For an organization")
web-form-occupation = Occupation (optional)
web-form-not-given = Not given
web-form-district = District or subdistrict (optional)
web-form-bad-detail = Please enter 1–50 characters.
web-form-next = Next: check
web-form-problems = Please correct what is marked below; everything you typed is still here.
web-form-expired = This page has expired (or your browser did not keep its cookie); your opinion has not been sent yet. Everything you typed is still here: please press the button again.
web-form-honeypot = Leave this field empty
web-form-honeypot-filled = The field "Leave this field empty" must stay empty; your opinion has not been sent yet.
web-form-your-text = What you wrote (copy it to keep it)
web-consent-title = About your personal data
web-consent = We keep your opinion and the identity details you choose to give, to record it, report it to the Legislative Affairs Commission and show you the outcome here. Unless you tick "Keep the identity details", the opinion is recorded anonymously and no name, organization, occupation or district is kept. Details are kept until 180 days after the consultation is concluded.
web-consent-details = Keep the identity details I gave this time
web-consent-quote = My words may be quoted anonymously on the feedback wall
web-review-title = Please check your opinion
web-review-change = Go back and change
web-review-not-kept = You did not tick "Keep the identity details", so the name or organization you gave is not kept and the opinion is recorded anonymously.
web-field-consultation = Draft
web-field-article = Article
web-field-stance = View
web-field-body = Opinion
web-field-wording = Proposed wording
web-field-identity = Identity
web-field-occupation = Occupation
web-field-district = District
web-field-given = Given
web-field-status = Status
web-receipt-title = Your opinion has been received
web-receipt-number = Receipt number:
web-receipt-keep = Keep the link below (bookmark this page or take a screenshot). With it you can see the outcome, and change or withdraw your opinion before the deadline. It was given to you only: do not pass it on.
web-receipt-next = The contact point's liaison records your opinion and reports it to the Legislative Affairs Commission. When the consultation is over, this page shows whether it was adopted and why.
web-status-title = Opinion { $receipt }
web-outcome-title = Outcome
web-outcome-reason = Reason:
web-outcome-pending = No outcome yet. When the consultation is over and the opinions have been considered, this page shows whether it was adopted and why.
web-outcome-withdrawn = You withdrew this opinion.
web-history = Earlier versions ({ $count })
web-edit = Change my opinion
web-edit-title = Change opinion { $receipt }
web-edit-save = Save the change
web-withdraw = Withdraw my opinion
web-withdraw-title = Withdraw opinion { $receipt }
web-withdraw-explain = A withdrawn opinion is no longer considered, but it stays in the ledger marked "withdrawn". Withdraw it?
web-withdraw-confirm = Yes, withdraw it
web-locked = The consultation has closed, or this opinion has been withdrawn or handled: it can no longer be changed or withdrawn.
web-back-to-status = Back to the opinion
web-back-to-draft = Back to the draft
web-already-title = This opinion was received already
web-already = An opinion with the same text was received within the hour (receipt number { $receipt }); it was not recorded twice.
web-mine-title = My opinions
web-mine-explain = Opinions given in this browser. On another phone, or after clearing the browser's data, use the link you kept when you gave it.
web-mine-none = No opinion has been given in this browser yet.
web-miniapp-refused = Telegram's sign-in has expired or could not be checked; your opinion has not been sent yet. Go back to the bot, press "Read the draft" again to open this page, and send it again.

## Staff console: accounts, login and sessions (/staff, /web, consult-bot staff)
staff-nav = Staff console menu
staff-nav-work = Work
staff-nav-figures = Figures
staff-nav-setup = Setup
staff-telegram-person = Telegram user
staff-signed-in = { $name } ({ $role })
staff-signed-in-point = { $name } ({ $role }, { $point })
staff-logout = Log out
staff-login-title = Staff login
staff-login-name = Account name
staff-login-password = Password
staff-login-submit = Log in
staff-login-refused = The account name or the password is not right.
staff-login-locked = Too many failed logins for this account: it is locked for now. Try again after { $until }; if you forgot the password, ask an admin.
staff-login-locked-address = Too many failed logins from this network: logins from it are locked for now. Try again after { $until }.
staff-login-expired = The page had expired (or the browser keeps no cookies), so you were not logged in. Please type the password again and log in once more.
staff-login-password-set = Your password is set. Log in with it.
staff-logged-out = You have logged out.
staff-session-needed = Please log in first.
staff-session-ended = You were logged out for safety: nothing happened for a while, or this login reached its time limit. Please log in again.
staff-session-revoked = Your staff role has been revoked, so the console is closed to you. Ask an admin if this is a mistake.
staff-form-expired-title = Nothing was done
staff-form-expired = The page had expired, so nothing was done. Go back to the console and do it once more.
staff-password-title = Set your password
staff-password-for = Account: { $name }
staff-password-new = New password
staff-password-confirm = The new password again
staff-password-rules = At least { $min } characters, not a common password (such as 1234567890, qwertyuiop, woaini1314), and not the account name. Chinese characters, spaces and punctuation are welcome: a sentence you remember is safest.
staff-password-save = Save the password
staff-password-too-short = Too short: a password needs at least { $min } characters.
staff-password-too-long = Too long: a password may have at most { $max } characters.
staff-password-common = This password is too common and easy to guess. Please choose another.
staff-password-name = The password must not be the account name. Please choose another.
staff-password-mismatch = The two new passwords differ. Please type them again.
staff-link-valid-until = This link works once, until { $expires }.
staff-link-gone-title = Link no longer valid
staff-link-used = This link has been used already; each link works once. To set a password or log in again, ask an admin (or send /web to the Telegram bot).
staff-link-expired = This link has expired. Ask an admin for a new one (or send /web to the Telegram bot).
staff-link-login-title = Log in to the staff console
staff-link-login-explain = Press the button below to log in to the staff console. This link works once.
staff-link-login-submit = Log in
staff-account-title = Account and password
staff-account-change = Change the password
staff-account-current = Current password
staff-account-changed = Your password is changed. Logins on other devices have ended.
staff-account-wrong-current = The current password is not right; the password was not changed.
staff-account-telegram-only = You logged in with a one-time link from the Telegram bot and have no password. Next time, send /web to the bot for a new login link.
staff-dashboard-title = Console
staff-dashboard-scope-all = Scope: every contact point
staff-dashboard-scope-point = Scope: { $point }
staff-dashboard-waiting = Opinions waiting for review: { $count }
staff-dashboard-informant = You can record opinions gathered offline for your contact point. These drafts are open for opinions.
staff-dashboard-open = Open for opinions
staff-dashboard-none-open = No draft is open for opinions at the moment.
staff-dashboard-col-consultation = Draft
staff-dashboard-col-deadline = Deadline
staff-dashboard-col-opinions = Opinions
staff-dashboard-col-waiting = To review
staff-dashboard-left = { $left } left
staff-dashboard-due = Deadline reached
staff-opinion-title = Opinion { $receipt }
staff-opinion-whole-draft = The whole draft
staff-opinion-channel = Channel
staff-opinion-point = Contact point
cmd-staff = Add a staff console account (liaisons, admins)
cmd-web = Get a login link for the staff console (staff)
staff-usage-admin = Usage: /staff add NAME ROLE POINT-CODE (ROLE is liaison or informant); an admin account: /staff add NAME admin.
staff-usage-liaison = Usage: /staff add NAME informant (an informant of your contact point).
staff-usage-county = Usage: /staff add LOGIN ROLE POINT-CODE (ROLE is liaison or informant; the contact point must be in your district).
staff-refused = Sorry, only admins and liaisons can add console accounts.
staff-liaison-only-informants = Liaisons can add only informants of their own contact point.
staff-bad-name = An account name is 1–50 letters, digits or Chinese characters, and may contain . _ - @, but no spaces.
staff-duplicate = The account { $name } already exists.
staff-created = Account { $name } added ({ $role } of { $point }). Send this one-time link to the person to set their password (valid until { $expires }, usable once):
    { $link }
staff-created-admin = Account { $name } added ({ $role }). Send this one-time link to the person to set their password (valid until { $expires }, usable once):
    { $link }
staff-web-not-served = The staff console is not set up (start the bot with --web-url).
staff-web-refused = Sorry, only staff (admins, liaisons, informants) can log in to the staff console.
staff-web-link = A one-time login link for the staff console (valid for { $minutes } minutes, usable once; do not forward it):
    { $link }
cli-staff-added = Account { $name } added ({ $role }). One-time link to set the password (valid until { $expires }, usable once):
cli-staff-added-point = Account { $name } added ({ $role } of { $point }). One-time link to set the password (valid until { $expires }, usable once):
cli-staff-reset = One-time link for account { $name } to set a new password (valid until { $expires }, usable once; earlier links no longer work):
cli-staff-revoked = The { $role } role of account { $name } is revoked; all their staff console logins have ended.
cli-staff-no-role = Account { $name } has no role; nothing to revoke.
cli-staff-list-empty = No console accounts yet. Add one with consult-bot staff add NAME --role ROLE --point POINT-CODE.
cli-staff-row = { $name }	{ $role }	{ $point }	{ $password }	{ $person }
cli-staff-password-set = password set
cli-staff-password-unset = no password yet
cli-staff-no-role-listed = no role
err-invalid-staff-name = An account name is 1–50 letters, digits or Chinese characters, and may contain . _ - @, but no spaces.
err-duplicate-staff = The account { $name } already exists (or that Telegram user has an account).
err-unknown-staff = No console account is called { $name }. See them all with consult-bot staff list.
err-password-hash = The password could not be hashed ({ $detail }). Please try again.
cli-about-staff = Staff console accounts: add, reset a password, revoke, list
cli-about-staff-add = Add a staff account with a role, and print a one-time link to set its password
cli-arg-staff-add-name = Account name: 1–50 letters, digits or Chinese characters, and . _ - @
cli-arg-staff-add-role = Role: admin, county, liaison or informant
cli-arg-staff-add-point = Contact point code (for liaisons and informants)
cli-arg-staff-add-district = District code (required for county staff)
cli-arg-staff-add-telegram-id = The person's Telegram user id, when they use Telegram too (the role is granted to it: one person in chat and on the web)
cli-about-staff-reset = Print a new one-time link to set an account's password (forgotten, or the link expired; earlier links stop working)
cli-arg-staff-reset-name = Account name
cli-about-staff-revoke = Revoke an account's role; its staff console logins end at once
cli-arg-staff-revoke-name = Account name
cli-about-staff-list = List console accounts and their roles
cli-arg-staff-idle-timeout = Staff console: log out after this long without activity (e.g. 30m)
cli-arg-staff-session-max = Staff console: a login lasts at most this long (e.g. 12h)

## Broadcasts
broadcast-purpose = { $purpose ->
    [announce] Consultation announcement
    [revised] Revised draft announcement
    [reminder] Deadline reminder
    [closing] Closing notice
    [withdrawn] Withdrawal notice
    [deadline] Deadline change notice
    [feedback] Feedback
    [summary] Feedback wall
    [prompt] Question
    [digest] Daily digest
    [review_reminder] Review reminder
   *[other] { $purpose }
}
broadcast-progress = { $purpose }: sent { $sent }/{ $total }
broadcast-progress-done = { $purpose }: sent { $sent }/{ $total }, finished.
broadcast-progress-done-problems = { $purpose }: sent { $sent }/{ $total }, finished. Failed { $failed }, unknown { $unknown }; send /status for details.
status-refused = Sorry, only liaisons and admins can see the state of broadcasts.
status-none = Nothing has been broadcast yet.
status-header = <b>Recent broadcasts</b>
status-broadcast = <b>#{ $id } { $purpose }</b> ({ $subject }, { $time })
status-broadcast-plain = <b>#{ $id } { $purpose }</b> ({ $time })
status-about-consultation = { $code } “{ $title }”
status-about-draft = { $code } “{ $title }”, draft { $version }
status-about-prompt = question P{ $id } on { $code } “{ $title }”
status-counts = Sent { $sent }/{ $total }, queued { $queued }, failed { $failed }, unknown { $unknown }
status-failed-chat = • failed: { $chat } ({ $reason })
status-unknown-chat = • unknown: { $chat } (interrupted while sending; it may have arrived and will not be sent again)
delivery-failure-removed = the bot is no longer in this group
delivery-failure-blocked = the person blocked the bot
delivery-failure-deactivated = the person's Telegram account was deleted
delivery-failure-not-started = the person never wrote to the bot, so it may not write first
delivery-failure-chat-not-found = Telegram knows no such chat
delivery-failure-no-rights = the bot may not post in this group
delivery-failure-interrupted = interrupted while sending; it may have arrived
delivery-failure-gave-up = still not sent after many tries (network or Telegram server errors)
delivery-failure-upgraded = the group became a supergroup; the message went to that one
delivery-failure-other = other: { $reason }

## Command line: consultations
cli-imported = Imported draft { $code }: { $title } ({ $chapters } chapters, { $articles } articles, deadline { $deadline }). Send /publish { $id } in a private chat to publish it.
cli-imported-check = Please check: { $count } numbering problems or lines not placed in an article (send the draft in a private chat to see them).
cli-consultation-row = { $code }	{ $state }	{ $deadline }	{ $title }
cli-consultation-none = There are no consultations yet.
err-draft = Cannot read the draft: { $reason }
err-file-not-found = There is no file { $path }.
err-file-denied = No permission to read the file { $path }.
err-file-too-large = The file { $path } is too large (at most { $max } MB).
err-file = Cannot read the file { $path } ({ $detail }).
err-file-directory = { $path } is a directory; name a file.
err-write-not-found = Cannot write the file { $path }: its directory does not exist.
err-write-denied = No permission to write the file { $path }.
err-write = Cannot write the file { $path } ({ $detail }).
err-consultation-number = Invalid consultation number: { $value } (for example 12 or C12).
err-invalid-scope = Name at least one existing contact point.
err-invalid-opinion-length = The opinion is too short or too long.

## Giving an opinion
opinion-closed = Comments on "{ $title }" are closed (or not open yet), so no opinion can be given now. Thank you for your interest!
opinion-start = You are giving your opinion on <b>{ $title }</b> ({ $code }).
opinion-ask-article = Which article is it about? Send its number (e.g. "第十二条" or "12"), or press "Whole draft".
opinion-whole-draft = Whole draft
opinion-article-unknown = The draft has no such article. Send a valid number (it has { $count } articles), or press "Whole draft".
opinion-ask-stance = What do you think of { $target }?
opinion-ask-body = Please write your opinion ({ $min }–{ $max } characters).
opinion-body-short = That is too short (at least { $min } characters); please say a little more.
opinion-body-long = That is too long (at most { $max } characters; this has { $count }). Please shorten it, or give it as several opinions.
opinion-ask-wording = How would you change it? Write the wording you propose, or /skip.
opinion-ask-identity = How would you like to appear?
opinion-ask-name = Please send your name.
opinion-ask-organization = Please send the name of your organization.
opinion-bad-name = Please send 1–50 characters.
opinion-ask-occupation = Your occupation? (optional)
opinion-occupation-other = Other
opinion-skip = Skip
opinion-consent = <b>About your personal data</b>
    We keep your opinion, the identity details you chose and your Telegram account number, to record your opinion, report it to the Legislative Affairs Commission and tell you what became of it. They are kept until 180 days after this consultation is concluded; you can see them with /mydata and erase them with /forget at any time (the opinion itself stays, anonymised).
    Please choose:
opinion-consent-details = { $mark } Keep the identity details I gave for this opinion
opinion-consent-quote = { $mark } My words may be quoted anonymously on the feedback wall
opinion-consent-continue = Continue
opinion-review = <b>Please check your opinion</b>
    Draft: { $title } ({ $code }, draft { $version })
    About: { $target }
    View: { $stance }
    Opinion: { $body }
opinion-review-wording = Proposed wording: { $wording }
opinion-review-identity = As: { $identity }
opinion-review-consent = Keep identity details: { $details }; may be quoted anonymously: { $quote }
opinion-review-consent-quote = May be quoted anonymously: { $quote }
opinion-submit = Submit
opinion-edit = Change
opinion-cancel = Cancel
opinion-back = Back
opinion-cancelled = Cancelled; your opinion was not submitted.
opinion-received = Your opinion is received; its receipt number is <b>{ $receipt }</b>.
    The contact point's liaison will record it and report it to the Legislative Affairs Commission. When the consultation is concluded, we will tell you what became of it (adopted or not, and why). Send /mine to see the opinions you gave.
opinion-yes = yes
opinion-no = no
stance-support = Support
stance-oppose = Oppose
stance-amend = Amendment
stance-add = Addition
stance-other = Other
identity-anonymous = Anonymous
identity-named = With my name
identity-organization = For an organization
channel-card = private chat
channel-article = article page
channel-group-reply = group reply
channel-prompt-reply = reply to a question
channel-prompt-vote = vote on a question
channel-offline-forum = forum
channel-offline-visit = visit
channel-offline-hearing = hearing
channel-offline-other = other offline
channel-web = web
mine-none = No opinions are linked to you. If you deleted your personal data with /forget, the opinions you gave before stay in the ledger, anonymised and no longer linked to you, so they are not listed here.
mine-header = <b>Your opinions</b>
mine-row = { $receipt } · { $title } · { $target } · { $stance } · { $status }
mine-row-suggestion = { $receipt } · { $title } · project suggestion: { $project } · { $status }
opinion-status-received = received
card-comment-article = Comment on this article
card-comment = Give my opinion
cmd-mine = My opinions

## Personal data
cmd-mydata = See my personal data
cmd-forget = Delete my personal data
privacy-header = <b>Personal data I store about you</b>
privacy-user-id = Telegram user id: { $id }
privacy-locale-name = { $locale ->
    [en] English
   *[zh] 中文
}
privacy-locale = Language: { $locale } (chosen { $time })
privacy-locale-none = Language: not chosen (I follow your Telegram language)
privacy-role = Role: { $role }, { $point } (granted { $time })
privacy-role-admin = Role: { $role } (granted { $time })
privacy-role-none = Role: none
privacy-dialogue-opinion = giving an opinion
privacy-dialogue-opinion-edit = changing an opinion
privacy-dialogue-record = recording offline opinions
privacy-dialogue-decision = making a decision
privacy-dialogue-review = writing a review note
privacy-dialogue-draft = entering a draft
privacy-dialogue-faq = answering a legal question
privacy-dialogue-report = reporting a community issue
privacy-dialogue-unreadable = a conversation I cannot read (send /cancel to clear it)
privacy-dialogue = Conversation in progress: { $kind } (updated { $time })
privacy-dialogue-none = Conversation in progress: none
privacy-opinions-none = Opinions: none
privacy-opinions = Opinions ({ $count }):
privacy-opinion = • { $receipt } “{ $title }”, given { $time }, status: { $status }
privacy-opinion-identity = { "  " }Identity: { $identity }
privacy-opinion-name = { "  " }Name: { $value }
privacy-opinion-organization = { "  " }Organization: { $value }
privacy-opinion-occupation = { "  " }Occupation: { $value }
privacy-opinion-district = { "  " }District: { $value }
privacy-opinion-consent = { "  " }Keep identity details: { $details ->
    [yes] yes
   *[no] no
}; my words may be quoted anonymously on the feedback wall: { $quote ->
    [yes] yes
   *[no] no
} (chosen { $time })
privacy-opinion-no-consent = { "  " }No choice made; no identity details kept
privacy-inbox = Messages received whose content is not yet erased: { $count } (content is erased once a message is handled)
privacy-audit = Entries about you in the activity log: { $count }
privacy-deliveries = Records of broadcast messages sent to you: { $count }
privacy-attributions = Records naming you as creator, linker, inviter or recorder: { $count }
privacy-footer = Send /forget to delete this personal data.
privacy-nothing = I store no personal data about you.
forget-ask = <b>Do you want me to delete your personal data?</b>
forget-will-erase = I will delete:
forget-erase-profile = • the language you chose
forget-erase-role = • your role ({ $role }): you will lose its permissions; ask an admin to grant it again if you need it
forget-erase-dialogue = • the conversation in progress
forget-erase-opinions = • the identity details in your { $count ->
    [one] opinion
   *[other] { $count } opinions
} (name, organization, occupation, district, your choice to keep them) and the link between { $count ->
    [one] it
   *[other] them
} and you
forget-erase-records = • the content of messages received, and whatever the activity log and broadcast records hold about you
forget-keep = I will keep: the text, view, article and receipt number of { $count ->
    [one] that opinion
   *[other] those { $count } opinions
}, anonymised in the ledger, for the legislature to consider. Afterwards you cannot see or change { $count ->
    [one] it
   *[other] them
} any more, and you will get no feedback on { $count ->
    [one] it
   *[other] them
}.
forget-irreversible = This cannot be undone.
forget-button-confirm = Delete
forget-button-cancel = Cancel
forget-done = Your personal data has been deleted.
forget-done-opinions = { $count ->
    [one] Your opinion stays in the ledger, anonymised.
   *[other] Your { $count } opinions stay in the ledger, anonymised.
}
forget-done-role = Your role ({ $role }) has been deleted.
forget-cancelled = Cancelled; nothing was deleted.
forget-stale = This confirmation has expired. Please send /forget again.
forget-role-at = { $role } of { $point }
opinion-flood = You have given { $limit } opinions within an hour; please wait a little before giving more. Thank you for taking part!
opinion-expired = Your unfinished opinion has expired and was not submitted. You can start again from "Give my opinion" in the announcement.
opinion-ask-attachments = You may send photos, documents or voice messages with it (optional; up to { $max }, 10 MB each; { $count } received so far). Press "Done" when finished.
opinion-attachments-done = Done
opinion-attachment-refused = At most { $count } attachments of up to { $mb } MB each; this one was not kept.
opinion-ask-district = Your district or street? (optional)
opinion-review-attachments = Attachments: { $count }
opinion-status-withdrawn = withdrawn
mine-edit = Change { $receipt }
mine-withdraw = Withdraw { $receipt }
mine-edit-ask = Send the new text of { $receipt } ({ $min }–{ $max } characters). The earlier text stays on record. Send /cancel to stop.
mine-edited = { $receipt } is changed.
mine-withdrawn = { $receipt } is withdrawn. It stays in the ledger, marked withdrawn.
mine-locked = This opinion can no longer be changed or withdrawn (it was withdrawn, or comments are closed).

## Group replies and prompts
group-reply-closed = The consultation on “{ $title }” has closed, so this reply was not recorded. Thank you for your interest!
group-reply-short = This reply is too short (at least { $min } characters) and was not recorded. Please say a little more and reply again.
group-reply-long = This reply is too long (at most { $max } characters) and was not recorded. Please shorten it, or write to me privately to submit it in parts.
group-reply-ask = Thank you for your opinion! To protect your personal data, please <a href="{ $link }">confirm it privately</a> once before it is recorded. Unconfirmed replies are erased after { $hours } hours.
held-none = No replies are waiting for confirmation: they were confirmed or have expired, or this link was not meant for you.
held-show = <b>Your replies in the group (waiting for confirmation)</b>
held-item = • “{ $title }” { $target }: { $body }
held-confirm-quote = Keep them, and allow anonymous quotes
held-confirm = Keep them
held-discard = Don't keep, erase
held-saved = { $count } opinion(s) recorded, receipt numbers: { $receipts }. See them with /mine.
held-saved-none = The consultation has closed, so the replies were not recorded; they were erased.
held-discarded = Your replies were erased and not recorded.
prompt-usage = Usage: /prompt 12 [article 5] question | option 1 | option 2 (options are optional, at most 6)
prompt-not-allowed = Only liaisons and admins can put questions to the groups.
prompt-no-question = Please write the question.
prompt-question-long = The question is too long (at most { $max } characters).
prompt-option-count = Give either no options or 2 to { $max }, separated by “|”.
prompt-option-long = Each option may have at most { $max } characters.
prompt-article-unknown = The draft has no “{ $article }”.
prompt-not-open = Questions can only be put about a draft open for comment.
prompt-no-groups = There is no group to send to: link groups to contact points first.
prompt-preview = <b>Question preview</b> (P{ $id })
    { $card }

    Where should it go?
prompt-all-groups = To all { $count } groups
prompt-cancel = Cancel
prompt-cancelled = Cancelled; the question was not sent.
prompt-queued = Question P{ $id } is queued for { $count } group(s).
prompt-card = <b>Your view, please:</b> “{ $title }” { $target }
    { $question }
prompt-card-options = Tap an option to answer (only you can see your choice; tap it again to withdraw), or reply to this message.
prompt-card-reply = Reply to this message to give your opinion.
prompt-vote-cast = Your choice is noted: { $option } (only you can see it)
prompt-vote-changed = Changed to: { $option }
prompt-vote-withdrawn = Your choice was withdrawn.
prompt-vote-closed = This question has closed. Thank you for your interest!
prompt-vote-unknown = This button no longer works. Thank you for taking part!
prompts-none = No questions have been sent yet.
prompts-header = <b>Questions and answers</b>
prompts-item = <b>P{ $id }</b> “{ $title }” { $target } ({ $state })
    { $question }
    { $replies } repl(ies){ $tally }
prompts-open = open
prompts-closed = closed

## Offline entry
cmd-record = Record opinions gathered offline
record-refused = Sorry, only informants, liaisons and admins can record opinions gathered offline.
record-none-open = There is no consultation you can record opinions on right now (it must be open and reach your contact point).
record-start = <b>Record an offline opinion</b>
    Choose the draft the opinion is about (or send its number, such as C12); choose an open call to record a resident's project suggestion.
    To import many at once, send a filled-in Excel (.xlsx) or CSV spreadsheet; send /record template for the opinions' template, /record suggestions for the suggestions' template.
record-out-of-scope = { $code } does not reach your contact point, so you cannot record opinions on it.
record-ask-channel = Where was this opinion gathered?
record-ask-date = On what day was it gathered? Send the date as YYYY-MM-DD (today is { $today }).
record-bad-date = That date is not in the right form; send it as YYYY-MM-DD, for example { $today }.
record-future-date = The date cannot be after today ({ $today }); please send it again.
record-ask-name = Did the resident want to give their name? If so, send it; if not, send /skip or press “Skip” to record it anonymously.
record-bad-name = Please send a name of 1–{ $max } characters, or /skip.
record-ask-article = Which article is this opinion about? Send its number (such as “第十二条” or “12”), or press “Whole draft”.
record-ask-stance = What is the resident's view on { $target }?
record-ask-body = Please write down the resident's opinion ({ $min }–{ $max } characters).
record-ask-wording = How would the resident reword it? Send the proposed wording, or /skip.
record-review = <b>Please check this offline opinion</b>
    Draft: { $title } ({ $code }, draft { $version })
    Channel: { $channel }
    Gathered on: { $date }
    Article: { $target }
    View: { $stance }
    Opinion: { $body }
record-ask-point = Which of your district's contact points is this record filed under? Please choose.
record-point-unknown = No such contact point. Please choose one of your district's points from the list.
record-ask-title = Which regulation does the resident suggest making or amending? Send the project's title (2–{ $max } characters).
record-review-suggestion = <b>Please check this offline project suggestion</b>
    Open call: { $title } ({ $code })
    Channel: { $channel }
    Gathered on: { $date }
record-saved-suggestion = The offline project suggestion ({ $channel }, { $date }) is recorded with receipt number <b>{ $receipt }</b>, marked as entered by you. Send /record to record another.
record-suggestions-template-caption = Template for importing offline project suggestions. Fill in one suggestion a row on the first sheet (at most { $limit } rows); the “填写说明” sheet explains each column. Then send /record and send me the spreadsheet.
record-review-named = Resident: { $name } (named; by recording it for them you confirm the resident agreed to their name being kept)
record-review-anonymous = Resident: anonymous
record-save = Save
record-cancelled = Cancelled; this opinion was not saved.
record-saved = The offline opinion ({ $channel }, { $date }) is recorded with receipt number <b>{ $receipt }</b>, marked as entered by you. Send /record to record another.
record-template-caption = Template for importing offline opinions. Fill in one opinion a row on the first sheet (at most { $limit } rows); the “填写说明” sheet explains each column. Then send /record and send me the spreadsheet.
record-sheet-too-large = The spreadsheet is too large ({ $size } MB); the limit is { $limit } MB. Please split it and send the parts separately.
record-sheet-unsupported = Only Excel (.xlsx) and CSV spreadsheets can be imported. Send /record template for the template.
record-sheet-unreadable = This spreadsheet cannot be read. Please check that the file is not damaged, or save it as .xlsx and send it again.
record-sheet-undecodable = The encoding of this CSV file is not recognised. Please save it as UTF-8 CSV or as .xlsx and send it again.
record-sheet-unpacked = This spreadsheet expands to more than { $limit } MB, far more than any sheet of opinions (the file may be damaged or crafted). Please fill in the template (/record template) and send that.
record-sheet-missing-columns = The spreadsheet lacks these columns: { $columns }. The first row must be the header; please use the template (/record template).
record-sheet-empty = The spreadsheet has no opinions (nothing below the header).
record-sheet-too-many = The spreadsheet has { $rows } rows of opinions; at most { $limit } can be imported at once. Please split it and send the parts separately.
record-sheet-problems = The spreadsheet has { $count } errors, so nothing was imported. Please correct them and send it again:
record-sheet-problem = Row { $row }: { $problem }
record-sheet-more = …and { $count } more errors not listed.
record-column-consultation = draft number (草案编号)
record-column-channel = channel (渠道)
record-column-date = date (日期)
record-column-name = resident name (居民姓名)
record-column-article = article (条文)
record-column-stance = view (看法)
record-column-body = opinion (意见内容)
record-column-title = project title (项目名称)
record-column-problem = problem to solve (要解决的问题)
record-column-contents = main contents (主要内容)
record-column-related = related rules (相关法规)
record-column-wording = proposed wording (建议表述)
record-problem-missing = { $column } is empty
record-problem-format = { $column } is not in the right form ({ $key ->
    [consultation] use C12 or 12
    [channel] use 座谈会, 走访, 听证会 or 其他
    [date] use YYYY-MM-DD, for example 2026-11-20
    [name] no line breaks or control characters
    [article] use “第十二条” or “12”, empty for the whole draft
    [title] one line, no line breaks
    [related] no control characters
   *[stance] use 支持, 反对, 修改建议, 补充建议 or 其他
})
record-problem-unknown-consultation = { $column }: no such draft
record-problem-not-open = { $column }: that draft is not open for opinions now
record-problem-wrong-kind = { $column }: this sheet's kind does not fit it — opinions on a draft go in the opinions template (/record template), suggestions for an open call in the suggestions template (/record suggestions)
record-problem-out-of-scope = { $column }: that draft does not reach your contact point
record-problem-unknown-article = { $column }: the draft has no such article
record-problem-future = { $column } cannot be after today
record-problem-too-short = { $column } is too short (at least { $min } characters)
record-problem-too-long = { $column } is too long (at most { $max } characters)
record-imported = Imported { $count } offline opinions, marked as entered by you. Receipt numbers: { $receipts }
record-imported-already = { $count } more were imported before and were not recorded again.
record-imported-nothing = All { $count } opinions in this spreadsheet were imported before; nothing was recorded again.
record-receipt-range = { $first } to { $last }
record-list-separator = ,{" "}

## Staff console: review and exports (/staff/review, /staff/opinions, /staff/export)
staff-review-title = Review opinions
staff-review-filters = Filter opinions
staff-review-filter-consultation = Draft
staff-review-any-consultation = All drafts
staff-review-filter-article = Article
staff-review-any-article = All articles
staff-review-filter-status = Status
staff-review-any-status = All statuses
staff-review-filter-channel = Channel
staff-review-any-channel = All channels
staff-review-filter-point = Contact point
staff-review-any-point = All contact points
staff-review-filter-text = Containing
staff-review-filter-text-hint = Searches the opinion, the proposed wording and the receipt number.
staff-review-filter-submit = Filter
staff-review-filter-clear = Clear filters
staff-review-export = Download the opinion sheet of { $consultation } (XLSX)
staff-review-caption = { $total ->
    [one] Ledger: one opinion
   *[other] Ledger: { $total } opinions, { $from }–{ $to } shown here
}
staff-review-caption-empty = Ledger: no opinion matches the filters
staff-review-col-select = Select
staff-review-col-receipt = Receipt number
staff-review-col-article = Article
staff-review-col-stance = View
staff-review-suggestion = Project suggestion
staff-review-col-body = Opinion
staff-review-col-point = Contact point
staff-review-col-channel = Channel
staff-review-col-status = Status
staff-review-col-given = Given
staff-review-select = Select { $receipt }
staff-review-none = No opinion matches the filters.
staff-review-bulk = With the ticked opinions
staff-review-bulk-reviewed = Mark as reviewed
staff-review-bulk-forwarded = Forward to the Legislative Affairs Commission
staff-review-bulk-invalid = Mark as invalid
staff-review-reason = Why they are invalid (needed to mark them invalid; one reason for all the ticked opinions)
staff-review-bulk-submit = Apply
staff-review-done-reviewed = { $count ->
    [one] One opinion marked as reviewed.
   *[other] { $count } opinions marked as reviewed.
}
staff-review-done-forwarded = { $count ->
    [one] One opinion marked as forwarded to the Legislative Affairs Commission.
   *[other] { $count } opinions marked as forwarded to the Legislative Affairs Commission.
}
staff-review-done-invalid = { $count ->
    [one] One opinion marked as invalid.
   *[other] { $count } opinions marked as invalid.
}
staff-review-skipped = { $count ->
    [one] One more was withdrawn or is not one you may review, and was left unchanged.
   *[other] { $count } more were withdrawn or are not ones you may review, and were left unchanged.
}
staff-review-problem-none-ticked = Tick the opinions to act on first. No opinion was changed.
staff-review-problem-action = Choose what to do. No opinion was changed.
staff-review-problem-reason = Marking opinions invalid needs a reason. No opinion was changed.
staff-review-pages = Pages
staff-review-page = Page { $page } of { $pages }
staff-review-prev = Previous page
staff-review-next = Next page
staff-opinion-version-of = draft { $version }
staff-opinion-submitter = Submitter
staff-opinion-edited = edited { $time }
staff-opinion-reviewed-at = reviewed { $time }
staff-opinion-duplicate-of = Duplicate of
staff-opinion-invalid-reason = Why it is invalid
staff-opinion-attachments = Attachments
staff-opinion-attachments-count = { $count } (kept in Telegram: see them with /review in the bot)
staff-opinion-decision = Decision
staff-opinion-back = Back to this draft's ledger
staff-opinion-review = Review
staff-opinion-reason-label = Why it is invalid
staff-opinion-duplicate-legend = Which opinion does { $receipt } duplicate? (Similar opinions on the same draft, those on the same article first.)
staff-opinion-duplicate-none = There is no other opinion on this draft to choose.
staff-opinion-duplicate-submit = Mark as a duplicate
staff-opinion-notes = Notes
staff-opinion-no-notes = No notes yet.
staff-opinion-note-label = New note
staff-opinion-note-add = Add the note
staff-opinion-problem-reason = Marking it invalid needs a reason. The opinion was not changed.
staff-opinion-problem-duplicate = Choose the opinion it duplicates from the list. The opinion was not changed.
staff-opinion-problem-note = The note is empty: nothing was added.
staff-export-title = Export the opinion sheet
staff-export-scope-all = Scope: opinions of every contact point
staff-export-scope-point = Scope: opinions of { $point }
staff-export-explain = The opinion sheet is the one /export sends in the bot: a ledger for each draft, a count by article and the assessment. The submitter and occupation are filled in only where the submitter consented to keeping their identity details; otherwise it says “Anonymous”. Every download is written to the audit log.
staff-export-all = Download every draft (XLSX)
staff-export-caption = Download by draft
staff-export-col-consultation = Draft
staff-export-col-state = Status
staff-export-col-opinions = Opinions
staff-export-col-files = Download
staff-export-file-of = Download { $code } as
staff-export-csv-hint = A CSV file holds the ledger of one draft, in UTF-8 with a BOM, which Excel opens as it is.
staff-export-none = There is no draft to export yet.

## Exports (/export, consult-bot export)
cmd-export = Export the opinion sheet (liaisons, admins)
export-refused = Sorry, only liaisons and admins can export opinions. Liaisons export only their own contact point's opinions.
export-usage = Usage: /export for the opinion sheet of every consultation (XLSX); /export 12 for C12 only; /export 12 csv for C12 as a CSV file.
export-not-your-point = C{ $id } was not put to { $point }, so there is nothing of your contact point's to export.
export-csv-needs-id = A CSV file holds one consultation; give its number, e.g. /export 12 csv.
export-anonymous = Anonymous
export-caption = Opinion sheet: { $consultations ->
    [one] one consultation
   *[other] { $consultations } consultations
}, { $rows ->
    [one] one opinion
   *[other] { $rows } opinions
}.
export-caption-point = Opinion sheet ({ $point }): { $consultations ->
    [one] one consultation
   *[other] { $consultations } consultations
}, { $rows ->
    [one] one opinion
   *[other] { $rows } opinions
}.
export-caption-undecided = { $count ->
    [one] One of them has no decision yet: its 办理结果 (outcome) and 理由 (reason) cells are empty.
   *[other] { $count } of them have no decision yet: their 办理结果 (outcome) and 理由 (reason) cells are empty.
}
cli-exported = Exported { $rows } opinions ({ $consultations } consultations) to { $file }
err-export = Cannot export: { $reason }
err-export-csv = A CSV file holds one consultation; add --consultation with its number.
dialogue-expired = What you had not finished has expired and was not saved. Please start again if you need to.

## Review (/review)
cmd-review = Review opinions (liaisons, admins)
opinion-status-reviewed = reviewed
opinion-status-forwarded = forwarded
opinion-status-duplicate = duplicate
opinion-status-invalid = invalid
review-refused = Sorry, only liaisons and admins can review opinions. Liaisons review only their own contact point's opinions.
review-none = There are no opinions to review yet.
review-header = <b>Review</b> ({ $scope })
review-scope-all = all contact points
review-consultation = <b>C{ $id }</b> { $title }
review-counts = to do { $received } · reviewed { $reviewed } · forwarded { $forwarded } · duplicate { $duplicate } · invalid { $invalid } · withdrawn { $withdrawn }
review-choose = Choose a consultation to start reviewing.
review-button-consultation = C{ $id } { $title } ({ $received } to do)
review-position = { $n } of { $total } · { $filter } · { $article }
review-filter-pending = To do
review-filter-all = All
review-article-all = All articles
review-suggestions-all = All suggestions
review-empty = No opinion matches the filters.
review-receipt = <b>{ $receipt }</b> · { $article } · draft { $version } · { $status }
review-stance = View: { $stance }
review-body = Opinion: { $body }
review-wording = Proposed wording: { $wording }
review-channel = Channel: { $channel }
review-identity = Submitted by: { $identity }
review-identity-withheld = { $identity } (did not consent to keeping identity details)
review-detail-name = Name: { $value }
review-detail-organization = Organization: { $value }
review-detail-occupation = Occupation: { $value }
review-detail-district = District: { $value }
review-attachments = Attachments: { $count }
review-duplicate-of = Duplicate of: { $receipt }
review-invalid-reason = Reason it is invalid: { $reason }
review-notes = Notes:
review-note = • { $time } { $note }
review-status-received = to do
review-status-reviewed = reviewed
review-status-forwarded = forwarded
review-status-duplicate = duplicate
review-status-invalid = invalid
review-status-withdrawn = withdrawn
review-act-reviewed = Reviewed
review-act-forwarded = Forward
review-act-duplicate = Duplicate
review-act-invalid = Invalid
review-act-note = Note
review-act-files = Attachments ({ $count })
review-prev = ◀ Previous
review-next = Next ▶
review-back = Back to the list
review-cancel = Cancel
review-duplicate-choose = Choose the opinion that { $receipt } duplicates:
review-duplicate-none = There is no similar opinion to choose.
review-duplicate-row = • { $receipt } · { $article } · { $excerpt }
review-invalid-ask = Please send the reason { $receipt } is invalid (e.g. unrelated to the draft, abusive). Send /cancel to stop.
review-note-ask = Please send your note on { $receipt }. Send /cancel to stop.
review-text-empty = Please send it as text. Send /cancel to stop.
review-done-reviewed = { $receipt } marked as reviewed.
review-done-forwarded = { $receipt } marked as forwarded to the Legislative Affairs Commission.
review-done-duplicate = { $receipt } marked as a duplicate of { $of }.
review-done-invalid = { $receipt } marked as invalid.
review-done-note = Note added to { $receipt }.
review-not-yours = Sorry, this opinion is not one you may review.
review-withdrawn = This opinion was withdrawn: it can be viewed but not acted on.
review-no-files = This opinion has no attachments.

## Webhook, health and backup
err-webhook-url = Invalid webhook URL: { $url } (it must start with https://; http:// only to a loopback address).
err-webhook-port = The webhook URL { $url } uses a port Telegram does not deliver to (use 443, 80, 88 or 8443).
err-webhook-secret = Invalid --webhook-secret: 1 to 256 characters, only A-Z, a-z, 0-9, underscore and hyphen.
err-webhook-needs = Webhook mode also needs { $flag }.
err-webhook-only = { $flag } can only be used with --webhook-url.
err-listen-address = Invalid listen address: { $value } (for example 127.0.0.1:8080 or [::]:8080).
err-listen = Cannot listen on { $addr }: { $detail }
err-webhook-rejected = Telegram refused the webhook: { $detail }
err-backup-exists = { $file } already exists; a backup never overwrites a file. Choose another name.
err-backup-postgres = backup is for SQLite. Back up PostgreSQL with pg_dump, for example: pg_dump -Fc -f consult.dump "$DATABASE_URL"
err-backup = Backup failed: { $detail }
cli-backup-done = Backed up to { $file } ({ $size } bytes); the backup passed an integrity check.

## Replicas
err-database-in-use = Another consult-bot process is running on the database { $path }. An SQLite database runs one bot process; use PostgreSQL for several replicas.

## decisions
cmd-decide = Decide on opinions (admins)
cmd-release = Send the feedback to submitters (admins)
cmd-unreached = Submitters to tell in person
cmd-conclude = Conclude and post the feedback wall (admins)
decision-outcome-adopted = Adopted
decision-outcome-partly = Partly adopted
decision-outcome-not-adopted = Not adopted
decision-outcome-out-of-scope = Outside this consultation
decision-refused = Sorry, only admins can decide on opinions.
decision-bad-text = A reason may be up to 500 characters; feedback wall words one line of up to 200. Please send it again, or /cancel.
decision-still-open = { $code } is still open for comment; opinions may still change or be withdrawn. Please decide after it closes (or /close it).
decision-choose-consultation = Choose the consultation to decide on:
decision-no-consultations = There is no closed consultation at the moment.
decision-no-opinions = { $code } has no opinions that can be decided (withdrawn and invalid ones are left out).
decision-articles-header = <b>{ $code } { $title }</b>: decide by article
decision-article-line = • { $article }: { $eligible } opinions, { $decided } decided
decision-article-button = { $article } ({ $decided }/{ $eligible })
decision-choose-article = Choose an article. The decision applies to all its opinions (except withdrawn and invalid ones; duplicates follow their original).
decision-cancel = Cancel
decision-cancelled = Cancelled; no decision was recorded.
decision-withdrawn = { $receipt } was withdrawn: it gets no decision and no feedback.
decision-invalid = { $receipt } is marked invalid and gets no decision. To decide it, first mark it "reviewed" in /review.
decision-unknown-opinion = That opinion cannot be found.
decision-not-eligible = These opinions cannot be decided now (withdrawn, marked invalid, or the consultation changed). Please send the command again.
decision-target-opinion = { $receipt }{ $count ->
    [1] {""}
   *[other] { " " }(with the opinions marked as its duplicates, { $count } in all)
}
decision-target-article = { $code } { $article } ({ $count } opinions)
decision-choose-outcome = Decision on { $target }:
decision-already-decided = { $count } of them already have a decision; where the outcome or reason changes, the submitter is told again, as a correction.
decision-ask-reason = { $target } → <b>{ $outcome }</b>
    Please send the reason (the submitters will read it; up to 500 characters). Send /cancel to cancel.
decision-skip = Skip
decision-ask-summary = Optional: sum up the point in one line for the feedback wall posted when the consultation is concluded (used where the submitter did not allow quoting; up to 200 characters). Press "Skip" or send /skip if not needed.
decision-press-confirm = Please press "Confirm" to record the decision, or "Cancel".
decision-cannot-skip = This step cannot be skipped; please send the reason.
decision-confirm = Please confirm: { $target } → <b>{ $outcome }</b>
decision-confirm-reason = Reason: { $reason }
decision-confirm-summary = Feedback wall words: { $summary }
decision-confirm-button = Confirm
decision-recorded = Recorded: { $covered } opinions "{ $outcome }", { $changed } of them new or changed ({ $revised } corrections). Send /release { $id } to tell the submitters.
decision-review-line = Decision: <b>{ $outcome }</b> (decision { $revision }, { $released ->
    [yes] released
   *[no] not released yet
})
decision-review-reason = Reason: { $reason }
decision-review-summary = Feedback wall words: { $summary }
decision-review-button = Decide
release-refused = Sorry, only admins can release feedback.
release-choose-consultation = Choose the consultation to release feedback for:
release-nothing = { $code } has no new feedback to release ({ $undecided } opinions still without a decision).
release-nothing-new = There is no new feedback to release; what was released is never sent twice.
release-preview = <b>{ $code } { $title }</b>: feedback preview
    • new: { $new }
    • corrections: { $corrections }
    • not reachable in Telegram: { $unreachable } (listed after release for their liaison to tell in person)
    • opinions still without a decision: { $undecided }
    Each submitter gets their receipt number, the article, the outcome and the reason, in their own language.
release-confirm-button = Release
release-done = { $code }: { $queued } feedback messages queued ({ $corrections } corrections); { $unreachable } submitters cannot be reached in Telegram.
release-later = Messages that fail (e.g. the submitter blocked the bot) are listed in /unreached too, where liaisons see their point's list at any time.
feedback-header = 📬 <b>There is an outcome for your opinion</b>
feedback-correction-header = 📬 <b>Correction: the outcome of your opinion has changed</b>
feedback-receipt = Receipt number: { $receipt }
feedback-consultation = Draft: { $title }
feedback-article = Article: { $article }
feedback-opinion = Your opinion: { $excerpt }
feedback-earlier = Outcome you were told before: { $outcome }
feedback-outcome = Outcome: <b>{ $outcome }</b>
feedback-reason = Reason: { $reason }
feedback-thanks = Thank you for taking part in the consultation! Send /mine to see all your opinions.
unreached-header = The submitters of these { $count } opinions cannot be reached in Telegram; their liaison should tell them in person:
unreached-no-point = No contact point
unreached-point = <b>{ $point }</b> ({ $count })
unreached-anonymous = anonymous
unreached-why-no-chat = no Telegram account
unreached-why-failed = sending failed: { $error }
unreached-line = • { $receipt } · { $article } · { $outcome } · { $submitter } · { $channel } · { $why }
unreached-reason = { "  " }Reason: { $reason }
unreached-refused = Sorry, only liaisons and admins can see this list.
unreached-none = There is nobody to tell in person at the moment.
unreached-consultation = <b>{ $code } { $title }</b>
conclude-refused = Sorry, only admins can conclude a consultation.
conclude-none = There is no closed consultation to conclude.
conclude-choose = Choose the consultation to conclude:
conclude-already = { $code } is already concluded.
conclude-still-open = { $code } is still open for comment; conclude it after it closes (or /close it).
conclude-preview = <b>{ $code }: conclusion preview</b>. The feedback wall goes to { $groups } resident groups; the first one will see:
conclude-warn-undecided = ⚠️ { $count } opinions still have no decision.
conclude-warn-unreleased = ⚠️ { $count } decisions have not been released to their submitters (send /release).
conclude-ask = Once concluded, the submitters' identity details are erased when the retention time is up. Conclude now?
conclude-confirm-button = Conclude
conclude-done = { $code } is concluded; the feedback wall is queued for { $groups } resident groups.
conclude-summary-header = 📣 <b>Feedback wall | { $title }</b>
conclude-summary-totals = { $people } people gave { $opinions } opinions in this consultation.
conclude-summary-local = { $count } of them came from this contact point ({ $point }).
conclude-summary-none-adopted = After study, no opinion was adopted this time. Thank you to everyone who took part.
conclude-summary-adopted = After study, { $count } opinions were adopted (fully or partly), mainly:
conclude-summary-quote = • { $article } ({ $outcome }): "{ $quote }"
conclude-summary-words = • { $article } ({ $outcome }): { $words }
conclude-summary-bare = • { $article } ({ $outcome })
conclude-summary-more = … and { $count } more.
conclude-summary-thanks = Thank you all for taking part! Each submitter has been told the outcome of their own opinion.

## Web: the public results of a concluded consultation (never a name, organization or district)
web-results-title = What became of the opinions
web-results-link = See what became of the opinions
web-results-totals = { $people ->
    [one] One person
   *[other] { $people } people
} gave { $opinions ->
    [one] one opinion
   *[other] { $opinions } opinions
} in this consultation; after study, { $adopted } { $adopted ->
    [one] was
   *[other] were
} adopted (fully or partly).
web-results-local = { $count } of them came from this contact point ({ $point }).
web-results-wall = Feedback wall
web-results-wall-intro = The adopted opinions were mainly:
web-results-none-adopted = After study, no opinion was adopted this time. Thank you to everyone who took part.
web-results-point-quote = { $article } ({ $outcome }): “{ $quote }”
web-results-point-words = { $article } ({ $outcome }): { $words }
web-results-point-bare = { $article } ({ $outcome })
web-results-by-article = Article by article
web-results-table-caption = Opinions received and adopted, by article
web-results-col-article = Article
web-results-col-opinions = Opinions
web-results-col-adopted = Adopted
web-results-total = Total
web-results-whole-draft = Whole draft
web-results-note = On this page “adopted” includes partly adopted, and counts only decisions already released to the people who gave the opinions.
web-results-no-opinions = No opinions were given in this consultation.
web-results-read-draft = Read the draft

## Staff console: consultations (drafts in, publishing, revised drafts, closing early, withdrawing)
staff-consultations-title = Consultations
staff-consultations-new = Enter a new draft
staff-consultations-none = There is no consultation you can manage yet.
staff-consultations-caption = Consultations (newest first)
staff-consultation-state = State
staff-consultation-version = Text
staff-consultation-version-n = draft { $version }
staff-consultation-scope = Scope
staff-consultation-groups = ({ $groups } resident groups)
staff-consultation-public-page = See the page residents see
staff-consultation-actions = Actions
staff-consultation-publish = Publish and announce to the resident groups
staff-consultation-publish-hint = Once published, residents can read the draft and give opinions; the { $groups } resident groups in its scope are told (as with /publish in Telegram).
staff-consultation-revise = Upload a revised draft
staff-consultation-close = Close early
staff-consultation-withdraw = Withdraw
staff-consultation-to-decisions = Decisions, feedback and conclusion
staff-consultation-saved = Saved as draft { $code }. Publish it once you have checked it.
staff-consultation-revised = Saved draft { $version } of { $code }. Earlier opinions stay with the draft they were given on.
staff-consultation-deadline-passed = The deadline has passed, so it cannot be published. Set a new deadline first (“Change the deadline”, or /extend in Telegram).
staff-back-to-consultation = Back to the consultation
staff-close-question = Once { $code } is closed early, residents can no longer give opinions; the { $groups } resident groups in its scope get the closing notice. This cannot be undone.
staff-close-confirm = Close early now
staff-withdraw-question = Once { $code } is withdrawn, residents no longer see the draft; if it is open, the { $groups } resident groups in its scope are told. This cannot be undone.
staff-withdraw-confirm = Withdraw now
staff-new-lead = Upload the draft's file or paste its text, fill in the details below, then check the structure I read. It is saved as a draft that residents do not see yet; the resident groups are told only when it is published.
staff-draft-legend = The draft's text
staff-draft-file = Draft file (.docx, .txt or .md, up to { $mb } MB)
staff-draft-paste = Or paste the whole draft here
staff-draft-carried = Read “{ $name }” ({ $articles } articles). To use another text, choose a file again or paste it.
staff-draft-missing = Choose the draft's file, or paste its text.
staff-draft-understood = The draft as I read it
staff-draft-no-title = (no title recognised)
staff-draft-title-found = Title recognised
staff-draft-counts-label = Chapters and articles
staff-draft-counts = { $chapters } chapters, { $articles } articles ({ $first } to { $last })
staff-draft-regular = The articles are numbered without gaps; nothing to check.
staff-draft-check = Please check:
staff-draft-structure = Chapters and articles (each with its first words)
staff-field-title = Title
staff-field-title-hint = Leave empty to use the title recognised in the draft.
staff-field-deadline = Deadline
staff-field-deadline-hint = For example 2027-01-15 (closes at 23:59 that day) or 2027-01-15 18:00.
staff-field-scope = Which contact points
staff-field-scope-points = Only the contact points ticked below:
staff-field-scope-own = Scope: { $point } (a liaison's draft goes to their own contact point only)
staff-field-summary = Summary
staff-field-summary-hint = Shown in the resident groups' announcement; up to 1000 characters; optional.
staff-field-source = Link to the official text
staff-field-occupations = Occupations to choose from
staff-field-occupations-hint = The occupations residents may pick when giving an opinion, separated by commas (e.g. Teacher, Doctor, Community worker); optional.
staff-need-title = No title was recognised in the draft; please enter one.
staff-need-points = Tick at least one contact point, or choose “All contact points”.
staff-bad-deadline = I could not read that deadline, or it has passed. Enter a future time like 2027-01-15 or 2027-01-15 18:00.
staff-bad-url = The link must start with http:// or https://; leave it empty if there is none.
staff-bad-occupations = Enter 1–30 occupations of at most 30 characters each, separated by commas; leave it empty if there are none.
staff-new-preview = Next: check the draft's structure
staff-new-check-title = Check, then save
staff-new-check-lead = Check the details below and the structure I read. It is saved as a draft; residents do not see it before it is published.
staff-new-save = Save as a draft
staff-new-edit = Back to edit
staff-revise-title = Revised draft of { $code }
staff-revise-lead = Upload the revised draft's whole text; it becomes draft { $version }. Earlier opinions stay with the draft they were given on.
staff-revise-changes = Compared with draft { $version }: { $changed } articles changed, { $added } added, { $removed } removed.
staff-revise-will-announce = This consultation is open: once saved, the resident groups in its scope are told about the revised draft.
staff-revise-save = Save as draft { $version }

## Staff console: decisions, feedback and conclusion (admins)
staff-decisions-title = Decisions
staff-decisions-lead = Decide article by article: one decision for all the opinions on an article, or one opinion at a time. Opinions marked as duplicates follow their original.
staff-decisions-counts = { $opinions } opinions: { $undecided } without a decision, { $unreleased } decided but not yet fed back.
staff-decisions-articles = Articles with opinions
staff-decisions-col-opinions = Opinions
staff-decisions-col-decided = Decided
staff-decisions-next = Next steps
staff-decision-still-open = { $code } is still open for opinions, which may still be edited or withdrawn. Take decisions once it has closed (or was closed early).
staff-decision-article-title = Decisions on { $article }
staff-decision-all = One decision for all { $count } opinions on this article
staff-decision-all-hint = Opinions already decided get this decision instead; where the outcome or reason changes, the submitter is told at the next feedback release, as a correction.
staff-decision-save-all = Decide { $count } opinions
staff-decision-opinions = Opinions on this article ({ $count })
staff-decision-released = fed back
staff-decision-not-released = not yet fed back
staff-decision-reason-was = Reason: { $reason }
staff-decision-none = No decision yet
staff-decision-one = Decide { $receipt } on its own
staff-decision-opinion-title = Decision on opinion { $receipt }
staff-decision-duplicates = { $count } more opinions marked as duplicates of this one follow it.
staff-decision-take = Take a decision
staff-decision-save-one = Record the decision
staff-decision-back-to-article = Back to all opinions on this article
staff-decision-outcome = Outcome
staff-decision-reason = Reason
staff-decision-reason-hint = The submitter reads this reason; up to { $max } characters.
staff-decision-summary = Words for the feedback wall (optional)
staff-decision-summary-hint = Where the submitter did not allow quoting, the feedback wall sums up what was adopted in these words: one line, up to { $max } characters.
staff-decision-need-outcome = Choose an outcome.
staff-decision-bad-reason = Enter a reason of up to { $max } characters.
staff-decision-bad-summary = The words for the feedback wall must be one line of up to { $max } characters.
staff-decision-recorded = Recorded: the decision covers { $covered } opinions, { $changed } of them new or changed ({ $revised } changing an earlier decision); their submitters are told at the next feedback release.
staff-release-title = Release feedback
staff-release-preview = This release sends:
staff-release-new = new feedback: { $count }
staff-release-corrections = corrections: { $count }
staff-release-unreachable = submitters not reachable in Telegram: { $count } (listed below after the release, for their liaison to tell in person)
staff-release-undecided = opinions still without a decision: { $count }
staff-release-in-person = These submitters must be told in person
staff-release-unreached = Submitters to tell in person
staff-release-later = Messages that fail (e.g. the submitter blocked the bot) are listed here too; liaisons see their point's list with /unreached in Telegram.
staff-unreached-receipt = Receipt number
staff-unreached-submitter = Submitter
staff-unreached-outcome = Outcome and reason
staff-unreached-why = Why in person
staff-conclude-title = Conclude
staff-conclude-still-open = { $code } is still open for opinions; conclude it once it has closed (or was closed early).
staff-conclude-preview = Once concluded, the feedback wall goes to { $groups } resident groups. The first one will see:
staff-conclude-undecided = { $count } opinions still have no decision.
staff-conclude-unreleased = { $count } decisions have not been fed back to their submitters (release the feedback first).
staff-conclude-ask = This cannot be undone; the submitters' identity details are erased when the retention time is up. Conclude now?

## Staff console: deadline and summary, announcing again, posters and group notices, resident groups, contact points, roles and accounts, FAQ
staff-consultation-extend = Change the deadline
staff-consultation-summary = Edit the summary
staff-consultation-groups-title = Resident groups
staff-consultation-announce = Announce to the resident groups again
staff-extend-lead-open = The deadline now is { $deadline }. Once saved, the resident groups in scope get a deadline change notice (as with /extend in Telegram), and the reminders follow the new deadline.
staff-extend-lead-draft = The deadline now is { $deadline }. This consultation is not published yet, so no resident group is told.
staff-extend-new = New deadline
staff-extend-save = Save the deadline
staff-summary-lead = The summary is shown in the resident groups' announcements and on the web page. Editing it sends nothing to the groups (as with /summary in Telegram).
staff-summary-save = Save the summary
staff-announce-question = Send the announcement of { $code } to { $groups } resident groups again? (As with /announce in Telegram.)
staff-announce-confirm = Announce again
staff-posters-title = Posters and group notices
staff-posters-lead = Material for your contact point's residents: copy the group notice into a WeChat group; download the QR code or print the A4 poster for the notice board. Residents who scan the code or open the link read the draft and give their opinion, counted for this contact point.
staff-posters-open = Consultations open now
staff-posters-one-title = Poster and group notice for { $code }
staff-posters-for-point = The link and the QR code belong to { $point }: opinions given through them are counted for this contact point.
staff-posters-for-none = The link and the QR code belong to no contact point. Choose one so that opinions given through them are counted for it.
staff-posters-point = Contact point
staff-posters-no-point = No contact point
staff-posters-choose = Show
staff-posters-list-needs-point = Choose a contact point to see the poster and the group notice of all its consultations here.
staff-posters-notice = Copy the group notice
staff-posters-notice-hint = This text is ready to paste into a WeChat group: the title, the deadline, how to take part and the link. Without a Copy button, press and hold (or select all) the text in the box and copy it.
staff-posters-notice-label = The group notice
staff-posters-copy = Copy the group notice
staff-posters-copied = Copied: paste it into the WeChat group.
staff-posters-copy-failed = It could not be copied by itself: press and hold (or select all) the text in the box and copy it.
staff-posters-qr = QR code
staff-posters-printable = Open the printable A4 poster
staff-groups-title = Resident groups
staff-groups-lead-all = Every resident group, by contact point.
staff-groups-lead-point = The resident groups of { $point }.
staff-groups-how = When a liaison adds the bot to a resident group, the group is linked to their contact point at once; a group someone else added is linked by its liaison sending /link in it. Make the bot a group admin allowed to pin messages to have the consultation announcements pinned.
staff-groups-caption = Linked resident groups
staff-groups-unlinked-title = Unlinked groups
staff-groups-unlinked-hint = These groups are not linked to a contact point and get no consultation announcements.
staff-groups-unlinked-caption = Unlinked groups
staff-groups-col-title = Group
staff-groups-col-point = Contact point
staff-groups-col-status = State
staff-groups-col-since = Linked
staff-groups-col-pin = May pin
staff-groups-col-actions = Actions
staff-groups-added = added { $date }
staff-groups-pin-yes = Yes
staff-groups-pin-no = No (make the bot a group admin allowed to pin messages)
staff-groups-pin-unknown = Not known
staff-groups-unlink = Remove the link
staff-groups-unlink-question = Once the link between “{ $group }” and { $point } is removed, the group gets no more consultation announcements (as with /unlink in the group). The liaison can link it again by sending /link in the group.
staff-groups-unlink-confirm = Remove the link
staff-groups-unlinked = The link is removed; the group gets no more consultation announcements.
staff-groups-link = Link
staff-groups-move = Link instead
staff-groups-link-to = The contact point to link “{ $group }” to
staff-groups-linked = Linked: the group will get this contact point's consultation announcements.
staff-groups-back = Back to the resident groups
staff-points-title = Contact points
staff-points-none = No contact points yet. Add one with the form below.
staff-points-caption = Every contact point
staff-points-col-code = Code
staff-points-col-name = Name
staff-points-col-district = District
staff-points-col-state = State
staff-points-add = Add a contact point
staff-points-code-hint = 1–32 lower-case letters, digits, - or _, e.g. hongqiao. The code is part of links and cannot be changed once added.
staff-points-district-hint = The district the contact point belongs to (add districts with consult-bot district add); may be left unchosen.
staff-points-no-district = In no district
staff-col-district = District
staff-points-added = Contact point { $code } added.
staff-points-edit-title = Contact point { $code }
staff-points-district-clear = Choose "In no district" to take it out of its district. County staff see only their own district's contact points.
staff-points-save = Save
staff-points-saved = Contact point { $code } saved.
staff-points-deactivate = Deactivate this contact point
staff-points-deactivate-hint = A deactivated contact point keeps its records but takes no new roles or resident groups.
staff-points-deactivate-question = Once { $name } is deactivated, its records are kept but it takes no new roles or resident groups. This cannot be undone on the web.
staff-points-deactivate-confirm = Deactivate
staff-points-deactivated = Contact point { $code } deactivated.
staff-points-back = Back to the contact points
staff-roles-title = Roles
staff-roles-lead-admin = Every staff member's role. Roles are given to a Telegram user ID or to a staff console account; a new role replaces the one a person had.
staff-roles-lead-liaison = The informants of { $point }. Liaisons add and remove their own contact point's informants.
staff-roles-lead-county = The liaisons and informants of { $point }'s contact points. County staff add and remove the liaisons and informants of their district's contact points.
staff-roles-district-hint = County staff need a district; other roles have none.
staff-roles-need-district = County staff need a district.
staff-roles-caption = Staff roles
staff-roles-col-person = Staff member
staff-roles-col-role = Role
staff-roles-col-point = Contact point
staff-roles-col-since = Given
staff-roles-you = You
staff-roles-revoke = Revoke the role
staff-roles-revoke-question = Once revoked, this person can no longer act as staff, and their staff console sessions end at once.
staff-roles-revoke-confirm = Revoke
staff-roles-revoked = The role of { $person } is revoked; their staff console sessions have ended.
staff-roles-grant = Give a role
staff-roles-grant-hint = Give a role to someone who uses Telegram. For someone without Telegram, add a staff console account for them under “Staff console accounts”.
staff-roles-telegram-id = Telegram user ID
staff-roles-telegram-id-hint = A number; the person can look it up with a bot such as @userinfobot.
staff-roles-bad-telegram-id = Please enter the person's Telegram user ID (a number).
staff-roles-point-hint = Liaisons and informants need a contact point; admins and county staff have none.
staff-roles-need-role = Please choose a role.
staff-roles-need-point = Liaisons and informants need a contact point.
staff-roles-informant-of = Role: informant of { $point }
staff-roles-granted = Role given to { $person }.
staff-roles-back = Back to the roles
staff-roles-to-accounts = Staff without Telegram: staff console accounts
staff-accounts-title = Staff console accounts
staff-accounts-lead-admin = Every staff console account. Adding one gives it its role and shows a one-time link to set its password.
staff-accounts-lead-liaison = The staff console accounts of { $point }'s informants.
staff-accounts-lead-county = The staff console accounts of the liaisons and informants of { $point }'s contact points.
staff-accounts-none = No staff console accounts yet.
staff-accounts-caption = Staff console accounts
staff-accounts-col-password = Password
staff-accounts-col-person = Person id
staff-accounts-reset = Reset the password
staff-accounts-reset-done = A new link to set a password for { $name }; earlier links no longer work.
staff-accounts-add = Add an account
staff-accounts-add-hint = Once added, a one-time link is shown: send it to the person, who sets their password with it. The link is shown this once only.
staff-accounts-added = Account { $name } added ({ $role }).
staff-accounts-telegram-id = The person's Telegram user ID (optional)
staff-accounts-telegram-id-hint = If the person uses Telegram too: they are then one person with one role in chat and in the staff console.
staff-accounts-link-lead = One-time link to set the password (valid until { $expires }, works once):
staff-accounts-link-once = This link is shown this once and is not written to any log. Copy it now and send it to the person in a way you trust.
staff-accounts-revoked = The role of account { $name } is revoked; its staff console sessions have ended.
staff-accounts-back = Back to the staff console accounts
staff-accounts-give-role = Give a role
staff-accounts-give-role-title = Give the account { $name } a role
staff-accounts-give-role-lead = This account's role was revoked. Once it has a new one, its password works again and its earlier records stay with it.
staff-accounts-granted = The account { $name } has a role again and can log in with its password.
staff-accounts-to-roles = Staff who use Telegram: roles
staff-faq-title = FAQ
staff-faq-lead = { $count } FAQ entries. The bot answers residents' questions from them, in private chat and in groups (/faq).
staff-faq-unanswered-count = Unanswered questions: { $count }
staff-faq-new = Add an FAQ entry
staff-faq-none = No FAQ entries yet. Admins add them here, or import an FAQ file (consult-bot faq import).
staff-faq-caption = Every FAQ entry (by key)
staff-faq-reference = Legal basis
staff-faq-updated = Updated
staff-faq-edit-title = FAQ entry { $key }
staff-faq-save = Save the entry
staff-faq-saved = FAQ entry { $key } saved; questions are answered with it from now on.
staff-faq-back = Back to the FAQ
staff-faq-key-taken = Another FAQ entry has this key; please choose another.
staff-faq-field-key = Key
staff-faq-field-question = Question
staff-faq-field-alternatives = Other phrasings
staff-faq-field-answer = Answer
staff-faq-field-law = Law
staff-faq-field-article = Article
staff-faq-field-tags = Tags
staff-faq-field-consultation = Consultation
staff-faq-field-consultation-article = Article of the draft
staff-faq-hint-key = Lower-case letters, digits, - and _, e.g. noise-neighbour; importing a file updates entries by key.
staff-faq-hint-question = The question as residents ask it: one line, 2–200 characters.
staff-faq-hint-alternatives = One phrasing a line; may be left empty.
staff-faq-hint-answer = 10–2000 characters, in words residents understand.
staff-faq-hint-law = The law's name, e.g. 中华人民共和国民法典 (without 《》).
staff-faq-hint-article = E.g. 第二百八十八条.
staff-faq-hint-tags = Separated by commas; may be left empty.
staff-faq-hint-consultation = If the answer concerns an article of a draft, e.g. C12: residents reading it can give an opinion on that article.
staff-faq-hint-consultation-article = E.g. 12 or 第十二条 (only with a consultation).
staff-faq-unanswered-title = Unanswered questions
staff-faq-unanswered-caption = Unanswered questions (latest first)
staff-faq-unanswered-admin-hint = Open a question and write the answer and its legal basis: it becomes an FAQ entry, and the next person asking gets it. Dismiss what is not a legal question.
staff-faq-unanswered-liaison-hint = The unanswered questions asked in your contact point's groups and in private chat. Admins answer them.
staff-faq-times = Times
staff-faq-last-asked = Last asked
staff-faq-answer-title = Answer a question
staff-faq-asked = Asked { $times } times, last on { $last }.
staff-faq-answer-save = Save the answer
staff-faq-dismiss = Dismiss this question
staff-faq-dismiss-hint = If it is not a legal question (or cannot be answered), dismiss it: it leaves the list.
staff-faq-dismissed = Question dismissed.
staff-faq-back-unanswered = Back to the unanswered questions

## Posters (/poster)
cmd-poster = Poster, QR code and web link (liaisons, admins)
poster-no-web = The web pages are not set up (start the bot with --web-url), so there is no poster or link yet.
poster-usage = Usage: /poster 12 — the poster and link of consultation 12 at your contact point; /poster — a poster for all your point's consultations. Admins may add a contact point's code: /poster 12 hongqiao, /poster hongqiao.
poster-refused = Sorry, only liaisons and admins can make posters.
poster-not-your-point = Liaisons can make posters and links for their own contact point only.
poster-unknown-point = There is no contact point with the code { $code }.
poster-not-open = { $code } is not open for opinions (not published, closed or unknown), so it gets no poster.
poster-not-at-point = { $code } does not consult this contact point.
poster-failed = Sorry, the poster could not be made. Please try again later.
poster-heading = Your say on local laws
poster-deadline = Open until { $deadline }
poster-list-title = Draft regulations open for comment at { $point }
poster-list-deadline = Scan any time to see them
poster-step-scan = 1. Scan the QR code with your phone
poster-step-write = 2. Read the draft, write your opinion
poster-step-outcome = 3. Note the receipt number, see the outcome
poster-caption = 🖨 Poster: <b>{ $title }</b>
    Printable (A4): { $printable }
    The next message is ready to copy into a WeChat group.
poster-paste = [Public consultation] { $title }
    { $deadline }
    Scan the code or open the link to read the draft and give your opinion, and later to see what became of it:
    { $link }

## Statistics, assessment, digests and audit (/stats, consult-bot assessment, consult-bot audit)
cmd-stats = Statistics and contact-point assessment
stats-refused = Sorry, only liaisons and admins can see statistics. Liaisons see only their own contact point's figures.
stats-usage = Usage: /stats for statistics; /stats 2026-01-01 2026-06-30 for the contact-point assessment of those days.
stats-header = 📊 <b>Statistics</b> · { $scope }
stats-no-consultations = No consultation has been published yet.
stats-choose = Choose a consultation for its statistics and a chart of opinions per article:
stats-assessment-choose = Or see the contact-point assessment:
stats-assessment-button = { $period }
stats-period-month = This month
stats-period-quarter = This quarter
stats-period-year = This year
stats-period-custom = Chosen period
stats-not-yours = Sorry, this consultation is not within what you may see.
stats-title = 📊 <b>{ $code } { $title }</b>
stats-scope = Scope: { $scope }
stats-total = { $count ->
    [one] One opinion (withdrawn ones not counted)
   *[other] { $count } opinions (withdrawn ones not counted)
}
stats-by-point = <b>By contact point</b>
stats-by-district = <b>By district</b>
stats-by-article = <b>By article</b>
stats-by-stance = <b>By view</b>
stats-by-status = <b>By status</b>
stats-by-channel = <b>By channel</b>
stats-item = • { $name }: { $count }
stats-no-point = no contact point
stats-no-district = In no district
stats-no-opinions = No opinions yet, so no chart.
stats-chart-title = Opinions per article
stats-chart-axis = Article
stats-chart-bar = Art. { $n }
stats-chart-caption = { $code } { $title }: opinions per article
stats-chart-failed = Sorry, the chart could not be drawn; the figures above are complete.
stats-assessment-title = 📋 <b>Contact-point assessment</b> · { $period } ({ $dates })
stats-assessment-none = There are no contact points yet.
stats-assessment-ranked = Ranked by opinions (then by submitters told the outcome, then by community issues answered):
stats-assessment-rank = No. { $rank }: { $point }
stats-assessment-by-district = 📋 <b>By district</b>
stats-assessment-point = <b>{ $name }</b> ({ $code })
stats-assessment-reach = groups { $groups } · consultations announced { $consultations }
stats-assessment-opinions = opinions { $total } (online { $online }, offline { $offline }), adopted or partly adopted { $adopted }
stats-assessment-feedback = submitters { $submitters }, got feedback { $reached } ({ $share }), median days to feedback { $median }
digest-title = 📋 <b>Daily digest</b> · { $point }
digest-intro = { $count ->
    [one] One new opinion for your contact point since { $since }:
   *[other] { $count } new opinions for your contact point since { $since }:
}
digest-line = • { $code } { $title }: { $new } new, { $unreviewed } to review
digest-review = Send /review to review them.
review-reminder-title = ⏰ <b>Review reminder</b> · { $point }
review-reminder-line = { $code } { $title } closes on { $deadline }, and { $count } of your contact point's opinions are still to be reviewed.
cli-audit-col-id = id
cli-audit-col-at = time
cli-audit-col-actor = actor
cli-audit-col-action = action
cli-audit-col-subject = subject
cli-audit-col-detail = detail
audit-actor-command-line = the command line
audit-actor-system = the system
audit-actor-visitor = someone not signed in
audit-actor-forgotten = erased (personal data deleted on request)
cli-audit-none = No audit entries match.
cli-assessment-title = Contact-point assessment: { $dates }
err-audit-filter = Invalid audit filter: { $value } (times as 2026-01-31 or "2026-01-31 18:00"; the actor as a user id or cli)
err-assessment-period = Invalid assessment period: { $value } (e.g. --from 2026-01-01 --to 2026-06-30)
err-output-format = Unsupported output format: { $value } (use { $allowed })
err-invalid-time-of-day = Invalid time of day: { $value } (e.g. 18:00).

## Staff console: offline entry, statistics, contact-point assessment, audit log (/staff/record, /staff/stats, /staff/assessment, /staff/audit)
staff-record-title = Record offline opinions
staff-record-scope-point = The opinions you record count for { $point } and are marked in the ledger as entered by you.
staff-record-scope-all = As an admin, the opinions you record belong to no contact point; the ledger marks them as entered by you.
staff-record-choose-point = As county staff, you file what you record under one of your district's contact points. Please choose the point first:
staff-record-suggestions-template = Download the project suggestions' template (.xlsx)
staff-record-one = One at a time
staff-record-choose = Choose the draft the opinion is about:
staff-record-sheet = Import a spreadsheet
staff-record-sheet-explain = Download the template, fill in one opinion a row on its first sheet (at most { $limit } rows; the “填写说明” sheet explains each column), then upload the .xlsx or .csv file (at most { $mb } MB). If any cell is wrong, nothing is imported; uploading the same sheet again records no opinion twice.
staff-record-template = Download the template (.xlsx)
staff-record-file = Spreadsheet (.xlsx or .csv, at most { $mb } MB)
staff-record-import = Import
staff-record-no-file = Please choose the spreadsheet to import first.
staff-record-sheet-problems = { $count ->
    [one] The spreadsheet has one error, so nothing was imported. Please correct it by the row number below and upload it again.
   *[other] The spreadsheet has { $count } errors, so nothing was imported. Please correct them by the row numbers below and upload it again.
}
staff-record-problems-caption = Errors in the spreadsheet
staff-record-col-row = Row
staff-record-col-column = Column
staff-record-col-problem = Problem
staff-record-row = Row { $row }
staff-record-sheet-too-large = The spreadsheet is too large ({ $size } MB); the limit is { $limit } MB. Please split it and upload the parts separately.
staff-record-sheet-unsupported = Only Excel (.xlsx) and CSV spreadsheets can be imported; please use the template above.
staff-record-sheet-unreadable = This spreadsheet cannot be read. Please check that the file is not damaged, or save it as .xlsx and upload it again.
staff-record-sheet-undecodable = The encoding of this CSV file is not recognised. Please save it as UTF-8 CSV or as .xlsx and upload it again.
staff-record-sheet-unpacked = This spreadsheet expands to more than { $limit } MB, far more than any sheet of opinions (the file may be damaged or crafted). Please fill in the template and upload that.
staff-record-sheet-missing-columns = The spreadsheet lacks these columns: { $columns }. The first row must be the header; please use the template.
staff-record-sheet-too-many = The spreadsheet has { $rows } rows of opinions; at most { $limit } can be imported at once. Please split it and upload the parts separately.
staff-record-form-title = Record an offline opinion
staff-record-channel = Channel
staff-record-date = Date gathered
staff-record-date-hint = As YYYY-MM-DD, not after today ({ $today }).
staff-record-name = Resident's name (optional)
staff-record-name-hint = Only if the resident wanted to give it (at most { $max } characters): giving it records their agreement to keep it. Left empty, the opinion is anonymous.
staff-record-stance = The resident's view
staff-record-body = The resident's opinion ({ $min }–{ $max } characters)
staff-record-wording = Proposed wording (optional; kept only with the view “Amendment”)
staff-record-next = Next: check it
staff-record-review-title = Check this offline opinion
staff-record-change = Change it
staff-record-saved-title = Offline opinion recorded
staff-record-saved = The offline opinion ({ $channel }, { $date }) is recorded and marked in the ledger as entered by you. Its receipt number is
staff-record-saved-suggestion-title = Offline project suggestion recorded
staff-record-saved-suggestion = The offline project suggestion ({ $channel }, { $date }) is recorded and marked in the ledger as entered by you. Its receipt number is
staff-record-another = Record another opinion on this draft
staff-record-open-card = See this opinion in the ledger
staff-record-back = Back to offline entry
staff-stats-title = Statistics
staff-stats-choose = Choose a consultation for its statistics and charts:
staff-stats-by-article = By article
staff-stats-by-stance = By view
staff-stats-by-point = By contact point
staff-stats-by-district = By district
staff-stats-by-channel = By channel
staff-stats-by-status = By status
staff-stats-chart-most = The chart shows the { $shown } articles with the most opinions (of { $all }); the table lists them all.
staff-stats-article-caption = Opinions per article (withdrawn ones not counted)
staff-stats-stance-chart = Opinions per view
staff-stats-stance-caption = Opinions per view (withdrawn ones not counted)
staff-stats-status-caption = Opinions per status (withdrawn ones included)
staff-stats-col-count = Opinions
staff-stats-to-ledger = See this consultation's opinions in the ledger
staff-stats-back = Back to statistics
staff-assessment-title = Contact-point assessment
staff-assessment-kinds = Assessment periods
staff-assessment-by-month = By month
staff-assessment-by-quarter = By quarter
staff-assessment-by-year = By year
staff-assessment-steps = Earlier and later periods
staff-assessment-month = { $month }/{ $year }
staff-assessment-quarter = Q{ $quarter } { $year }
staff-assessment-year = { $year }
staff-assessment-caption = { $period } ({ $dates })
staff-assessment-col-point = Contact point
staff-assessment-col-rank = Rank
staff-assessment-by-district = By district
staff-assessment-col-groups = Groups
staff-assessment-col-announced = Consultations announced
staff-assessment-col-online = Online opinions
staff-assessment-col-offline = Offline opinions
staff-assessment-col-adopted = Adopted or partly adopted
staff-assessment-col-submitters = Submitters
staff-assessment-col-reached = Got feedback
staff-assessment-col-share = Feedback rate
staff-assessment-col-median = Median days to feedback
staff-assessment-csv = Download this table (CSV)
staff-assessment-custom = Chosen period
staff-assessment-from = From (included)
staff-assessment-to = To (included)
staff-assessment-show = Show
staff-assessment-bad-days = The period's dates are not right: give a first and a last day (YYYY-MM-DD), the last not before the first. This month's assessment is shown below.
staff-assessment-how = How these figures are counted
staff-assessment-def-groups = Groups: active resident groups linked to the point before the period ended.
staff-assessment-def-announced = Consultations announced: those whose announcement reached one of the point's groups in the period.
staff-assessment-def-opinions = Online and offline opinions: the point's opinions received in the period (withdrawn ones not counted); offline ones are those recorded from forums, visits and hearings.
staff-assessment-def-adopted = Adopted or partly adopted: those of them whose outcome is adopted or partly adopted.
staff-assessment-def-feedback = Submitters: the different people who gave those opinions (an offline opinion, or one whose submitter erased their personal data, counts as one); got feedback: those who received at least one feedback message; median days to feedback: from an opinion to its first feedback delivered.
staff-audit-title = Audit log
staff-audit-lead = Who did what, and when: roles and accounts, logins, consultations, review, decisions, feedback, exports and looks at statistics, newest first.
staff-audit-filters = Filter the audit log
staff-audit-filter-actor = Actor
staff-audit-filter-actor-hint = An account name, a person id, or cli (entries no person made: the command line, the system, someone not signed in)
staff-audit-filter-action = Action
staff-audit-filter-action-hint = Matches the beginning: staff. is every login and logout
staff-audit-filter-since = From (included)
staff-audit-filter-until = To (included)
staff-audit-unknown-actor = No staff account is called “{ $actor }”. Give an account name, a person id or cli.
staff-audit-bad-day = That date is not in the right form: { $day } (use YYYY-MM-DD).
staff-audit-caption = { $total ->
    [one] Audit log: one entry
   *[other] Audit log: { $total } entries, { $from }–{ $to } shown
}
staff-audit-caption-empty = Audit log: no entries match
staff-audit-account = { $name } ({ $id })
staff-audit-telegram = Telegram user { $id }

## faq
cmd-faq = Ask a legal question (FAQ)
cmd-unanswered = Legal questions not yet answered
faq-answer = ❓ <b>{ $question }</b>

    { $answer }

    📖 Legal basis: { $reference }
faq-opine = Comment on this article
faq-opine-hint = This answer concerns { $article } of “{ $title }”, which is open for comment. You are welcome to give your opinion on it.
faq-related = Related questions:
faq-not-found = Sorry, I have no answer to that yet.
    · Try other words, or just the key words, e.g. “property fee”, “overtime pay”;
    · or ask your contact point's liaison directly.
    Your question has been noted and the staff will add an answer.
faq-suggestions = Did you mean:
faq-unknown-entry = This answer no longer exists; just send me your question.
faq-usage = Usage: /faq your question, e.g. <code>/faq can I refuse to pay the property fee</code>
faq-group-answer = ❓ <b>{ $question }</b>
    { $answer }
    📖 { $reference }
faq-more = Details
faq-group-not-found = No ready answer yet; the question has been noted. Message me privately to ask in other words.
faq-ask-privately = Ask privately
faq-unanswered-refused = Only liaisons and admins can see the questions not yet answered.
faq-unanswered-none = There are no unanswered questions.
faq-unanswered-header = <b>Unanswered questions</b> ({ $count } in all, the latest { $shown } below):
faq-unanswered-line = { $n }. { $question } (asked { $times } times, last { $when })
faq-unanswered-admin-hint = Press “Answer” to write the answer and its legal basis; it joins the FAQ. “Dismiss” what is not a legal question.
faq-unanswered-liaison-hint = Admins add answers to these; you may answer residents offline meanwhile.
faq-answer-button = Answer { $n }
faq-dismiss-button = Dismiss { $n }
faq-admin-only = Only an admin can do this.
faq-answer-gone = This question has already been dealt with.
faq-answer-ask = Question: { $question }

    Send the answer ({ $min }–{ $max } characters). /cancel stops.
faq-answer-bad-length = The answer must be { $min }–{ $max } characters; this one has { $len }. Please send it again.
faq-answer-ask-reference = Send the legal basis, e.g. 《中华人民共和国民法典》第二百八十八条
faq-answer-bad-reference = I could not read that legal basis. Write it as 《law name》第X条, e.g. 《中华人民共和国民法典》第二百八十八条
faq-answer-saved = Added to the FAQ (key { $key }). Whoever asks this next gets the answer at once.
faq-dismissed = Question dismissed.
faq-import-too-big = The file is too large (at most { $max } MB).
faq-import-done = FAQ imported: { $added } added, { $updated } updated, { $unchanged } unchanged.
faq-import-refused = The FAQ file has { $count } problems; nothing was imported:
faq-import-more = …and { $count } more problems not listed.
faq-line-field = line { $line }, { $field }: { $problem }
faq-line = line { $line }: { $problem }
faq-problem-missing = must not be empty
faq-problem-too-long = too long (at most { $max } characters)
faq-problem-too-short = too short (at least { $min } characters)
faq-problem-key = a key uses only lowercase letters, digits, - and _
faq-problem-article = give the article, e.g. 第二百八十八条
faq-problem-format = wrong format (no line breaks; consultation as C12; article as 12 or 第十二条)
faq-problem-duplicate = the same key as line { $first }
faq-problem-too-many = at most { $max } items
faq-problem-unknown-consultation = no consultation has this number
faq-problem-unknown-article = the consultation's current draft has no such article
faq-problem-article-without-consultation = an article of a consultation is given without the consultation
faq-problem-syntax = cannot be read: the format is wrong (check the indentation, colons, quotes and commas of this line and the one before)
faq-problem-missing-column = the column { $column } is missing
faq-problem-empty = the file holds no entries
faq-problem-too-many-entries = too many entries (at most { $max })
faq-problem-encoding = unknown text encoding (use UTF-8 or GBK)
faq-problem-file-too-large = the file is too large (at most { $max } MB)
cli-faq-exported = { $count } FAQ entries exported to { $file }.
err-faq-format = Unknown FAQ file format: { $value } (use csv or yaml)

## Command-line help (consult-bot --help)
cli-help-usage = Usage: { $usage }
cli-help-commands = Commands
cli-help-command = COMMAND
cli-help-arguments = Arguments
cli-help-options = Options
cli-usage-unknown-argument = Unknown argument: { $arg }
cli-usage-unknown-command = Unknown command: { $command }
cli-usage-missing = Required arguments missing: { $args }
cli-usage-missing-command = Name the command to run.
cli-usage-invalid-value = Invalid value “{ $value }” for { $arg }.
cli-usage-value-missing = { $arg } needs a value.
cli-usage-conflict = { $arg } cannot be used together with { $other }.
cli-usage-once = { $arg } may be given only once.
cli-usage-value-count = Wrong values after { $arg } (their number or form).
cli-usage-other = The command line is not right.
cli-usage-possible-values = Possible values: { $values }
cli-usage-suggestion = Did you mean { $suggestion }?
cli-usage-help = Add --help for help.
cli-about = Telegram assistant for grassroots legislative contact points. Without a command it runs the bot (as run does).
cli-about-help = Print this help, or the help of the given command
cli-arg-help = Print help
cli-arg-version = Print version
cli-arg-token = Bot token from @BotFather
cli-arg-api-url = Bot API server (a local Bot API server or a test double)
cli-arg-database-url = Database: sqlite:PATH (created on first run) or postgres://USER@HOST/DB
cli-arg-log-format = Log format: human (easy to read) or json
cli-arg-locale = Language of the command line and of people whose language is unknown: zh-CN or en
cli-arg-timezone = Time zone in which times are shown to people
cli-arg-invite-ttl = How long an invite link stays valid (e.g. 12h, 7d)
cli-arg-inbox-retention = How long handled updates are kept (and recognised as duplicates)
cli-arg-opinion-min-chars = Shortest opinion text accepted, in characters
cli-arg-opinion-max-chars = Longest opinion text accepted, in characters
cli-arg-opinions-per-hour = Opinions one person may submit in an hour
cli-arg-details-retention = Submitters' identity details are erased this long after a consultation is concluded
cli-arg-dialogue-ttl = An unfinished opinion dialogue expires after this long (e.g. 24h)
cli-arg-reminders = When to remind the groups before a deadline (comma-separated, e.g. 3d,1d)
cli-arg-poll-timeout = Long-polling timeout; the HTTP client waits 10 s longer than this
cli-arg-broadcast-rate = Broadcast messages sent per second, all chats together (Telegram allows about 30)
cli-arg-group-rate = Broadcast messages sent per minute to one group (Telegram allows about 20)
cli-arg-hash-key = Secret key of the hash under which unconfirmed group replies and votes are kept (32 random characters or more); when unset or empty, one is generated at first start and stored in the database
cli-arg-held-reply-ttl = A group reply not confirmed privately is erased after this long
cli-arg-digest-at = Local time of day (HH:MM, in --timezone) of the liaisons' daily digest
cli-arg-chart-font = Font file for chart labels (.ttf, .otf, or .ttc with Chinese); default: a CJK font from the system (fonts-noto-cjk), else Latin labels
cli-arg-webhook-url = Webhook mode: the public HTTPS URL Telegram posts updates to (behind a reverse proxy that forwards to --listen); without it the bot uses long polling
cli-arg-listen = Webhook mode: the address the webhook endpoint listens on (e.g. 127.0.0.1:8080)
cli-arg-webhook-secret = Webhook mode: the secret Telegram sends in every request (1–256 of A-Za-z0-9_-)
cli-arg-health-listen = Serve /healthz, /readyz and /metrics on this address (off when unset)
cli-arg-web-listen = Address of the resident web pages (e.g. 127.0.0.1:8080); without a token only the web is served, on 127.0.0.1:8080 by default
cli-arg-web-url = Public address of the resident web pages, used in links and QR codes (default: the --web-listen address over http)
cli-arg-replica-retry = Replicas on PostgreSQL: how often a follower tries to take the lead and every replica renews its lease (e.g. 3s, 250ms)
cli-arg-replica-lease = Replicas on PostgreSQL: how long a replica that stopped renewing still counts as alive (at least three retries)
cli-about-run = Run the bot (the default)
cli-about-migrate = Bring the database schema up to date and exit
cli-about-backup = Copy the SQLite database to a new file while the bot runs (never overwrites; for PostgreSQL use pg_dump)
cli-arg-backup-to = The backup file to create
cli-about-point = Manage contact points
cli-about-point-add = Add a contact point
cli-arg-point-add-code = Contact point code (up to 32 lowercase letters, digits, - or _; e.g. hongqiao)
cli-arg-point-add-name = The contact point's name
cli-arg-point-add-district = The code of its district
cli-about-point-list = List contact points
cli-about-point-rename = Give a contact point a new name
cli-arg-point-rename-code = Contact point code
cli-arg-point-rename-name = The new name
cli-about-point-district = Put a contact point in a district (- for none)
cli-arg-point-district-code = Contact point code
cli-arg-point-district-district = District code, or -
cli-about-district = Manage districts (the county tier between the city and its points)
cli-about-district-add = Add a district
cli-arg-district-add-code = District code (up to 32 lower-case letters, digits, - or _, e.g. pudong)
cli-arg-district-add-name = District name, e.g. Pudong New Area
cli-about-district-list = List districts with their contact points
cli-about-point-deactivate = Stop a contact point taking new roles and groups (its records are kept)
cli-arg-point-deactivate-code = Contact point code
cli-about-role = Grant, revoke and list roles
cli-about-role-grant = Grant a role to a Telegram user id (replacing any role they had)
cli-arg-role-grant-user-id = Telegram user id (a number)
cli-arg-role-grant-role = Role: admin, county, liaison or informant
cli-arg-role-grant-point = Contact point code (required for liaisons and informants)
cli-arg-role-grant-district = District code (required for county staff)
cli-about-role-revoke = Remove a user's role
cli-arg-role-revoke-user-id = Telegram user id (a number)
cli-about-role-list = List everyone with a role
cli-about-consultation = Import draft regulations as consultations, and list them
cli-about-consultation-import = Read a draft (.docx, .txt, .md; UTF-8 or GBK) and save it as a draft consultation
cli-arg-consultation-import-file = The draft file
cli-arg-consultation-import-title = Title
cli-arg-consultation-import-closes = Deadline: 2027-01-15 (end of that day) or "2027-01-15 18:00", display time zone
cli-arg-consultation-import-points = Contact point codes, comma-separated (default: all contact points)
cli-arg-consultation-import-summary = Summary
cli-arg-consultation-import-source-url = Link to the draft's full text
cli-arg-consultation-import-occupations = Occupations a submitter can choose from, comma-separated
cli-about-consultation-list = List consultations
cli-about-faq = The law-popularization FAQ: import or export entries as CSV or YAML
cli-about-faq-import = Import FAQ entries from a CSV or YAML file (entries with a known key are updated)
cli-arg-faq-import-file = The FAQ file
cli-arg-faq-import-format = csv or yaml; default: from the file's extension
cli-about-faq-export = Write every FAQ entry to a CSV (UTF-8 with BOM) or YAML file
cli-arg-faq-export-out = The file to write
cli-arg-faq-export-format = csv or yaml; default: from the file's extension
cli-about-export = Write the opinion sheet (意见汇总表; XLSX, every consultation or one) or one consultation's ledger as CSV (UTF-8 with BOM) to a file; recorded in the audit log
cli-arg-export-consultation = Consultation number (12 or C12); default: every consultation
cli-arg-export-point = Only this contact point's opinions
cli-arg-export-format = xlsx (default) or csv (needs --consultation)
cli-arg-export-out = The file to write
cli-about-audit = List the audit log (oldest first; the most recent --limit entries), filtered
cli-arg-audit-actor = Only this person's actions (a Telegram user id, or a web-only staff account's negative id), or cli for the operator's
cli-arg-audit-action = Actions starting with this (e.g. review., export, stats.)
cli-arg-audit-subject = Subjects starting with this (e.g. opinion:12, consultation:3)
cli-arg-audit-since = From this time: 2026-01-31, "2026-01-31 18:00" (display time zone) or RFC 3339
cli-arg-audit-until = Up to this time (a bare date includes that whole day)
cli-arg-audit-limit = How many entries at most
cli-arg-audit-format = text (default), csv or json
cli-about-assessment = The contact-point assessment (考核) for a period; recorded in the audit log
cli-arg-assessment-from = First day, e.g. 2026-01-01 (display time zone)
cli-arg-assessment-to = Last day, included, e.g. 2026-06-30
cli-arg-assessment-point = Only this contact point
cli-arg-assessment-format = text (default) or csv
cli-about-invite = Print a one-time invite link that grants a role
cli-arg-invite-role = Role: admin, county, liaison or informant
cli-arg-invite-point = Contact point code (for liaisons and informants)
cli-arg-invite-district = District code (required for county staff)
cli-about-sample = Add a sample contact point and publish a sample draft for it, to look at in the browser (running it again reuses them)

## Community issues (社情民意)
relay-category-governance = Community governance
relay-category-security = Public security
relay-category-environment = Environment
relay-category-traffic = Traffic
relay-category-enforcement = Law enforcement
relay-category-other = Other
relay-status-received = Waiting
relay-status-forwarded = Forwarded
relay-status-answered = Answered
relay-status-closed = Closed
relay-status-merged = Merged
relay-outcome-resolved = Resolved
relay-outcome-partly = Partly resolved
relay-outcome-not-resolved = Not resolved
relay-outcome-not-ours = Not ours
relay-close-out-of-scope = Outside what the contact point takes up
relay-close-resolved-on-spot = Resolved on the spot
relay-close-other = Another reason
relay-via-link = The handling department, through its link
relay-via-phone = By phone (recorded by the liaison)
relay-via-letter = By letter (recorded by the liaison)
relay-channel-chat = Telegram private chat
relay-channel-web = Web
relay-event-received = Received
relay-event-recategorised = Category changed
relay-event-merged = Merged with the same problem
relay-event-forwarded = Forwarded
relay-event-answered = The handling department answered
relay-event-closed = Closed
relay-event-reminded = Follow-up reminder sent
relay-event-escalated = Escalated
relay-notice-header = 📮 <b>News of the community issue you reported</b> (receipt number { $receipt })
relay-notice-report = You reported: { $excerpt }
relay-notice-forwarded = Forwarded to the handling department: <b>{ $department }</b>. You will hear their answer.
relay-notice-answered = The handling department answered. Resolution: <b>{ $outcome }</b>. Answer: { $answer }
relay-notice-closed = The contact point closed it: { $reason }.
relay-notice-merged = Someone reported the same problem (receipt number { $into }); both are followed up together and you will hear the outcome too.
relay-reminder-header = ⏰ <b>Follow-up reminder</b>: { $count } forwarded community issues unanswered for over { $days } days
relay-overdue-line = · { $receipt } → { $department }: { $excerpt }
relay-reminder-footer = Please contact the handling department, or send /reports to record an answer given by phone or letter.
relay-escalation-header = 🚨 <b>Escalation</b>: { $count } community issues still unanswered after the follow-up reminder
relay-bad-body = Please say what happened in 5–2000 characters.
relay-bad-place = Please give the place on one line, in at most 200 characters.
relay-bad-answer = Please write an answer of 1–2000 characters.
relay-bad-category = There is no such category.
relay-bad-department = Please give the department's name and officer on one line each, in at most 100 characters.
relay-unknown-report = No such community issue was found.
relay-wrong-state = This community issue is now “{ $status }”; that cannot be done now.
relay-unknown-department = There is no such handling department.
relay-duplicate-department = There is already a handling department named “{ $name }”.
privacy-reports = Community issues reported ({ $count }):
privacy-report = · { $receipt } · { $time } · { $status } · signed: { $name }
forget-erase-reports = • the link between you and the { $count } community issues you reported, and your name on them (the problems and answers stay; the handling departments still act on them)
forget-done-reports = The { $count } community issues you reported are kept, anonymised.
stats-assessment-relay = Community issues: { $reports }, answered: { $answered }
cli-arg-relay-remind-after = How long a forwarded community issue may go unanswered before its liaison gets a follow-up reminder (e.g. 7d)
cli-arg-relay-escalate-after = How long after the follow-up reminder an unanswered community issue goes to the admins for escalation (e.g. 7d)
cli-arg-relay-link-ttl = How long a handling department's answer link stays valid (e.g. 30d)
relay-web-title = Report a community issue
relay-web-intro = Neighbourhood security, enforcement out of line, a broken facility … tell the contact point: we forward it to the handling department and tell you their answer.
relay-web-category = Category
relay-web-body = What happened ({ $min }–{ $max } characters)
relay-web-what = What was reported
relay-web-place = Where
relay-web-identity = How would you like to appear?
relay-web-consent = We keep your name only if you agree; the handling department sees it only then too.
relay-web-consent-details = Keep my name and let the handling department see it
relay-web-need-category = Please choose a category.
relay-web-bad-body = Please say what happened in { $min }–{ $max } characters (now { $count }).
relay-flood = At most { $limit } community issues an hour; please try again later.
relay-status-title = Community issue
relay-web-received = Received. Receipt number { $receipt }.
relay-web-keep-link = Please bookmark this page's link: you will see here when it is forwarded and answered. Nobody else has this link.
relay-web-status = Status
relay-web-history = Progress
relay-web-answer = Answer
relay-web-closed = Why it was closed
relay-web-receipt = Receipt number
relay-web-location = Location (latitude, longitude)
relay-web-reporter = Reported by
relay-web-reported-at = Reported at
relay-web-channel = Channel
relay-web-attachments = Photos and files
relay-web-department = Handling department
relay-dept-title = Answer to a community issue
relay-dept-intro = The contact point forwarded the community issue below to { $department }. Please give the resolution and what was done; the answer goes to the person who reported it.
relay-dept-outcome = Resolution
relay-dept-answer = Answer (at most { $max } characters)
relay-dept-send = Send the answer
relay-dept-need-outcome = Please choose the resolution.
relay-dept-thanks = Thank you. The answer to { $receipt } is in and goes to the person who reported it. This link no longer works.
relay-link-used = This link was already used (answered, or forwarded elsewhere).
relay-link-expired = This link has expired; please ask the contact point's liaison.
relay-link-unknown = This link is not valid.
relay-staff-title = Community issues
relay-staff-open = Open
relay-staff-empty = No community issues here.
relay-staff-departments = Handling departments
relay-staff-report = Community issue { $receipt }
relay-staff-done = Done.
relay-staff-link = Forwarded. Send this one-time link to the handling department's officer (shown only this once):
relay-staff-category = Change the category
relay-staff-recategorise = Change the category
relay-staff-forward = Forward
relay-staff-merge = Merge
relay-staff-merge-into = Merge into (receipt number)
relay-staff-record = Record an answer
relay-staff-via = How the answer came
relay-staff-close = Close
relay-staff-close-reason = Why close it
relay-staff-note = Note (the person who reported it reads it)
relay-staff-incomplete = Please fill in the form completely.
relay-staff-officer = Department officer
relay-staff-committee = Legislative Affairs Commission (law enforcement inspection)
relay-staff-add-department = Add a handling department
cmd-report = Report a community issue
cmd-reports = Open community issues (liaisons, admins)
relay-start-button = 📮 Report a community issue
relay-ask-category = 📮 <b>Report a community issue</b>
    Which category is it? Send /cancel at any time to stop.
relay-ask-body = Please say what happened ({ $min }–{ $max } characters).
relay-ask-place = Where? Please give an address or a landmark, or send a location.
relay-ask-files = You may send photos or files ({ $count } so far, at most { $max }), or a location. Press “Done” when there are no more.
relay-files-done = Done
relay-ask-identity = How would you like to appear?
relay-ask-name = Please write your name.
relay-ask-consent = Keep your name and let the handling department see it? If not, the report is anonymous.
relay-place-map = (see the location)
relay-review-title = <b>Please check</b>
relay-review-category = Category: { $category }
relay-review-body = What happened: { $body }
relay-review-place = Where: { $place }
relay-review-files = Photos and files: { $count }; location: { $location }
relay-review-identity = Reported by: { $name }
relay-received = ✅ Received. Receipt number <b>{ $receipt }</b>. You will hear when it is forwarded and answered.
relay-staff-only = This is for liaisons and admins.
relay-queue-title = 📮 <b>Open community issues</b>: { $count }
relay-view = 📮 <b>{ $receipt }</b> · { $status }
    Category: { $category }
    What happened: { $body }
    Where: { $place }
    Reported by: { $name }
    Photos and files: { $files }
relay-forward-to = Forward: { $department }
relay-close-button = Close: { $reason }
relay-back-to-queue = Back to the list
relay-forwarded = { $receipt } is forwarded. Send this one-time link to the handling department's officer (shown only this once):
    { $link }
relay-closed = { $receipt } is closed; the person who reported it will be told.
relay-staff-unreached = To tell in person (people the bot and the web cannot reach)
relay-staff-figures = Figures
relay-staff-figures-of = By category, contact point, handling department
relay-staff-figures-reports = Reports
relay-staff-figures-forwarded = Forwarded
relay-staff-figures-answered = Answered
relay-staff-figures-days = Median days to answer
relay-staff-figures-total = Total
relay-staff-no-point = No contact point named
staff-assessment-col-reports = Community issues
staff-assessment-col-reports-answered = Community issues answered

## 普法活动（law-popularization events）
event-when = { $start }–{ $end }
event-card = 📣 <b>Law-popularization event: { $title }</b> ({ $code })
    { $kind } · { $topic }
    🕒 { $when }
    📍 { $venue }
event-card-seats = { $capacity } seats; when they are taken you can join the waiting list.
event-card-signup = Sign up
event-card-web = 🌐 Sign up on the web (can be forwarded to WeChat)
event-reminder-day = ⏰ Tomorrow: the event <b>{ $title }</b> ({ $code }), { $when }, { $venue }. If you cannot come, send /events and cancel your sign-up so that someone on the waiting list gets the seat.
event-reminder-hour = ⏰ The event <b>{ $title }</b> ({ $code }) starts in an hour: { $when }, { $venue }. At the venue, scan the check-in QR code or send me the check-in code: “checkin CODE”.
event-changed = 📣 The event <b>{ $title }</b> ({ $code }) has changed; it now takes place { $when }, { $venue }.
event-cancelled = The event <b>{ $title }</b> ({ $code }) is cancelled, and with it every sign-up. We are sorry for the trouble.
event-promoted = 🎉 A seat is yours: someone cancelled, so you now have a seat at <b>{ $title }</b> ({ $code }), { $when }, { $venue }.
event-kind-lecture = Lecture
event-kind-consultation = Legal consultation
event-kind-performance = Performance
event-kind-other = Other
event-status-scheduled = Announced
event-status-cancelled = Cancelled
event-signup-confirmed = Signed up
event-signup-waiting = On the waiting list
event-signup-cancelled = Cancelled
event-channel-chat = Telegram
event-channel-web = Web
event-checkin-by-code = QR code or check-in code
event-checkin-by-staff = Marked by staff
event-refused-cancelled = This event is cancelled.
event-refused-started = This event has begun or ended: no more sign-ups or changes.
event-refused-signed-up = You have already signed up.
event-refused-too-many = Too many sign-ups from the same network (5 per event). Please sign up another way, or ask the staff for help.
event-refused-unknown-code = That check-in code is not right: it may be mistyped, or a new one has replaced it. Scan the QR code at the venue, or ask the staff.
event-refused-not-now = Check-in is not open now: it opens an hour before the start and closes two hours after the end.
event-refused-checked-in = You have already checked in; once is enough.
event-refused-not-signed-up = You have not signed up for this event.
event-refused-not-begun = The event has not begun: check-ins, walk-ins, the note and photos can be recorded from an hour before the start.
event-refused-too-many-photos = An event keeps at most 10 photos; this one was not kept. To replace one, delete a photo on the event's page in the console first.
event-unknown = No such event.
event-bad-title = The title must be 1–100 characters on one line.
event-bad-kind = The kind must be one of: Lecture, Legal consultation, Performance, Other.
event-bad-topic = The topic must be 1–100 characters on one line.
event-bad-times = The times are not right: write them like 2026-12-10 14:00; the start must be in the future, the end after the start, and an event lasts at most 7 days.
event-bad-place = The place must be 1–200 characters on one line; for an online event, send an http or https link.
event-bad-number = Please write a whole number: 1–10000 seats, 0–100000 walk-ins; there cannot be fewer seats than people already signed up.
event-bad-text = The text is too long: a description or note at most 2000 characters, a question at most 500.
event-bad-name = A name is at most 50 characters on one line; you may also leave it empty.
staff-assessment-col-events = Events
staff-assessment-col-events-reached = People reached
staff-assessment-def-events = Events: the law-popularization events starting in the period and not cancelled; people reached: those who checked in plus the walk-ins.
stats-assessment-events = Events: { $events }, people reached: { $reached }
cmd-events = Law-popularization events: see and sign up
cmd-checkin = Check in at an event: /checkin CODE
cmd-newevent = Create a law-popularization event (liaisons, admins)
cmd-event = Manage an event: /event E12 …
event-list-title = 📣 Events to come ({ $count }); press one to see it and sign up:
event-list-none = No events to come.
event-view-head = 📣 <b>{ $title }</b> ({ $code })
event-view-kind = { $kind } · { $topic }
event-view-when = 🕒 { $when }
event-view-venue = 📍 { $venue }
event-view-seats = { $capacity } seats: { $signed } signed up, { $waiting } on the waiting list
event-view-seats-open = No limit on seats: { $signed } signed up
event-view-status = Status: { $status }
event-view-mine-none = You have not signed up.
event-view-mine = Your sign-up: { $status }
event-view-mine-waiting = Your sign-up: number { $position } on the waiting list. When someone cancels, the next in line gets the seat and is told.
event-view-mine-checked = You have checked in. Thank you for coming!
event-view-figures = Signed up { $signed } · waiting list { $waiting } · checked in { $checked } · walk-ins { $walkins } · people reached { $reached }
event-view-note = Note: { $note }
event-view-photos = Photos: { $count }
event-staff-hint = After the event: /event { $code } walkins N · /event { $code } note TEXT · /event { $code } question TEXT; to change it: /event { $code } title|topic|place|capacity|description NEW, or /event { $code } time START END; send photos with { $code } as their caption.
event-button-signup = Sign up
event-button-withdraw = Cancel my sign-up
event-button-code = Check-in code
event-button-roster = Who signed up
event-button-cancel = Cancel the event
event-button-cancel-confirm = Yes, cancel the event
event-button-back = Back to the events
event-signed-up = ✅ You are signed up for <b>{ $title }</b> ({ $code }), { $when }. I will remind you the day before and an hour before; at the venue, scan the check-in QR code or send me the check-in code.
event-signed-up-waiting = The seats are taken: you are number { $position } on the waiting list for <b>{ $title }</b> ({ $code }). When someone cancels, the next in line gets the seat and is told.
event-withdrawn = Your sign-up is cancelled. Thank you: the seat goes to someone on the waiting list.
event-checked-in = ✅ Checked in: <b>{ $title }</b> ({ $code }). Thank you for coming!
event-checkin-usage = Please send the check-in code from the venue with it, e.g. checkin AbCdEfGhIjKlMnOpQrStUv (22 characters).
event-staff-only = Only liaisons and admins manage events. Residents: send /events to see them and sign up.
event-staff-none = No events yet. Send /newevent to create one.
event-staff-list = Events ({ $count }); press one to see and manage it:
event-usage = Usage: /event (the list), /event E12 (see and manage), /event E12 walkins 30, /event E12 note TEXT, /event E12 question TEXT, /event E12 place NEW PLACE, /event E12 time 2026-12-10 14:00 16:00, /event E12 kind Lecture, /event E12 consultation C3 (none for no consultation).
event-code-shown = The check-in code of { $code }: <code>{ $checkin }</code>
    Show the QR code below at the venue: residents scan it to check in, or send me “checkin { $checkin }”. A new code ends the old one.
event-code-link = The check-in page: { $url }
event-roster-title = Who signed up for { $code } ({ $count }). Press a name to mark them present; press again to undo:
event-roster-empty = Nobody has signed up for { $code } yet. Count people who came without signing up with /event { $code } walkins N.
event-anonymous = No name given
event-cancel-ask = Cancel the event <b>{ $title }</b> ({ $code })? The { $count } people signed up or waiting, and the resident groups, will be told.
event-cancel-done = Event { $code } is cancelled; the { $count } people signed up in Telegram and the resident groups will be told.
event-walkins-done = Walk-ins for { $code } recorded: { $count }. People reached: { $reached }.
event-note-done = The note on { $code } is saved.
event-question-done = The question is on the FAQ's list of unanswered questions; an admin answers it with /unanswered.
event-edit-done = Event { $code } is changed.
event-edit-told = The time or place changed: the people signed up and the resident groups will be told.
event-photo-done = The photo is kept with { $code } ({ $count } in all).
event-ask-point = Which contact point holds the event? A city-wide event is announced to every resident group.
event-point-all = City-wide
event-ask-title = The title? (at most { $max } characters)
event-ask-kind = The kind of event:
event-ask-topic = The topic: which law, which question? (at most { $max } characters)
event-ask-start = When does it start? E.g. 2026-12-10 14:00
event-ask-end = When does it end? E.g. 16:00 (the same day), or 2026-12-11 12:00
event-ask-venue = Where? For an online event, send the link (starting with http or https).
event-ask-capacity = How many seats? Send a number; for no limit press “Skip”.
event-ask-description = A description (at most { $max } characters), or press “Skip”.
event-ask-consultation = Is it about a consultation? Send its number (like C12); if not, press “Skip”.
event-skip = Skip
event-bad-consultation = No such consultation. Write its number (like C12), or none for no consultation.
event-review = Please check the event:
    Contact point: { $point }
    Title: { $title }
    Kind: { $kind }
    Topic: { $topic }
    Time: { $start } to { $end }
    Place: { $venue }
    Seats: { $capacity }
    Description: { $description }
    Consultation: { $consultation }
event-review-no-limit = No limit
event-publish = Publish and tell the resident groups
event-published = ✅ Event { $code } is published; its card is queued for { $groups } resident groups. Send /event { $code } to manage sign-ups and check-in.
event-published-web = Its web page (to forward to WeChat or print on a poster): { $url }
event-published-again = Event { $code } is published. Send /event { $code } to manage sign-ups and check-in.
privacy-dialogue-event = creating an event
privacy-events = Event sign-ups: { $count }
privacy-event = · { $code } “{ $title }”: { $status } { $name }
privacy-event-checked-in = Checked in
forget-erase-events = · { $count } event sign-ups: your Telegram account and name are removed; the counts stay
forget-done-events = Your account and name were removed from { $count } event sign-ups.
event-web-list-title = Law-popularization events
event-web-when = When
event-web-where = Where
event-web-seats = Seats
event-web-status = Status
event-web-signed-up = This browser is signed up: { $status }.
event-web-manage = My sign-up
event-web-signup-title = Sign up
event-web-name = Name
event-web-name-hint = You may leave it empty; it helps the staff find you at the venue.
event-web-ics = Add to a calendar (.ics file)
event-web-done = You are signed up.
event-web-keep-link = Please bookmark this page: it is your private link to manage the sign-up, with no account; nobody else sees it. Sign-ups on the web get no messages, so keep the times below in mind.
event-web-waiting = Number { $position } on the waiting list: when someone cancels, the next in line gets the seat
event-web-reminders = Reminders
event-web-reminder-times = People signed up in Telegram are reminded at { $day } (the day before) and { $hour } (the hour before); on the web, please keep these times in mind.
event-web-again = Sign up again
event-web-checkin-title = Event check-in
event-web-checkin = Check in
event-web-checked-in = Checked in: { $title }. Thank you for coming!
event-web-seats-line = { $capacity }: { $signed } signed up, { $waiting } on the waiting list
event-web-seats-open-line = No limit: { $signed } signed up
event-web-present = Present
event-staff-title = Events
event-staff-by-point = Contact point
event-staff-by-month = Month
event-staff-by-kind = Kind
event-staff-figures = Event figures
event-staff-figures-of = By
event-staff-checked-in = Checked in
event-staff-walk-ins = Walk-ins
event-staff-new = Create an event
event-staff-point = Contact point
event-staff-title-field = Title
event-staff-kind = Kind
event-staff-topic = Topic
event-staff-time-hint = Write times like 2026-12-10 14:00.
event-staff-starts = Starts
event-staff-ends = Ends
event-staff-venue = Place (a link for an online event)
event-staff-capacity = Seats (empty: no limit)
event-staff-description = Description
event-staff-consultation = Related consultation (optional)
event-staff-code = Number
event-staff-channel = Channel
event-staff-mark = Mark present
event-staff-unmark = Unmark
event-staff-page = The event's web page (to forward or print on a poster):
event-staff-code-once = The new check-in code is shown this once: show the QR code at the venue or tell residents the code. The old code no longer works.
event-staff-code-made = A check-in code was made. If it is lost, make a new one (the old one stops working).
event-staff-code-new = Make a check-in code and QR code
event-staff-roster-empty = Nobody has signed up yet.
event-staff-after = After the event
event-staff-save = Save
event-staff-note = Note
event-staff-photos-hint = You can also send photos to the bot in a Telegram private chat with { $code } as the caption.
event-staff-photos = Photos
event-staff-photos-private = { $count } of at most { $max }. Only staff see them; the event's page for residents shows no photos.
event-staff-photo-alt = Photo { $n } of { $code }
event-staff-photo-delete = Delete photo { $n }
event-staff-photo-field = Photo
event-staff-photo-hint = JPG, PNG or WebP, at most { $mb } MB. Where it was taken and similar details are removed from the photo.
event-staff-photo-upload = Upload the photo
event-staff-photo-none = Please choose a photo first.
event-staff-question = A question residents asked (added to the FAQ's unanswered questions)
event-staff-question-add = Add to the unanswered questions
event-staff-edit = Change the event
event-staff-cancel-warning = When it is cancelled, the { $count } people signed up or waiting (those in Telegram) and the resident groups are told.
stats-events-hint = Event figures: /stats events
stats-events-title = <b>Event figures</b> (cancelled events left out)
stats-events-line = { $name }: { $events } events, { $signed } signed up, { $checked } checked in, { $walkins } walk-ins, { $reached } people reached
stats-events-by-point = By contact point:
stats-events-by-month = By month:
stats-events-by-kind = By kind:
event-web-consultation = Related consultation
event-view-consultation = Related consultation: { $code } (send /consultations to read it)
event-staff-none-web = No events yet. Create one with the form below.
## Community issues: managing categories, retiring departments, web photos, triage and figures in chat
relay-staff-categories = Community issue categories
relay-staff-categories-intro = A retired category is no longer offered to residents, nor for re-categorising; community issues already reported under it keep it.
relay-staff-category-code = Code
relay-staff-category-code-hint = 1–32 lowercase letters, digits, - or _; it cannot change once added, e.g. housing.
relay-staff-name-zh = Chinese name
relay-staff-name-en = English name
relay-staff-rename = Rename
relay-staff-add-category = Add a category
relay-staff-in-use = In use
relay-staff-retired = Retired
relay-staff-retire = Retire
relay-staff-restore = Restore
relay-staff-retire-named = Retire: { $name }
relay-staff-restore-named = Restore: { $name }
relay-bad-category-name = A category's name is one line of 1–50 characters.
relay-bad-category-code = A category's code is 1–32 lowercase letters, digits, - or _.
relay-duplicate-category = There is already a category with the code { $code } (retired ones count).
relay-last-category = At least one category must stay in use, so that residents can report.
relay-bad-photo = A photo must be a JPG, PNG or WebP of at most 10 MB.
relay-categories-admins = This is for admins.
relay-categories-title = 📮 <b>Community issue categories</b>
relay-categories-line = · <code>{ $code }</code> { $name } · { $state }
relay-categories-usage =
    Add: /categories add CODE Chinese-name English name
    Rename: /categories rename CODE Chinese-name English name
relay-web-photo-field = Photo (optional, one)
relay-web-photo-hint = JPG, PNG or WebP, at most { $mb } MB. Where it was taken and similar details are removed from the photo.
relay-web-photo-kept = One photo is attached; choosing another replaces it.
photo-too-large = The photo is too large: please use one of at most { $mb } MB.
photo-not-a-photo = This is not a JPG, PNG or WebP photo; please choose another.
relay-web-photo-lost = The photo was not kept; please choose it again.
relay-web-photo-count = { $count ->
    [one] one photo
   *[other] { $count } photos
}
relay-web-photo = Photo { $n }
relay-web-photo-alt = Photo { $n } of { $receipt }
relay-chat-choose-category = Which category should { $receipt } be filed under?
relay-chat-recategorised = { $receipt } is now filed under “{ $category }”.
relay-chat-merge-ask = Which report is the same problem as { $receipt }? Press one below, or send its receipt number (like S-0001). Send /cancel to stop.
relay-chat-merge-unknown = No community issue has this receipt number. Send it again, or /cancel to stop.
relay-chat-merged = { $receipt } is merged into { $into }; the residents will be told.
relay-chat-answer-via = How did the answer to { $receipt } arrive?
relay-chat-answer-outcome = What is the resolution of { $receipt }?
relay-chat-answer-text = Send the handling department's answer to { $receipt } (at most { $max } characters); the resident will be told. Send /cancel to stop.
relay-chat-answer-recorded = The answer to { $receipt } is recorded; the resident will be told.
relay-chat-figures-button = 📮 Community issue figures
relay-chat-figures-title = 📮 <b>Community issue figures</b> ({ $scope })
relay-chat-figures-status = Status: { $statuses }
relay-chat-figures-line = · { $name }: { $reports } reported, { $forwarded } forwarded, { $answered } answered, median days to answer { $days }
relay-chat-figures-by-category = <b>By category</b>
relay-chat-figures-by-point = <b>By contact point</b>
relay-chat-figures-by-department = <b>By handling department</b>
privacy-dialogue-relay-triage = handling a community issue (merging, or recording an answer)
cmd-categories = Community issue categories (admins)
## Open calls (calls for legislative-plan suggestions)
consultation-kind-regulation = Consultation
consultation-kind-open-call = Open call
cmd-opencall = Open a call for project suggestions (admins)
decision-outcome-planned = In the legislative plan
decision-outcome-research = For research
decision-outcome-deferred = Not taken up now
card-open-call = 📢 <b>Open call: { $title }</b>
    Deadline: { $deadline }
card-open-call-footer = Which matters need a regulation? Send a project suggestion in a private chat with me: the title, the problem it should solve, what it should contain. Your suggestion is not shown in the group.
card-suggest = Suggest a project
card-open-call-reminder = ⏰ The open call <b>{ $title }</b> closes in { $left } ({ $deadline }). If you have a suggestion, press the button below.
card-open-call-deadline = ⏰ The open call <b>{ $title }</b> now closes on { $deadline }. If you have a suggestion, press the button below.
card-open-call-closing = The open call <b>{ $title }</b> has closed. Thank you all! Every project suggestion is recorded in the ledger, and each submitter will hear its outcome.
feedback-open-call = Open call: { $title }
feedback-suggestion = The project you suggested: { $project }
conclude-open-call-totals = { $people } people made { $suggestions } project suggestions in this open call.
conclude-open-call-none-taken = After study, no project suggestion is taken up this time. Thank you to every resident who made one.
conclude-open-call-taken = After study, { $count } suggestions are in the legislative plan or for research, among them:
conclude-open-call-project = Project suggestion
open-call-refused = Only admins can open a call for project suggestions.
open-call-usage = Usage: /opencall deadline theme (a description may follow on the next lines), for example:
    /opencall 2027-01-31 Suggestions for the 2027 legislative plan
    To reach some contact points only, put their codes before the theme, e.g. /opencall 2027-01-31 @jinqiao,huamu Theme
open-call-bad-scope = No such contact points: { $codes }. Write the points' codes after @, separated by commas, e.g. /opencall 2027-01-31 @jinqiao,huamu Theme
open-call-published = Opened the call { $code } "{ $title }", closing { $deadline }; telling { $groups } resident groups.
open-call-no-articles = { $code } is an open call and has no articles: project suggestions are given and decided one by one.
open-call-not-one = { $code } is a consultation on a draft regulation; it takes no project suggestions.
open-call-view = <b>{ $title }</b> ({ $code }, open call)
    Status: { $state }
    Deadline: { $deadline }
open-call-review-receipt = <b>{ $receipt }</b> · project suggestion · { $status }
open-call-decide-header = Project suggestions on <b>{ $code } { $title }</b> (each decided on its own):
open-call-decide-line = { $receipt } · { $project } · { $outcome }
open-call-undecided = not decided
open-call-decide-choose = Choose the project suggestion to decide.
suggestion-start = You are making a project suggestion on <b>{ $title }</b> ({ $code }).
suggestion-ask-title = Which regulation should be made or changed? Write its title (2–{ $max } characters), e.g. "Electric Bicycle Regulations".
suggestion-bad-title = The title needs 2–{ $max } characters on one line.
suggestion-ask-problem = What problem should the regulation solve? ({ $min }–{ $max } characters)
suggestion-bad-problem = The problem needs { $min }–{ $max } characters (now { $count }).
suggestion-ask-contents = What should the regulation contain? ({ $min }–{ $max } characters)
suggestion-bad-contents = The contents need { $min }–{ $max } characters (now { $count }).
suggestion-ask-related = Are there related laws or rules in force? Name them (up to { $max } characters), or press "Skip".
suggestion-bad-related = The related rules may have up to { $max } characters (now { $count }).
suggestion-review = <b>Please check your project suggestion</b>
    Open call: { $title } ({ $code })
suggestion-line-project = Title: { $project }
suggestion-line-problem = Problem to solve: { $problem }
suggestion-line-contents = Contents: { $contents }
suggestion-line-related = Related rules in force: { $related }
suggestion-received = Your project suggestion is received. Receipt number <b>{ $receipt }</b>.
    The liaison records it and passes it to the Legislative Affairs Commission. When the open call is decided, we will tell you its outcome and why. Send /mine to see what you have sent.
web-open-call-intro = This is an open call and has no draft articles: suggest the regulation you would like made or changed, with the problem it should solve and what it should contain.
web-form-project = Title (2–{ $max } characters, e.g. "Electric Bicycle Regulations")
web-form-problem = What problem should the regulation solve? ({ $min }–{ $max } characters)
web-form-contents = What should it contain? ({ $min }–{ $max } characters)
web-form-related = Related laws and rules in force (optional, up to { $max } characters)
web-field-project = Title
web-field-problem = Problem to solve
web-field-contents = Contents
web-field-related = Related rules in force
staff-open-call-new = Open a call for project suggestions
staff-open-call-lead = An open call has no draft articles: residents suggest legislative projects on its theme (title, problem, contents). It is announced to every contact point's resident groups at once.
staff-open-call-theme = Theme
staff-open-call-description = Description (optional; it goes on the group card)
staff-open-call-deadline = Deadline (e.g. 2027-01-31 or 2027-01-31 18:00)
staff-open-call-create = Open it and tell the resident groups
staff-open-call-suggestions = Project suggestions (each decided on its own)
open-call-group-reply = <b>{ $title }</b> asks for project suggestions (title, problem, contents): please press "Suggest a project" under the card and send yours in private chat.
err-invalid-suggestion = The project suggestion does not fit the rules: a title of 2–100 characters; the problem and contents within the stated lengths; related rules up to 500 characters.
err-invalid-outcome = This outcome does not apply to this kind of consultation (a project suggestion is in the legislative plan, for research, or not taken up now).
open-call-closed = The open call <b>{ $title }</b> is closed (or not open yet): no suggestions can be given now. Thank you for your interest!
web-open-call-closed = This open call has closed and takes no more suggestions.
web-review-suggestion-title = Please check your project suggestion
web-receipt-suggestion-title = Your project suggestion is received
## A contact point's district (/point)
cmd-point = Contact points and their districts (admins)
point-admins = Contact points and districts are managed by admins.
point-usage = Usage: /point POINT-CODE district DISTRICT-CODE (- for no district).
point-list-title = <b>Contact points</b> ({ $count })
point-list-line = · <code>{ $code }</code> { $name } · { $district }
point-district-set = { $point } is now in { $district }.
point-district-none = { $point } is now in no district.
