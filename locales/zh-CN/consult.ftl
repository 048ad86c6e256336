# consult-bot — 简体中文（默认）
# 每条消息都以 HTML 发送；变量由程序转义后传入。
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

## 角色
role-admin = 管理员
role-liaison = 联络员
role-informant = 信息员
role-county = 县区人大

## 对话中的通用回复
unknown-message = 我还没看懂这条消息。发送 /help 查看我能做什么。
error-generic = 抱歉，处理时出了点问题，请稍后再试。问题已记录，工作人员会跟进。

## 命令行：输出
cli-migrated = 数据库结构已是最新。
cli-sample-point-name = 示例联系点
cli-sample-summary = 这是一份示例草案，用来熟悉网页征求意见的流程：阅读条文、提出意见、记下收件编号、查看办理结果。
cli-sample-occupations = 居民,业主委员会成员,物业服务人员,律师,企业职工,其他
cli-sample-done = 已发布示例征求意见 { $code }「{ $title }」，只面向示例联系点 sample。
cli-sample-open = 运行 consult-bot 后，在浏览器中打开：{ $url }
cli-web-only = 没有 Telegram 令牌：只提供网页渠道。请在浏览器中打开 { $url }（按 Ctrl+C 停止）。
cli-point-added = 已添加联系点 { $code }：{ $name }
cli-point-renamed = 联系点 { $code } 已更名为：{ $name }
cli-point-district-set = 联系点 { $code } 已划入 { $district }。
cli-point-district-cleared = 联系点 { $code } 已不属于任何区县。
cli-district-added = 已添加区县 { $code }：{ $name }
cli-district-list-empty = 还没有区县。用 consult-bot district add 代码 名称 添加。
cli-district-row = { $code }	{ $name }	{ $points }
cli-point-deactivated = 联系点 { $code }（{ $name }）已停用；已有记录保留，不再接受新的角色和群组。
cli-point-list-empty = 还没有联系点。用 consult-bot point add 代码 名称 添加。
cli-point-row = { $code }	{ $name }	{ $district }	{ $status }
cli-point-active = 启用
cli-point-inactive = 已停用
cli-role-granted = 已授予用户 { $user } { $role }角色。
cli-role-granted-point = 已授予用户 { $user } { $role }角色，所属联系点：{ $point }。
cli-role-granted-district = 已授予用户 { $user } { $role }角色，所属区县：{ $district }。
cli-role-revoked = 已撤销用户 { $user } 的{ $role }角色。
cli-role-none = 用户 { $user } 没有任何角色，无需撤销。
cli-role-list-empty = 还没有人被授予角色。
cli-role-row = { $user }	{ $role }	{ $point }	{ $since }
cli-invite-created = 一次性邀请链接（{ $role }，{ $expires } 前有效，只能使用一次）：
cli-invite-created-point = 一次性邀请链接（{ $point } 的{ $role }，{ $expires } 前有效，只能使用一次）：
cli-running = consult-bot 已启动（@{ $bot }），按 Ctrl+C 停止。

## 命令行：错误（每条一行，随后以非零状态退出）
cli-error = 错误：{ $reason }
err-token-missing = 没有提供 Telegram 令牌。请用 --token 或环境变量 TELOXIDE_TOKEN 提供（向 @BotFather 申请）。
err-token-malformed = Telegram 令牌格式不对：应形如 123456789:AAE…（数字、冒号、至少 30 个字母数字）。请从 @BotFather 复制完整令牌。
err-token-rejected = Telegram 拒绝了这个令牌（Unauthorized）。令牌可能已被撤销，请在 @BotFather 重新获取。
err-api-url = Bot API 地址无效：{ $url }（应为 http:// 或 https:// 开头的网址）。
err-web-url = 网页地址无效：{ $url }（应为 http:// 或 https:// 开头的网址，居民的链接和二维码都指向它）。
err-api-unreachable = 无法连接 Telegram Bot API（{ $url }）：{ $detail }
err-database-url = 数据库地址无效：{ $url }（支持 sqlite:文件路径 或 postgres://…）。
err-database-unreachable = 无法打开数据库：{ $detail }
err-database-readonly = 数据库不可写：{ $detail }
err-migrate = 数据库结构升级失败：{ $detail }
err-database = 数据库出错：{ $detail }
err-unknown-code = 数据库中有本程序不认识的取值：{ $what } = “{ $code }”（可能由更新的版本写入）。
err-unknown-point = 没有代码为 { $code } 的联系点。用 consult-bot point list 查看全部联系点。
err-duplicate-point = 代码为 { $code } 的联系点已经存在。
err-inactive-point = 联系点 { $code } 已停用，不能再绑定角色。
err-point-required = { $role }必须绑定一个联系点，请加上 --point 联系点代码。
err-point-not-allowed = 管理员和县区人大不绑定联系点，请去掉 --point。
err-unknown-district = 没有代码为 { $code } 的区县。用 consult-bot district list 查看全部区县。
err-duplicate-district = 区县 { $code } 已经存在（区县的代码和名称都不能重复）。
err-district-required = 县区人大必须绑定一个区县，请加上 --district 区县代码。
err-district-not-allowed = 只有县区人大绑定区县，请去掉 --district。
err-invalid-district-code = 区县代码须为 1–32 个字符，只能包含小写字母、数字、- 和 _。
err-invite-not-found = 邀请链接无效：请检查链接是否完整。
err-invite-used = 这个邀请链接已经被使用过了，每个链接只能用一次。请向发出邀请的人索取新链接。
err-invite-expired = 这个邀请链接已经过期。请向发出邀请的人索取新链接。
err-invalid-point-code = 联系点代码须为 1–32 个字符，只能包含小写字母、数字、- 和 _。
err-invalid-point-name = 联系点名称不能为空，最多 100 个字，且不能含控制字符。
err-invalid-district = 区县名称不能为空，最多 100 个字，且不能含控制字符。
err-invalid-role = 角色只能是 admin（管理员）、liaison（联络员）或 informant（信息员）。
err-invalid-locale = 语言只能是 zh-CN 或 en。
err-invalid-duration = 时长格式不对：{ $value }（例如 30m、12h、7d）。
err-invalid-timezone = 未知时区：{ $value }（例如 Asia/Shanghai）。
err-invalid-user-id = Telegram 用户编号应为整数：{ $value }

## 命令菜单（setMyCommands）
cmd-start = 开始，查看正在征求意见的草案
cmd-help = 帮助
cmd-lang = 切换语言 / Language
cmd-groups = 查看关联的居民群（联络员、管理员）
cmd-invite = 邀请联络员或信息员（联络员、管理员）
cmd-link = 把本群关联到联系点（联络员）
cmd-unlink = 取消本群的关联（联络员、管理员）

## /start 与 /help
start-greeting-resident = 您好，{ $name }！我是基层立法联系点的助手。

    市人大常委会起草或修改地方性法规时，会通过各基层立法联系点听取群众意见。在这里，您可以阅读正在征求意见的草案，私下提交您的意见，并收到意见办理情况的反馈。
start-greeting-informant = 您好，{ $name }！您是{ $point }的信息员。

    您可以像居民一样阅读草案、提交意见。
start-greeting-liaison = 您好，{ $name }！您是{ $point }的联络员。

    把我加入本联系点的居民群，我会自动把群关联到{ $point }。用 /groups 查看已关联的群，用 /invite 邀请本联系点的信息员。
start-greeting-admin = 您好，{ $name }！您是管理员。

    用 /groups 查看各联系点的居民群，用 /invite 邀请联络员和信息员。
start-greeting-county = 您好，{ $name }！您是{ $district }的县区人大工作人员，可以查看和办理本区县各联系点的工作。
start-open-none = 目前没有正在征求意见的草案。有新草案时，我会在您所在的居民群里通知。
help-resident = <b>我能做什么</b>
    /start — 开始，查看正在征求意见的草案
    /consultations — 浏览正在征求意见的草案
    /events — 普法活动：查看、报名；在现场发送「签到 签到码」签到
    /lang — 切换语言 / Language
    /mydata — 查看我存储的您的个人信息
    /forget — 删除您的个人信息
    /help — 显示本帮助

    您的意见在与我的私聊中提交，不会公开在群里。
help-staff = <b>联络员、县区人大和管理员</b>
    /groups — 查看已关联的居民群
    /invite — 发出一次性邀请链接
    /newdraft — 录入法规草案（也可直接发送文件）
    /publish、/announce、/extend、/summary、/revise、/close、/withdraw 加编号 — 管理征求意见
    /status — 查看群发进度
    /poster 12 — 本联系点的海报、二维码和网页链接，可转发到微信群
    /stats — 意见统计、各条文图表和联系点考核
    /newevent — 创建普法活动；/event E12 — 签到码、签到名单、现场参加人数、小结
    /decide、/release、/conclude 加编号 — 作出处理决定、向提出人反馈、办结并发布回音壁（管理员）；/unreached — 需要当面告知的提出人
    /prompt 12 [第五条] 问题 | 选项1 | 选项2 — 在居民群里提问；/prompts — 查看回复和投票
    /point — 联系点及其所属区县；/point 代码 district 区县代码 — 设置所属区县（管理员）
    /cancel — 取消当前操作
    在居民群里：/link 把群关联到联系点，/unlink 取消关联
help-group = 我是基层立法联系点助手。提交意见、阅读草案，请私聊我：@{ $bot }
    联络员可在群里发送 /link 关联本群，/unlink 取消关联。
private-only = 这个命令请在与我的私聊中使用：@{ $bot }
group-only = 这个命令请在要关联的居民群里发送。

## 邀请
invite-redeemed = 欢迎！您现在是{ $point }的{ $role }。发送 /help 查看可以使用的命令。
invite-redeemed-admin = 欢迎！您现在是管理员。发送 /help 查看可以使用的命令。
invite-usage-admin = 用法：/invite liaison 联系点代码（邀请联络员）、/invite informant 联系点代码（邀请信息员）或 /invite county 区县代码（邀请县区人大）。
invite-usage-liaison = 用法：/invite informant（邀请本联系点的信息员）。
invite-usage-county = 用法：/invite liaison 联系点代码（邀请本区县联系点的联络员）或 /invite informant 联系点代码（邀请信息员）。
invite-refused = 抱歉，只有管理员和联络员可以发出邀请。
invite-liaison-only-informants = 联络员只能邀请本联系点的信息员。
invite-created = 一次性邀请链接（{ $point }的{ $role }，{ $expires } 前有效，只能使用一次）：
    { $link }

    请只发给被邀请的人本人。

## 语言
lang-choose = 请选择语言 / Choose your language:
lang-button-zh = 中文
lang-button-en = English
lang-set = 好的，以后我会用中文和您交流。
button-stale = 这个按钮已经失效了，请重新发送命令。

## 居民群
group-intro = 大家好！我是{ $point }的意见征集助手。

    市人大常委会就法规草案征求意见时，我会在群里发布通知。提交意见请点通知下方的「提交意见」，在与我的私聊中完成——您的意见不会公开在群里。发送 /help 了解更多。
group-intro-unlinked = 大家好！我是基层立法联系点助手。

    这个群还没有关联到联系点。请本联系点的联络员在群里发送 /link 完成关联；关联之后，我会在这里发布征求意见的通知。
group-linked = 本群已关联到{ $point }。今后该联系点的征求意见通知会发布在这里。
group-link-refused = 抱歉，只有联系点的联络员或管理员可以关联本群。
group-link-needs-code = 管理员关联群时请写上联系点代码，例如：/link hongqiao
group-already-linked = 本群已经关联到{ $point }。
group-linked-elsewhere = 本群已经关联到{ $point }。如需更改，请由该联系点的联络员或管理员先发送 /unlink。
group-unlinked = 本群已取消与{ $point }的关联，今后不再收到征求意见通知。
group-not-linked = 本群目前没有关联任何联系点。
group-unlink-refused = 抱歉，只有本群所属联系点的联络员或管理员可以取消关联。
groups-refused = 抱歉，只有联络员和管理员可以查看群列表。
groups-none = 还没有任何居民群。把我加入居民群，联络员加入时会自动关联。
groups-header = <b>{ $point }</b>
groups-header-unlinked = <b>未关联的群</b>
groups-row = • { $title }（{ $status }，{ $since }）
groups-row-unlinked = • { $title }（{ $status }，{ $since } 加入）
group-status-active = 使用中
group-status-inactive = 已移出
groups-since = { $date } 起关联

## 草案录入
cmd-newdraft = 录入新的法规草案（联络员、管理员）
cmd-consultations = 正在征求意见的草案
cmd-cancel = 取消当前操作
draft-refused = 抱歉，只有管理员和联络员可以录入草案。
draft-send = 请把草案发给我：.docx、.txt 或 .md 文件，或直接粘贴全文。发送 /cancel 取消。
draft-err-too-large = 文件太大了（{ $size } MB），请发送 { $limit } MB 以内的文件。
draft-err-empty = 文件是空的。请检查是否选错了文件。
draft-err-binary = 这看起来不是文本文件。请发送 .docx、.txt 或 .md 格式的草案。
draft-err-undecodable = 无法识别文件的文字编码（支持 UTF-8 和 GBK/GB18030）。请另存为 UTF-8 文本或 .docx 后再发送。
draft-err-not-docx = 这个文件不是有效的 .docx 文档。如果是旧版 .doc，请在 Word 中另存为 .docx。
draft-err-unsupported = 暂不支持 .{ $extension } 文件。请发送 .docx、.txt 或 .md 格式的草案。
draft-err-no-articles = 没有在文件中找到“第…条”形式的条文。请确认这是法规草案的全文。
draft-err-unpacked = 这个 .docx 文件展开后的内容超过 { $limit } MB，远远超出一部法规草案的篇幅（文件可能已损坏或被恶意构造）。请另存为 .docx 或 .txt 后重新发送。
draft-err-too-long = 草案文字超过 { $limit } 字，远远超出一部法规草案的篇幅。请只发送草案本身（可以去掉附件和说明）。
draft-err-too-many-articles = 草案超过 { $limit } 条，远远超出一部法规草案的条文数。请检查是否选错了文件。
draft-err-article-too-long = { $article }超过 { $limit } 字，远远超出一条条文的篇幅。它后面是否有没有标明“附件”的附件或说明？请删去或标明后重新发送。
draft-understood = <b>我读到的草案结构</b>
    标题：{ $title }
    { $chapters } 章，{ $articles } 条（{ $first } 至 { $last }）
draft-understood-no-title = （未识别出标题）
draft-irregularities = <b>请核对：</b>
draft-irr-out-of-order = • { $found } 出现在 { $after } 之后，顺序不对
draft-irr-duplicate = • { $number } 出现了不止一次
draft-irr-gap = • { $after } 之后直接是 { $next }，中间缺条
draft-irr-skipped = • 第 { $line } 行没有归入任何条文：{ $text }
draft-irr-more = • ……另有 { $count } 处
draft-ask-title = 请发送这次征求意见的标题。
draft-ask-title-suggested = 请发送这次征求意见的标题，或点按钮使用识别出的标题。
draft-use-title = 使用「{ $title }」
draft-ask-deadline = 截止时间？例如 2027-01-15（当天 23:59 截止）或 2027-01-15 18:00。
draft-ask-scope = 发往哪些联系点？发送联系点代码（用逗号分隔，例如 hongqiao, gubei），或点「全部联系点」。
draft-scope-all = 全部联系点
draft-ask-summary = 请发送一段简短说明（会显示在群通知里，1000 字以内），或发送 /skip 跳过。
draft-ask-source = 请发送草案原文的官方链接（http 或 https），或发送 /skip 跳过。
draft-ask-occupations = 请发送提交意见时可选的职业列表，用逗号分隔（例如：教师，医生，社区工作者），或发送 /skip 跳过。
draft-bad-title = 标题须为 1–200 个字，且只有一行。
draft-bad-deadline = 没看懂这个时间，或它已经过去了。请按 2027-01-15 或 2027-01-15 18:00 的格式发送一个将来的时间。
draft-bad-scope = 没有找到这些联系点：{ $codes }。请重新发送，或点「全部联系点」。
draft-bad-summary = 说明须在 1000 字以内。
draft-bad-url = 请发送以 http:// 或 https:// 开头的链接，或发送 /skip 跳过。
draft-bad-occupations = 请发送 1–30 个职业，每个不超过 30 个字，用逗号分隔。
draft-saved = 已保存为草稿 { $code }：{ $title }
    截止时间：{ $deadline }
    范围：{ $scope }
    发布到居民群：/publish { $id }
draft-cancelled = 已取消，没有保存任何内容。
draft-nothing-to-cancel = 当前没有进行中的操作。
draft-nothing-to-skip = 这一步不能跳过。
scope-all = 全部联系点

## 征求意见的管理
consultation-usage = 用法：{ $usage }
consultation-unknown = 没有编号为 { $id } 的征求意见。
consultation-not-yours = 抱歉，只有管理员或创建这次征求意见的联络员可以这样做。
consultation-not-announced-here = 这次征求意见不发往你负责的联系点，不能由你重新公告。
consultation-wrong-state = 这次征求意见目前是「{ $state }」状态，不能这样操作。
state-draft = 草稿
state-open = 征求意见中
state-closed = 已截止
state-concluded = 已办结
state-withdrawn = 已撤回
consultation-published = 已发布 { $code }，正在通知 { $groups } 个居民群。
consultation-no-groups = 已发布 { $code }，但范围内还没有关联的居民群，所以没有发出通知。
consultation-announced = 正在向 { $groups } 个居民群重新发送 { $code } 的通知。
consultation-extended = { $groups ->
    [0] { $code } 的截止时间已改为 { $deadline }。
   *[other] { $code } 的截止时间已改为 { $deadline }，正在通知 { $groups } 个居民群。
}
consultation-summary-set = { $code } 的说明已更新。
consultation-withdrawn = 已撤回 { $code }，正在通知 { $groups } 个居民群。
consultation-closed = 已提前截止 { $code }，正在通知 { $groups } 个居民群。
revise-send = 请发送 { $code } 的修改稿（.docx、.txt 或 .md 文件，或粘贴全文）。发送 /cancel 取消。
revise-saved = 已保存 { $code } 的第 { $version } 稿（{ $articles } 条）。之前的意见仍对应它们提出时的那一稿。
revise-announced = 已保存 { $code } 的第 { $version } 稿，正在通知 { $groups } 个居民群。

## 群通知
card-announce = 📢 <b>征求意见：{ $title }</b>
    截止时间：{ $deadline }
    草案共 { $articles } 条
card-revised = 📢 <b>草案已修改（第 { $version } 稿）：{ $title }</b>
    截止时间：{ $deadline }
    修改稿共 { $articles } 条
card-footer = 欢迎阅读草案，并在与我的私聊中提交意见——您的意见不会公开在群里。
card-read = 阅读草案
card-submit = 提交意见
card-web = 🌐 网页版（可转发到微信）
consultation-web-app = 🌐 在网页中阅读草案
card-reminder = ⏰ <b>{ $title }</b>征求意见还有 { $left }截止（{ $deadline }）。还没提意见的朋友，欢迎点下方按钮提交。
card-deadline = ⏰ <b>{ $title }</b>征求意见的截止时间改为 { $deadline }。还没提意见的朋友，欢迎点下方按钮提交。
card-closing = <b>{ $title }</b>征求意见已截止，感谢大家参与！每一条意见都会登记在册，办理结果会反馈给提出意见的居民。
card-withdrawn = <b>{ $title }</b>的征求意见已撤回，此前的通知作废。
left-days = { $n } 天
left-minutes = { $n } 分钟
left-hours = { $n } 小时
datetime-format = %Y年%-m月%-d日 %H:%M

## 浏览草案
consultations-none = 目前没有正在征求意见的草案。
consultations-header = <b>正在征求意见的草案</b>（点按钮查看）
consultations-item = { $code } { $title }（{ $state }，截止 { $deadline }）
consultation-view = <b>{ $title }</b>（{ $code }，第 { $version } 稿）
    状态：{ $state }
    截止时间：{ $deadline }
    共 { $articles } 条
