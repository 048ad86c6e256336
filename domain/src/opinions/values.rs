//! The coded values an opinion carries: stance, identity, status and channel.
//!
//! Each is stored as a short code (`withdrawn`, `group_reply` …) and read back with
//! [`TryFrom<&str>`]: an unknown stored code is an [`UnknownCode`](crate::values::UnknownCode) error, never a
//! panic and never a silent default, so a bad row is reported rather than
//! misfiled. Code compares these enums, never strings.
//!
//! What a person reads is never the code: every variant names the message in
//! `locales/` that says it in words ([`Stance::label_id`] and so on). The chat
//! (`consult-handlers`) and the web (`consult-web`) look that id up in the reader's
//! language, so both show the same word for the same value.

use serde::{Deserialize, Serialize};

use crate::values::coded;

coded! {
    /// What the resident says about the article: 支持 / 反对 / 修改建议 / 补充建议 / 其他.
    ///
    /// Kept in dialogue state by variant name (`"Support"`), as before these values
    /// were gathered here, so that dialogues in progress survive an upgrade.
    #[derive(Serialize, Deserialize)]
    Stance("stance") {
        Support = "support", "stance-support";
        Oppose = "oppose", "stance-oppose";
        Amend = "amend", "stance-amend";
        Add = "add", "stance-add";
        Other = "other", "stance-other";
    }
}

coded! {
    /// How the submitter appears in the ledger: 匿名 / 实名 / 单位.
    ///
    /// Kept in dialogue state by variant name (`"Anonymous"`), like [`Stance`].
    #[derive(Serialize, Deserialize)]
    Identity("identity") {
        Anonymous = "anonymous", "identity-anonymous";
        Named = "named", "identity-named";
        Organization = "organization", "identity-organization";
    }
}

coded! {
    /// Where an opinion stands in the liaison's review. Every opinion starts
    /// received; the resident may withdraw it; a reviewer marks it reviewed,
    /// forwarded, a duplicate or invalid. Serialised as its code.
    #[derive(Serialize, Deserialize)]
    #[serde(try_from = "String", into = "&'static str")]
    Status("status") {
        /// Not yet handled by a reviewer (the review queue's 待处理).
        Received = "received", "opinion-status-received";
        Reviewed = "reviewed", "opinion-status-reviewed";
        Forwarded = "forwarded", "opinion-status-forwarded";
        Duplicate = "duplicate", "opinion-status-duplicate";
        Invalid = "invalid", "opinion-status-invalid";
        /// Withdrawn by the resident before the deadline; kept with its history.
        Withdrawn = "withdrawn", "opinion-status-withdrawn";
    }
}

impl Status {
    /// Whether the opinion still counts: a withdrawn one is left out of counts,
    /// summaries and decisions.
    pub fn counts(self) -> bool {
        self != Status::Withdrawn
    }

    /// The id of the reviewer's word for this value, which says what is left to do
    /// (received is 待处理 in the review queue, 已收到 to the resident).
    pub fn review_label_id(self) -> &'static str {
        match self {
            Status::Received => "review-status-received",
            Status::Reviewed => "review-status-reviewed",
            Status::Forwarded => "review-status-forwarded",
            Status::Duplicate => "review-status-duplicate",
            Status::Invalid => "review-status-invalid",
            Status::Withdrawn => "review-status-withdrawn",
        }
    }

    /// Whether the committee decides on it (not withdrawn, not invalid).
    pub fn decidable(self) -> bool {
        !matches!(self, Status::Withdrawn | Status::Invalid)
    }
}

