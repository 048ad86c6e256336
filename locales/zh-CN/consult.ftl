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