consultation-pick-chapter = 请选择章节：
consultation-pick-article = 请选择条文：
consultation-source = 原文链接：{ $url }
nav-prev = ‹ 上一页
nav-next = 下一页 ›
nav-back = « 返回

## 网页（居民）
web-site-name = 立法意见征集
web-language = 语言
web-language-zh = 中文
web-language-en = English
web-not-found-title = 找不到这个页面
web-not-found = 您要找的内容不存在，或者还没有公开。
web-error-title = 出错了
web-error = 服务器暂时出了问题，请稍后再试。
web-back-to-list = 返回征求意见列表
web-list-title = 法规草案征求意见
web-list-point = 来自：{ $point }
web-list-open = 正在征求意见
web-list-none-open = 目前没有正在征求意见的草案。
web-list-closed = 最近已截止
web-deadline = 截止时间：{ $deadline }
web-state-concluded = 已办结，可查看意见的办理结果
web-state-closed = 已截止，正在研究处理意见
web-poster-qr-label = 扫码阅读草案、提出意见
web-poster-print-hint = 这是可以张贴的 A4 海报：用浏览器的“打印”功能打印即可（打印时本段文字不会出现）。
web-poster-png = 下载二维码（PNG）
web-poster-svg = 下载二维码（SVG，可放大）
web-state-open = 正在征求意见
web-version = 第 { $version } 稿
web-closed-notice = 征求意见已截止，不再接收新的意见。
web-revision-title = 第 { $version } 稿修改了以下条文
web-revision-added = （新增）
web-revision-changed = （有修改）
web-revision-removed = 另删去了上一稿的 { $count } 条。
web-contents = 目录
web-source = 草案原文
web-article-added = 本条是第 { $version } 稿新增的。
web-article-changed = 第 { $version } 稿对本条的修改
web-article-old-title = 上一稿的条旨：{ $title }
web-article-changes-legend = 与上一稿第 { $previous } 条相比：[+ …] 为新增文字，[− …] 为删去文字。
web-pager = 翻页
web-prev = ‹ 上一条
web-next = 下一条 ›

## 网页：提出意见、收件编号、查看办理结果
web-form-title = 提出意见
web-form-article = 针对哪一条
web-form-bad-article = 草案里没有这一条，请从列表中选择。
web-form-stance = 您的看法
web-form-need-stance = 请选择您的看法。
web-form-body = 您的意见（{ $min }–{ $max } 字）
web-form-wording = 建议的条文表述（提“修改建议”时填写，可不填）
web-form-name = 姓名（选“实名”时填写）
web-form-organization = 单位名称（选“单位”时填写）
web-form-occupation = 职业（可不填）
web-form-not-given = 不填
web-form-district = 所在的区或街道（可不填）
web-form-bad-detail = 请填写 1–50 个字。
web-form-next = 下一步：核对
web-form-problems = 请先修改下面标出的内容，您填写的内容都还在。
web-form-expired = 页面已经过期（或浏览器没有保存 Cookie），意见还没有提交。您填写的内容都还在，请再点一次按钮。
web-form-honeypot = 请不要填写此栏
web-form-honeypot-filled = “请不要填写此栏”一栏应当留空，意见还没有提交。
web-form-your-text = 您写的内容（可以复制保存）
web-consent-title = 个人信息说明
web-consent = 我们会保存您的意见和您选择填写的身份信息，用于登记意见、整理上报法工委，并在这里告诉您办理结果。不勾选“保存身份信息”，意见会以匿名方式登记，姓名、单位、职业和地区都不保存。信息保存到本次征求意见办结后 180 天。
web-consent-details = 保存我这次填写的身份信息
web-consent-quote = 同意在回音壁中匿名引用我的原话
web-review-title = 请核对您的意见
web-review-change = 返回修改
web-review-not-kept = 您没有勾选“保存身份信息”，所以填写的姓名或单位不会保存，意见将以匿名方式登记。
web-field-consultation = 草案
web-field-article = 条文
web-field-stance = 看法
web-field-body = 意见
web-field-wording = 建议表述
web-field-identity = 身份
web-field-occupation = 职业
web-field-district = 区或街道
web-field-given = 提交时间
web-field-status = 状态
web-receipt-title = 已收到您的意见
web-receipt-number = 收件编号：
web-receipt-keep = 请保存下面这个链接（可以收藏本页或截图）。凭它可以查看办理结果，截止前还可以修改或撤回意见。链接只给了您，请不要转发给别人。
web-receipt-next = 联系点联络员会登记、整理您的意见并报送市人大常委会法工委。征求意见结束后，这里会显示是否采纳及理由。
web-status-title = 意见 { $receipt }
web-outcome-title = 办理结果
web-outcome-reason = 理由：
web-outcome-pending = 还没有办理结果。征求意见结束、研究处理后，这里会显示是否采纳及理由。
web-outcome-withdrawn = 您已撤回这条意见。
web-history = 修改记录（{ $count } 次）
web-edit = 修改意见
web-edit-title = 修改意见 { $receipt }
web-edit-save = 保存修改
web-withdraw = 撤回意见
web-withdraw-title = 撤回意见 { $receipt }
web-withdraw-explain = 撤回后这条意见不再参与研究处理，但会留在台账中并标明“已撤回”。确定要撤回吗？
web-withdraw-confirm = 确定撤回
web-locked = 征求意见已截止，或这条意见已撤回、已经处理，不能再修改或撤回了。
web-back-to-status = 返回意见详情
web-back-to-draft = 返回草案
web-already-title = 这条意见已经收到
web-already = 一小时内已经收到过内容相同的意见（收件编号 { $receipt }），这次没有重复登记。
web-mine-title = 我提交的意见
web-mine-explain = 这里列出在这个浏览器上提交的意见。换了手机或清除了浏览器数据，请用提交时保存的链接查看。
web-mine-none = 在这个浏览器上还没有提交过意见。
web-miniapp-refused = Telegram 的登录信息已过期或无法核实，意见还没有提交。请回到机器人，重新点「阅读草案」打开本页再提交。

## 网页工作台：账号、登录与会话（/staff、/web、consult-bot staff）
staff-nav = 工作台菜单
staff-nav-work = 业务
staff-nav-figures = 统计
staff-nav-setup = 管理
staff-telegram-person = Telegram 用户
staff-signed-in = { $name }（{ $role }）
staff-signed-in-point = { $name }（{ $point } { $role }）
staff-logout = 退出登录
staff-login-title = 工作人员登录
staff-login-name = 账号
staff-login-password = 密码
staff-login-submit = 登录
staff-login-refused = 账号或密码不正确。
staff-login-locked = 这个账号登录失败的次数太多，已暂时锁定。请在 { $until } 之后再试；忘记密码请联系管理员。
staff-login-locked-address = 从这个网络登录失败的次数太多，已暂时锁定。请在 { $until } 之后再试。
staff-login-expired = 页面已经过期（或浏览器没有保存 Cookie），这次没有登录。请重新输入密码再登录一次。
staff-login-password-set = 密码已设置好，请用新密码登录。
staff-logged-out = 您已退出登录。
staff-session-needed = 请先登录。
staff-session-ended = 您较长时间没有操作，或这次登录已到最长时限，为了安全已自动退出。请重新登录。
staff-session-revoked = 您的工作人员角色已被撤销，不能再使用工作台。如有疑问请联系管理员。
staff-form-expired-title = 操作没有执行
staff-form-expired = 页面已经过期，这次操作没有执行。请回到工作台重新操作一次。
staff-password-title = 设置登录密码
staff-password-for = 账号：{ $name }
staff-password-new = 新密码
staff-password-confirm = 再输入一次新密码
staff-password-rules = 密码至少 { $min } 个字符，不能是常见密码（如 1234567890、qwertyuiop、woaini1314），也不能与账号相同。可以用汉字、空格和标点，一句好记的话最安全。
staff-password-save = 保存密码
staff-password-too-short = 密码太短：至少要 { $min } 个字符。
staff-password-too-long = 密码太长：最多 { $max } 个字符。
staff-password-common = 这个密码太常见，很容易被猜到，请换一个。
staff-password-name = 密码不能与账号相同，请换一个。
staff-password-mismatch = 两次输入的新密码不一致，请重新输入。
staff-link-valid-until = 本链接 { $expires } 前有效，只能使用一次。
staff-link-gone-title = 链接已失效
staff-link-used = 这个链接已经用过了，每个链接只能使用一次。如需重新设置密码或登录，请联系管理员（或在 Telegram 机器人中发送 /web）。
staff-link-expired = 这个链接已经过期。请联系管理员重新发送（或在 Telegram 机器人中发送 /web）。
staff-link-login-title = 登录工作台
staff-link-login-explain = 点击下面的按钮登录网页工作台。这个链接只能使用一次。
staff-link-login-submit = 登录工作台
staff-account-title = 账号与密码
staff-account-change = 修改密码
staff-account-current = 当前密码
staff-account-changed = 密码已修改。用旧密码在其他设备上的登录都已退出。
staff-account-wrong-current = 当前密码不正确，密码没有修改。
staff-account-telegram-only = 您是通过 Telegram 机器人的一次性链接登录的，没有设置密码。下次请在机器人里发送 /web 获取新的登录链接。
staff-dashboard-title = 工作台
staff-dashboard-scope-all = 范围：全部联系点
staff-dashboard-scope-point = 范围：{ $point }
staff-dashboard-waiting = 待处理的意见：{ $count } 条
staff-dashboard-informant = 您可以为本联系点录入线下收集的意见。下面是正在征求意见的草案。
staff-dashboard-open = 正在征求意见
staff-dashboard-none-open = 目前没有正在征求意见的草案。
staff-dashboard-col-consultation = 草案
staff-dashboard-col-deadline = 截止时间
staff-dashboard-col-opinions = 意见
staff-dashboard-col-waiting = 待处理
staff-dashboard-left = 还有 { $left }
staff-dashboard-due = 已到截止时间
staff-opinion-title = 意见 { $receipt }
staff-opinion-whole-draft = 整部草案
staff-opinion-channel = 渠道
staff-opinion-point = 联系点
cmd-staff = 添加网页工作台账号（联络员、管理员）
cmd-web = 获取网页工作台的登录链接（工作人员）
staff-usage-admin = 用法：/staff add 账号 角色 联系点代码（角色为 liaison 联络员或 informant 信息员）；管理员账号：/staff add 账号 admin。
staff-usage-liaison = 用法：/staff add 账号 informant（为本联系点添加信息员）。
staff-usage-county = 用法：/staff add 账号 角色 联系点代码（角色为 liaison 联络员或 informant 信息员，联系点须属本区县）。
staff-refused = 抱歉，只有管理员和联络员可以添加工作台账号。
staff-liaison-only-informants = 联络员只能为本联系点添加信息员账号。
staff-bad-name = 账号须为 1–50 个字母、数字或汉字，可以含 . _ - @，不能有空格。
staff-duplicate = 账号 { $name } 已经存在。
staff-created = 已添加账号 { $name }（{ $point }的{ $role }）。请把下面的一次性链接发给本人，用来设置登录密码（{ $expires } 前有效，只能使用一次）：
    { $link }
staff-created-admin = 已添加账号 { $name }（{ $role }）。请把下面的一次性链接发给本人，用来设置登录密码（{ $expires } 前有效，只能使用一次）：
    { $link }
staff-web-not-served = 网页工作台还没有开通（启动时需设置 --web-url）。
staff-web-refused = 抱歉，只有工作人员（管理员、联络员、信息员）可以登录网页工作台。
staff-web-link = 网页工作台的一次性登录链接（{ $minutes } 分钟内有效，只能使用一次，请不要转发）：
    { $link }
cli-staff-added = 已添加账号 { $name }（{ $role }）。设置密码的一次性链接（{ $expires } 前有效，只能使用一次）：
cli-staff-added-point = 已添加账号 { $name }（{ $point } 的{ $role }）。设置密码的一次性链接（{ $expires } 前有效，只能使用一次）：
cli-staff-reset = 账号 { $name } 设置新密码的一次性链接（{ $expires } 前有效，只能使用一次；此前发出的链接已失效）：
cli-staff-revoked = 已撤销账号 { $name } 的{ $role }角色，其网页工作台的登录已全部退出。
cli-staff-no-role = 账号 { $name } 没有角色，无需撤销。
cli-staff-list-empty = 还没有工作台账号。用 consult-bot staff add 账号 --role 角色 --point 联系点代码 添加。
cli-staff-row = { $name }	{ $role }	{ $point }	{ $password }	{ $person }
cli-staff-password-set = 已设密码
cli-staff-password-unset = 未设密码
cli-staff-no-role-listed = 无角色
err-invalid-staff-name = 账号须为 1–50 个字母、数字或汉字，可以含 . _ - @，不能有空格。
err-duplicate-staff = 账号 { $name } 已经存在（或这个 Telegram 用户已有账号）。
err-unknown-staff = 没有名为 { $name } 的工作台账号。用 consult-bot staff list 查看全部账号。
err-password-hash = 密码未能加密保存（{ $detail }），请再试一次。
cli-about-staff = 网页工作台的工作人员账号：添加、重设密码、撤销、列出
cli-about-staff-add = 添加工作人员账号并授予角色，打印设置密码的一次性链接
cli-arg-staff-add-name = 登录账号：1–50 个字母、数字或汉字，可含 . _ - @
cli-arg-staff-add-role = 角色：admin（管理员）、county（县区人大）、liaison（联络员）或 informant（信息员）
cli-arg-staff-add-point = 所属联系点代码（联络员和信息员必填）
cli-arg-staff-add-district = 所属区县代码（县区人大必填）
cli-arg-staff-add-telegram-id = 本人也使用 Telegram 时，其 Telegram 用户 ID（角色授予这个 ID，聊天和网页是同一个人）
cli-about-staff-reset = 为账号打印新的设置密码链接（忘记密码或链接过期时；此前的链接失效）
cli-arg-staff-reset-name = 登录账号
cli-about-staff-revoke = 撤销账号的角色，其网页工作台的登录立即退出
cli-arg-staff-revoke-name = 登录账号
cli-about-staff-list = 列出工作台账号及其角色
cli-arg-staff-idle-timeout = 网页工作台：多久没有操作即自动退出登录（如 30m）
cli-arg-staff-session-max = 网页工作台：登录后最长多久必须重新登录（如 12h）

## Broadcasts
broadcast-purpose = { $purpose ->
    [announce] 征求意见通知
    [revised] 修订稿通知
    [reminder] 截止提醒
    [closing] 截止通知
    [withdrawn] 撤回通知
    [deadline] 截止时间变更通知
    [feedback] 意见反馈
    [summary] 回音壁
    [prompt] 提问
    [digest] 每日意见摘要
    [review_reminder] 审阅提醒
   *[other] { $purpose }
}
broadcast-progress = { $purpose }：已发送 { $sent }/{ $total }
broadcast-progress-done = { $purpose }：已发送 { $sent }/{ $total }，发送完毕。
broadcast-progress-done-problems = { $purpose }：已发送 { $sent }/{ $total }，发送完毕。失败 { $failed }，状态未知 { $unknown }，发送 /status 查看详情。
status-refused = 抱歉，只有联络员和管理员可以查看群发状态。
status-none = 还没有群发记录。
status-header = <b>最近的群发</b>
status-broadcast = <b>#{ $id } { $purpose }</b>（{ $subject }，{ $time }）
status-broadcast-plain = <b>#{ $id } { $purpose }</b>（{ $time }）
status-about-consultation = { $code }《{ $title }》
status-about-draft = { $code }《{ $title }》第 { $version } 稿
status-about-prompt = 提问 P{ $id }：{ $code }《{ $title }》
status-counts = 已发送 { $sent }/{ $total }，排队 { $queued }，失败 { $failed }，状态未知 { $unknown }
status-failed-chat = • 失败：{ $chat }（{ $reason }）
status-unknown-chat = • 状态未知：{ $chat }（发送时程序中断，可能已经送达，不会重发）
delivery-failure-removed = 机器人已不在这个群里
delivery-failure-blocked = 对方屏蔽了机器人
delivery-failure-deactivated = 对方的 Telegram 账号已注销
delivery-failure-not-started = 对方没有私聊过机器人，机器人不能先发消息
delivery-failure-chat-not-found = Telegram 找不到这个会话
delivery-failure-no-rights = 机器人在这个群里不能发言
delivery-failure-interrupted = 发送时程序中断，可能已经送达
delivery-failure-gave-up = 多次重试仍未发出（网络或 Telegram 服务器出错）
delivery-failure-upgraded = 这个群已升级为超级群，消息改发到升级后的群
delivery-failure-other = 其他原因：{ $reason }

## 命令行：征求意见
cli-imported = 已导入草稿 { $code }：{ $title }（{ $chapters } 章，{ $articles } 条，截止 { $deadline }）。在私聊中发送 /publish { $id } 发布。
cli-imported-check = 请核对：{ $count } 处编号或文字未能归入条文（在私聊中发送草案可查看详情）。
cli-consultation-row = { $code }	{ $state }	{ $deadline }	{ $title }
cli-consultation-none = 还没有征求意见。
err-draft = 无法读取草案：{ $reason }
err-file-not-found = 找不到文件 { $path }。
err-file-denied = 没有权限读取文件 { $path }。
err-file-too-large = 文件 { $path } 太大了（上限 { $max } MB）。
err-file = 无法读取文件 { $path }（{ $detail }）。
err-file-directory = { $path } 是一个目录，请写出文件名。
err-write-not-found = 无法写入文件 { $path }：所在的目录不存在。
err-write-denied = 没有权限写入文件 { $path }。
err-write = 无法写入文件 { $path }（{ $detail }）。
err-consultation-number = 征求意见编号不对：{ $value }（例如 12 或 C12）。
err-invalid-scope = 请至少指定一个存在的联系点。
err-invalid-opinion-length = 意见的字数不在允许的范围内。

## 提交意见
opinion-closed = 《{ $title }》的征求意见已经截止（或尚未开始），暂时不能提交意见。感谢您的关心！
opinion-start = 您正在就<b>{ $title }</b>提出意见（{ $code }）。
opinion-ask-article = 您的意见针对哪一条？请发送条文编号（例如“第十二条”或“12”），或点「整部草案」。
opinion-whole-draft = 整部草案
opinion-article-unknown = 草案里没有这一条。请发送正确的编号（共 { $count } 条），或点「整部草案」。
opinion-ask-stance = 您对{ $target }的看法是？
opinion-ask-body = 请写下您的意见（{ $min }–{ $max } 字）。
opinion-body-short = 意见太短了（至少 { $min } 个字），请再具体一些。
opinion-body-long = 意见太长了（最多 { $max } 个字，现在 { $count } 个字）。请精简后再发送，或分成几条意见提交。
opinion-ask-wording = 您建议怎样修改？请写出建议的条文表述，或发送 /skip 跳过。
opinion-ask-identity = 您希望以什么身份提交？
opinion-ask-name = 请发送您的姓名。
opinion-ask-organization = 请发送单位名称。
opinion-bad-name = 请发送 1–50 个字。
opinion-ask-occupation = 您的职业是？（可跳过）
opinion-occupation-other = 其他
opinion-skip = 跳过
opinion-consent = <b>个人信息说明</b>
    我们会保存您的意见、您选择的身份信息和您的 Telegram 账号编号，用于登记意见、整理上报法工委，并把办理结果告诉您。信息保存到本次征求意见办结后 180 天；您随时可以用 /mydata 查看、用 /forget 删除（意见本身会匿名保留）。
    请选择：
opinion-consent-details = { $mark } 保存我这次填写的身份信息
opinion-consent-quote = { $mark } 同意在回音壁中匿名引用我的原话
opinion-consent-continue = 继续
opinion-review = <b>请核对您的意见</b>
    草案：{ $title }（{ $code }，第 { $version } 稿）
    条文：{ $target }
    看法：{ $stance }
    意见：{ $body }
