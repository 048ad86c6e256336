-- Whether the bot may pin messages in the group, learned from its own membership
-- updates (my_chat_member: the creator, or an administrator with can_pin_messages).
-- NULL = not known (a group recorded before this column, or from a message before its
-- membership update): the broadcast worker asks Telegram once (getChatMember) and
-- remembers the answer, so a card is pinned only where the bot may pin it.
ALTER TABLE groups ADD COLUMN can_pin BOOLEAN;
