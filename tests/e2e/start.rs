//! First contact in private chat: /start by role, invites, /invite, /help, /lang, the
//! command menus, and the start-up check of the bot's settings.

use chrono::Duration;
use consult_domain::{
    Actor,
    points::PointCode,
    roles::{Assignment, Role},
};

use crate::support::chat::first_text as say;
use crate::support::{
    app::{BotProcess, ClockExt, TestApp, args, binary, eventually},
    db::TestDb,
    telegram::{ChatRef, FakeTelegram},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_greets_each_role_and_says_nothing_is_open() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道联系点").await;
    let resident = app.tg.person("小李").without_username();
    let informant = app.tg.person("Xin");
    let liaison = app.tg.person("Lili");
    let admin = app.tg.person("Admin").with_language("en");
    app.grant(informant.id, "informant", Some("hongqiao")).await;
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    app.grant(admin.id, "admin", None).await;

    let r = say(&app, &resident, "/start").await;
    assert!(
        r.starts_with("您好，小李！我是基层立法联系点的助手。"),
        "{r}"
    );
    assert!(
        r.ends_with("目前没有正在征求意见的草案。有新草案时，我会在您所在的居民群里通知。"),
        "{r}"
    );
    assert!(
        say(&app, &informant, "/start")
            .await
            .starts_with("您好，Xin！您是虹桥街道联系点的信息员。")
    );
    let l = say(&app, &liaison, "/start").await;
    assert!(
        l.starts_with("您好，Lili！您是虹桥街道联系点的联络员。")
            && l.contains("/groups")
            && l.contains("/invite"),
        "{l}"
    );
    let a = say(&app, &admin, "/start").await;
    assert!(a.starts_with("Hello, Admin! You are an admin.") && a.ends_with("No draft is open for comment right now. When there is one, I will announce it in your resident group."), "{a}");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_with_html_is_greeted_safely() {
    let app = TestApp::spawn().await;
    let tricky = app.tg.person("<b>Bob</b> & co");
    let text = say(&app, &tricky, "/start").await;
    assert!(
        text.starts_with("您好，<b>Bob</b> & co！"),
        "shown literally: {text}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_is_role_aware() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道联系点").await;
    let resident = app.tg.person("Res").with_language("en");
    let liaison = app.tg.person("Lili");
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    let r = say(&app, &resident, "/help").await;
    assert!(
        r.starts_with("What I can do") && !r.contains("/groups"),
        "{r}"
    );
    let l = say(&app, &liaison, "/help").await;
    assert!(
        l.starts_with("我能做什么")
            && l.contains("/groups — 查看已关联的居民群")
            && l.contains("/link"),
        "{l}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invites_are_redeemed_once_and_refused_when_used_expired_or_forged() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道联系点").await;
    let assignment =
        Assignment::new(Role::Liaison, Some(PointCode::parse("hongqiao").unwrap())).unwrap();
    let now = app.clock.now_utc();
    let (code, _) = app
        .db
        .invites()
        .create(&assignment, Actor::CommandLine, now, Duration::days(7))
        .await
        .unwrap();
    let (first, second) = (
        app.tg.person("Lili"),
        app.tg.person("Mallory").with_language("en"),
    );

    let welcome = say(&app, &first, &format!("/start {}", code.as_str())).await;
    assert_eq!(
        welcome,
        "欢迎！您现在是虹桥街道联系点的联络员。发送 /help 查看可以使用的命令。"
    );
    let role = app.db.roles().of(first.id).await.unwrap().unwrap();
    assert_eq!(
        (role.role, role.point.map(|p| p.code)),
        (Role::Liaison, Some("hongqiao".to_owned()))
    );

    assert_eq!(
        say(&app, &second, &format!("/start {}", code.as_str())).await,
        "This invite link has already been used; each link works once. Ask whoever invited you for a new one."
    );
    assert!(app.db.roles().of(second.id).await.unwrap().is_none());

    let (late, _) = app
        .db
        .invites()
        .create(&assignment, Actor::CommandLine, now, Duration::days(7))
        .await
        .unwrap();
    app.clock.advance(Duration::days(7));
    assert_eq!(
        say(&app, &second, &format!("/start {}", late.as_str())).await,
        "This invite link has expired. Ask whoever invited you for a new one."
    );
    assert_eq!(
        say(&app, &second, "/start inv-AAAAAAAAAAAAAAAAAAAAAA").await,
        "This invite link is not valid: check that it was copied completely."
    );
    assert_eq!(
        say(&app, &second, "/start inv-<script>").await,
        "This invite link is not valid: check that it was copied completely."
    );
    assert!(app.db.roles().of(second.id).await.unwrap().is_none());
    app.finish().await;
}

/// The code inside an invite link the bot sent.
fn link_code(text: &str) -> String {
    let start = text.find("?start=").expect("a link") + "?start=".len();
    text[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_in_chat_follows_the_same_rules_as_the_command_line() {
    let app = TestApp::spawn().await;
    app.point("hongqiao", "虹桥街道联系点").await;
    app.point("gubei", "古北社区联系点").await;
    let (admin, liaison, informant, resident) = (
        app.tg.person("Admin"),
        app.tg.person("Lili"),
        app.tg.person("Xin"),
        app.tg.person("Res"),
    );
    app.grant(admin.id, "admin", None).await;
    app.grant(liaison.id, "liaison", Some("hongqiao")).await;
    app.grant(informant.id, "informant", Some("hongqiao")).await;

    let made = say(&app, &admin, "/invite liaison gubei").await;
    assert!(made.starts_with("一次性邀请链接（古北社区联系点的联络员，2026-12-01 09:00 前有效，只能使用一次）：\nhttps://t.me/consult_test_bot?start=inv-"), "{made}");
    let newcomer = app.tg.person("New");
    say(&app, &newcomer, &format!("/start {}", link_code(&made))).await;
    assert_eq!(
        app.db
            .roles()
            .of(newcomer.id)
            .await
            .unwrap()
            .map(|r| (r.role, r.granted_by)),
        Some((Role::Liaison, Some(admin.id)))
    );

    assert!(
        say(&app, &admin, "/invite")
            .await
            .starts_with("用法：/invite liaison")
    );
    assert!(
        say(&app, &admin, "/invite liaison nowhere")
            .await
            .contains("没有代码为 nowhere 的联系点")
    );
    let informant_link = say(&app, &liaison, "/invite informant").await;
    assert!(
        informant_link.contains("虹桥街道联系点的信息员"),
        "{informant_link}"
    );
    assert_eq!(
        say(&app, &liaison, "/invite liaison").await,
        "联络员只能邀请本联系点的信息员。"
    );
    assert_eq!(
        say(&app, &informant, "/invite informant").await,
        "抱歉，只有管理员和联络员可以发出邀请。"
    );
    assert_eq!(
        say(&app, &resident, "/invite liaison hongqiao").await,
        "抱歉，只有管理员和联络员可以发出邀请。"
    );

    let audit = app
        .db
        .audit()
        .list(Some("invite.create"), 10)
        .await
        .unwrap();
    let by: Vec<_> = audit.iter().rev().map(|a| a.actor).collect();
    assert_eq!(
        by,
        [Some(admin.id), Some(liaison.id)],
        "only the permitted invites were made"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lang_switches_and_is_remembered() {
    let mut app = TestApp::spawn().await;
    let p = app.tg.person("小王");
    app.tg.send_text(&p, ChatRef::Private, "/lang");
    let prompt = app.tg.wait_sent(p.id, 1).await;
    assert_eq!(
        prompt[0].buttons(),
        [vec!["中文".to_owned(), "English".to_owned()]]
    );
    let q = app
        .tg
        .press_button(&p, ChatRef::Private, prompt[0].message_id, "English");
    app.tg.wait_callback_answer(&q).await;
    let set = app.tg.wait_sent(p.id, 2).await;
    assert_eq!(
        set[1].text,
        "OK, I will talk to you in English from now on."
    );
    assert!(
        app.tg.sent(p.id)[0].buttons().is_empty(),
        "the choice is taken away once made"
    );

    app.restart().await;
    assert!(
        say(&app, &p, "/help").await.starts_with("What I can do"),
        "remembered across restarts"
    );
    assert_eq!(
        say(&app, &p, "/lang zh").await,
        "好的，以后我会用中文和您交流。"
    );

    // A forged button gets a friendly answer and changes nothing.
    let forged = app
        .tg
        .press_callback_data(&p, ChatRef::Private, prompt[0].message_id, "l:fr");
    let answer = app.tg.wait_callback_answer(&forged).await;
    assert_eq!(answer["text"], "这个按钮已经失效了，请重新发送命令。");
    assert_eq!(
        app.db.people().locale(p.id).await.unwrap(),
        Some(consult_domain::people::Locale::ZhCn)
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_menus_are_registered_per_scope_and_language() {
    let app = TestApp::spawn().await;
    let names = |scope: &str, lang: Option<&str>| {
        app.tg
            .commands(scope, lang)
            .map(|c| c.into_iter().map(|(n, _)| n).collect::<Vec<_>>())
    };
    // The group menu in the default language is registered last.
    eventually("menus registered", || async {
        names("all_group_chats", None)
    })
    .await;
    assert_eq!(
        names("all_private_chats", Some("zh")).unwrap(),
        [
            "start",
            "consultations",
            "mine",
            "report",
            "events",
            "checkin",
            "faq",
            "help",
            "lang",
            "mydata",
            "forget",
            "cancel",
            "groups",
            "invite",
            "staff",
            "web",
            "newdraft",
            "opencall",
            "record",
            "export",
            "review",
            "reports",
            "newevent",
            "event",
            "categories",
            "point",
            "decide",
            "release",
            "unreached",
            "conclude",
            "stats",
            "poster",
            "unanswered"
        ]
    );
    assert_eq!(
        names("all_group_chats", Some("en")).unwrap(),
        ["faq", "help", "link", "unlink"]
    );
    let zh = app.tg.commands("all_private_chats", Some("zh")).unwrap();
    let en = app.tg.commands("all_private_chats", Some("en")).unwrap();
    let default = app.tg.commands("all_private_chats", None).unwrap();
    assert_eq!(zh[0].1, "开始，查看正在征求意见的草案");
    assert_eq!(en[0].1, "Start; see drafts open for comment");
    assert_eq!(default, zh, "other languages get the default (zh-CN) menu");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_commands_in_a_group_point_to_a_private_chat() {
    let app = TestApp::spawn().await;
    let p = app.tg.person("Res");
    let group = app.tg.group("群");
    app.tg.add_bot(&p, &group);
    app.tg.wait_sent(group.id, 1).await;
    app.tg.send_text(&p, ChatRef::Group(&group), "/start");
    let sent = app.tg.wait_sent(group.id, 2).await;
    assert_eq!(
        sent[1].text,
        "这个命令请在与我的私聊中使用：@consult_test_bot"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_warns_when_inline_mode_is_off_or_privacy_mode_is_off() {
    let tg = FakeTelegram::start().await;
    tg.set_me_flags(false, true);
    let t = TestDb::new().await;
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut cmd = binary();
    cmd.args(args(&tg, &t.url)).env("RUST_LOG", "info");
    let mut bot = BotProcess::spawn_logging(&mut cmd, log.path());
    tg.wait_for("polling started", |f| (f.polls_started() > 0).then_some(()))
        .await;
    bot.signal("TERM");
    assert!(bot.wait_exit().await.success());
    let stderr = std::fs::read_to_string(log.path()).unwrap();
    assert!(
        stderr.contains("supports_inline_queries=false")
            && stderr.contains("can_read_all_group_messages=true"),
        "flags are logged: {stderr}"
    );
    assert!(stderr.contains("inline mode is off"), "{stderr}");
    assert!(stderr.contains("privacy mode is off"), "{stderr}");
    assert!(!stderr.contains(tg.token()), "the token is never logged");
}