opinion-review-wording = 建议表述：{ $wording }
opinion-review-identity = 身份：{ $identity }
opinion-review-consent = 保存身份信息：{ $details }；同意匿名引用：{ $quote }
opinion-review-consent-quote = 同意匿名引用：{ $quote }
opinion-submit = 提交
opinion-edit = 修改
opinion-cancel = 取消
opinion-back = 返回
opinion-cancelled = 已取消，您的意见没有提交。
opinion-received = 已收到您的意见，收件编号 <b>{ $receipt }</b>。
    联系点联络员会登记、整理您的意见并报送市人大常委会法工委。征求意见结束后，我们会把办理结果（是否采纳及理由）告诉您。发送 /mine 可以查看您提交过的意见。
opinion-yes = 是
opinion-no = 否
stance-support = 支持
stance-oppose = 反对
stance-amend = 修改建议
stance-add = 补充建议
stance-other = 其他
identity-anonymous = 匿名
identity-named = 实名
identity-organization = 单位
channel-card = 私聊提交
channel-article = 条文页提交
channel-group-reply = 群内回复
channel-prompt-reply = 提问回复
channel-prompt-vote = 提问投票
channel-offline-forum = 座谈会
channel-offline-visit = 走访
channel-offline-hearing = 听证会
channel-offline-other = 线下其他
channel-web = 网页
mine-none = 这里没有与您关联的意见。如果您用 /forget 删除过个人信息，此前提交的意见已匿名保留在台账中，不再与您关联，所以不在这里显示。
mine-header = <b>您提交的意见</b>
mine-row = { $receipt } · { $title } · { $target } · { $stance } · { $status }
mine-row-suggestion = { $receipt } · { $title } · 立法项目建议：{ $project } · { $status }
opinion-status-received = 已收到
card-comment-article = 对本条提意见
card-comment = 提交意见
cmd-mine = 我提交的意见

## Personal data
cmd-mydata = 查看我的个人信息
cmd-forget = 删除我的个人信息
privacy-header = <b>我存储的关于您的个人信息</b>
privacy-user-id = Telegram 用户编号：{ $id }
privacy-locale-name = { $locale ->
    [en] English
   *[zh] 中文
}
privacy-locale = 语言：{ $locale }（{ $time } 设置）
privacy-locale-none = 语言：未设置（按您的 Telegram 语言回复）
privacy-role = 角色：{ $role }，{ $point }（{ $time } 授予）
privacy-role-admin = 角色：{ $role }（{ $time } 授予）
privacy-role-none = 角色：无
privacy-dialogue-opinion = 提交意见
privacy-dialogue-opinion-edit = 修改意见
privacy-dialogue-record = 录入线下意见
privacy-dialogue-decision = 作出处理决定
privacy-dialogue-review = 填写审阅说明
privacy-dialogue-draft = 录入草案
privacy-dialogue-faq = 解答普法问题
privacy-dialogue-report = 反映社情民意
privacy-dialogue-unreadable = 无法读取的对话（发送 /cancel 可清除）
privacy-dialogue = 进行中的对话：{ $kind }（{ $time } 更新）
privacy-dialogue-none = 进行中的对话：无
privacy-opinions-none = 意见：无
privacy-opinions = 意见（{ $count } 条）：
privacy-opinion = • { $receipt }《{ $title }》，{ $time } 提交，状态：{ $status }
privacy-opinion-identity = 　身份：{ $identity }
privacy-opinion-name = 　姓名：{ $value }
privacy-opinion-organization = 　单位：{ $value }
privacy-opinion-occupation = 　职业：{ $value }
privacy-opinion-district = 　所在区域：{ $value }
privacy-opinion-consent = 　保存身份信息：{ $details ->
    [yes] 是
   *[no] 否
}；同意在回音壁中匿名引用原话：{ $quote ->
    [yes] 是
   *[no] 否
}（{ $time } 作出的选择）
privacy-opinion-no-consent = 　没有作出选择，未保存身份信息
privacy-inbox = 尚未清除内容的收到消息：{ $count } 条（消息处理后内容即删除）
privacy-audit = 操作记录中与您有关的条目：{ $count } 条
privacy-deliveries = 发给您的群发消息记录：{ $count } 条
privacy-attributions = 记录您为创建人、关联人、邀请人或录入人的条目：{ $count } 条
privacy-footer = 发送 /forget 可删除以上个人信息。
privacy-nothing = 我没有存储关于您的任何个人信息。
forget-ask = <b>确定要删除您的个人信息吗？</b>
forget-will-erase = 将删除：
forget-erase-profile = • 您选择的语言
forget-erase-role = • 您的角色（{ $role }）：删除后您将失去相应权限，需要时请管理员重新授予
forget-erase-dialogue = • 进行中的对话
forget-erase-opinions = • 您 { $count } 条意见中的身份信息（姓名、单位、职业、所在区域、是否保存身份信息的选择）以及意见与您的关联
forget-erase-records = • 收到的消息内容、操作记录和群发记录中与您有关的内容
forget-keep = 将保留：这 { $count } 条意见的内容、看法、条文和收件编号会以匿名形式留在台账中，继续供立法机关参考。删除后您无法再查看或修改这些意见，也不会再收到它们的办理反馈。
forget-irreversible = 此操作无法撤销。
forget-button-confirm = 确认删除
forget-button-cancel = 取消
forget-done = 已删除您的个人信息。
forget-done-opinions = 您的 { $count } 条意见已匿名保留在台账中。
forget-done-role = 您的{ $role }角色已删除。
forget-cancelled = 已取消，没有删除任何数据。
forget-stale = 这个确认已经过期，请重新发送 /forget。
forget-role-at = { $point }的{ $role }
opinion-flood = 您在一小时内已经提交了 { $limit } 条意见，请稍后再提交。感谢您的积极参与！
opinion-expired = 您没有完成的意见已经过期，没有提交。需要的话，可以从通知里的「提交意见」重新开始。
opinion-ask-attachments = 可以发送照片、文件或语音作为附件（可选，最多 { $max } 个，每个不超过 10 MB；已收到 { $count } 个）。发完请点「完成」。
opinion-attachments-done = 完成
opinion-attachment-refused = 附件最多 { $count } 个，每个不超过 { $mb } MB。这个附件没有保存。
opinion-ask-district = 您所在的区或街道？（可跳过）
opinion-review-attachments = 附件：{ $count } 个
opinion-status-withdrawn = 已撤回
mine-edit = 修改 { $receipt }
mine-withdraw = 撤回 { $receipt }
mine-edit-ask = 请发送 { $receipt } 的新内容（{ $min }–{ $max } 字）。原来的内容会保留在记录里。发送 /cancel 取消。
mine-edited = 已修改 { $receipt }。
mine-withdrawn = 已撤回 { $receipt }。它仍会记录在台账中，标为“已撤回”。
mine-locked = 这条意见已经不能修改或撤回了（已撤回，或征求意见已截止）。

## Group replies and prompts
group-reply-closed = 《{ $title }》的征求意见已经截止，这条留言没有登记。感谢您的关心！
group-reply-short = 留言太短了（至少 { $min } 个字），没有登记。可以写得具体一些再回复。
group-reply-long = 留言太长了（最多 { $max } 个字），没有登记。请精简后再回复，或私聊我分条提交。
group-reply-ask = 谢谢您的意见！为保护您的个人信息，登记前请<a href="{ $link }">点这里私聊确认</a>一次。未确认的留言 { $hours } 小时后自动删除。
held-none = 没有找到待确认的留言：可能已经确认或过期，或者这个链接不是发给您的。
held-show = <b>您在群里的留言（待确认）</b>
held-item = • 《{ $title }》{ $target }：{ $body }
held-confirm-quote = 保存，并同意匿名引用原话
held-confirm = 保存
held-discard = 不保存，删除
held-saved = 已登记您的 { $count } 条意见，收件编号：{ $receipts }。可以用 /mine 查看。
held-saved-none = 相关的征求意见已经截止，留言没有登记，已删除。
held-discarded = 已删除您的留言，没有登记。
prompt-usage = 用法：/prompt 12 [第五条] 问题 | 选项1 | 选项2（选项可以不写，最多 6 个）
prompt-not-allowed = 只有联络员和管理员可以发起提问。
prompt-no-question = 请写上要问的问题。
prompt-question-long = 问题太长了（最多 { $max } 个字）。
prompt-option-count = 选项要么不写，要么写 2 到 { $max } 个，用“|”隔开。
prompt-option-long = 每个选项最多 { $max } 个字。
prompt-article-unknown = 草案里没有“{ $article }”。
prompt-not-open = 只能对正在征求意见的草案提问。
prompt-no-groups = 没有可以发送的群：请先把群关联到联系点。
prompt-preview = <b>提问预览</b>（P{ $id }）
    { $card }

    发到哪里？
prompt-all-groups = 发到全部 { $count } 个群
prompt-cancel = 取消
prompt-cancelled = 已取消，提问没有发送。
prompt-queued = 提问 P{ $id } 已排队发送到 { $count } 个群。
prompt-card = <b>请您参与：</b>《{ $title }》{ $target }
    { $question }
prompt-card-options = 点下面的选项作答（只有您自己能看到您的选择，再点一次可以撤回），也可以直接回复本消息留言。
prompt-card-reply = 直接回复本消息即可留言。
prompt-vote-cast = 已记下您的选择：{ $option }（只有您自己能看到）
prompt-vote-changed = 已改为：{ $option }
prompt-vote-withdrawn = 已撤回您的选择。
prompt-vote-closed = 这个提问已经截止，感谢您的关心！
prompt-vote-unknown = 这个按钮已经失效了，感谢您的参与！
prompts-none = 还没有发出的提问。
prompts-header = <b>提问与作答情况</b>
prompts-item = <b>P{ $id }</b> 《{ $title }》{ $target }（{ $state }）
    { $question }
    回复 { $replies } 条{ $tally }
prompts-open = 进行中
prompts-closed = 已截止

## Offline entry
cmd-record = 录入线下收集的意见
record-refused = 抱歉，只有信息员、联络员和管理员可以录入线下收集的意见。
record-none-open = 现在没有您可以录入意见的征求意见（需要正在征求意见、并且面向您的联系点）。
record-start = <b>录入线下意见</b>
    请选择意见针对的草案（也可以直接发送草案编号，如 C12）；选择立法项目征集则录入居民的立法项目建议。
    要一次导入多条，请直接发送填好的 Excel（.xlsx）或 CSV 表格；发送 /record template 获取意见模板，/record suggestions 获取立法项目建议模板。
record-out-of-scope = { $code } 不面向您的联系点，不能为它录入意见。
record-ask-channel = 这条意见是通过什么渠道收集的？
record-ask-date = 意见是哪一天收集的？请按 YYYY-MM-DD 发送日期（例如今天是 { $today }）。
record-bad-date = 日期格式不对，请按 YYYY-MM-DD 发送，例如 { $today }。
record-future-date = 日期不能晚于今天（{ $today }），请重新发送。
record-ask-name = 居民愿意留下姓名吗？愿意的话请发送姓名；不愿意请发送 /skip 或点「跳过」，按匿名登记。
record-bad-name = 请发送 1–{ $max } 个字的姓名，或发送 /skip 跳过。
record-ask-article = 这条意见针对哪一条？请发送条文编号（例如“第十二条”或“12”），或点「整部草案」。
record-ask-stance = 居民对{ $target }的看法是？
record-ask-body = 请写下居民的意见（{ $min }–{ $max } 字）。
record-ask-wording = 居民建议怎样修改？请写出建议的条文表述，或发送 /skip 跳过。
record-review = <b>请核对这条线下意见</b>
    草案：{ $title }（{ $code }，第 { $version } 稿）
    渠道：{ $channel }
    收集日期：{ $date }
    条文：{ $target }
    看法：{ $stance }
    意见：{ $body }
record-ask-point = 这条记录归入您所在县区的哪个联系点？请选择。
record-point-unknown = 找不到这个联系点。请从列表中选择您所在县区的联系点。
record-ask-title = 居民建议制定或修改哪部法规？请写出项目名称（2–{ $max } 字）。
record-review-suggestion = <b>请核对这条线下立法项目建议</b>
    立法项目征集：{ $title }（{ $code }）
    渠道：{ $channel }
    收集日期：{ $date }
record-saved-suggestion = 已登记这条线下立法项目建议（{ $channel }，{ $date }），收件编号 <b>{ $receipt }</b>，台账中记为由您录入。发送 /record 可以继续录入。
record-suggestions-template-caption = 线下立法项目建议导入模板。在第一个工作表中每行填写一条建议（最多 { $limit } 行），各列的填法见「填写说明」工作表。填好后发送 /record，再把表格发给我。
record-review-named = 居民：{ $name }（实名。由您代居民登记，即表示居民已同意保存其姓名）
record-review-anonymous = 居民：匿名
record-save = 保存
record-cancelled = 已取消，这条意见没有保存。
record-saved = 已登记这条线下意见（{ $channel }，{ $date }），收件编号 <b>{ $receipt }</b>，台账中记为由您录入。发送 /record 可以继续录入。
record-template-caption = 线下意见导入模板。在第一个工作表中每行填写一条意见（最多 { $limit } 行），各列的填法见「填写说明」工作表。填好后发送 /record，再把表格发给我。
record-sheet-too-large = 表格太大了（{ $size } MB），最大 { $limit } MB，请拆分后分别发送。
record-sheet-unsupported = 只能导入 Excel（.xlsx）或 CSV 表格。发送 /record template 获取模板。
record-sheet-unreadable = 无法读取这个表格，请确认文件没有损坏，或另存为 .xlsx 后重新发送。
record-sheet-undecodable = 无法识别这个 CSV 文件的编码，请另存为 UTF-8 编码的 CSV 或 .xlsx 后重新发送。
record-sheet-unpacked = 这个表格展开后的内容超过 { $limit } MB，远远超出一份意见表的篇幅（文件可能已损坏或被恶意构造）。请使用模板（/record template）重新填写后发送。
record-sheet-missing-columns = 表格缺少这些列：{ $columns }。第一行应是表头，请使用模板（/record template）。
record-sheet-empty = 表格里没有意见（表头下面是空的）。
record-sheet-too-many = 表格有 { $rows } 行意见，一次最多导入 { $limit } 行，请拆分后分别发送。
record-sheet-problems = 表格中有 { $count } 处错误，没有导入任何意见。请改正后重新发送：
record-sheet-problem = 第 { $row } 行：{ $problem }
record-sheet-more = ……另有 { $count } 处错误未列出。
record-column-consultation = 草案编号
record-column-channel = 渠道
record-column-date = 日期
record-column-name = 居民姓名
record-column-article = 条文
record-column-stance = 看法
record-column-body = 意见内容
record-column-wording = 建议表述
record-column-title = 项目名称
record-column-problem = 要解决的问题
record-column-contents = 主要内容
record-column-related = 相关法规
record-problem-missing = { $column }没有填写
record-problem-format = { $column }格式不对（{ $key ->
    [consultation] 应为 C12 或 12
    [channel] 只能填座谈会、走访、听证会或其他
    [date] 应为 YYYY-MM-DD，例如 2026-11-20
    [name] 不能包含换行等控制字符
    [article] 应为“第十二条”或“12”，针对整部草案的留空
    [title] 应为一行文字，不能换行
    [related] 不能包含控制字符
   *[stance] 只能填支持、反对、修改建议、补充建议或其他
}）
record-problem-unknown-consultation = { $column }不存在
record-problem-not-open = { $column }对应的草案现在不在征求意见期间
record-problem-wrong-kind = { $column }与这种表格不符：草案的意见请用意见模板（/record template），立法项目征集的建议请用建议模板（/record suggestions）
record-problem-out-of-scope = { $column }对应的草案不面向您的联系点
record-problem-unknown-article = { $column }在草案中不存在
record-problem-future = { $column }不能晚于今天
record-problem-too-short = { $column }太短（至少 { $min } 个字）
record-problem-too-long = { $column }太长（最多 { $max } 个字）
record-imported = 已导入 { $count } 条线下意见，台账中记为由您录入。收件编号：{ $receipts }
record-imported-already = 另有 { $count } 条之前已经导入过，没有重复登记。
record-imported-nothing = 这个表格的 { $count } 条意见之前都已经导入过，没有重复登记。
record-receipt-range = { $first } 至 { $last }
record-list-separator = 、

## 网页工作台：审阅与导出（/staff/review、/staff/opinions、/staff/export）
staff-review-title = 审阅意见
staff-review-filters = 筛选意见
staff-review-filter-consultation = 草案
staff-review-any-consultation = 全部草案
staff-review-filter-article = 条文
staff-review-any-article = 全部条文
staff-review-filter-status = 状态
staff-review-any-status = 全部状态
staff-review-filter-channel = 渠道
staff-review-any-channel = 全部渠道
staff-review-filter-point = 联系点
staff-review-any-point = 全部联系点
staff-review-filter-text = 包含文字
staff-review-filter-text-hint = 在意见、建议表述和收件编号中查找。
staff-review-filter-submit = 筛选
staff-review-filter-clear = 清除筛选
staff-review-export = 下载 { $consultation } 的意见汇总表（XLSX）
staff-review-caption = 意见台账：共 { $total } 条，这里是第 { $from }–{ $to } 条
staff-review-caption-empty = 意见台账：没有符合筛选条件的意见
staff-review-col-select = 选择
staff-review-col-receipt = 收件编号
staff-review-col-article = 条文
staff-review-col-stance = 看法
staff-review-suggestion = 立法项目建议
staff-review-col-body = 意见
staff-review-col-point = 联系点
staff-review-col-channel = 渠道
staff-review-col-status = 状态
staff-review-col-given = 提交时间
staff-review-select = 选择 { $receipt }
staff-review-none = 没有符合筛选条件的意见。
staff-review-bulk = 对勾选的意见
staff-review-bulk-reviewed = 标为已阅
staff-review-bulk-forwarded = 转交法工委
staff-review-bulk-invalid = 标为无效
staff-review-reason = 无效的理由（标为无效时必填，勾选的意见共用这一条理由）
staff-review-bulk-submit = 执行
staff-review-done-reviewed = 已将 { $count } 条意见标为已阅。
staff-review-done-forwarded = 已将 { $count } 条意见标为转交法工委。
staff-review-done-invalid = 已将 { $count } 条意见标为无效。
staff-review-skipped = 另有 { $count } 条已撤回或不在您可以审阅的范围内，没有改动。
staff-review-problem-none-ticked = 请先勾选要处理的意见。这次没有改动任何意见。
staff-review-problem-action = 请选择一种操作。这次没有改动任何意见。
staff-review-problem-reason = 标为无效需要写明理由。这次没有改动任何意见。
staff-review-pages = 翻页
staff-review-page = 第 { $page } / { $pages } 页
staff-review-prev = 上一页
staff-review-next = 下一页
staff-opinion-version-of = 第 { $version } 稿
staff-opinion-submitter = 提出人
staff-opinion-edited = 修改于 { $time }
staff-opinion-reviewed-at = 审阅于 { $time }
staff-opinion-duplicate-of = 重复于
staff-opinion-invalid-reason = 无效的理由
staff-opinion-attachments = 附件
staff-opinion-attachments-count = { $count } 个（附件保存在 Telegram，请在机器人的 /review 中查看）
staff-opinion-decision = 处理决定
staff-opinion-back = 返回本草案的意见台账
staff-opinion-review = 审阅
staff-opinion-reason-label = 无效的理由
staff-opinion-duplicate-legend = 与 { $receipt } 重复的是哪一条意见？（同一草案中相近的意见，同一条文的在前）
staff-opinion-duplicate-none = 同一草案中没有可以选择的其他意见。
staff-opinion-duplicate-submit = 标为重复
staff-opinion-notes = 备注
staff-opinion-no-notes = 还没有备注。
staff-opinion-note-label = 新备注
staff-opinion-note-add = 添加备注
staff-opinion-problem-reason = 标为无效需要写明理由，这条意见没有改动。
staff-opinion-problem-duplicate = 请从列出的意见中选择与它重复的那一条，这条意见没有改动。
staff-opinion-problem-note = 备注是空的，没有添加。
staff-export-title = 导出意见汇总表
staff-export-scope-all = 范围：全部联系点的意见
staff-export-scope-point = 范围：{ $point }的意见
staff-export-explain = 意见汇总表与机器人 /export 发送的相同：每个草案一张台账，另有按条文汇总和考核表。提出人和职业只在提出人同意保存身份信息时填写，否则写“匿名”。每次下载都记入审计日志。
staff-export-all = 下载全部草案（XLSX）
staff-export-caption = 按草案下载
staff-export-col-consultation = 草案
staff-export-col-state = 状态
staff-export-col-opinions = 意见
staff-export-col-files = 下载
staff-export-file-of = 下载 { $code } 的
staff-export-csv-hint = CSV 文件只含一个草案的台账，编码为带 BOM 的 UTF-8，Excel 可以直接打开。
staff-export-none = 还没有可以导出的草案。