coded! {
    /// How the opinion reached the ledger. One list for every place that shows or
    /// counts channels (review, decisions, statistics, exports, the assessment).
    /// Serialised as its code (see the `Deserialize` impl for the older names).
    Channel("channel") {
        /// The private dialogue started from a consultation's card.
        Card = "card", "channel-card";
        /// The private dialogue started from one article's page.
        Article = "article", "channel-article";
        /// A reply to the card in a group, confirmed privately.
        GroupReply = "group_reply", "channel-group-reply";
        /// A reply to a prompt (征询) in a group, confirmed privately.
        PromptReply = "prompt_reply", "channel-prompt-reply";
        /// A vote on a prompt's buttons.
        PromptVote = "prompt_vote", "channel-prompt-vote";
        /// Recorded by an informant: gathered at a forum (座谈会).
        Forum = "offline_forum", "channel-offline-forum";
        /// Recorded by an informant: gathered on a visit (走访).
        Visit = "offline_visit", "channel-offline-visit";
        /// Recorded by an informant: gathered at a hearing (听证会).
        Hearing = "offline_hearing", "channel-offline-hearing";
        /// Recorded by an informant: gathered offline in some other way.
        OfflineOther = "offline_other", "channel-offline-other";
        /// Submitted on the web pages (a link or QR code opened in any browser).
        Web = "web", "channel-web";
    }
}

impl Channel {
    /// The channels an informant records offline opinions from, in button order.
    pub const OFFLINE: [Channel; 4] = [
        Channel::Forum,
        Channel::Visit,
        Channel::Hearing,
        Channel::OfflineOther,
    ];

    /// Gathered offline and recorded by an informant (the assessment counts these
    /// apart from online ones).
    pub fn is_offline(self) -> bool {
        Channel::OFFLINE.contains(&self)
    }
}

impl Serialize for Channel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Channel {
    /// Reads a code. Also reads the names the informant's record dialogue stored
    /// before there was one channel list (`"Forum"` … `"Other"`), so that a record
    /// in progress during an upgrade goes on.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        let earlier = match code.as_str() {
            "Forum" => Some(Channel::Forum),
            "Visit" => Some(Channel::Visit),
            "Hearing" => Some(Channel::Hearing),
            "Other" => Some(Channel::OfflineOther),
            _ => None,
        };
        match earlier {
            Some(c) => Ok(c),
            None => Channel::try_from(code).map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::UnknownCode;

    #[test]
    fn every_code_reads_back_as_itself() {
        for s in Stance::ALL {
            assert_eq!(Stance::try_from(s.as_str()), Ok(s));
        }
        for i in Identity::ALL {
            assert_eq!(Identity::try_from(i.as_str()), Ok(i));
        }
        for s in Status::ALL {
            assert_eq!(Status::try_from(s.as_str()), Ok(s));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::try_from(c.as_str()), Ok(c));
        }
    }

    #[test]
    fn an_unknown_stored_code_is_an_error_that_names_it() {
        let e = Status::try_from("archived").unwrap_err();
        assert_eq!(
            e,
            UnknownCode {
                what: "status",
                code: "archived".into()
            }
        );
        assert!(Channel::try_from("fax").is_err());
        assert!(Channel::try_from("").is_err());
    }

    #[test]
    fn channels_and_statuses_keep_their_codes_in_dialogue_state() {
        let json = serde_json::to_string(&(Channel::GroupReply, Status::Withdrawn)).unwrap();
        assert_eq!(json, r#"["group_reply","withdrawn"]"#);
        let back: (Channel, Status) = serde_json::from_str(&json).unwrap();
        assert_eq!(back, (Channel::GroupReply, Status::Withdrawn));
        let earlier: Channel = serde_json::from_str(r#""Hearing""#).unwrap();
        assert_eq!(earlier, Channel::Hearing);
        assert!(serde_json::from_str::<Channel>(r#""fax""#).is_err());
        assert!(serde_json::from_str::<Status>(r#""archived""#).is_err());
    }

    #[test]
    fn offline_channels_are_the_recorded_ones() {
        assert!(Channel::Forum.is_offline());
        assert!(!Channel::Web.is_offline());
        assert!(!Channel::GroupReply.is_offline());
    }
}
