//! The staff console's administration pages (issue #17, item 10) and the rest of the
//! consultations page, over HTTP with a browser's cookies: an admin adds a web account
//! whose printed link sets a password, and revoking it logs the person out at once; a
//! liaison adds an informant for their own point and is answered "not found" for
//! another point; the groups linked in chat are listed, and one is unlinked; the
//! 「复制群通知」 text has the title, the deadline and the point's link (the chat's
//! `/poster` sends the very same text) and the QR pictures decode to it; an FAQ answer
//! edited on the web is what chat answers, and a logged question answered on the web
//! is found; a new deadline reaches the groups (as chat's `/extend` now does), the
//! summary is corrected, the consultation announced again once per request; and
//! every new form refuses a post without the session's CSRF token. The same pages in
//! a real browser, with axe and the session expiry, are in `staff_admin_browser.rs`.

use consult_domain::roles::Role;

use crate::{
    faq::import_starter,
    staff_web::{BASE, PASSWORD, WEB, add, log_in, logged_in, path, set_password},
    support::{
        app::{ClockExt, TestApp},
        chat::{reply, say},
        qr::decode_png,
        telegram::Group,
        web::{Browser, Page, spawn_web},
        world::{TITLE, world},
    },
};

/// The one-time link a page shows (in its `p.secret`), as a path on the test server.
fn shown_link(page: &Page) -> String {
    let text = page.text();
    let link = text
        .split_whitespace()
        .find(|w| w.starts_with(BASE))
        .unwrap_or_else(|| panic!("a link in {text}"));
    path(link)
}