## Exports (/export, consult-bot export)
cmd-export = 导出意见汇总表（联络员、管理员）
export-refused = 抱歉，只有联络员和管理员可以导出意见。联络员只能导出本联系点的意见。
export-usage = 用法：/export 导出全部草案的意见汇总表（XLSX）；/export 12 只导出 C12；/export 12 csv 导出 C12 的 CSV 文件。
export-not-your-point = C{ $id } 没有面向{ $point }征求意见，没有可导出的本联系点意见。
export-csv-needs-id = CSV 文件只能导出一个草案，请写明编号，例如 /export 12 csv。
export-anonymous = 匿名
export-caption = 意见汇总表：{ $consultations } 个草案，{ $rows } 条意见。
export-caption-point = 意见汇总表（{ $point }）：{ $consultations } 个草案，{ $rows } 条意见。
export-caption-undecided = 其中 { $count } 条尚未作出处理决定，它们的办理结果和理由两列为空。
cli-exported = 已导出 { $rows } 条意见（{ $consultations } 个草案）到 { $file }
err-export = 无法导出：{ $reason }
err-export-csv = CSV 文件只能导出一个草案，请加上 --consultation 编号。
dialogue-expired = 您没有完成的操作已经过期，没有保存。需要的话请重新开始。

## Review (/review)
cmd-review = 审阅意见（联络员、管理员）
opinion-status-reviewed = 已阅
opinion-status-forwarded = 已转交
opinion-status-duplicate = 重复
opinion-status-invalid = 无效
review-refused = 抱歉，只有联络员和管理员可以审阅意见。联络员只能审阅本联系点的意见。
review-none = 还没有可以审阅的意见。
review-header = <b>意见审阅</b>（{ $scope }）
review-scope-all = 全部联系点
review-consultation = <b>C{ $id }</b> { $title }
review-counts = 待处理 { $received } · 已阅 { $reviewed } · 转交 { $forwarded } · 重复 { $duplicate } · 无效 { $invalid } · 已撤回 { $withdrawn }
review-choose = 请选择一个草案开始审阅。
review-button-consultation = C{ $id } { $title }（待处理 { $received }）
review-position = 第 { $n }/{ $total } 条 · { $filter } · { $article }
review-filter-pending = 待处理
review-filter-all = 全部
review-article-all = 全部条文
review-suggestions-all = 全部建议
review-empty = 没有符合筛选条件的意见。
review-receipt = <b>{ $receipt }</b> · { $article } · 第 { $version } 稿 · { $status }
review-stance = 看法：{ $stance }
review-body = 意见：{ $body }
review-wording = 建议表述：{ $wording }
review-channel = 渠道：{ $channel }
review-identity = 提出人：{ $identity }
review-identity-withheld = { $identity }（未同意保存身份信息）
review-detail-name = 姓名：{ $value }
review-detail-organization = 单位：{ $value }
review-detail-occupation = 职业：{ $value }
review-detail-district = 所在区域：{ $value }
review-attachments = 附件：{ $count } 个
review-duplicate-of = 重复于：{ $receipt }
review-invalid-reason = 无效理由：{ $reason }
review-notes = 备注：
review-note = • { $time } { $note }
review-status-received = 待处理
review-status-reviewed = 已阅
review-status-forwarded = 转交
review-status-duplicate = 重复
review-status-invalid = 无效
review-status-withdrawn = 已撤回
review-act-reviewed = 已阅
review-act-forwarded = 转交
review-act-duplicate = 重复
review-act-invalid = 无效
review-act-note = 备注
review-act-files = 附件（{ $count }）
review-prev = ◀ 上一条
review-next = 下一条 ▶
review-back = 返回列表
review-cancel = 取消
review-duplicate-choose = 选择与 { $receipt } 重复的意见：
review-duplicate-none = 没有可以选择的相似意见。
review-duplicate-row = • { $receipt } · { $article } · { $excerpt }
review-invalid-ask = 请发送 { $receipt } 无效的理由（例如与草案无关、含有辱骂内容）。发送 /cancel 取消。
review-note-ask = 请发送对 { $receipt } 的备注。发送 /cancel 取消。
review-text-empty = 请用文字发送。发送 /cancel 取消。
review-done-reviewed = 已将 { $receipt } 标为已阅。
review-done-forwarded = 已将 { $receipt } 标为转交法工委。
review-done-duplicate = 已将 { $receipt } 标为与 { $of } 重复。
review-done-invalid = 已将 { $receipt } 标为无效。
review-done-note = 已为 { $receipt } 添加备注。
review-not-yours = 抱歉，这条意见不在您可以审阅的范围内。
review-withdrawn = 这条意见已经撤回，只能查看，不能处理。
review-no-files = 这条意见没有附件。

## Webhook, health and backup
err-webhook-url = Webhook 地址无效：{ $url }（须以 https:// 开头；只有本机回环地址可用 http://）。
err-webhook-port = Webhook 地址 { $url } 的端口不被 Telegram 支持（只能用 443、80、88 或 8443）。
err-webhook-secret = --webhook-secret 无效：须为 1 到 256 个字符，只能使用 A-Z、a-z、0-9、下划线和连字符。
err-webhook-needs = Webhook 模式还需要 { $flag }。
err-webhook-only = { $flag } 只能与 --webhook-url 一起使用。
err-listen-address = 监听地址无效：{ $value }（例如 127.0.0.1:8080 或 [::]:8080）。
err-listen = 无法在 { $addr } 上监听：{ $detail }
err-webhook-rejected = Telegram 拒绝了 webhook 设置：{ $detail }
err-backup-exists = { $file } 已经存在，备份不会覆盖它；请换一个文件名。
err-backup-postgres = backup 只用于 SQLite。PostgreSQL 请用 pg_dump 备份，例如：pg_dump -Fc -f consult.dump "$DATABASE_URL"
err-backup = 备份失败：{ $detail }
cli-backup-done = 已备份到 { $file }（{ $size } 字节），备份文件已通过完整性检查。

## Replicas
err-database-in-use = 另一个 consult-bot 进程正在使用数据库 { $path }。SQLite 数据库只能由一个机器人进程运行；需要多个副本时请改用 PostgreSQL。

## decisions
cmd-decide = 作出处理决定（管理员）
cmd-release = 向提出人发放反馈（管理员）
cmd-unreached = 需要当面告知的提出人
cmd-conclude = 办结并发布回音壁（管理员）
decision-outcome-adopted = 采纳
decision-outcome-partly = 部分采纳
decision-outcome-not-adopted = 未采纳
decision-outcome-out-of-scope = 不属于本次征求范围
decision-refused = 抱歉，只有管理员可以对意见作出处理决定。
decision-bad-text = 理由请在 500 字以内，回音壁用语请用一行、200 字以内。请重新发送，或发送 /cancel 取消。
decision-still-open = { $code } 还在征求意见中，意见仍可能修改或撤回。请在截止（或 /close）之后再作出处理决定。
decision-choose-consultation = 请选择要作出处理决定的征求意见：
decision-no-consultations = 目前没有已截止的征求意见。
decision-no-opinions = { $code } 没有可以作出处理决定的意见（已撤回和无效的意见除外）。
decision-articles-header = <b>{ $code } { $title }</b>：按条文作出处理决定
decision-article-line = • { $article }：{ $eligible } 条意见，已决定 { $decided } 条
decision-article-button = { $article }（{ $decided }/{ $eligible }）
decision-choose-article = 请选择条文。所选决定将适用于该条文的全部意见（不含已撤回和无效的意见；标为重复的意见随原意见一并处理）。
decision-cancel = 取消
decision-cancelled = 已取消，没有记录任何决定。
decision-withdrawn = { $receipt } 已经撤回，不再作出处理决定，也不会反馈。
decision-invalid = { $receipt } 已被标为无效，不作处理决定。如需处理，请先在 /review 中把它标为「已阅」。
decision-unknown-opinion = 找不到这条意见。
decision-not-eligible = 这些意见现在不能作出处理决定（可能已撤回、被标为无效，或征求意见状态已变化）。请重新发送命令。
decision-target-opinion = { $receipt }{ $count ->
    [1] {""}
   *[other] （连同标为与其重复的意见，共 { $count } 条）
}
decision-target-article = { $code } { $article }（{ $count } 条意见）
decision-choose-outcome = 对 { $target } 作出处理决定：
decision-already-decided = 其中 { $count } 条已有决定；作出新的决定后，结果或理由有变化的会以「更正」的形式重新反馈。
decision-ask-reason = { $target } → <b>{ $outcome }</b>
    请发送理由（提出人会收到这段文字，500 字以内）。发送 /cancel 取消。
decision-skip = 跳过
decision-ask-summary = 可选：请用一句话概括这条意见的要点，用于办结时发布的回音壁（提出人未同意引用原话时使用，200 字以内）。不需要请按「跳过」或发送 /skip。
decision-press-confirm = 请按「确认」记录决定，或按「取消」。
decision-cannot-skip = 这一步不能跳过，请发送理由。
decision-confirm = 请确认：{ $target } → <b>{ $outcome }</b>
decision-confirm-reason = 理由：{ $reason }
decision-confirm-summary = 回音壁用语：{ $summary }
decision-confirm-button = 确认
decision-recorded = 已记录：{ $covered } 条意见「{ $outcome }」，其中新的或有变化的决定 { $changed } 条（更正 { $revised } 条）。发送 /release { $id } 向提出人反馈。
decision-review-line = 处理决定：<b>{ $outcome }</b>（第 { $revision } 次决定，{ $released ->
    [yes] 已反馈
   *[no] 尚未反馈
}）
decision-review-reason = 理由：{ $reason }
decision-review-summary = 回音壁用语：{ $summary }
decision-review-button = 处理决定
release-refused = 抱歉，只有管理员可以发放反馈。
release-choose-consultation = 请选择要发放反馈的征求意见：
release-nothing = { $code } 没有需要发放的新反馈（尚未作出决定的意见 { $undecided } 条）。
release-nothing-new = 没有需要发放的新反馈，已发放的不会重复发送。
release-preview = <b>{ $code } { $title }</b>：反馈预览
    • 新反馈 { $new } 条
    • 更正 { $corrections } 条
    • 无法通过 Telegram 联系 { $unreachable } 人（发放后列出，请联络员当面告知）
    • 尚未作出决定的意见 { $undecided } 条
    每位提出人收到自己的收件编号、条文、办理结果和理由，使用其选择的语言。
release-confirm-button = 确认发放
release-done = { $code }：已安排发送 { $queued } 条反馈（其中更正 { $corrections } 条），{ $unreachable } 人无法通过 Telegram 联系。
release-later = 发送失败的（例如提出人屏蔽了机器人）也会列入 /unreached，联络员可随时查看本联系点的名单。
feedback-header = 📬 <b>您的意见有了办理结果</b>
feedback-correction-header = 📬 <b>更正：您的意见办理结果有变化</b>
feedback-receipt = 收件编号：{ $receipt }
feedback-consultation = 草案：{ $title }
feedback-article = 条文：{ $article }
feedback-opinion = 您的意见：{ $excerpt }
feedback-earlier = 此前告知的结果：{ $outcome }
feedback-outcome = 办理结果：<b>{ $outcome }</b>
feedback-reason = 理由：{ $reason }
feedback-thanks = 感谢您参与立法征求意见！发送 /mine 可查看您提交的全部意见。
unreached-header = 以下 { $count } 条意见的提出人无法通过 Telegram 联系，请联络员当面告知：
unreached-no-point = 未关联联系点
unreached-point = <b>{ $point }</b>（{ $count } 条）
unreached-anonymous = 匿名
unreached-why-no-chat = 没有 Telegram 账号
unreached-why-failed = 发送失败：{ $error }
unreached-line = • { $receipt } · { $article } · { $outcome } · { $submitter } · { $channel } · { $why }
unreached-reason = 　理由：{ $reason }
unreached-refused = 抱歉，只有联络员和管理员可以查看这份名单。
unreached-none = 目前没有需要当面告知的提出人。
unreached-consultation = <b>{ $code } { $title }</b>
conclude-refused = 抱歉，只有管理员可以办结征求意见。
conclude-none = 目前没有已截止、可以办结的征求意见。
conclude-choose = 请选择要办结的征求意见：
conclude-already = { $code } 已经办结。
conclude-still-open = { $code } 还在征求意见中，请在截止（或 /close）之后再办结。
conclude-preview = <b>{ $code } 办结预览</b>：回音壁将发送到 { $groups } 个居民群，以下是第一个群将看到的内容：
conclude-warn-undecided = ⚠️ 还有 { $count } 条意见没有作出处理决定。
conclude-warn-unreleased = ⚠️ 还有 { $count } 条决定没有反馈给提出人（发送 /release 发放）。
conclude-ask = 办结后，提出人的身份信息将在保存期满后自动删除。确认办结吗？
conclude-confirm-button = 确认办结
conclude-done = { $code } 已办结，回音壁已安排发送到 { $groups } 个居民群。
conclude-summary-header = 📣 <b>回音壁｜{ $title }</b>
conclude-summary-totals = 本次征求意见共有 { $people } 人提出 { $opinions } 条意见。
conclude-summary-local = 其中来自本联系点（{ $point }）的意见 { $count } 条。
conclude-summary-none-adopted = 经研究，本次意见暂未被采纳，感谢每一位提出意见的居民。
conclude-summary-adopted = 经研究，采纳（含部分采纳）意见 { $count } 条，主要有：
conclude-summary-quote = • { $article }（{ $outcome }）：“{ $quote }”
conclude-summary-words = • { $article }（{ $outcome }）：{ $words }
conclude-summary-bare = • { $article }（{ $outcome }）
conclude-summary-more = ……另有 { $count } 项。
conclude-summary-thanks = 感谢大家积极参与立法！每位提出人已单独收到自己意见的办理结果。

## 网页：办结后公开的意见办理结果（不出现任何人的姓名、单位、区域）
web-results-title = 意见办理结果
web-results-link = 查看意见办理结果
web-results-totals = 本次征求意见共有 { $people } 人提出 { $opinions } 条意见，经研究采纳（含部分采纳）{ $adopted } 条。
web-results-local = 其中来自本联系点（{ $point }）的意见 { $count } 条。
web-results-wall = 回音壁
web-results-wall-intro = 被采纳的意见主要有：
web-results-none-adopted = 经研究，本次意见暂未被采纳，感谢每一位提出意见的居民。
web-results-point-quote = { $article }（{ $outcome }）：“{ $quote }”
web-results-point-words = { $article }（{ $outcome }）：{ $words }
web-results-point-bare = { $article }（{ $outcome }）
web-results-by-article = 逐条统计
web-results-table-caption = 各条收到的意见和采纳数
web-results-col-article = 条文
web-results-col-opinions = 意见（条）
web-results-col-adopted = 采纳（条）
web-results-total = 合计
web-results-whole-draft = 整部草案
web-results-note = 本页的“采纳”含部分采纳，只计已经反馈给提出人的办理结果。
web-results-no-opinions = 本次征求意见没有收到意见。
web-results-read-draft = 阅读草案全文

## 工作台：征求意见（录入草案、发布、二审稿、提前截止、撤回）
staff-consultations-title = 征求意见
staff-consultations-new = 录入新草案
staff-consultations-none = 还没有您可以管理的征求意见。
staff-consultations-caption = 征求意见（新的在前）
staff-consultation-state = 状态
staff-consultation-version = 草案文本
staff-consultation-version-n = 第 { $version } 稿
staff-consultation-scope = 范围
staff-consultation-groups = （{ $groups } 个居民群）
staff-consultation-public-page = 查看居民看到的页面
staff-consultation-actions = 操作
staff-consultation-publish = 发布并通知居民群
staff-consultation-publish-hint = 发布后，居民可以阅读草案、提出意见；范围内的 { $groups } 个居民群会收到通知（与在 Telegram 中发送 /publish 相同）。
staff-consultation-revise = 上传修改稿（二审稿）
staff-consultation-close = 提前截止
staff-consultation-withdraw = 撤回
staff-consultation-to-decisions = 作出处理决定、发放反馈、办结
staff-consultation-saved = 已保存为草稿 { $code }。核对无误后可以发布。
staff-consultation-revised = 已保存 { $code } 的第 { $version } 稿。之前的意见仍对应它们提出时的那一稿。
staff-consultation-deadline-passed = 截止时间已经过去，不能发布。请先用「修改截止时间」（或在 Telegram 中用 /extend）设置新的截止时间。
staff-back-to-consultation = 返回这次征求意见
staff-close-question = 提前截止 { $code } 后，居民不能再提出意见；范围内的 { $groups } 个居民群会收到截止通知。此操作不能撤销。
staff-close-confirm = 确认提前截止
staff-withdraw-question = 撤回 { $code } 后，居民将看不到这份草案；如果它正在征求意见，范围内的 { $groups } 个居民群会收到撤回通知。此操作不能撤销。
staff-withdraw-confirm = 确认撤回
staff-new-lead = 上传草案文件或粘贴全文，填写以下信息，然后核对我读到的草案结构。保存后是草稿，居民还看不到；发布后才会通知居民群。
staff-draft-legend = 草案全文
staff-draft-file = 草案文件（.docx、.txt 或 .md，{ $mb } MB 以内）
staff-draft-paste = 或者在这里粘贴草案全文
staff-draft-carried = 已读取「{ $name }」（{ $articles } 条）。如需更换，请重新选择文件或粘贴全文。
staff-draft-missing = 请选择草案文件，或粘贴草案全文。
staff-draft-understood = 我读到的草案结构
staff-draft-no-title = （未识别出标题）
staff-draft-title-found = 识别出的标题
staff-draft-counts-label = 章和条文
staff-draft-counts = { $chapters } 章，{ $articles } 条（{ $first } 至 { $last }）
staff-draft-regular = 条文编号连续，没有发现需要核对的地方。
staff-draft-check = 请核对：
staff-draft-structure = 各章和条文（每条显示开头几个字）
staff-field-title = 标题
staff-field-title-hint = 留空则使用草案中识别出的标题。
staff-field-deadline = 截止时间
staff-field-deadline-hint = 例如 2027-01-15（当天 23:59 截止）或 2027-01-15 18:00。
staff-field-scope = 发往哪些联系点
staff-field-scope-points = 只发往下面选中的联系点：
staff-field-scope-own = 范围：{ $point }（联络员录入的草案只发往本联系点）
staff-field-summary = 说明
staff-field-summary-hint = 会显示在居民群的通知里，1000 字以内，可以不填。
staff-field-source = 草案原文链接
staff-field-occupations = 可选的职业
staff-field-occupations-hint = 居民提出意见时可以选择的职业，用逗号或顿号分隔（例如：教师，医生，社区工作者），可以不填。
staff-need-title = 草案中没有识别出标题，请填写标题。
staff-need-points = 请至少选择一个联系点，或选择「全部联系点」。
staff-bad-deadline = 没看懂这个截止时间，或它已经过去了。请按 2027-01-15 或 2027-01-15 18:00 的格式填写一个将来的时间。
staff-bad-url = 链接须以 http:// 或 https:// 开头；不需要时请留空。
staff-bad-occupations = 请填写 1–30 个职业，每个不超过 30 个字，用逗号分隔；不需要时请留空。
staff-new-preview = 下一步：核对草案结构
staff-new-check-title = 核对后保存
staff-new-check-lead = 请核对下面的信息和我读到的草案结构。保存后是草稿，发布前居民看不到。
staff-new-save = 保存为草稿
staff-new-edit = 返回修改
staff-revise-title = { $code } 的修改稿
staff-revise-lead = 上传修改后的草案全文，它将成为第 { $version } 稿。之前的意见仍对应它们提出时的那一稿。
staff-revise-changes = 与第 { $version } 稿相比：修改 { $changed } 条，新增 { $added } 条，删去 { $removed } 条。
staff-revise-will-announce = 这次征求意见正在进行中，保存后范围内的居民群会收到修改稿的通知。
staff-revise-save = 保存为第 { $version } 稿

