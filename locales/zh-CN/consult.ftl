# consult-bot — 简体中文（默认）
# 每条消息都以 HTML 发送；变量由程序转义后传入。

## 角色
role-admin = 管理员
role-liaison = 联络员
role-informant = 信息员

## 对话中的通用回复
unknown-message = 我还没看懂这条消息。发送 /help 查看我能做什么。
error-generic = 抱歉，处理时出了点问题，请稍后再试。问题已记录，工作人员会跟进。

## 命令行：输出
cli-migrated = 数据库结构已是最新。
cli-point-added = 已添加联系点 { $code }：{ $name }
cli-point-renamed = 联系点 { $code } 已更名为：{ $name }
cli-point-deactivated = 联系点 { $code }（{ $name }）已停用；已有记录保留，不再接受新的角色和群组。
cli-point-list-empty = 还没有联系点。用 consult-bot point add 代码 名称 添加。
cli-point-row = { $code }	{ $name }	{ $district }	{ $status }
cli-point-active = 启用
cli-point-inactive = 已停用
cli-role-granted = 已授予用户 { $user } { $role }角色。
cli-role-granted-point = 已授予用户 { $user } { $role }角色，所属联系点：{ $point }。
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
err-api-unreachable = 无法连接 Telegram Bot API（{ $url }）：{ $detail }
err-database-url = 数据库地址无效：{ $url }（支持 sqlite:文件路径 或 postgres://…）。
err-database-unreachable = 无法打开数据库：{ $detail }
err-database-readonly = 数据库不可写：{ $detail }
err-migrate = 数据库结构升级失败：{ $detail }
err-database = 数据库出错：{ $detail }
err-unknown-point = 没有代码为 { $code } 的联系点。用 consult-bot point list 查看全部联系点。
err-duplicate-point = 代码为 { $code } 的联系点已经存在。
err-inactive-point = 联系点 { $code } 已停用，不能再绑定角色。
err-point-required = { $role }必须绑定一个联系点，请加上 --point 联系点代码。
err-point-not-allowed = 管理员不绑定联系点，请去掉 --point。
err-invite-not-found = 邀请链接无效：请检查链接是否完整。
err-invite-used = 这个邀请链接已经被使用过了，每个链接只能用一次。请向发出邀请的人索取新链接。
err-invite-expired = 这个邀请链接已经过期。请向发出邀请的人索取新链接。
err-invalid-point-code = 联系点代码须为 1–32 个字符，只能包含小写字母、数字、- 和 _。
err-invalid-point-name = 联系点名称不能为空，最多 100 个字，且不能含控制字符。
err-invalid-district = 所在区不能为空，最多 100 个字，且不能含控制字符。
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
start-open-none = 目前没有正在征求意见的草案。有新草案时，我会在您所在的居民群里通知。
help-resident = <b>我能做什么</b>
    /start — 开始，查看正在征求意见的草案
    /lang — 切换语言 / Language
    /help — 显示本帮助

    您的意见在与我的私聊中提交，不会公开在群里。
help-staff = <b>联络员和管理员</b>
    /groups — 查看已关联的居民群
    /invite — 发出一次性邀请链接
    在居民群里：/link 把群关联到联系点，/unlink 取消关联
help-group = 我是基层立法联系点助手。提交意见、阅读草案，请私聊我：@{ $bot }
    联络员可在群里发送 /link 关联本群，/unlink 取消关联。
private-only = 这个命令请在与我的私聊中使用：@{ $bot }
group-only = 这个命令请在要关联的居民群里发送。

## 邀请
invite-redeemed = 欢迎！您现在是{ $point }的{ $role }。发送 /help 查看可以使用的命令。
invite-redeemed-admin = 欢迎！您现在是管理员。发送 /help 查看可以使用的命令。
invite-usage-admin = 用法：/invite liaison 联系点代码（邀请联络员）或 /invite informant 联系点代码（邀请信息员）。
invite-usage-liaison = 用法：/invite informant（邀请本联系点的信息员）。
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
group-intro = 大家好！我是{ $point }的基层立法联系点助手。

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