/// The text of the textarea `id` on `page` (entities undone).
fn textarea(page: &Page, id: &str) -> String {
    let open = format!("<textarea id=\"{id}\"");
    let start = page
        .body
        .find(&open)
        .unwrap_or_else(|| panic!("a textarea {id} in {}", page.body));
    let from = page.body[start..].find('>').unwrap() + start + 1;
    let to = page.body[from..].find("</textarea>").unwrap() + from;
    page.body[from..to]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The audit entries whose action starts with `prefix`, oldest first: (actor, action, subject).
async fn audit(app: &TestApp, prefix: &str) -> Vec<(Option<i64>, String, String)> {
    let mut entries = app.db.audit().list(Some(prefix), 1000).await.unwrap();
    entries.reverse();
    entries
        .into_iter()
        .map(|e| (e.actor, e.action, e.subject))
        .collect()
}

/// A group of the liaison's point, linked by adding the bot (the bot introduces itself).
async fn linked_group(app: &TestApp, by: &crate::support::telegram::Person, title: &str) -> Group {
    let g = app.tg.group(title);
    app.tg.add_bot(by, &g);
    app.tg.wait_sent(g.id, 1).await;
    g
}

#[tokio::test]
async fn an_admin_adds_an_account_whose_link_sets_a_password_and_revoking_logs_out_at_once() {
    let (app, addr) = spawn_web(WEB).await;
    world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .places()
        .await;
    let (admin, mut b) = logged_in(&app, addr, "fagongwei", "admin", None).await;

    let nav = b.get("/staff").await;
    for link in [
        "居民群",
        "联系点",
        "角色",
        "工作台账号",
        "海报与群通知",
        "普法问答",
    ] {
        assert!(nav.link(link).is_some(), "{link} in the admin's menu");
    }
    let accounts = b.get("/staff/accounts").await;
    assert_eq!(accounts.status, 200);
    assert!(accounts.text().contains("fagongwei"), "{}", accounts.text());

    // A name that is not one, then a good one: the link is on the answer, once.
    let bad = b
        .submit(
            &accounts,
            "/staff/accounts",
            &[
                ("name", "two words"),
                ("role", "liaison"),
                ("point", "jinqiao"),
            ],
        )
        .await;
    assert!(
        bad.text().contains("账号须为 1–50 个字母"),
        "{}",
        bad.text()
    );
    let added = b
        .submit(
            &accounts,
            "/staff/accounts",
            &[
                ("name", "wangfang"),
                ("role", "liaison"),
                ("point", "jinqiao"),
            ],
        )
        .await;
    let text = added.text();
    assert!(
        text.contains("已添加账号 wangfang（金桥联系点 联络员）。"),
        "{text}"
    );
    assert!(text.contains("只能使用一次"), "{text}");
    let link = shown_link(&added);
    assert!(link.starts_with("/staff/password/"), "{link}");
    let again = b
        .submit(
            &accounts,
            "/staff/accounts",
            &[
                ("name", "WangFang"),
                ("role", "liaison"),
                ("point", "jinqiao"),
            ],
        )
        .await;
    assert!(again.text().contains("已经存在"), "{}", again.text());

    // The printed link sets the password; the person logs in and works.
    let mut wang = Browser::new(addr);
    let set = set_password(&mut wang, &link, PASSWORD).await;
    assert!(
        set.text().contains("密码已设置好，请用新密码登录。"),
        "{}",
        set.text()
    );
    let home = log_in(&mut wang, "wangfang", PASSWORD).await;
    assert!(
        home.text().contains("wangfang（金桥联系点 联络员）"),
        "{}",
        home.text()
    );
    let list = b.get("/staff/accounts").await;
    assert!(list.text().contains("已设密码"), "{}", list.text());

    // A reset shows a new link; the old one is spent anyway.
    let reset = b.submit(&list, "/staff/accounts/wangfang/reset", &[]).await;
    assert!(
        reset.text().contains("已为 wangfang 生成设置新密码的链接"),
        "{}",
        reset.text()
    );
    assert_ne!(shown_link(&reset), link);

    // Revoked: their very next request is the login page.
    let confirm = b.get("/staff/accounts/wangfang/revoke").await;
    assert_eq!(confirm.status, 200);
    let revoked = b
        .submit(&confirm, "/staff/accounts/wangfang/revoke", &[])
        .await;
    assert!(
        revoked
            .text()
            .contains("已撤销账号 wangfang 的角色，其网页工作台的登录已全部退出。"),
        "{}",
        revoked.text()
    );
    let next = wang.get("/staff/review").await;
    assert_eq!(next.status, 303);
    let to = next.location.clone().unwrap();
    assert!(to.starts_with("/staff/login"), "{to}");
    assert!(wang.get(&to).await.text().contains("登录"));

    let actions: Vec<(Option<i64>, String)> = audit(&app, "")
        .await
        .into_iter()
        .filter(|(_, a, _)| a == "staff.add" || a == "role.revoke")
        .map(|(who, a, _)| (who, a))
        .filter(|(who, _)| *who == Some(admin))
        .collect();
    assert_eq!(
        actions,
        [
            (Some(admin), "staff.add".to_owned()),
            (Some(admin), "role.revoke".to_owned())
        ],
        "in the audit log under the admin"
    );

    // The revoked account is given a role again, not added anew: its password works.
    assert_eq!(b.get("/staff/accounts/nobody/role").await.status, 404);
    let list = b.get("/staff/accounts").await;
    assert_eq!(
        list.link("分配角色").as_deref(),
        Some("/staff/accounts/wangfang/role")
    );
    let form = b.get("/staff/accounts/wangfang/role").await;
    assert!(
        form.text().contains("为账号 wangfang 分配角色"),
        "{}",
        form.text()
    );
    let unchosen = b
        .submit(
            &form,
            "/staff/accounts/wangfang/role",
            &[("role", "informant")],
        )
        .await;
    assert_eq!(unchosen.status, 200);
    assert!(
        unchosen.text().contains("为账号 wangfang 分配角色"),
        "asked again"
    );
    let name = consult_domain::staff::LoginName::parse("wangfang").unwrap();
    let person = app.db.staff().find(&name).await.unwrap().unwrap().person;
    assert!(
        app.db.roles().of(person).await.unwrap().is_none(),
        "nothing granted"
    );
    let granted = b
        .submit(
            &form,
            "/staff/accounts/wangfang/role",
            &[("role", "informant"), ("point", "jinqiao")],
        )
        .await;
    assert!(
        granted
            .text()
            .contains("已为账号 wangfang 分配角色，可以用原密码登录。"),
        "{}",
        granted.text()
    );
    let home = log_in(&mut wang, "wangfang", PASSWORD).await;
    assert!(
        home.text().contains("wangfang（金桥联系点 信息员）"),
        "{}",
        home.text()
    );
    // With a role again, the form is gone (a role is changed on /staff/roles).
    assert_eq!(b.get("/staff/accounts/wangfang/role").await.status, 404);
    let grants = audit(&app, "role.grant").await;
    assert!(
        grants.iter().any(|(who, _, _)| *who == Some(admin)),
        "{grants:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_liaison_adds_an_informant_for_their_point_and_another_point_is_not_found() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .point("gubei", "古北联系点")
        .liaison("古北联络员")
        .places()
        .await;
    app.grant(7001, "informant", Some("gubei")).await;
    let (liaison, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;

    let roles = b.get("/staff/roles").await;
    assert_eq!(roles.status, 200);
    let text = roles.text();
    assert!(text.contains("金桥联系点的信息员"), "{text}");
    assert!(!text.contains("7001"), "another point's informant: {text}");
    assert_eq!(
        roles.field("/staff/roles", "point").as_deref(),
        Some("jinqiao")
    );
    assert!(b.get("/staff/points").await.status == 404);

    // By Telegram id: an informant of their own point.
    let granted = b
        .submit(&roles, "/staff/roles", &[("person", "5551")])
        .await;
    assert!(
        granted.text().contains("已授予 5551 角色。"),
        "{}",
        granted.text()
    );
    let r = app.db.roles().of(5551).await.unwrap().unwrap();
    assert_eq!(r.role, Role::Informant);
    assert_eq!(r.point.unwrap().code, "jinqiao");
    // As a web account: the link to set the password.
    let accounts = b.get("/staff/accounts").await;
    let added = b
        .submit(&accounts, "/staff/accounts", &[("name", "xinxiyuan")])
        .await;
    assert!(
        added
            .text()
            .contains("已添加账号 xinxiyuan（金桥联系点 信息员）。"),
        "{}",
        added.text()
    );
    let list = b.get("/staff/accounts").await;
    assert!(list.text().contains("xinxiyuan"));
    assert!(
        !list.body.contains("/staff/accounts/wangfang/"),
        "a liaison lists the informants they manage, not themselves"
    );

    // Another point, another role, another point's person: the ordinary 404.
    let gubei_liaison = places.liaison("gubei").id.to_string();
    for (person, role, point) in [
        ("5552", "informant", "gubei"),
        ("5552", "liaison", "jinqiao"),
        ("5552", "admin", ""),
        (gubei_liaison.as_str(), "informant", "jinqiao"),
        ("7001", "informant", "jinqiao"),
    ] {
        let refused = b
            .submit(
                &roles,
                "/staff/roles",
                &[("person", person), ("role", role), ("point", point)],
            )
            .await;
        assert_eq!(refused.status, 404, "{person} {role} {point}");
    }
    let other = b
        .submit(
            &accounts,
            "/staff/accounts",
            &[("name", "gubeiren"), ("point", "gubei")],
        )
        .await;
    assert_eq!(other.status, 404);
    assert_eq!(b.get("/staff/roles/7001/revoke").await.status, 404);
    assert_eq!(
        b.post("/staff/roles/7001/revoke", &[("csrf", "x")])
            .await
            .status,
        404
    );
    assert!(app.db.roles().of(5552).await.unwrap().is_none());
    assert_eq!(
        app.db.roles().of(7001).await.unwrap().unwrap().role,
        Role::Informant
    );

    // Their own informant they may take away again.
    let confirm = b.get("/staff/roles/5551/revoke").await;
    let revoked = b.submit(&confirm, "/staff/roles/5551/revoke", &[]).await;
    assert!(
        revoked.text().contains("已撤销 5551 的角色"),
        "{}",
        revoked.text()
    );
    assert!(app.db.roles().of(5551).await.unwrap().is_none());
    let grants: Vec<_> = audit(&app, "role.")
        .await
        .into_iter()
        .filter(|(who, _, _)| *who == Some(liaison))
        .map(|(_, a, s)| (a, s))
        .collect();
    assert_eq!(
        grants,
        [
            ("role.grant".to_owned(), "5551".to_owned()),
            ("role.revoke".to_owned(), "5551".to_owned())
        ]
    );
    app.finish().await;
}

#[tokio::test]
async fn the_group_list_shows_the_groups_linked_in_chat_and_a_liaison_unlinks_one() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .point("gubei", "古北联系点")
        .liaison("李明")
        .places()
        .await;
    let first = linked_group(&app, places.liaison("jinqiao"), "金桥一群").await;
    let pinned = app.tg.group("金桥二群");
    app.tg
        .add_bot_as_admin(places.liaison("jinqiao"), &pinned, true);
    app.tg.wait_sent(pinned.id, 1).await;
    linked_group(&app, places.liaison("gubei"), "古北一群").await;
    let resident = app.tg.person("居民");
    let stray = app.tg.group("没人关联的群");
    app.tg.add_bot(&resident, &stray);
    app.tg.wait_sent(stray.id, 1).await;

    let (_, mut admin) = logged_in(&app, addr, "fagongwei", "admin", None).await;
    let all = admin.get("/staff/groups").await;
    let text = all.text();
    for title in [
        "金桥一群",
        "金桥二群",
        "古北一群",
        "没人关联的群",
        "未关联的群",
    ] {
        assert!(text.contains(title), "{title}: {text}");
    }
    assert!(text.contains("古北联系点"), "{text}");

    let (liaison, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let mine = b.get("/staff/groups").await;
    let text = mine.text();
    assert!(
        text.contains("金桥一群") && text.contains("金桥二群"),
        "{text}"
    );
    assert!(
        !text.contains("古北一群") && !text.contains("没人关联的群"),
        "{text}"
    );
    assert!(
        text.contains("不可以（请把机器人设为可以置顶消息的管理员）"),
        "the bot is a plain member of 金桥一群: {text}"
    );
    assert!(text.contains("可以"), "{text}");
    assert!(text.contains("使用中"), "{text}");

    // Another point's group, and a stray one, are not there to unlink.
    let gubei = app
        .db
        .groups()
        .list(consult_domain::review::Scope::Point(places.id("gubei")))
        .await
        .unwrap();
    let gubei_path = format!("/staff/groups/{}/unlink", gubei[0].chat_id);
    assert_eq!(b.get(&gubei_path).await.status, 404);
    assert_eq!(
        b.get(&format!("/staff/groups/{}/unlink", stray.id))
            .await
            .status,
        404
    );
    let link_path = format!("/staff/groups/{}/link", stray.id);
    assert_eq!(
        b.post(&link_path, &[("csrf", "x"), ("point", "jinqiao")])
            .await
            .status,
        404,
        "only admins link from the console"
    );

    let path = format!("/staff/groups/{}/unlink", first.id);
    let confirm = b.get(&path).await;
    assert!(
        confirm
            .text()
            .contains("取消「金桥一群」与金桥联系点的关联"),
        "{}",
        confirm.text()
    );
    let done = b.submit(&confirm, &path, &[]).await;
    assert!(done.text().contains("已取消关联"), "{}", done.text());
    let g = app.db.groups().get(first.id).await.unwrap().unwrap();
    assert_eq!(g.point_id, None);
    let unlinks = audit(&app, "group.unlink").await;
    assert_eq!(
        unlinks,
        [(
            Some(liaison),
            "group.unlink".to_owned(),
            first.id.to_string()
        )]
    );

    // The admin links the stray group to 古北.
    let all = admin.get("/staff/groups").await;
    let linked = admin.submit(&all, &link_path, &[("point", "gubei")]).await;
    assert!(linked.text().contains("已关联"), "{}", linked.text());
    let g = app.db.groups().get(stray.id).await.unwrap().unwrap();
    assert_eq!(g.point_id, Some(places.id("gubei")));
    app.finish().await;
}

#[tokio::test]
async fn the_group_notice_has_the_title_the_deadline_and_the_points_link_as_chat_sends_it() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .point("gubei", "古北联系点")
        .open()
        .await;
    let id = w.id();
    let (_, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;

    let list = b.get("/staff/posters").await;
    assert_eq!(list.status, 200);
    let to_one = list.link(TITLE).expect("the open consultation");
    assert_eq!(to_one, format!("/staff/posters/{id}?point=jinqiao"));
    let one = b.get(&to_one).await;
    assert_eq!(one.status, 200);
    let notice = textarea(&one, "one-notice");
    let link = format!("{BASE}c/{id}?p=jinqiao");
    let deadline = w
        .consultation
        .closes_at
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y年%-m月%-d日 %H:%M")
        .to_string();
    assert!(notice.contains(TITLE), "{notice}");
    assert!(
        notice.contains(&format!("截止时间：{deadline}")),
        "{notice}"
    );
    assert!(notice.lines().any(|l| l == link), "{notice}");
    assert!(notice.contains("阅读草案"), "how to take part: {notice}");
    // The copy button: hidden until the site's own script shows it.
    let csp = one.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(one.body.contains("<script src=\"/assets/copy.js\""));
    assert!(one.body.contains("hidden"), "{}", one.body);
    let script = b.get("/assets/copy.js").await;
    assert_eq!(script.status, 200);
    assert!(script.body.contains("clipboard"));
    // Pages without the button allow no script at all.
    let other = b.get("/staff/groups").await;
    assert!(
        other.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'none'")
    );

    // The same words as chat's /poster sends (escaped there for Telegram).
    let chat = say(&app, w.liaison("jinqiao"), &format!("/poster {id}")).await;
    assert_eq!(chat.last().unwrap().text, notice);

    // The pictures decode to the point's link.
    let downloads: Vec<String> = one
        .tags("a")
        .into_iter()
        .filter(|a| a.contains_key("download"))
        .filter_map(|a| a.get("href").cloned())
        .collect();
    assert_eq!(
        downloads,
        [
            format!("/c/{id}/qr.png?p=jinqiao"),
            format!("/c/{id}/qr.svg?p=jinqiao")
        ]
    );
    let png = reqwest::get(format!("http://{addr}{}", downloads[0]))
        .await
        .unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(decode_png(&png.bytes().await.unwrap()), vec![link.clone()]);
    let svg = b.get(&downloads[1]).await;
    assert!(svg.body.starts_with("<svg"), "{}", svg.body);
    let poster = b
        .get(
            &one.link("打开可打印的 A4 海报")
                .expect("the printable poster"),
        )
        .await;
    assert!(poster.text().contains(TITLE) && poster.text().contains(&link));

    // In English, the notice is in English.
    let en = b.get(&format!("{to_one}&lang=en")).await;
    let notice_en = textarea(&en, "one-notice");
    assert!(
        notice_en.starts_with(&format!("[Public consultation] {TITLE}")),
        "{notice_en}"
    );
    assert!(notice_en.lines().any(|l| l == link), "{notice_en}");

    // The point's list: its own notice; a liaison cannot ask for another point's.
    assert!(
        textarea(&list, "list-notice").contains(&format!("{BASE}?p=jinqiao")),
        "{}",
        list.body
    );
    let asked_other = b.get(&format!("/staff/posters/{id}?point=gubei")).await;
    assert!(
        textarea(&asked_other, "one-notice").contains(&link),
        "a liaison's posters are their own point's, whatever the address says"
    );
    // An admin chooses the point, or none; an unknown point is a 404.
    let (_, mut admin) = logged_in(&app, addr, "fagongwei", "admin", None).await;
    let gubei = admin.get(&format!("/staff/posters/{id}?point=gubei")).await;
    assert!(textarea(&gubei, "one-notice").contains(&format!("{BASE}c/{id}?p=gubei")));
    let none = admin.get(&format!("/staff/posters/{id}")).await;
    assert!(
        textarea(&none, "one-notice")
            .lines()
            .any(|l| l == format!("{BASE}c/{id}"))
    );
    assert_eq!(
        admin
            .get(&format!("/staff/posters/{id}?point=nowhere"))
            .await
            .status,
        404
    );
    assert_eq!(admin.get("/staff/posters/999").await.status, 404);
    app.finish().await;
}

#[tokio::test]
async fn an_faq_answer_edited_on_the_web_is_what_chat_answers() {
    let (app, addr) = spawn_web(WEB).await;
    world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    import_starter(&app.db).await;
    let resident = app.tg.person("居民");
    let before = reply(&app, &resident, "楼上装修噪音扰民怎么办").await;
    assert!(before.text.contains("限定作业时间"), "{}", before.text);

    let (admin, mut b) = logged_in(&app, addr, "fagongwei", "admin", None).await;
    let list = b.get("/staff/faq").await;
    assert!(list.text().contains("共 50 条问答"), "{}", list.text());
    let entry = b
        .get(
            &list
                .link("邻居装修太吵，有没有时间限制？")
                .expect("the entry"),
        )
        .await;
    let action = entry
        .tags("form")
        .into_iter()
        .filter_map(|f| f.get("action").cloned())
        .find(|a| a.starts_with("/staff/faq/"))
        .expect("the entry's form");
    assert_eq!(
        entry.field(&action, "article").as_deref(),
        Some("第六十六条")
    );
    // A problem is shown under its field, with what was typed kept.
    let short = b.submit(&entry, &action, &[("answer", "太短")]).await;
    assert!(
        short.text().contains("太短了（至少 10 字）"),
        "{}",
        short.text()
    );
    assert_eq!(short.field(&action, "answer").as_deref(), Some("太短"));
    let new_answer = "工作日 8:00 至 12:00、14:00 至 18:00 以外不得装修施工；超时施工可以找物业或拨打 12345 反映。";
    let saved = b.submit(&entry, &action, &[("answer", new_answer)]).await;
    assert!(
        saved.text().contains("问答 renovation-noise 已保存"),
        "{}",
        saved.text()
    );
    let after = reply(&app, &resident, "楼上装修噪音扰民怎么办").await;
    assert!(after.text.contains("12345 反映"), "{}", after.text);

    // A question nobody could answer, answered on the web, is found next time.
    let unknown = reply(&app, &resident, "家里养蜜蜂需要登记吗").await;
    assert!(
        unknown.text.contains("抱歉，我还没有找到这个问题的答案"),
        "{}",
        unknown.text
    );
    let open = b.get("/staff/faq/unanswered").await;
    let question = open
        .link("家里养蜜蜂需要登记吗")
        .expect("the logged question");
    let form = b.get(&question).await;
    let answered = b
        .submit(
            &form,
            &question,
            &[
                ("answer", "在城市住宅区养蜂应当遵守当地的养殖规定，不得影响邻居的正常生活；具体是否需要备案，请咨询街道或农业农村部门。"),
                ("law", "中华人民共和国畜牧法"),
                ("article", "第三十九条"),
            ],
        )
        .await;
    assert!(
        answered.text().contains("已加入问答库（编号 q1）"),
        "{}",
        answered.text()
    );
    let found = reply(&app, &resident, "养蜜蜂需要登记吗").await;
    assert!(
        found.text.contains("请咨询街道或农业农村部门"),
        "{}",
        found.text
    );
    let faq_audit: Vec<String> = audit(&app, "faq.")
        .await
        .into_iter()
        .filter(|(who, _, _)| *who == Some(admin))
        .map(|(_, a, _)| a)
        .collect();
    assert_eq!(faq_audit, ["faq.edit", "faq.answer"]);

    // A liaison reads the entries and their point's questions, and edits nothing.
    let (_, mut liaison) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let read = liaison.get(&action).await;
    assert_eq!(read.status, 200);
    assert!(read.text().contains("12345 反映"));
    assert!(
        read.tags("form")
            .iter()
            .all(|f| f.get("action") != Some(&action))
    );
    assert_eq!(
        liaison
            .post(&action, &[("csrf", "x"), ("answer", "改不了")])
            .await
            .status,
        404
    );
    assert_eq!(liaison.get("/staff/faq/new").await.status, 404);
    assert_eq!(liaison.get("/staff/faq/unanswered").await.status, 200);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_deadline_on_the_web_is_broadcast_to_the_groups_and_announcing_again_is_once() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let group = linked_group(&app, places.liaison("jinqiao"), "金桥一群").await;
    let w_days = 10;
    let c = crate::support::world::publish(
        &app,
        TITLE,
        crate::support::world::DRAFT,
        consult_domain::consultations::Scope::All,
        app.clock.now_utc() + chrono::Duration::days(w_days),
    )
    .await;
    let (admin, mut b) = logged_in(&app, addr, "fagongwei", "admin", None).await;

    let page = b.get(&format!("/staff/consultations/{}", c.id)).await;
    let extend = b
        .get(
            &page
                .link("修改截止时间")
                .expect("a link to change the deadline"),
        )
        .await;
    let action = format!("/staff/consultations/{}/extend", c.id);
    let past = b
        .submit(&extend, &action, &[("deadline", "2020-01-01")])
        .await;
    assert!(
        past.text().contains("没看懂这个截止时间，或它已经过去了"),
        "{}",
        past.text()
    );
    let done = b
        .submit(&extend, &action, &[("deadline", "2026-12-31 18:00")])
        .await;
    assert!(
        done.text()
            .contains("C1 的截止时间已改为 2026年12月31日 18:00，正在通知 1 个居民群。"),
        "{}",
        done.text()
    );
    let notice = app.tg.wait_sent(group.id, 2).await[1].clone();
    assert!(
        notice.text.starts_with(&format!(
            "⏰ {TITLE}征求意见的截止时间改为 2026年12月31日 18:00。"
        )),
        "{}",
        notice.text
    );
    assert!(notice.reply_markup.is_some(), "with the card's buttons");
    let stored = app.db.consultations().get(c.id).await.unwrap().unwrap();
    assert_eq!(
        stored
            .closes_at
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        "2026-12-31 18:00"
    );

    // The summary: corrected, no broadcast.
    let summary = b
        .get(&format!("/staff/consultations/{}/summary", c.id))
        .await;
    let saved = b
        .submit(
            &summary,
            &format!("/staff/consultations/{}/summary", c.id),
            &[(
                "summary",
                "规范养犬行为；欢迎养犬和不养犬的居民都来提意见。",
            )],
        )
        .await;
    assert!(
        saved.text().contains("C1 的说明已更新。"),
        "{}",
        saved.text()
    );
    assert_eq!(
        app.db
            .consultations()
            .get(c.id)
            .await
            .unwrap()
            .unwrap()
            .summary
            .as_deref(),
        Some("规范养犬行为；欢迎养犬和不养犬的居民都来提意见。")
    );

    // Announced again: one card per request, however often the form is posted.
    let confirm = b
        .get(&format!("/staff/consultations/{}/announce", c.id))
        .await;
    assert!(
        confirm.text().contains("把 C1 的通知重新发送到 1 个居民群"),
        "{}",
        confirm.text()
    );
    let announce = format!("/staff/consultations/{}/announce", c.id);
    let once = b.submit(&confirm, &announce, &[]).await;
    assert!(
        once.text().contains("正在向 1 个居民群重新发送 C1 的通知"),
        "{}",
        once.text()
    );
    let card = app.tg.wait_sent(group.id, 3).await[2].clone();
    assert!(
        card.text.contains("规范养犬行为；欢迎养犬"),
        "{}",
        card.text
    );
    b.submit(&confirm, &announce, &[]).await;
    let again: Vec<_> = app
        .db
        .deliveries()
        .broadcasts(Some(admin), 20)
        .await
        .unwrap()
        .into_iter()
        .filter(|x| x.subject.contains(":again:"))
        .collect();
    assert_eq!(again.len(), 1, "{again:?}");

    let log: Vec<String> = audit(&app, "consultation.")
        .await
        .into_iter()
        .filter(|(who, _, _)| *who == Some(admin))
        .map(|(_, a, _)| a)
        .collect();
    // The form posted twice is one announcement, audited once.
    assert_eq!(
        log,
        [
            "consultation.extend",
            "consultation.summary",
            "consultation.announce"
        ]
    );
    app.finish().await;
}

#[tokio::test]
async fn every_new_form_refuses_a_post_without_the_sessions_csrf_token() {
    let (app, addr) = spawn_web(WEB).await;
    let w = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await;
    let group = linked_group(&app, w.liaison("jinqiao"), "金桥一群").await;
    import_starter(&app.db).await;
    let (_, mut b) = logged_in(&app, addr, "fagongwei", "admin", None).await;
    add(&app, "other", "liaison", Some("jinqiao")).await;
    let id = w.id();
    let entry = app
        .db
        .faq()
        .by_key("renovation-noise")
        .await
        .unwrap()
        .unwrap();
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/staff/accounts".into(),
            vec![("name", "x1"), ("role", "admin")],
        ),
        ("/staff/accounts/other/reset".into(), vec![]),
        ("/staff/accounts/other/revoke".into(), vec![]),
        (
            "/staff/roles".into(),
            vec![("person", "42"), ("role", "admin")],
        ),
        (
            "/staff/points".into(),
            vec![("code", "new"), ("name", "新点")],
        ),
        ("/staff/points/jinqiao".into(), vec![("name", "改名")]),
        ("/staff/points/jinqiao/deactivate".into(), vec![]),
        (format!("/staff/groups/{}/unlink", group.id), vec![]),
        (
            format!("/staff/consultations/{id}/extend"),
            vec![("deadline", "2027-01-31")],
        ),
        (
            format!("/staff/consultations/{id}/summary"),
            vec![("summary", "新说明")],
        ),
        (
            format!("/staff/consultations/{id}/announce"),
            vec![("request", "00ff")],
        ),
        (
            format!("/staff/faq/{}", entry.id),
            vec![("answer", "一个新的答案，足够长了。")],
        ),
        ("/staff/faq/new".into(), vec![("key", "k")]),
    ];
    for (path, fields) in &posts {
        for csrf in [None, Some("forged")] {
            let mut form = fields.clone();
            if let Some(c) = csrf {
                form.push(("csrf", c));
            }
            let page = b.post(path, &form).await;
            assert_eq!(page.status, 403, "{path} with {csrf:?}");
            assert!(page.text().contains("操作没有执行"), "{path}");
        }
    }
    // Nothing was done.
    assert!(app.db.roles().of(42).await.unwrap().is_none());
    let jinqiao = app.db.points().list().await.unwrap();
    assert!(jinqiao.iter().all(|p| p.code != "new"));
    assert!(jinqiao.iter().all(|p| p.active && p.name == "金桥联系点"));
    assert!(
        app.db
            .groups()
            .get(group.id)
            .await
            .unwrap()
            .unwrap()
            .point_id
            .is_some()
    );
    assert_eq!(
        app.db
            .faq()
            .by_key("renovation-noise")
            .await
            .unwrap()
            .unwrap(),
        entry
    );
    let c = app.db.consultations().get(id).await.unwrap().unwrap();
    assert_eq!((c.closes_at, c.summary), (w.consultation.closes_at, None));
    assert!(
        app.db
            .staff()
            .find(&consult_domain::staff::LoginName::parse("x1").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    app.finish().await;
}