## 工作台：处理决定、发放反馈、办结（管理员）
staff-decisions-title = 处理决定
staff-decisions-lead = 按条文作出处理决定：可以对一条条文的全部意见作出同一个决定，也可以对单条意见单独决定。标为重复的意见随原意见一起处理。
staff-decisions-counts = 共 { $opinions } 条意见，尚未作出决定 { $undecided } 条，已决定但还没有反馈 { $unreleased } 条。
staff-decisions-articles = 有意见的条文
staff-decisions-col-opinions = 意见
staff-decisions-col-decided = 已决定
staff-decisions-next = 下一步
staff-decision-still-open = { $code } 还在征求意见中，意见仍可能修改或撤回。请在截止（或提前截止）之后再作出处理决定。
staff-decision-article-title = { $article }的处理决定
staff-decision-all = 对这条条文的全部 { $count } 条意见作出决定
staff-decision-all-hint = 已有决定的意见会被这个决定替换；办理结果或理由变了的，会在下次发放反馈时作为更正告知提出人。
staff-decision-save-all = 对 { $count } 条意见作出决定
staff-decision-opinions = 这条条文的意见（{ $count } 条）
staff-decision-released = 已反馈
staff-decision-not-released = 尚未反馈
staff-decision-reason-was = 理由：{ $reason }
staff-decision-none = 尚未作出决定
staff-decision-one = 单独决定 { $receipt }
staff-decision-opinion-title = 意见 { $receipt } 的处理决定
staff-decision-duplicates = 另有 { $count } 条标为重复的意见会随这条意见一起处理。
staff-decision-take = 作出处理决定
staff-decision-save-one = 记录处理决定
staff-decision-back-to-article = 返回这条条文的全部意见
staff-decision-outcome = 办理结果
staff-decision-reason = 理由
staff-decision-reason-hint = 提出人会看到这段理由，{ $max } 字以内。
staff-decision-summary = 回音壁用语（可以不填）
staff-decision-summary-hint = 提出人没有同意引用原话时，回音壁用这句话概括采纳的内容，一行，{ $max } 字以内。
staff-decision-need-outcome = 请选择办理结果。
staff-decision-bad-reason = 请填写理由，{ $max } 字以内。
staff-decision-bad-summary = 回音壁用语须为一行，{ $max } 字以内。
staff-decision-recorded = 已记录：这个决定涉及 { $covered } 条意见，其中 { $changed } 条是新的或有变化（{ $revised } 条是对已有决定的修改），将在下次发放反馈时告知提出人。
staff-release-title = 发放反馈
staff-release-preview = 这次将发放：
staff-release-new = 新的反馈：{ $count } 条
staff-release-corrections = 更正：{ $count } 条
staff-release-unreachable = 无法通过 Telegram 联系的提出人：{ $count } 人（发放后列入下面的名单，由联络员当面告知）
staff-release-undecided = 尚未作出决定的意见：{ $count } 条
staff-release-in-person = 这些提出人需要当面告知
staff-release-unreached = 需要当面告知的提出人
staff-release-later = 发送失败的（例如提出人屏蔽了机器人）也会列在这里；联络员在 Telegram 中发送 /unreached 可以查看本联系点的名单。
staff-unreached-receipt = 收件编号
staff-unreached-submitter = 提出人
staff-unreached-outcome = 办理结果和理由
staff-unreached-why = 为什么需要当面告知
staff-conclude-title = 办结
staff-conclude-still-open = { $code } 还在征求意见中，请在截止（或提前截止）之后再办结。
staff-conclude-preview = 办结后，回音壁将发送到 { $groups } 个居民群。下面是第一个群将看到的内容：
staff-conclude-undecided = 还有 { $count } 条意见没有作出处理决定。
staff-conclude-unreleased = 还有 { $count } 条决定没有反馈给提出人（请先发放反馈）。
staff-conclude-ask = 办结后不能撤销；提出人的身份信息将在保存期满后自动删除。确认办结吗？

## 工作台：修改截止时间和说明、重新通知、海报与群通知、居民群、联系点、角色与账号、普法问答
staff-consultation-extend = 修改截止时间
staff-consultation-summary = 修改说明
staff-consultation-groups-title = 居民群
staff-consultation-announce = 重新通知居民群
staff-extend-lead-open = 现在的截止时间是 { $deadline }。保存后，范围内的居民群会收到截止时间变更的通知（与在 Telegram 中发送 /extend 相同），截止前的提醒也按新的时间发送。
staff-extend-lead-draft = 现在的截止时间是 { $deadline }。这次征求意见还没有发布，修改后不会通知居民群。
staff-extend-new = 新的截止时间
staff-extend-save = 保存截止时间
staff-summary-lead = 说明会显示在居民群的通知和网页上。修改后不会单独通知居民群（与在 Telegram 中发送 /summary 相同）。
staff-summary-save = 保存说明
staff-announce-question = 把 { $code } 的通知重新发送到 { $groups } 个居民群？（与在 Telegram 中发送 /announce 相同。）
staff-announce-confirm = 确认重新通知
staff-posters-title = 海报与群通知
staff-posters-lead = 为本联系点的居民准备的材料：复制群通知，粘贴到微信群；下载二维码或打印 A4 海报，张贴在公告栏。居民扫码或点开链接，就能阅读草案、提出意见，提出的意见计入这个联系点。
staff-posters-open = 正在征求意见的草案
staff-posters-one-title = { $code } 的海报与群通知
staff-posters-for-point = 链接和二维码属于{ $point }：通过它们提出的意见计入这个联系点。
staff-posters-for-none = 链接和二维码不属于任何联系点。请选择一个联系点，让通过它们提出的意见计入这个联系点。
staff-posters-point = 联系点
staff-posters-no-point = 不指定联系点
staff-posters-choose = 切换
staff-posters-list-needs-point = 选择一个联系点后，这里会显示该联系点全部征求意见的海报和群通知。
staff-posters-notice = 复制群通知
staff-posters-notice-hint = 这段文字可以直接粘贴到微信群：标题、截止时间、参与方式和链接。没有“复制”按钮时，请长按或全选文本框里的文字再复制。
staff-posters-notice-label = 群通知全文
staff-posters-copy = 复制群通知
staff-posters-copied = 已复制，可以粘贴到微信群了。
staff-posters-copy-failed = 没能自动复制，请长按或全选文本框里的文字再复制。
staff-posters-qr = 二维码
staff-posters-printable = 打开可打印的 A4 海报
staff-groups-title = 居民群
staff-groups-lead-all = 全部居民群，按联系点排列。
staff-groups-lead-point = { $point }的居民群。
staff-groups-how = 联络员把机器人加入居民群时，群会自动关联到本联系点；其他人加入的群，由联络员在群里发送 /link 关联。让机器人成为可以置顶消息的群管理员，征求意见的通知才会被置顶。
staff-groups-caption = 已关联的居民群
staff-groups-unlinked-title = 未关联的群
staff-groups-unlinked-hint = 这些群还没有关联到联系点，收不到征求意见的通知。
staff-groups-unlinked-caption = 未关联的群
staff-groups-col-title = 群名称
staff-groups-col-point = 联系点
staff-groups-col-status = 状态
staff-groups-col-since = 关联时间
staff-groups-col-pin = 可以置顶
staff-groups-col-actions = 操作
staff-groups-added = { $date } 加入
staff-groups-pin-yes = 可以
staff-groups-pin-no = 不可以（请把机器人设为可以置顶消息的管理员）
staff-groups-pin-unknown = 未知
staff-groups-unlink = 取消关联
staff-groups-unlink-question = 取消「{ $group }」与{ $point }的关联后，这个群不再收到征求意见的通知（与在群里发送 /unlink 相同）。需要时，联络员可以在群里发送 /link 重新关联。
staff-groups-unlink-confirm = 确认取消关联
staff-groups-unlinked = 已取消关联，这个群不再收到征求意见的通知。
staff-groups-link = 关联
staff-groups-move = 改为关联
staff-groups-link-to = 「{ $group }」关联到哪个联系点
staff-groups-linked = 已关联，这个群今后会收到该联系点的征求意见通知。
staff-groups-back = 返回居民群列表
staff-points-title = 联系点
staff-points-none = 还没有联系点。用下面的表单添加。
staff-points-caption = 全部联系点
staff-points-col-code = 代码
staff-points-col-name = 名称
staff-points-col-district = 所属区县
staff-points-col-state = 状态
staff-points-add = 添加联系点
staff-points-code-hint = 1–32 个小写字母、数字、- 或 _，例如 hongqiao。代码出现在链接里，添加后不能修改。
staff-points-district-hint = 联系点所属的区县（用 consult-bot district add 添加区县），可以不选。
staff-points-no-district = 不属于任何区县
staff-col-district = 区县
staff-points-added = 已添加联系点 { $code }。
staff-points-edit-title = 联系点 { $code }
staff-points-district-clear = 选「不属于任何区县」则不划入区县。县区人大只能看到本区县的联系点。
staff-points-save = 保存
staff-points-saved = 联系点 { $code } 已保存。
staff-points-deactivate = 停用这个联系点
staff-points-deactivate-hint = 停用后，已有记录保留，但不能再绑定新的角色和居民群。
staff-points-deactivate-question = 停用{ $name }后，已有记录保留，但不能再绑定新的角色和居民群。此操作在网页上不能撤销。
staff-points-deactivate-confirm = 确认停用
staff-points-deactivated = 联系点 { $code } 已停用。
staff-points-back = 返回联系点列表
staff-roles-title = 角色
staff-roles-lead-admin = 全部工作人员的角色。角色授予 Telegram 用户 ID 或网页工作台账号；授予新角色会替换原有角色。
staff-roles-lead-liaison = { $point }的信息员。联络员可以添加和撤销本联系点的信息员。
staff-roles-lead-county = { $point }各联系点的联络员和信息员。县区人大可以添加和撤销本区县联系点的联络员和信息员。
staff-roles-district-hint = 县区人大必须选择区县；其他角色不选。
staff-roles-need-district = 县区人大必须选择一个区县。
staff-roles-caption = 工作人员的角色
staff-roles-col-person = 工作人员
staff-roles-col-role = 角色
staff-roles-col-point = 联系点
staff-roles-col-since = 授予时间
staff-roles-you = 本人
staff-roles-revoke = 撤销角色
staff-roles-revoke-question = 撤销后，这个人不能再使用工作人员的功能，网页工作台的登录立即退出。
staff-roles-revoke-confirm = 确认撤销
staff-roles-revoked = 已撤销 { $person } 的角色，其网页工作台的登录已全部退出。
staff-roles-grant = 授予角色
staff-roles-grant-hint = 给使用 Telegram 的人授予角色。对方没有 Telegram 时，请在「工作台账号」中为他添加账号。
staff-roles-telegram-id = Telegram 用户 ID
staff-roles-telegram-id-hint = 一串数字，对方可以通过 @userinfobot 之类的机器人查到。
staff-roles-bad-telegram-id = 请填写对方的 Telegram 用户 ID（一串数字）。
staff-roles-point-hint = 联络员和信息员必须选择联系点；管理员和县区人大不选。
staff-roles-need-role = 请选择角色。
staff-roles-need-point = 联络员和信息员必须选择一个联系点。
staff-roles-informant-of = 角色：{ $point }的信息员
staff-roles-granted = 已授予 { $person } 角色。
staff-roles-back = 返回角色列表
staff-roles-to-accounts = 没有 Telegram 的工作人员：工作台账号
staff-accounts-title = 工作台账号
staff-accounts-lead-admin = 网页工作台的全部账号。添加账号会同时授予角色，并给出设置密码的一次性链接。
staff-accounts-lead-liaison = { $point }信息员的网页工作台账号。
staff-accounts-lead-county = { $point }各联系点联络员和信息员的网页工作台账号。
staff-accounts-none = 还没有工作台账号。
staff-accounts-caption = 工作台账号
staff-accounts-col-password = 密码
staff-accounts-col-person = 人员编号
staff-accounts-reset = 重设密码
staff-accounts-reset-done = 已为 { $name } 生成设置新密码的链接；此前发出的链接已失效。
staff-accounts-add = 添加账号
staff-accounts-add-hint = 添加后会显示一次性链接：请把它发给本人，用来设置登录密码。链接只显示这一次。
staff-accounts-added = 已添加账号 { $name }（{ $role }）。
staff-accounts-telegram-id = 本人的 Telegram 用户 ID（可以不填）
staff-accounts-telegram-id-hint = 本人也使用 Telegram 时填写：聊天和网页工作台是同一个人、同一个角色。
staff-accounts-link-lead = 设置密码的一次性链接（{ $expires } 前有效，只能使用一次）：
staff-accounts-link-once = 这个链接只显示这一次，也不会记录在日志里。请现在复制，通过可靠的渠道发给本人。
staff-accounts-revoked = 已撤销账号 { $name } 的角色，其网页工作台的登录已全部退出。
staff-accounts-back = 返回工作台账号
staff-accounts-give-role = 分配角色
staff-accounts-give-role-title = 为账号 { $name } 分配角色
staff-accounts-give-role-lead = 这个账号的角色已被撤销。分配新角色后，原密码照常可用，之前的记录仍归于这个账号。
staff-accounts-granted = 已为账号 { $name } 分配角色，可以用原密码登录。
staff-accounts-to-roles = 使用 Telegram 的工作人员：角色
staff-faq-title = 普法问答
staff-faq-lead = 共 { $count } 条问答。居民在私聊和群里（/faq）提问时，机器人从这里找答案。
staff-faq-unanswered-count = 尚未解答的问题：{ $count } 个
staff-faq-new = 新增问答
staff-faq-none = 还没有问答。管理员可以在这里新增，或导入问答文件（consult-bot faq import）。
staff-faq-caption = 全部问答（按编号排列）
staff-faq-reference = 法律依据
staff-faq-updated = 更新时间
staff-faq-edit-title = 问答 { $key }
staff-faq-save = 保存问答
staff-faq-saved = 问答 { $key } 已保存，从现在起按新的内容回答。
staff-faq-back = 返回普法问答
staff-faq-key-taken = 这个编号已经有问答了，请换一个。
staff-faq-field-key = 编号
staff-faq-field-question = 问题
staff-faq-field-alternatives = 其他问法
staff-faq-field-answer = 答案
staff-faq-field-law = 法律
staff-faq-field-article = 条文
staff-faq-field-tags = 标签
staff-faq-field-consultation = 草案编号
staff-faq-field-consultation-article = 草案条文
staff-faq-hint-key = 小写字母、数字、- 和 _，例如 noise-neighbour；再次导入文件时按编号更新。
staff-faq-hint-question = 居民常用的问法，一行，2–200 字。
staff-faq-hint-alternatives = 每行一种问法，可以不填。
staff-faq-hint-answer = 10–2000 字，用居民听得懂的话说明。
staff-faq-hint-law = 法律名称，例如 中华人民共和国民法典（不用加书名号）。
staff-faq-hint-article = 例如 第二百八十八条。
staff-faq-hint-tags = 用逗号或顿号分隔，可以不填。
staff-faq-hint-consultation = 与某部草案的条文有关时填写，例如 C12；居民看答案时可以直接对这一条提意见。
staff-faq-hint-consultation-article = 例如 12 或 第十二条（填了草案编号才需要）。
staff-faq-unanswered-title = 尚未解答的问题
staff-faq-unanswered-caption = 尚未解答的问题（最近的在前）
staff-faq-unanswered-admin-hint = 点开一个问题，写下答案和法律依据：它会成为一条问答，下次有人这样问就能回答。不属于法律问题的可以忽略。
staff-faq-unanswered-liaison-hint = 这里是本联系点的居民群里和私聊中尚未解答的问题。回答由管理员完成。
staff-faq-times = 次数
staff-faq-last-asked = 最近一次
staff-faq-answer-title = 回答问题
staff-faq-asked = 被问到 { $times } 次，最近一次在 { $last }。
staff-faq-answer-save = 保存答案
staff-faq-dismiss = 忽略这个问题
staff-faq-dismiss-hint = 不是法律问题（或无法回答）时忽略它，它将不再出现在列表中。
staff-faq-dismissed = 已忽略这个问题。
staff-faq-back-unanswered = 返回尚未解答的问题

## Posters (/poster)
cmd-poster = 海报、二维码和网页链接（联络员、管理员）
poster-no-web = 网页版还没有开通（启动时需设置 --web-url），暂时做不了海报和链接。
poster-usage = 用法：/poster 12 —— 第 12 号征求意见在本联系点的海报和链接；/poster —— 本联系点全部征求意见的海报。管理员可以加上联系点代码：/poster 12 hongqiao、/poster hongqiao。
poster-refused = 抱歉，只有联络员和管理员可以制作海报。
poster-not-your-point = 联络员只能为本联系点制作海报和链接。
poster-unknown-point = 没有代码为 { $code } 的联系点。
poster-not-open = { $code } 现在不在征求意见中（未发布、已截止或不存在），不能为它制作海报。
poster-not-at-point = { $code } 不面向这个联系点征求意见。
poster-failed = 抱歉，海报没有生成出来，请稍后再试。
poster-heading = 立法意见 扫码就说
poster-deadline = 截止时间：{ $deadline }
poster-list-title = { $point }正在征求意见的法规草案
poster-list-deadline = 欢迎随时扫码查看
poster-step-scan = ① 用手机扫描上方二维码
poster-step-write = ② 阅读草案，写下您的意见
poster-step-outcome = ③ 记下收件编号，查看办理结果
poster-caption = 🖨 海报：<b>{ $title }</b>
    打印版（A4）：{ $printable }
    下一条消息可以直接复制，转发到微信群。
poster-paste = 【征求意见】{ $title }
    { $deadline }
    扫码或点开链接，就能阅读草案、提出意见，之后还能查看办理结果：
    { $link }

