//! Resident groups: the bot added and removed, /link and /unlink, supergroup
//! migration, and /groups. Asserted on what the group saw and on the database.

use consult_domain::groups::Group;

use crate::support::{
    app::TestApp,
    chat::say,
    telegram::{ChatRef, FakeTelegram, MigrationOrder, Person},
};

async fn group_row(app: &TestApp, chat: i64) -> Option<Group> {
    app.db.groups().get(chat).await.unwrap()
}

/// The app with two contact points, a liaison of each, and an admin.
async fn world(
    app: &TestApp,
) -> (
    crate::support::telegram::Person,
    crate::support::telegram::Person,
    crate::support::telegram::Person,
) {
    app.point("hongqiao", "虹桥街道联系点").await;
    app.point("gubei", "古北社区联系点").await;
    let liaison = app.tg.person("Lili");
    let other = app.tg.person("Gao");
    let admin = app.tg.person("Admin");
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    app.grant(other.id, "liaison", Some("gubei")).await;
    app.grant(admin.id, "admin", None).await;
    (liaison, other, admin)
}

fn last_text(tg: &FakeTelegram, chat: i64) -> String {
    tg.sent(chat)
        .last()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_point_named_in_full_is_not_named_twice_in_the_greeting() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道基层立法联系点").await;
    let liaison = app.tg.person("Lili");
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    let group = app.tg.group("虹桥居民一群");
    app.tg.add_bot(&liaison, &group);
    let intro = app.tg.wait_sent(group.id, 1).await;
    assert!(
        intro[0]
            .text
            .starts_with("大家好！我是虹桥街道基层立法联系点的意见征集助手。"),
        "{}",
        intro[0].text
    );
    assert_eq!(intro[0].text.matches("基层立法联系点").count(), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn added_by_a_liaison_the_group_is_linked_and_greeted() {
    let app = TestApp::spawn().await;
    let (liaison, _, _) = world(&app).await;
    let group = app.tg.group("虹桥居民一群");
    app.tg.add_bot(&liaison, &group);
    let intro = app.tg.wait_sent(group.id, 1).await;
    assert!(
        intro[0]
            .text
            .starts_with("大家好！我是虹桥街道联系点的意见征集助手。"),
        "{}",
        intro[0].text
    );
    assert!(
        intro[0].text.contains("不会公开在群里"),
        "says opinions are given privately"
    );
    let row = group_row(&app, group.id).await.unwrap();
    assert_eq!(
        (row.active, row.point_code.as_deref(), row.title.as_str()),
        (true, Some("hongqiao"), "虹桥居民一群")
    );
    assert_eq!(row.linked_by, Some(liaison.id));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn added_by_an_english_speaking_liaison_the_greeting_is_in_english() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "Hongqiao Street").await;
    let liaison = app.tg.person("Lily").with_language("en-GB");
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    let group = app.tg.group("Residents");
    app.tg.add_bot(&liaison, &group);
    let intro = app.tg.wait_sent(group.id, 1).await;
    assert!(
        intro[0].text.starts_with(
            "Hello everyone! I am the opinion-gathering assistant of Hongqiao Street."
        ),
        "{}",
        intro[0].text
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn added_by_a_stranger_the_group_stays_unlinked_and_learns_how_to_link() {
    let app = TestApp::spawn().await;
    let (liaison, _, _) = world(&app).await;
    let stranger = app.tg.person("Zhang");
    let group = app.tg.group("楼组群");
    app.tg.add_bot(&stranger, &group);
    let intro = app.tg.wait_sent(group.id, 1).await;
    assert!(
        intro[0].text.contains("还没有关联到联系点") && intro[0].text.contains("/link"),
        "{}",
        intro[0].text
    );
    assert_eq!(group_row(&app, group.id).await.unwrap().point_id, None);

    // A resident's /link is refused politely; the liaison's works.
    app.tg.send_text(&stranger, ChatRef::Group(&group), "/link");
    app.tg.wait_sent(group.id, 2).await;
    assert_eq!(
        last_text(&app.tg, group.id),
        "抱歉，只有联系点的联络员或管理员可以关联本群。"
    );
    assert_eq!(group_row(&app, group.id).await.unwrap().point_id, None);

    app.tg
        .send_text(&liaison, ChatRef::Group(&group), "/link@consult_test_bot");
    app.tg.wait_sent(group.id, 3).await;
    assert_eq!(
        last_text(&app.tg, group.id),
        "本群已关联到虹桥街道联系点。今后该联系点的征求意见通知会发布在这里。"
    );
    assert_eq!(
        group_row(&app, group.id)
            .await
            .unwrap()
            .point_code
            .as_deref(),
        Some("hongqiao")
    );

    app.tg.send_text(&liaison, ChatRef::Group(&group), "/link");
    app.tg.wait_sent(group.id, 4).await;
    assert_eq!(
        last_text(&app.tg, group.id),
        "本群已经关联到虹桥街道联系点。"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_and_unlink_respect_whose_group_it_is() {
    let app = TestApp::spawn().await;
    let (liaison, other, admin) = world(&app).await;
    let group = app.tg.group("虹桥居民一群");
    app.tg.add_bot(&liaison, &group);
    app.tg.wait_sent(group.id, 1).await;
    let g = ChatRef::Group(&group);

    // Another point's liaison can neither take it over nor unlink it.
    app.tg.send_text(&other, g, "/link");
    app.tg.wait_sent(group.id, 2).await;
    assert!(last_text(&app.tg, group.id).contains("本群已经关联到虹桥街道联系点。如需更改"));
    app.tg.send_text(&other, g, "/unlink");
    app.tg.wait_sent(group.id, 3).await;
    assert_eq!(
        last_text(&app.tg, group.id),
        "抱歉，只有本群所属联系点的联络员或管理员可以取消关联。"
    );
    assert_eq!(
        group_row(&app, group.id)
            .await
            .unwrap()
            .point_code
            .as_deref(),
        Some("hongqiao")
    );

    // Its own liaison unlinks; an admin links it elsewhere by naming the point.
    app.tg.send_text(&liaison, g, "/unlink");
    app.tg.wait_sent(group.id, 4).await;
    assert_eq!(
        last_text(&app.tg, group.id),
        "本群已取消与虹桥街道联系点的关联，今后不再收到征求意见通知。"
    );
    assert_eq!(group_row(&app, group.id).await.unwrap().point_id, None);
    app.tg.send_text(&admin, g, "/link");
    app.tg.wait_sent(group.id, 5).await;
    assert!(last_text(&app.tg, group.id).contains("/link hongqiao"));
    app.tg.send_text(&admin, g, "/link nowhere");
    app.tg.wait_sent(group.id, 6).await;
    assert!(last_text(&app.tg, group.id).contains("没有代码为 nowhere 的联系点"));
    app.tg.send_text(&admin, g, "/link gubei");
    app.tg.wait_sent(group.id, 7).await;
    assert_eq!(
        group_row(&app, group.id)
            .await
            .unwrap()
            .point_code
            .as_deref(),
        Some("gubei")
    );
    app.tg.send_text(&admin, g, "/unlink");
    app.tg.wait_sent(group.id, 8).await;
    assert_eq!(group_row(&app, group.id).await.unwrap().point_id, None);

    let audit: Vec<_> = app
        .db
        .audit()
        .list(Some("group."), 20)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .map(|a| (a.action, a.actor))
        .collect();
    assert_eq!(
        audit,
        [
            ("group.link".to_owned(), Some(liaison.id)),
            ("group.unlink".to_owned(), Some(liaison.id)),
            ("group.link".to_owned(), Some(admin.id)),
            ("group.unlink".to_owned(), Some(admin.id)),
        ]
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kicked_bot_marks_the_group_inactive_and_sends_nothing_more() {
    let app = TestApp::spawn().await;
    let (liaison, _, _) = world(&app).await;
    let group = app.tg.group("虹桥居民一群");
    app.tg.add_bot(&liaison, &group);
    app.tg.wait_sent(group.id, 1).await;
    let calls_before = app.tg.calls().len();
    app.tg.kick_bot(&liaison, &group);
    app.tg.wait_updates_confirmed().await;
    let row = crate::support::app::eventually("the group is inactive", || async {
        group_row(&app, group.id).await.filter(|g| !g.active)
    })
    .await;
    assert_eq!(
        row.point_code.as_deref(),
        Some("hongqiao"),
        "the link is kept for a re-add"
    );
    let sent_after: Vec<_> = app.tg.calls()[calls_before..]
        .iter()
        .filter(|c| c.params["chat_id"].as_i64() == Some(group.id))
        .map(|c| c.method.clone())
        .collect();
    assert!(
        sent_after.is_empty(),
        "nothing sent to the group after the kick: {sent_after:?}"
    );
    assert_eq!(app.tg.sent(group.id).len(), 1);
    app.finish().await;
}

/// `who` announces consultation `id` again to the groups and waits until the broadcast
/// is done: their `nth` progress message says 「发送完毕」.
async fn announce_and_wait(app: &TestApp, who: &Person, id: i64, nth: usize) {
    say(app, who, &format!("/announce {id}")).await;
    app.tg
        .wait_for("the broadcast done", |f| {
            let done = f
                .sent(who.id)
                .iter()
                .filter(|m| m.text.contains("发送完毕"))
                .count();
            (done >= nth).then_some(())
        })
        .await;
}

/// Issue 14, item 6: the bot pinned the card in every group, though in most it is a
/// plain member and Telegram refused. It learns what it may do from its membership
/// updates — added as a member, as an administrator with or without the right to pin,
/// promoted and demoted later, carried over to a supergroup — and pins only there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_is_pinned_only_where_the_bot_may_pin() {
    let app = TestApp::spawn().await;
    let (liaison, _, admin) = world(&app).await;
    let member = app.tg.group("虹桥一群");
    let pinner = app.tg.group("虹桥二群");
    let no_pin = app.tg.group("虹桥三群");
    app.tg.add_bot(&liaison, &member);
    app.tg.add_bot_as_admin(&liaison, &pinner, true);
    app.tg.add_bot_as_admin(&liaison, &no_pin, false);
    for g in [&member, &pinner, &no_pin] {
        app.tg.wait_sent(g.id, 1).await;
    }
    app.settle().await;
    let rights = |g: Option<Group>| g.and_then(|g| g.can_pin);
    assert_eq!(rights(group_row(&app, member.id).await), Some(false));
    assert_eq!(rights(group_row(&app, pinner.id).await), Some(true));
    assert_eq!(rights(group_row(&app, no_pin.id).await), Some(false));

    let id = app
        .open_consultation(
            "某市养犬管理条例（草案）",
            crate::support::world::DRAFT,
            &[],
            10,
        )
        .await
        .id;
    announce_and_wait(&app, &admin, id, 1).await;
    for g in [&member, &pinner, &no_pin] {
        assert_eq!(app.tg.sent(g.id).len(), 2, "{} got the card", g.title);
    }
    assert_eq!(
        app.tg.chats_called("pinChatMessage"),
        [(pinner.id, 200)],
        "pinned where it may, asked nowhere else"
    );
    assert!(app.tg.sent(pinner.id)[1].pinned);
    assert!(
        app.tg.calls_of("getChatMember").is_empty(),
        "its rights were known from its membership updates"
    );

    // Promoted in the first group (which then becomes a supergroup), demoted in the
    // second: the next card follows.
    app.tg.promote_bot(&liaison, &member, true);
    app.tg.demote_bot(&liaison, &pinner);
    app.settle().await;
    let supergroup = app
        .tg
        .upgrade_to_supergroup(&member, MigrationOrder::OldFirst);
    app.settle().await;
    assert_eq!(rights(group_row(&app, supergroup.id).await), Some(true));
    assert_eq!(rights(group_row(&app, pinner.id).await), Some(false));
    announce_and_wait(&app, &admin, id, 2).await;
    let card = app.tg.sent(supergroup.id);
    assert_eq!(card.len(), 1, "the card went to the supergroup");
    assert!(card[0].pinned, "and was pinned there");
    assert_eq!(
        app.tg.chats_called("pinChatMessage"),
        [(pinner.id, 200), (supergroup.id, 200)],
        "no pin asked for where the bot is now a member"
    );
    app.finish().await;
}

async fn migration(order: MigrationOrder) {
    let app = TestApp::spawn().await;
    let (liaison, _, _) = world(&app).await;
    let group = app.tg.group("虹桥居民一群");
    app.tg.add_bot(&liaison, &group);
    app.tg.wait_sent(group.id, 1).await;
    // Made an administrator who may pin before the upgrade: that goes with the group.
    app.tg.promote_bot(&liaison, &group, true);
    app.settle().await;
    let supergroup = app.tg.upgrade_to_supergroup(&group, order);
    app.tg.wait_updates_confirmed().await;
    let row = crate::support::app::eventually("the group is re-keyed", || async {
        group_row(&app, supergroup.id).await
    })
    .await;
    assert_eq!(
        row.point_code.as_deref(),
        Some("hongqiao"),
        "the link moved"
    );
    assert_eq!(row.can_pin, Some(true), "the bot still may pin there");
    assert_eq!(
        (row.kind.as_str(), row.migrated_from),
        ("supergroup", Some(group.id))
    );
    assert!(
        group_row(&app, group.id).await.is_none(),
        "no row left under the old id"
    );
    crate::support::app::eventually("both service messages handled", || async {
        let c = app.db.inbox().counts().await.unwrap();
        (c.pending == 0 && c.handling == 0).then_some(())
    })
    .await;
    let moves = app
        .db
        .audit()
        .list(Some("group.migrate"), 10)
        .await
        .unwrap();
    assert_eq!(moves.len(), 1, "re-keyed once");

    // The liaison's commands work in the supergroup.
    app.tg
        .send_text(&liaison, ChatRef::Group(&supergroup), "/link");
    app.tg.wait_sent(supergroup.id, 1).await;
    assert_eq!(
        last_text(&app.tg, supergroup.id),
        "本群已经关联到虹桥街道联系点。"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supergroup_migration_old_message_first() {
    migration(MigrationOrder::OldFirst).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supergroup_migration_new_message_first() {
    migration(MigrationOrder::NewFirst).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_lists_a_liaisons_own_groups_and_all_groups_for_an_admin() {
    let app = TestApp::spawn().await;
    let (liaison, other, admin) = world(&app).await;
    let (g1, g2, g3) = (
        app.tg.group("虹桥一群 <VIP>"),
        app.tg.group("虹桥二群"),
        app.tg.group("古北群"),
    );
    for (who, g) in [(&liaison, &g1), (&liaison, &g2), (&other, &g3)] {
        app.tg.add_bot(who, g);
        app.tg.wait_sent(g.id, 1).await;
    }
    let stray = app.tg.group("无人关联的群");
    app.tg.add_bot(&app.tg.person("Somebody"), &stray);
    app.tg.wait_sent(stray.id, 1).await;
    app.tg.kick_bot(&liaison, &g2);
    crate::support::app::eventually("the kicked group is inactive", || async {
        group_row(&app, g2.id).await.filter(|g| !g.active)
    })
    .await;

    app.tg.send_text(&liaison, ChatRef::Private, "/groups");
    let own = app.tg.wait_sent(liaison.id, 1).await;
    assert_eq!(
        own[0].text,
        "虹桥街道联系点\n• 虹桥一群 <VIP>（使用中，2026-11-24 起关联）\n• 虹桥二群（已移出，2026-11-24 起关联）"
    );
    assert!(own[0].html.contains("&lt;VIP&gt;"), "titles are escaped");

    app.tg.send_text(&admin, ChatRef::Private, "/groups");
    let all = app.tg.wait_sent(admin.id, 1).await;
    assert_eq!(
        all[0].text,
        "古北社区联系点\n• 古北群（使用中，2026-11-24 起关联）\n\n虹桥街道联系点\n• 虹桥一群 <VIP>（使用中，2026-11-24 起关联）\n• 虹桥二群（已移出，2026-11-24 起关联）\n\n未关联的群\n• 无人关联的群（使用中，2026-11-24 加入）"
    );

    let resident = app.tg.person("Resident");
    app.tg.send_text(&resident, ChatRef::Private, "/groups");
    assert_eq!(
        app.tg.wait_sent(resident.id, 1).await[0].text,
        "抱歉，只有联络员和管理员可以查看群列表。"
    );
    app.finish().await;
}