## Statistics, assessment, digests and audit (/stats, consult-bot assessment, consult-bot audit)
cmd-stats = 意见统计与联系点考核
stats-refused = 抱歉，只有联络员和管理员可以查看统计。联络员只能看到本联系点的数据。
stats-usage = 用法：发送 /stats 查看统计；发送 /stats 2026-01-01 2026-06-30 查看这段时间的联系点考核。
stats-header = 📊 <b>意见统计</b> · { $scope }
stats-no-consultations = 还没有已发布的征求意见。
stats-choose = 请选择征求意见，查看意见统计和各条文意见数图表：
stats-assessment-choose = 也可以查看联系点考核：
stats-assessment-button = { $period }考核
stats-period-month = 本月
stats-period-quarter = 本季度
stats-period-year = 本年
stats-period-custom = 指定期间
stats-not-yours = 抱歉，这个征求意见不在您可以查看的范围内。
stats-title = 📊 <b>{ $code } { $title }</b>
stats-scope = 统计范围：{ $scope }
stats-total = 共 { $count } 条意见（不含已撤回的）
stats-by-point = <b>按联系点</b>
stats-by-district = <b>按区县</b>
stats-by-article = <b>按条文</b>
stats-by-stance = <b>按看法</b>
stats-by-status = <b>按处理状态</b>
stats-by-channel = <b>按渠道</b>
stats-item = • { $name }：{ $count }
stats-no-point = 未归属联系点
stats-no-district = 未划入区县
stats-no-opinions = 还没有收到意见，暂无图表。
stats-chart-title = 各条文意见数
stats-chart-axis = 条文
stats-chart-bar = 第{ $n }条
stats-chart-caption = { $code } { $title }：各条文意见数
stats-chart-failed = 抱歉，图表没能生成，请以上面的统计数字为准。
stats-assessment-title = 📋 <b>联系点考核</b> · { $period }（{ $dates }）
stats-assessment-none = 还没有联系点。
stats-assessment-ranked = 按意见数排名（相同时看收到反馈的提出人数，再看已答复的社情民意件数）：
stats-assessment-rank = 第 { $rank } 名：{ $point }
stats-assessment-by-district = 📋 <b>按区县汇总</b>
stats-assessment-point = <b>{ $name }</b>（{ $code }）
stats-assessment-reach = 联系群 { $groups } 个 · 发布征求意见 { $consultations } 件
stats-assessment-opinions = 收集意见 { $total } 条（线上 { $online } 条，线下 { $offline } 条），其中采纳（含部分采纳）{ $adopted } 条
stats-assessment-feedback = 提出人 { $submitters } 人，已收到反馈 { $reached } 人（{ $share }），反馈用时中位数 { $median } 天
digest-title = 📋 <b>每日意见摘要</b> · { $point }
digest-intro = 自 { $since } 以来，本联系点新收到 { $count } 条意见：
digest-line = • { $code } { $title }：新增 { $new } 条，目前待处理 { $unreviewed } 条
digest-review = 发送 /review 开始审阅。
review-reminder-title = ⏰ <b>审阅提醒</b> · { $point }
review-reminder-line = { $code } { $title } 将于 { $deadline } 截止征求意见，本联系点还有 { $count } 条意见待处理。
cli-audit-col-id = 编号
cli-audit-col-at = 时间
cli-audit-col-actor = 操作人
cli-audit-col-action = 操作
cli-audit-col-subject = 对象
cli-audit-col-detail = 详情
audit-actor-command-line = 命令行
audit-actor-system = 系统
audit-actor-visitor = 未登录的访客
audit-actor-forgotten = 已删除（个人信息已按要求删除）
cli-audit-none = 没有符合条件的审计记录。
cli-assessment-title = 联系点考核：{ $dates }
err-audit-filter = 审计记录的筛选条件不对：{ $value }（时间写作 2026-01-31 或 "2026-01-31 18:00"；操作人写用户编号或 cli）
err-assessment-period = 考核期间不对：{ $value }（例如 --from 2026-01-01 --to 2026-06-30）
err-output-format = 不支持的输出格式：{ $value }（可用：{ $allowed }）
err-invalid-time-of-day = 时间格式不对：{ $value }（例如 18:00）。

## 工作台：线下录入、意见统计、联系点考核、审计日志（/staff/record、/staff/stats、/staff/assessment、/staff/audit）
staff-record-title = 录入线下意见
staff-record-scope-point = 录入的意见记入{ $point }，台账中记为由您录入。
staff-record-scope-all = 您是管理员：录入的意见不归属任何联系点，台账中记为由您录入。
staff-record-choose-point = 您是县区人大的工作人员：录入的意见和建议要记入您所在县区的一个联系点。请先选择联系点：
staff-record-suggestions-template = 下载立法项目建议导入模板（.xlsx）
staff-record-one = 逐条录入
staff-record-choose = 请选择意见针对的草案：
staff-record-sheet = 用表格导入
staff-record-sheet-explain = 先下载导入模板，在第一个工作表中每行填写一条意见（最多 { $limit } 行，各列的填法见「填写说明」工作表），再上传填好的 .xlsx 或 .csv 表格（最大 { $mb } MB）。只要有一处错误就不会导入任何意见；同一份表格再上传一次，已经导入的意见不会重复登记。
staff-record-template = 下载导入模板（.xlsx）
staff-record-file = 表格文件（.xlsx 或 .csv，最大 { $mb } MB）
staff-record-import = 导入
staff-record-no-file = 请先选择要导入的表格文件。
staff-record-sheet-problems = 表格中有 { $count } 处错误，没有导入任何意见。请按下表中的行号改正后重新上传。
staff-record-problems-caption = 表格中的错误
staff-record-col-row = 行
staff-record-col-column = 列
staff-record-col-problem = 问题
staff-record-row = 第 { $row } 行
staff-record-sheet-too-large = 表格太大了（{ $size } MB），最大 { $limit } MB，请拆分后分别上传。
staff-record-sheet-unsupported = 只能导入 Excel（.xlsx）或 CSV 表格，请使用上面的导入模板。
staff-record-sheet-unreadable = 无法读取这个表格，请确认文件没有损坏，或另存为 .xlsx 后重新上传。
staff-record-sheet-undecodable = 无法识别这个 CSV 文件的编码，请另存为 UTF-8 编码的 CSV 或 .xlsx 后重新上传。
staff-record-sheet-unpacked = 这个表格展开后的内容超过 { $limit } MB，远远超出一份意见表的篇幅（文件可能已损坏或被恶意构造）。请用导入模板重新填写后上传。
staff-record-sheet-missing-columns = 表格缺少这些列：{ $columns }。第一行应是表头，请使用导入模板。
staff-record-sheet-too-many = 表格有 { $rows } 行意见，一次最多导入 { $limit } 行，请拆分后分别上传。
staff-record-form-title = 录入一条线下意见
staff-record-channel = 收集渠道
staff-record-date = 收集日期
staff-record-date-hint = 格式 YYYY-MM-DD，不能晚于今天（{ $today }）。
staff-record-name = 居民姓名（选填）
staff-record-name-hint = 居民愿意留下姓名时填写（最多 { $max } 个字），填写即表示居民同意保存其姓名；不填按匿名登记。
staff-record-stance = 居民的看法
staff-record-body = 居民的意见（{ $min }–{ $max } 字）
staff-record-wording = 建议表述（选填，只在看法为“修改建议”时保存）
staff-record-next = 下一步：核对
staff-record-review-title = 核对这条线下意见
staff-record-change = 返回修改
staff-record-saved-title = 线下意见已登记
staff-record-saved = 已登记这条线下意见（{ $channel }，{ $date }），台账中记为由您录入。收件编号：
staff-record-saved-suggestion-title = 线下立法项目建议已登记
staff-record-saved-suggestion = 已登记这条线下立法项目建议（{ $channel }，{ $date }），台账中记为由您录入。收件编号：
staff-record-another = 继续录入这份草案的意见
staff-record-open-card = 在台账中查看这条意见
staff-record-back = 返回线下录入
staff-stats-title = 意见统计
staff-stats-choose = 请选择征求意见，查看意见统计和图表：
staff-stats-by-article = 按条文
staff-stats-by-stance = 按看法
staff-stats-by-point = 按联系点
staff-stats-by-district = 按区县
staff-stats-by-channel = 按渠道
staff-stats-by-status = 按处理状态
staff-stats-chart-most = 图中是意见最多的 { $shown } 条（共 { $all } 条），下表列出全部。
staff-stats-article-caption = 各条文意见数（不含已撤回的）
staff-stats-stance-chart = 各种看法的意见数
staff-stats-stance-caption = 各种看法的意见数（不含已撤回的）
staff-stats-status-caption = 各处理状态的意见数（含已撤回的）
staff-stats-col-count = 意见数
staff-stats-to-ledger = 在台账中查看这份草案的意见
staff-stats-back = 返回意见统计
staff-assessment-title = 联系点考核
staff-assessment-kinds = 考核期间
staff-assessment-by-month = 按月
staff-assessment-by-quarter = 按季度
staff-assessment-by-year = 按年
staff-assessment-steps = 前后期间
staff-assessment-month = { $year }年{ $month }月
staff-assessment-quarter = { $year }年第{ $quarter }季度
staff-assessment-year = { $year }年
staff-assessment-caption = { $period }（{ $dates }）
staff-assessment-col-point = 联系点
staff-assessment-col-rank = 名次
staff-assessment-by-district = 按区县汇总
staff-assessment-col-groups = 联系群
staff-assessment-col-announced = 发布征求意见
staff-assessment-col-online = 线上意见
staff-assessment-col-offline = 线下意见
staff-assessment-col-adopted = 采纳（含部分采纳）
staff-assessment-col-submitters = 提出人
staff-assessment-col-reached = 已获反馈
staff-assessment-col-share = 反馈率
staff-assessment-col-median = 反馈中位天数
staff-assessment-csv = 下载这张表（CSV）
staff-assessment-custom = 指定期间
staff-assessment-from = 起（含）
staff-assessment-to = 止（含）
staff-assessment-show = 查看
staff-assessment-bad-days = 期间的日期不对：请填写开始和结束两个日期（YYYY-MM-DD），结束不早于开始。下面是本月的考核。
staff-assessment-how = 这些数字怎么算
staff-assessment-def-groups = 联系群：期末之前关联到本联系点、仍然有效的居民群。
staff-assessment-def-announced = 发布征求意见：期间内通知送达本联系点居民群的征求意见。
staff-assessment-def-opinions = 线上意见、线下意见：期间内收到的本联系点意见（不含已撤回的）；线下意见是座谈会、走访、听证会等录入的。
staff-assessment-def-adopted = 采纳（含部分采纳）：其中办理结果为采纳或部分采纳的意见。
staff-assessment-def-feedback = 提出人：这些意见的不同提出人（线下意见、删除了个人信息的意见各算一人）；已获反馈：其中至少收到一条反馈的人；反馈中位天数：从提出意见到第一条反馈送达的天数的中位数。
staff-audit-title = 审计日志
staff-audit-lead = 谁在什么时候做了什么：角色和账号、登录、征求意见、审阅、处理决定、反馈、导出和查看统计，最新的在前。
staff-audit-filters = 筛选审计日志
staff-audit-filter-actor = 操作人
staff-audit-filter-actor-hint = 账号名、用户编号，或 cli（不是由某个人操作的记录：命令行、系统、未登录的访客）
staff-audit-filter-action = 操作
staff-audit-filter-action-hint = 开头相同即可，如 staff. 是所有登录和退出
staff-audit-filter-since = 从（含）
staff-audit-filter-until = 到（含）
staff-audit-unknown-actor = 没有叫“{ $actor }”的工作人员账号。操作人可以写账号名、用户编号或 cli。
staff-audit-bad-day = 日期格式不对：{ $day }（应为 YYYY-MM-DD）。
staff-audit-caption = 审计日志：共 { $total } 条，这里是第 { $from }–{ $to } 条
staff-audit-caption-empty = 审计日志：没有符合条件的记录
staff-audit-account = { $name }（{ $id }）
staff-audit-telegram = Telegram 用户 { $id }

## faq
cmd-faq = 问法律问题（普法问答）
cmd-unanswered = 尚未解答的普法问题
faq-answer = ❓ <b>{ $question }</b>

    { $answer }

    📖 依据：{ $reference }
faq-opine = 对本条提意见
faq-opine-hint = 这条解答与正在征求意见的《{ $title }》{ $article }有关，欢迎对这一条提出您的意见。
faq-related = 相关问题：
faq-not-found = 抱歉，我还没有找到这个问题的答案。
    · 可以换个说法，或者只说关键词再问一次，比如“物业费”“加班费”“离婚冷静期”；
    · 也可以直接问您所在联系点的联络员。
    您的问题已经记下，工作人员会补充答案。
faq-suggestions = 您是不是想问：
faq-unknown-entry = 这条问答已不存在，请直接把问题发给我。
faq-usage = 用法：/faq 您的问题，例如 <code>/faq 物业费可以不交吗</code>
faq-group-answer = ❓ <b>{ $question }</b>
    { $answer }
    📖 { $reference }
faq-more = 详细
faq-group-not-found = 暂时没有找到现成的答案，问题已经记下。可以私聊我换个说法再问。
faq-ask-privately = 私聊提问
faq-unanswered-refused = 只有联络员和管理员可以查看尚未解答的问题。
faq-unanswered-none = 目前没有尚未解答的问题。
faq-unanswered-header = <b>尚未解答的问题</b>（共 { $count } 个，以下是最近的 { $shown } 个）：
faq-unanswered-line = { $n }. { $question }（问过 { $times } 次，最近一次 { $when }）
faq-unanswered-admin-hint = 点“回答”写下答案和法律依据，答案会加入问答库；不是法律问题的可以“忽略”。
faq-unanswered-liaison-hint = 这些问题由管理员补充答案；您也可以先在线下为居民解答。
faq-answer-button = 回答 { $n }
faq-dismiss-button = 忽略 { $n }
faq-admin-only = 只有管理员可以做这件事。
faq-answer-gone = 这个问题已经处理过了。
faq-answer-ask = 问题：{ $question }

    请发送答案（{ $min }–{ $max } 字）。发送 /cancel 取消。
faq-answer-bad-length = 答案需要 { $min }–{ $max } 字，现在是 { $len } 字，请重新发送。
faq-answer-ask-reference = 请发送法律依据，格式如：《中华人民共和国民法典》第二百八十八条
faq-answer-bad-reference = 没有看懂这个法律依据。请写成“《法律名称》第X条”，例如：《中华人民共和国民法典》第二百八十八条
faq-answer-saved = 已加入问答库（编号 { $key }）。以后有人问到，会直接得到这个答案。
faq-dismissed = 已忽略这个问题。
faq-import-too-big = 文件太大了（上限 { $max } MB）。
faq-import-done = 问答导入完成：新增 { $added } 条，更新 { $updated } 条，未变 { $unchanged } 条。
faq-import-refused = 问答文件有 { $count } 处问题，没有导入任何内容：
faq-import-more = ……另有 { $count } 处问题没有列出。
faq-line-field = 第 { $line } 行 { $field }：{ $problem }
faq-line = 第 { $line } 行：{ $problem }
faq-problem-missing = 不能为空
faq-problem-too-long = 太长了（最多 { $max } 字）
faq-problem-too-short = 太短了（至少 { $min } 字）
faq-problem-key = 编号只能用小写字母、数字、- 和 _
faq-problem-article = 应写明条文，例如“第二百八十八条”
faq-problem-format = 格式不对（不能换行，草案编号写作 C12，草案条文写作 12 或 第十二条）
faq-problem-duplicate = 编号与第 { $first } 行重复
faq-problem-too-many = 最多 { $max } 项
faq-problem-unknown-consultation = 没有这个草案编号
faq-problem-unknown-article = 这部草案的当前一稿里没有这一条
faq-problem-article-without-consultation = 填了草案条文，但没有填草案编号
faq-problem-syntax = 无法读取：格式不对（请检查这一行及上一行的缩进、冒号、引号和逗号）
faq-problem-missing-column = 缺少 { $column } 列
faq-problem-empty = 文件里没有问答
faq-problem-too-many-entries = 问答太多了（最多 { $max } 条）
faq-problem-encoding = 无法识别文件编码（请使用 UTF-8 或 GBK）
faq-problem-file-too-large = 文件太大了（上限 { $max } MB）
cli-faq-exported = 已导出 { $count } 条问答到 { $file }。
err-faq-format = 不认识的问答文件格式：{ $value }（可用 csv、yaml）

## 命令行帮助（consult-bot --help）
cli-help-usage = 用法：{ $usage }
cli-help-commands = 命令
cli-help-command = 命令
cli-help-arguments = 参数
cli-help-options = 选项
cli-usage-unknown-argument = 不认识的参数：{ $arg }
cli-usage-unknown-command = 不认识的命令：{ $command }
cli-usage-missing = 缺少必须写出的参数：{ $args }
cli-usage-missing-command = 请写出要执行的命令。
cli-usage-invalid-value = { $arg } 的值“{ $value }”无效。
cli-usage-value-missing = { $arg } 后面要写一个值。
cli-usage-conflict = { $arg } 不能与 { $other } 同时使用。
cli-usage-once = { $arg } 只能写一次。
cli-usage-value-count = { $arg } 后面的值不对（个数或写法）。
cli-usage-other = 命令行写得不对。
cli-usage-possible-values = 可以写：{ $values }
cli-usage-suggestion = 您是不是想写 { $suggestion }？
cli-usage-help = 加上 --help 查看帮助。
cli-about = 基层立法联系点的 Telegram 助手。不带命令时运行机器人（同 run）。
cli-about-help = 显示本帮助，或某个命令的帮助
cli-arg-help = 显示帮助
cli-arg-version = 显示版本
cli-arg-token = 从 @BotFather 获得的机器人令牌
cli-arg-api-url = Bot API 服务器地址（自建的 Bot API 服务器或测试替身）
cli-arg-database-url = 数据库：sqlite:路径（首次运行时创建）或 postgres://用户@主机/库名
cli-arg-log-format = 日志格式：human（便于阅读）或 json
cli-arg-locale = 命令行的语言，也是未知语言用户的默认语言：zh-CN 或 en
cli-arg-timezone = 向用户显示时间所用的时区
cli-arg-invite-ttl = 邀请链接的有效期（如 12h、7d）
cli-arg-inbox-retention = 已处理更新的保留时长（其间重复送达的更新会被识别并忽略）
cli-arg-opinion-min-chars = 意见正文最少字数
cli-arg-opinion-max-chars = 意见正文最多字数
cli-arg-opinions-per-hour = 每人每小时最多可提交的意见条数
cli-arg-details-retention = 征求意见办结后，提出人的身份信息保留多久后删除
cli-arg-dialogue-ttl = 未完成的意见对话多久后失效（如 24h）
cli-arg-reminders = 截止前何时提醒各群（逗号分隔，如 3d,1d）
cli-arg-poll-timeout = 长轮询超时；HTTP 客户端会多等 10 秒
cli-arg-broadcast-rate = 群发每秒最多条数，所有会话合计（Telegram 约允许 30 条）
cli-arg-group-rate = 向同一群组每分钟最多发送条数（Telegram 约允许 20 条）
cli-arg-hash-key = 保存未确认的群内回复和投票时所用哈希的密钥（至少 32 个随机字符）；不设置或为空时，首次启动自动生成并存入数据库
cli-arg-held-reply-ttl = 群内回复未在私聊中确认的，多久后删除
cli-arg-digest-at = 联络员每日摘要的发送时间（HH:MM，按 --timezone）
cli-arg-chart-font = 图表文字所用字体文件（.ttf、.otf 或含中文的 .ttc）；默认使用系统中的中文字体（fonts-noto-cjk），没有则用拉丁字母标注
cli-arg-webhook-url = Webhook 模式：Telegram 推送更新的公网 HTTPS 地址（由反向代理转发到 --listen）；不设置则使用长轮询
cli-arg-listen = Webhook 模式：Webhook 端点监听的地址（如 127.0.0.1:8080）
cli-arg-webhook-secret = Webhook 模式：Telegram 每次请求都会带上的密钥（1–256 个 A-Za-z0-9_- 字符）
cli-arg-health-listen = 在此地址提供 /healthz、/readyz 和 /metrics（不设置则不提供）
cli-arg-web-listen = 居民网页的监听地址（如 127.0.0.1:8080）；没有令牌时只提供网页，默认 127.0.0.1:8080
cli-arg-web-url = 居民网页的公网地址，用于链接和二维码（默认按 --web-listen 的地址以 http 访问）
cli-arg-replica-retry = PostgreSQL 多副本：候补副本争取主导、各副本续租的间隔（如 3s、250ms）
cli-arg-replica-lease = PostgreSQL 多副本：副本停止续租后仍视为存活的时长（至少三个间隔）
cli-about-run = 运行机器人（默认）
cli-about-migrate = 将数据库结构升级到最新后退出
cli-about-backup = 在机器人运行时把 SQLite 数据库复制到新文件（从不覆盖已有文件；PostgreSQL 请用 pg_dump）
cli-arg-backup-to = 要创建的备份文件
cli-about-point = 管理联系点
cli-about-point-add = 添加联系点
cli-arg-point-add-code = 联系点代码（至多 32 个小写字母、数字、- 或 _，如 hongqiao）
cli-arg-point-add-name = 联系点名称
cli-arg-point-add-district = 所属区县的代码
cli-about-point-list = 列出联系点
cli-about-point-rename = 为联系点改名
cli-arg-point-rename-code = 联系点代码
cli-arg-point-rename-name = 新名称
cli-about-point-district = 把联系点划入某个区县（- 表示不属于任何区县）
cli-arg-point-district-code = 联系点代码
cli-arg-point-district-district = 区县代码，或 -
cli-about-district = 管理区县（市与联系点之间的县区一级）
cli-about-district-add = 添加区县
cli-arg-district-add-code = 区县代码（至多 32 个小写字母、数字、- 或 _，如 pudong）
cli-arg-district-add-name = 区县名称，如 浦东新区
cli-about-district-list = 列出区县及其联系点
cli-about-point-deactivate = 停用联系点：不再接受新的角色和群组，已有记录保留
cli-arg-point-deactivate-code = 联系点代码
cli-about-role = 授予、撤销和列出角色
cli-about-role-grant = 授予某个 Telegram 用户 ID 角色（取代其原有角色）
cli-arg-role-grant-user-id = Telegram 用户 ID（数字）
cli-arg-role-grant-role = 角色：admin（管理员）、county（县区人大）、liaison（联络员）或 informant（信息员）
cli-arg-role-grant-point = 所属联系点代码（联络员和信息员必填）
cli-arg-role-grant-district = 所属区县代码（县区人大必填）
cli-about-role-revoke = 撤销用户的角色
cli-arg-role-revoke-user-id = Telegram 用户 ID（数字）
cli-about-role-list = 列出所有被授予角色的人
cli-about-consultation = 导入法规草案作为征求意见，并列出征求意见
cli-about-consultation-import = 读取草案（.docx、.txt、.md；UTF-8 或 GBK）并保存为草稿状态的征求意见
cli-arg-consultation-import-file = 草案文件
cli-arg-consultation-import-title = 标题
cli-arg-consultation-import-closes = 截止时间：2027-01-15（当天结束）或 "2027-01-15 18:00"，按显示时区
cli-arg-consultation-import-points = 联系点代码，逗号分隔（默认：所有联系点）
cli-arg-consultation-import-summary = 简介
cli-arg-consultation-import-source-url = 草案全文的链接
cli-arg-consultation-import-occupations = 提出人可选的职业，逗号分隔
cli-about-consultation-list = 列出征求意见
cli-about-faq = 普法问答：以 CSV 或 YAML 文件导入或导出问答
cli-about-faq-import = 从 CSV 或 YAML 文件导入问答（已有键的问答会被更新）
cli-arg-faq-import-file = 问答文件
cli-arg-faq-import-format = csv 或 yaml；默认按文件扩展名判断
cli-about-faq-export = 把全部问答写入 CSV（带 BOM 的 UTF-8）或 YAML 文件
cli-arg-faq-export-out = 要写入的文件
cli-arg-faq-export-format = csv 或 yaml；默认按文件扩展名判断
cli-about-export = 把意见汇总表（XLSX，全部或某个征求意见）或某个征求意见的台账（CSV，带 BOM 的 UTF-8）写入文件；记入审计日志
cli-arg-export-consultation = 征求意见编号（12 或 C12）；默认：全部
cli-arg-export-point = 只导出该联系点的意见
cli-arg-export-format = xlsx（默认）或 csv（需指定 --consultation）
cli-arg-export-out = 要写入的文件
cli-about-audit = 列出审计日志（按时间先后；最近的 --limit 条），可筛选
cli-arg-audit-actor = 只看此人的操作（Telegram 用户 ID，或网页工作台账号的负数 ID），或 cli 表示命令行操作
cli-arg-audit-action = 以此开头的操作（如 review.、export、stats.）
cli-arg-audit-subject = 以此开头的对象（如 opinion:12、consultation:3）
cli-arg-audit-since = 起始时间：2026-01-31、"2026-01-31 18:00"（显示时区）或 RFC 3339
cli-arg-audit-until = 截止时间（只写日期则包含当天全天）
cli-arg-audit-limit = 最多列出的条数
cli-arg-audit-format = text（默认）、csv 或 json
cli-about-assessment = 某一时期的联系点考核；记入审计日志
cli-arg-assessment-from = 第一天，如 2026-01-01（显示时区）
cli-arg-assessment-to = 最后一天（包含），如 2026-06-30
cli-arg-assessment-point = 只看此联系点
cli-arg-assessment-format = text（默认）或 csv
cli-about-invite = 生成一个授予角色的一次性邀请链接
cli-arg-invite-role = 角色：admin、county、liaison 或 informant
cli-arg-invite-point = 联系点代码（联络员和信息员必填）
cli-arg-invite-district = 区县代码（县区人大必填）
cli-about-sample = 添加一个示例联系点，并为它发布一份示例草案，便于在浏览器中查看（再次运行会沿用已有的）

## 社情民意
relay-category-governance = 社区治理
relay-category-security = 社会治安
relay-category-environment = 生态环境
relay-category-traffic = 交通出行
relay-category-enforcement = 执法监督
relay-category-other = 其他
relay-status-received = 待处理
relay-status-forwarded = 已转办
relay-status-answered = 已答复
relay-status-closed = 已关闭
relay-status-merged = 已合并
relay-outcome-resolved = 已解决
relay-outcome-partly = 部分解决
relay-outcome-not-resolved = 未解决
relay-outcome-not-ours = 不属于本部门职责
relay-close-out-of-scope = 不属于受理范围
relay-close-resolved-on-spot = 已当场解决
relay-close-other = 其他原因
relay-via-link = 承办部门通过链接答复
relay-via-phone = 电话答复（联络员记录）
relay-via-letter = 书面答复（联络员记录）
relay-channel-chat = Telegram 私聊
relay-channel-web = 网页
relay-event-received = 已收到
relay-event-recategorised = 已改类别
relay-event-merged = 已与同一问题合并
relay-event-forwarded = 已转办
relay-event-answered = 承办部门已答复
relay-event-closed = 已关闭
relay-event-reminded = 已催办
relay-event-escalated = 已督办
relay-notice-header = 📮 <b>您反映的社情民意有了进展</b>（收件编号 { $receipt }）
relay-notice-report = 您反映的：{ $excerpt }
relay-notice-forwarded = 已转办给承办部门：<b>{ $department }</b>。答复后会告诉您。
relay-notice-answered = 承办部门已答复。解决情况：<b>{ $outcome }</b>。答复：{ $answer }
relay-notice-closed = 联系点已关闭此事项：{ $reason }。
relay-notice-merged = 同一问题已有人反映（收件编号 { $into }），两条一起跟进，结果也会告诉您。
relay-reminder-header = ⏰ <b>社情民意催办</b>：{ $count } 件已转办超过 { $days } 天仍未答复
relay-overdue-line = · { $receipt } → { $department }：{ $excerpt }
relay-reminder-footer = 请联系承办部门，或发送 /reports 记录电话、书面答复。
relay-escalation-header = 🚨 <b>社情民意督办</b>：{ $count } 件催办后仍未答复
relay-bad-body = 请用 5–2000 字说明发生了什么。
relay-bad-place = 地点请写在一行内，不超过 200 字。
relay-bad-answer = 答复请写 1–2000 字。
relay-bad-category = 没有这个类别。
relay-bad-department = 部门名称和经办人请各写在一行内，不超过 100 字。
relay-unknown-report = 没有找到这条社情民意。
relay-wrong-state = 这条社情民意现在是“{ $status }”，不能这样操作。
relay-unknown-department = 没有这个承办部门。
relay-duplicate-department = 已有名为“{ $name }”的承办部门。
privacy-reports = 社情民意（{ $count } 件）：
privacy-report = · { $receipt } · { $time } · { $status } · 署名：{ $name }
forget-erase-reports = • 您反映的 { $count } 件社情民意与您的关联和署名（所反映的问题和答复保留，承办部门仍会办理）
forget-done-reports = 您反映的 { $count } 件社情民意已匿名保留。
stats-assessment-relay = 社情民意 { $reports } 件，已答复 { $answered } 件
cli-arg-relay-remind-after = 已转办的社情民意多久未答复就提醒联络员催办（如 7d）
cli-arg-relay-escalate-after = 催办后多久仍未答复就报管理员督办（如 7d）
cli-arg-relay-link-ttl = 承办部门答复链接的有效期（如 30d）
relay-web-title = 反映社情民意
relay-web-intro = 小区治安、执法不规范、设施损坏……告诉联系点，我们转办给承办部门，并把答复告诉您。
relay-web-category = 类别
relay-web-body = 发生了什么（{ $min }–{ $max } 字）
relay-web-what = 反映内容
relay-web-place = 地点
relay-web-identity = 您希望以什么身份反映？
relay-web-consent = 只有您同意时，我们才保存您的姓名；承办部门也只在您同意时看到它。
relay-web-consent-details = 保存我的姓名，并让承办部门看到
relay-web-need-category = 请选择一个类别。
relay-web-bad-body = 请用 { $min }–{ $max } 字说明发生了什么（现在 { $count } 字）。
relay-flood = 一小时内最多反映 { $limit } 件，请稍后再试。
relay-status-title = 社情民意
relay-web-received = 已收到，收件编号 { $receipt }。
relay-web-keep-link = 请收藏本页链接：转办、答复都会在这里告诉您。别人拿不到这个链接。
relay-web-status = 状态
relay-web-history = 进展
relay-web-answer = 答复
relay-web-closed = 关闭原因
relay-web-receipt = 收件编号
relay-web-location = 位置（纬度、经度）
relay-web-reporter = 反映人
relay-web-reported-at = 反映时间
relay-web-channel = 渠道
relay-web-attachments = 照片和文件
relay-web-department = 承办部门
relay-dept-title = 社情民意答复
relay-dept-intro = 联系点把下面这件社情民意转办给{ $department }。请写明解决情况和所做的工作；答复会告诉反映人。
relay-dept-outcome = 解决情况
relay-dept-answer = 答复（最多 { $max } 字）
relay-dept-send = 提交答复
relay-dept-need-outcome = 请选择解决情况。
relay-dept-thanks = 谢谢！对 { $receipt } 的答复已收到，会告诉反映人。这个链接已失效。
relay-link-used = 这个链接已经用过（已答复，或已转办给其他部门）。
relay-link-expired = 这个链接已过期，请联系联系点的联络员。
relay-link-unknown = 这个链接无效。
relay-staff-title = 社情民意
relay-staff-open = 待办
relay-staff-empty = 这里没有社情民意。
relay-staff-departments = 承办部门名录
relay-staff-report = 社情民意 { $receipt }
relay-staff-done = 已完成。
relay-staff-link = 已转办。请把下面的一次性链接发给承办部门的经办人（只显示这一次）：
relay-staff-category = 改类别
relay-staff-recategorise = 改类别
relay-staff-forward = 转办
relay-staff-merge = 合并
relay-staff-merge-into = 与哪件合并（收件编号）
relay-staff-record = 记录答复
relay-staff-via = 答复方式
relay-staff-close = 关闭
relay-staff-close-reason = 关闭原因
relay-staff-note = 说明（告诉反映人）
relay-staff-incomplete = 请把表单填完整。
relay-staff-officer = 经办人
relay-staff-committee = 法工委（执法检查）
relay-staff-add-department = 添加承办部门
cmd-report = 反映社情民意
cmd-reports = 社情民意待办（联络员、管理员）
relay-start-button = 📮 反映社情民意
relay-ask-category = 📮 <b>反映社情民意</b>
    这件事属于哪一类？随时可以发送 /cancel 放弃。
relay-ask-body = 请说明发生了什么（{ $min }–{ $max } 字）。
relay-ask-place = 在哪里？请写地址或地标，或发送一个位置。
relay-ask-files = 可以发送照片或文件（已收到 { $count } 个，最多 { $max } 个），也可以发送位置。没有了就点“完成”。
relay-files-done = 完成
relay-ask-identity = 您希望以什么身份反映？
relay-ask-name = 请写您的姓名。
relay-ask-consent = 是否保存您的姓名，并让承办部门看到？不保存则按匿名处理。
relay-place-map = （见位置）
relay-review-title = <b>请核对</b>
relay-review-category = 类别：{ $category }
relay-review-body = 内容：{ $body }
relay-review-place = 地点：{ $place }
relay-review-files = 照片和文件：{ $count } 个；位置：{ $location }
relay-review-identity = 反映人：{ $name }
relay-received = ✅ 已收到，收件编号 <b>{ $receipt }</b>。转办和答复都会告诉您。
relay-staff-only = 这是联络员和管理员的功能。
relay-queue-title = 📮 <b>社情民意待办</b>：{ $count } 件
relay-view = 📮 <b>{ $receipt }</b> · { $status }
    类别：{ $category }
    内容：{ $body }
    地点：{ $place }
    反映人：{ $name }
    照片和文件：{ $files } 个
relay-forward-to = 转办：{ $department }
relay-close-button = 关闭：{ $reason }
relay-back-to-queue = 返回待办
relay-forwarded = 已转办 { $receipt }。请把这个一次性链接发给承办部门的经办人（只显示这一次）：
    { $link }
relay-closed = 已关闭 { $receipt }，会告诉反映人。
relay-staff-unreached = 需要当面告知（无法通过机器人或网页告知的反映人）
relay-staff-figures = 统计
relay-staff-figures-of = 按类别、联系点、承办部门
relay-staff-figures-reports = 件数
relay-staff-figures-forwarded = 已转办
relay-staff-figures-answered = 已答复
relay-staff-figures-days = 答复中位天数
relay-staff-figures-total = 合计
relay-staff-no-point = 未指明联系点
staff-assessment-col-reports = 社情民意
staff-assessment-col-reports-answered = 社情民意已答复

## 普法活动（law-popularization events）
event-when = { $start }–{ $end }
event-card = 📣 <b>普法活动：{ $title }</b>（{ $code }）
    { $kind } · { $topic }
    🕒 { $when }
    📍 { $venue }
event-card-seats = 名额 { $capacity } 个，报满后可以候补。
event-card-signup = 报名
event-card-web = 🌐 网页报名（可转发到微信）
event-reminder-day = ⏰ 明天有普法活动<b>{ $title }</b>（{ $code }）：{ $when }，{ $venue }。来不了的话请发送 /events 取消报名，把名额留给候补的居民。
event-reminder-hour = ⏰ 普法活动<b>{ $title }</b>（{ $code }）一小时后开始：{ $when }，{ $venue }。到场后扫签到二维码，或把签到码发给我：「签到 签到码」。
event-changed = 📣 普法活动<b>{ $title }</b>（{ $code }）有变动，请以此为准：{ $when }，{ $venue }。
event-cancelled = 普法活动<b>{ $title }</b>（{ $code }）已取消，报名随之取消。抱歉给大家带来不便。
event-promoted = 🎉 候补成功：你已获得普法活动<b>{ $title }</b>（{ $code }）的名额。{ $when }，{ $venue }。
event-kind-lecture = 讲座
event-kind-consultation = 法律咨询
event-kind-performance = 文艺演出
event-kind-other = 其他
event-status-scheduled = 已发布
event-status-cancelled = 已取消
event-signup-confirmed = 已报名
event-signup-waiting = 候补
event-signup-cancelled = 已取消
event-channel-chat = Telegram
event-channel-web = 网页
event-checkin-by-code = 扫码或签到码
event-checkin-by-staff = 工作人员标记
event-refused-cancelled = 这场普法活动已取消。
event-refused-started = 这场普法活动已经开始或结束，不能再报名或修改。
event-refused-signed-up = 你已经报过名了。
event-refused-too-many = 同一网络报名的人数已达上限（每场 5 人），请换一种方式报名，或请工作人员帮忙。
event-refused-unknown-code = 签到码不对：可能输错了，或者已经换了新的签到码。请扫现场的二维码，或向工作人员核对。
event-refused-not-now = 现在不在签到时间内：签到从活动开始前一小时开放，到结束后两小时为止。
event-refused-checked-in = 你已经签到过了，不用重复签到。
event-refused-not-signed-up = 你没有报名这场活动。
event-refused-not-begun = 活动还没开始：签到、现场参加人数、小结和照片在活动开始前一小时起才能记录。
event-refused-too-many-photos = 每个活动最多保存 10 张照片，这张没有保存。要换一张，请先在工作台的活动页面删掉一张。
event-unknown = 没有找到这场普法活动。
event-bad-title = 活动名称要写 1–100 个字，在一行里。
event-bad-kind = 活动类型请写：讲座、法律咨询、文艺演出或其他。
event-bad-topic = 活动主题要写 1–100 个字，在一行里。
event-bad-times = 时间不对：请写成 2026-12-10 14:00 这样的格式，开始时间要在将来，结束时间要晚于开始时间，活动最长 7 天。
event-bad-place = 地点要写 1–200 个字，在一行里；线上活动请发 http 或 https 开头的链接。
event-bad-number = 请写一个整数：名额 1–10000，现场参加人数 0–100000；名额不能少于已经报名的人数。
event-bad-text = 文字太长了：介绍和小结最多 2000 字，问题最多 500 字。
event-bad-name = 名字最多 50 个字，在一行里；也可以不填。
staff-assessment-col-events = 普法活动
staff-assessment-col-events-reached = 惠及人次
staff-assessment-def-events = 普法活动：期间内开始、没有取消的普法活动；惠及人次：这些活动签到的人数加上现场参加的人数。
stats-assessment-events = 普法活动 { $events } 场，惠及人次 { $reached }
cmd-events = 普法活动：查看、报名
cmd-checkin = 普法活动签到：/checkin 签到码
cmd-newevent = 创建普法活动（联络员、管理员）
cmd-event = 管理普法活动：/event E12 …
event-list-title = 📣 即将举行的普法活动（{ $count } 场），点一场查看、报名：
event-list-none = 近期没有普法活动。
event-view-head = 📣 <b>{ $title }</b>（{ $code }）
event-view-kind = { $kind } · { $topic }
event-view-when = 🕒 { $when }
event-view-venue = 📍 { $venue }
event-view-seats = 名额 { $capacity }：已报名 { $signed }，候补 { $waiting }
event-view-seats-open = 名额不限：已报名 { $signed }
event-view-status = 状态：{ $status }
event-view-mine-none = 你还没有报名。
event-view-mine = 你的报名：{ $status }
event-view-mine-waiting = 你的报名：候补第 { $position } 位。有人取消时会按顺序递补，并通知你。
event-view-mine-checked = 你已签到，谢谢参加！
event-view-figures = 报名 { $signed } · 候补 { $waiting } · 签到 { $checked } · 现场参加 { $walkins } · 惠及人次 { $reached }
event-view-note = 小结：{ $note }
event-view-photos = 照片 { $count } 张
event-staff-hint = 活动后：/event { $code } walkins 人数 · /event { $code } note 小结 · /event { $code } question 居民的问题；修改：/event { $code } title|topic|place|capacity|description 新内容，或 /event { $code } time 开始 结束；发照片时把 { $code } 写在说明里。
event-button-signup = 报名
event-button-withdraw = 取消报名
event-button-code = 签到码
event-button-roster = 签到名单
event-button-cancel = 取消活动
event-button-cancel-confirm = 确认取消活动
event-button-back = 返回活动列表
event-signed-up = ✅ 已报名普法活动<b>{ $title }</b>（{ $code }），{ $when }。活动前一天和前一小时我会提醒你；到场后扫签到二维码，或把签到码发给我。
event-signed-up-waiting = 名额已满，你在普法活动<b>{ $title }</b>（{ $code }）的候补第 { $position } 位。有人取消时会按顺序递补，并通知你。
event-withdrawn = 已取消报名。谢谢告知，名额会留给候补的居民。
event-checked-in = ✅ 已签到：<b>{ $title }</b>（{ $code }）。谢谢参加！
event-checkin-usage = 请把现场的签到码一起发来，例如：签到 AbCdEfGhIjKlMnOpQrStUv（22 位）。
event-staff-only = 只有联络员和管理员可以管理普法活动。居民请发送 /events 查看、报名。
event-staff-none = 还没有普法活动。发送 /newevent 创建一场。
event-staff-list = 普法活动（{ $count } 场），点一场查看、管理：
event-usage = 用法：/event（列出活动）、/event E12（查看、管理）、/event E12 walkins 30、/event E12 note 小结、/event E12 question 问题、/event E12 place 新地点、/event E12 time 2026-12-10 14:00 16:00、/event E12 kind 讲座、/event E12 consultation C3（不关联写 none）。
event-code-shown = 普法活动 { $code } 的签到码：<code>{ $checkin }</code>
    请在现场展示下面的二维码，居民扫码即可签到；也可以私聊我发送「签到 { $checkin }」。生成新的签到码后，旧的即作废。
event-code-link = 扫码签到的网址：{ $url }
event-roster-title = { $code } 的报名名单（{ $count } 人）。点名字标记到场，再点一次取消标记：
event-roster-empty = { $code } 还没有人报名。没报名就来的人，用 /event { $code } walkins 人数 记录。
event-anonymous = 未留名
event-cancel-ask = 确定取消普法活动<b>{ $title }</b>（{ $code }）吗？已报名和候补的 { $count } 人，以及居民群，都会收到通知。
event-cancel-done = 已取消普法活动 { $code }，通知已排队发给 { $count } 位在 Telegram 报名的居民和居民群。
event-walkins-done = 已记录 { $code } 的现场参加人数：{ $count }。惠及人次：{ $reached }。
event-note-done = 已保存 { $code } 的活动小结。
event-question-done = 已把这个问题加入普法问答的待解答问题，管理员可以用 /unanswered 解答。
event-edit-done = 已修改普法活动 { $code }。
event-edit-told = 时间或地点变了：已报名的居民和居民群会收到通知。
event-photo-done = 已保存 { $code } 的活动照片（共 { $count } 张）。
event-ask-point = 这场普法活动属于哪个联系点？全市活动会通知所有居民群。
event-point-all = 全市
event-ask-title = 活动名称？（不超过 { $max } 字）
event-ask-kind = 活动类型：
event-ask-topic = 活动主题：讲哪部法律、什么问题？（不超过 { $max } 字）
event-ask-start = 开始时间？例如：2026-12-10 14:00
event-ask-end = 结束时间？例如：16:00（当天），或 2026-12-11 12:00
event-ask-venue = 活动地点？线上活动请发链接（http 或 https 开头）。
event-ask-capacity = 名额有多少？请发数字；不限名额请点「跳过」。
event-ask-description = 活动介绍（不超过 { $max } 字），也可以点「跳过」。
event-ask-consultation = 和某个征求意见有关吗？请发编号（如 C12）；没有请点「跳过」。
event-skip = 跳过
event-bad-consultation = 没有找到这个征求意见。请写它的编号（如 C12）；不关联征求意见就写 none。
event-review = 请核对这场普法活动：
    联系点：{ $point }
    名称：{ $title }
    类型：{ $kind }
    主题：{ $topic }
    时间：{ $start } 至 { $end }
    地点：{ $venue }
    名额：{ $capacity }
    介绍：{ $description }
    相关征求意见：{ $consultation }
event-review-no-limit = 不限
event-publish = 发布并通知居民群
event-published = ✅ 已发布普法活动 { $code }，通知已排队发往 { $groups } 个居民群。发送 /event { $code } 管理报名和签到。
event-published-web = 网页（可转发到微信、印在海报上）：{ $url }
event-published-again = 普法活动 { $code } 已发布。发送 /event { $code } 管理报名和签到。
privacy-dialogue-event = 创建普法活动
privacy-events = 普法活动报名 { $count } 条：
privacy-event = · { $code }《{ $title }》：{ $status } { $name }
privacy-event-checked-in = 已签到
forget-erase-events = · 普法活动报名 { $count } 条：删除你的 Telegram 账号和名字，人数仍计入统计
forget-done-events = 普法活动报名 { $count } 条已删除你的账号和名字。
event-web-list-title = 普法活动
event-web-when = 时间
event-web-where = 地点
event-web-seats = 名额
event-web-status = 状态
event-web-signed-up = 这个浏览器已经报名：{ $status }。
event-web-manage = 我的报名
event-web-signup-title = 报名参加
event-web-name = 姓名或称呼
event-web-name-hint = 可以不填。填了方便工作人员在现场核对。
event-web-ics = 加入日历（.ics 文件）
event-web-done = 报名成功。
event-web-keep-link = 请收藏这个页面：这是你管理报名的私人链接，不用注册账号；别人看不到。网页报名不会收到消息提醒，请按下面的时间留意。
event-web-waiting = 候补第 { $position } 位：有人取消时按顺序递补
event-web-reminders = 提醒
event-web-reminder-times = 在 Telegram 报名的居民会在 { $day }（前一天）和 { $hour }（前一小时）收到提醒；网页报名请留意这两个时间。
event-web-again = 重新报名
event-web-checkin-title = 普法活动签到
event-web-checkin = 签到
event-web-checked-in = 已签到：{ $title }。谢谢参加！
event-web-seats-line = { $capacity } 个：已报名 { $signed }，候补 { $waiting }
event-web-seats-open-line = 不限：已报名 { $signed }
event-web-present = 已到场
event-staff-title = 普法活动
event-staff-by-point = 联系点
event-staff-by-month = 月份
event-staff-by-kind = 类型
event-staff-figures = 普法活动统计
event-staff-figures-of = 分组
event-staff-checked-in = 签到
event-staff-walk-ins = 现场参加
event-staff-new = 创建普法活动
event-staff-point = 联系点
event-staff-title-field = 活动名称
event-staff-kind = 活动类型
event-staff-topic = 活动主题
event-staff-time-hint = 时间写成 2026-12-10 14:00 这样的格式。
event-staff-starts = 开始时间
event-staff-ends = 结束时间
event-staff-venue = 地点（线上活动填链接）
event-staff-capacity = 名额（不填为不限）
event-staff-description = 活动介绍
event-staff-consultation = 相关征求意见（可不填）
event-staff-code = 编号
event-staff-channel = 渠道
event-staff-mark = 标记到场
event-staff-unmark = 取消到场标记
event-staff-page = 活动网页（可转发、印在海报上）：
event-staff-code-once = 新的签到码只显示这一次：请在现场展示二维码，或把签到码告诉居民。旧的签到码已作废。
event-staff-code-made = 已经生成过签到码。找不到的话，生成一个新的（旧的随即作废）。
event-staff-code-new = 生成签到码和二维码
event-staff-roster-empty = 还没有人报名。
event-staff-after = 活动记录
event-staff-save = 保存
event-staff-note = 活动小结
event-staff-photos-hint = 也可以在 Telegram 私聊里把照片发给机器人，说明写 { $code }。
event-staff-photos = 活动照片
event-staff-photos-private = 共 { $count } 张，最多 { $max } 张。只有工作人员能看到；居民看到的活动页面不显示照片。
event-staff-photo-alt = { $code } 的照片 { $n }
event-staff-photo-delete = 删除照片 { $n }
event-staff-photo-field = 照片
event-staff-photo-hint = JPG、PNG 或 WebP，不超过 { $mb } MB。照片里的拍摄位置等信息会被去掉。
event-staff-photo-upload = 上传照片
event-staff-photo-none = 请先选择一张照片。
event-staff-question = 居民在活动中提的问题（加入普法问答的待解答问题）
event-staff-question-add = 加入待解答问题
event-staff-edit = 修改活动
event-staff-cancel-warning = 取消后，已报名和候补的 { $count } 人（在 Telegram 报名的）和居民群都会收到通知。
stats-events-hint = 普法活动统计：/stats events
stats-events-title = <b>普法活动统计</b>（不含已取消的活动）
stats-events-line = { $name }：{ $events } 场，报名 { $signed }，签到 { $checked }，现场参加 { $walkins }，惠及人次 { $reached }
stats-events-by-point = 按联系点：
stats-events-by-month = 按月份：
stats-events-by-kind = 按类型：
event-web-consultation = 相关征求意见
event-view-consultation = 相关征求意见：{ $code }（发送 /consultations 查看）
event-staff-none-web = 还没有普法活动。用下面的表单创建一场。
## 社情民意：类别的管理、承办部门停用、网页照片、聊天里的办理和统计
relay-staff-categories = 社情民意类别
relay-staff-categories-intro = 停用的类别不再给居民选择，也不能再把社情民意改成它；已按它反映的社情民意保留原类别。
relay-staff-category-code = 代码
relay-staff-category-code-hint = 1–32 个小写字母、数字、- 或 _，添加后不能更改，例如 housing。
relay-staff-name-zh = 中文名称
relay-staff-name-en = 英文名称
relay-staff-rename = 改名称
relay-staff-add-category = 添加类别
relay-staff-in-use = 在用
relay-staff-retired = 已停用
relay-staff-retire = 停用
relay-staff-restore = 恢复
relay-staff-retire-named = 停用：{ $name }
relay-staff-restore-named = 恢复：{ $name }
relay-bad-category-name = 类别名称请写在一行内，1–50 字。
relay-bad-category-code = 类别代码请用 1–32 个小写字母、数字、- 或 _。
relay-duplicate-category = 已有代码为 { $code } 的类别（停用的也算）。
relay-last-category = 至少要留一个在用的类别，居民才能反映。
relay-bad-photo = 照片请用 JPG、PNG 或 WebP，不超过 10 MB。
relay-categories-admins = 这是管理员的功能。
relay-categories-title = 📮 <b>社情民意类别</b>
relay-categories-line = · <code>{ $code }</code> { $name } · { $state }
relay-categories-usage =
    添加：/categories add 代码 中文名称 英文名称
    改名称：/categories rename 代码 中文名称 英文名称
relay-web-photo-field = 照片（可选，1 张）
relay-web-photo-hint = JPG、PNG 或 WebP，不超过 { $mb } MB。照片里的拍摄位置等信息会被去掉。
relay-web-photo-kept = 已附 1 张照片；重新选择会替换它。
photo-too-large = 照片太大了，请用不超过 { $mb } MB 的照片。
photo-not-a-photo = 这不是 JPG、PNG 或 WebP 照片，请换一张。
relay-web-photo-lost = 照片没有保存上，请重新选择。
relay-web-photo-count = { $count } 张照片
relay-web-photo = 照片 { $n }
relay-web-photo-alt = { $receipt } 的照片 { $n }
relay-chat-choose-category = 把 { $receipt } 改成哪一类？
relay-chat-recategorised = 已把 { $receipt } 改为“{ $category }”。
relay-chat-merge-ask = { $receipt } 与哪一件是同一问题？点下面一件，或发送它的收件编号（如 S-0001）。发送 /cancel 放弃。
relay-chat-merge-unknown = 没有找到这个收件编号的社情民意。请再发一次，或发送 /cancel 放弃。
relay-chat-merged = 已把 { $receipt } 合并到 { $into }，会告诉反映人。
relay-chat-answer-via = { $receipt } 的答复是怎么收到的？
relay-chat-answer-outcome = { $receipt } 的解决情况是？
relay-chat-answer-text = 请发送承办部门对 { $receipt } 的答复内容（最多 { $max } 字），会告诉反映人。发送 /cancel 放弃。
relay-chat-answer-recorded = 已记录 { $receipt } 的答复，会告诉反映人。
relay-chat-figures-button = 📮 社情民意统计
relay-chat-figures-title = 📮 <b>社情民意统计</b>（{ $scope }）
relay-chat-figures-status = 状态：{ $statuses }
relay-chat-figures-line = · { $name }：{ $reports } 件，已转办 { $forwarded }，已答复 { $answered }，答复中位天数 { $days }
relay-chat-figures-by-category = <b>按类别</b>
relay-chat-figures-by-point = <b>按联系点</b>
relay-chat-figures-by-department = <b>按承办部门</b>
privacy-dialogue-relay-triage = 办理社情民意（合并或记录答复）
cmd-categories = 社情民意类别（管理员）
## 立法项目征集（年度立法计划项目建议征集）
consultation-kind-regulation = 征求意见
consultation-kind-open-call = 立法项目征集
cmd-opencall = 发起立法项目征集（管理员）
decision-outcome-planned = 列入立法计划
decision-outcome-research = 列入调研项目
decision-outcome-deferred = 暂不采纳
card-open-call = 📢 <b>立法项目征集：{ $title }</b>
    截止时间：{ $deadline }
card-open-call-footer = 您认为哪些事项需要立法来解决？欢迎在与我的私聊中提出立法项目建议：项目名称、要解决的问题、主要内容——您的建议不会公开在群里。
card-suggest = 提出立法项目建议
card-open-call-reminder = ⏰ <b>{ $title }</b>立法项目征集还有 { $left }截止（{ $deadline }）。还没提建议的朋友，欢迎点下方按钮提出。
card-open-call-deadline = ⏰ <b>{ $title }</b>立法项目征集的截止时间改为 { $deadline }。还没提建议的朋友，欢迎点下方按钮提出。
card-open-call-closing = <b>{ $title }</b>立法项目征集已截止，感谢大家参与！每一条立法项目建议都会登记在册，办理结果会反馈给提出人。
feedback-open-call = 立法项目征集：{ $title }
feedback-suggestion = 您建议的项目：{ $project }
conclude-open-call-totals = 本次立法项目征集共有 { $people } 人提出 { $suggestions } 条立法项目建议。
conclude-open-call-none-taken = 经研究，本次立法项目建议暂不采纳，感谢每一位提出建议的居民。
conclude-open-call-taken = 经研究，列入立法计划或调研项目的建议 { $count } 条，主要有：
conclude-open-call-project = 立法项目建议
open-call-refused = 只有管理员可以发起立法项目征集。
open-call-usage = 用法：/opencall 截止日期 主题（第二行起可写说明），例如：
    /opencall 2027-01-31 2027年度立法计划项目建议征集
    只发往部分联系点时，在主题前写联系点代码，例如：/opencall 2027-01-31 @jinqiao,huamu 主题
open-call-bad-scope = 找不到这些联系点：{ $codes }。请在 @ 后写联系点代码，用逗号分隔，例如：/opencall 2027-01-31 @jinqiao,huamu 主题
open-call-published = 已发起立法项目征集 { $code }「{ $title }」，截止 { $deadline }，正在通知 { $groups } 个居民群。
open-call-no-articles = { $code } 是立法项目征集，没有条文：请逐条提出或决定立法项目建议。
open-call-not-one = { $code } 是法规草案的征求意见，不接受立法项目建议。
open-call-view = <b>{ $title }</b>（{ $code }，立法项目征集）
    状态：{ $state }
    截止时间：{ $deadline }
open-call-review-receipt = <b>{ $receipt }</b> · 立法项目建议 · { $status }
open-call-decide-header = <b>{ $code } { $title }</b>的立法项目建议（逐条作出处理决定）：
open-call-decide-line = { $receipt } · { $project } · { $outcome }
open-call-undecided = 未决定
open-call-decide-choose = 请选择要决定的立法项目建议。
suggestion-start = 您正在就<b>{ $title }</b>提出立法项目建议（{ $code }）。
suggestion-ask-title = 您建议制定或修改哪部法规？请写出项目名称（2–{ $max } 字），例如“电动自行车管理条例”。
suggestion-bad-title = 项目名称需要 2–{ $max } 个字，写在一行里。
suggestion-ask-problem = 这部法规要解决什么问题？请写下来（{ $min }–{ $max } 字）。
suggestion-bad-problem = 要解决的问题需要 { $min }–{ $max } 个字（现在 { $count } 个字）。
suggestion-ask-contents = 这部法规主要应当规定哪些内容？（{ $min }–{ $max } 字）
suggestion-bad-contents = 主要内容需要 { $min }–{ $max } 个字（现在 { $count } 个字）。
suggestion-ask-related = 有没有相关的现行法律法规？请写出名称（{ $max } 字以内），或点「跳过」。
suggestion-bad-related = 相关现行规定最多 { $max } 个字（现在 { $count } 个字）。
suggestion-review = <b>请核对您的立法项目建议</b>
    立法项目征集：{ $title }（{ $code }）
suggestion-line-project = 项目名称：{ $project }
suggestion-line-problem = 要解决的问题：{ $problem }
suggestion-line-contents = 主要内容：{ $contents }
suggestion-line-related = 相关现行规定：{ $related }
suggestion-received = 已收到您的立法项目建议，收件编号 <b>{ $receipt }</b>。
    联络员会登记、整理您的建议并报送市人大常委会法工委。征集结束后，我们会把办理结果（是否列入立法计划及理由）告诉您。发送 /mine 可以查看您提交过的意见和建议。
web-open-call-intro = 这是立法项目征集，没有草案条文：请直接提出您建议制定或修改的法规，写明要解决的问题和主要内容。
web-form-project = 项目名称（2–{ $max } 字，例如“电动自行车管理条例”）
web-form-problem = 这部法规要解决什么问题？（{ $min }–{ $max } 字）
web-form-contents = 主要应当规定哪些内容？（{ $min }–{ $max } 字）
web-form-related = 相关的现行法律法规（选填，{ $max } 字以内）
web-field-project = 项目名称
web-field-problem = 要解决的问题
web-field-contents = 主要内容
web-field-related = 相关现行规定
staff-open-call-new = 发起立法项目征集
staff-open-call-lead = 立法项目征集没有草案条文：居民就主题提出立法项目建议（项目名称、要解决的问题、主要内容）。发起后立即通知所有联系点的居民群。
staff-open-call-theme = 主题
staff-open-call-description = 说明（选填，会写在群通知里）
staff-open-call-deadline = 截止时间（例如 2027-01-31 或 2027-01-31 18:00）
staff-open-call-create = 发起并通知居民群
staff-open-call-suggestions = 立法项目建议（逐条作出处理决定）
open-call-group-reply = <b>{ $title }</b>征集的是立法项目建议（项目名称、要解决的问题、主要内容），请点通知下方的「提出立法项目建议」在私聊中提交。
err-invalid-suggestion = 立法项目建议不符合要求：项目名称 2–100 字；要解决的问题和主要内容在规定字数内；相关现行规定 500 字以内。
err-invalid-outcome = 这个办理结果不适用于这类征求意见（立法项目建议的办理结果是列入立法计划、列入调研项目或暂不采纳）。
open-call-closed = <b>{ $title }</b>立法项目征集已截止（或尚未开始），暂时不能提交建议。感谢您的关心！
web-open-call-closed = 立法项目征集已截止，不再接收新的建议。
web-review-suggestion-title = 请核对您的立法项目建议
web-receipt-suggestion-title = 已收到您的立法项目建议
## 联系点所属区县（/point）
cmd-point = 联系点及其所属区县（管理员）
point-admins = 联系点和区县由管理员管理。
point-usage = 用法：/point 联系点代码 district 区县代码（用 - 表示不属于任何区县）。
point-list-title = <b>联系点</b>（共 { $count } 个）
point-list-line = · <code>{ $code }</code> { $name } · { $district }
point-district-set = 已将{ $point }划入{ $district }。
point-district-none = 已将{ $point }移出区县，它现在不属于任何区县。
