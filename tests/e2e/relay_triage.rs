//! 社情民意 triage beyond forward and close, on both channels and one domain: in chat
//! the liaison re-categorises, merges a duplicate (by a button or a typed receipt
//! number) and records an answer received by phone; each resident hears what the
//! domain says they hear; a forged button and an over-long answer are refused with
//! nothing stored. The relay's figures in chat's /stats are the console's. A retired
//! department is no longer offered for forwarding and keeps its name on history.

use consult_domain::{
    Actor,
    opinions::Identity,
    people::Locale,
    relay::{
        CategoryCode, NewDepartment, NewReport, Receipt, Report, ReportChannel, ReportStatus,
        Reporter,
    },
    review::Scope,
};

use crate::{
    staff_web::{WEB, logged_in},
    support::{
        app::{ClockExt, TestApp},
        chat::{forged, last, last_with, press_latest, say},
        telegram::Person,
        web::spawn_web,
        world::world,
    },
};

/// A report made in chat by `who` (the dialogue itself is tested in `relay`).
pub(crate) async fn reported(
    app: &TestApp,
    who: &Person,
    key: &str,
    category: &str,
    body: &str,
    point: i64,
) -> Report {
    let new = NewReport::new(
        key.to_owned(),
        CategoryCode::parse(category).unwrap(),
        body,
        "金桥路 100 弄",
        None,
        vec![],
        Reporter {
            telegram: Some(who.id),
            identity: Identity::Anonymous,
            name: None,
            consent_details: false,
            locale: Locale::ZhCn,
        },
        ReportChannel::Chat,
        Some(point),
    )
    .unwrap();
    app.db
        .relay()
        .submit(&new, app.clock.now_utc())
        .await
        .unwrap()
}

pub(crate) async fn department(app: &TestApp, name: &str, category: &str) -> i64 {
    let new = NewDepartment::new(
        name,
        "李警官",
        vec![CategoryCode::parse(category).unwrap()],
        false,
    )
    .unwrap();
    app.db
        .relay()
        .add_department(&new, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap()
        .id
}

async fn get(app: &TestApp, receipt: i64) -> Report {
    app.db
        .relay()
        .by_receipt(&Receipt::of(receipt), Scope::All)
        .await
        .unwrap()
        .unwrap()
}

/// /reports, then the button of report `receipt`: its card.
async fn open_card(app: &TestApp, liaison: &Person, receipt: &str) -> String {
    let list = say(app, liaison, "/reports").await;
    let label = list
        .last()
        .unwrap()
        .buttons()
        .into_iter()
        .flatten()
        .find(|b| b.starts_with(receipt))
        .unwrap_or_else(|| panic!("a button for {receipt} in {list:?}"));
    press_latest(app, liaison, &label).await;
    last_with(app, liaison, receipt).await.text
}

fn relay_actions(log: &[consult_domain::audit::AuditRecord]) -> Vec<String> {
    log.iter().rev().map(|e| e.action.clone()).collect()
}

#[tokio::test]
async fn in_chat_a_liaison_recategorises_merges_and_records_a_phone_answer() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .point("huaihai", "淮海联系点")
        .liaison("赵敏")
        .places()
        .await;
    let liaison = places.liaison("jinqiao").clone();
    let other = places.liaison("huaihai").clone();
    let (zhang, li) = (app.tg.person("张三"), app.tg.person("李四"));
    for p in [&liaison, &other, &zhang, &li] {
        say(&app, p, "/start").await;
    }
    let jinqiao = places.id("jinqiao");
    department(&app, "区公安分局", "security").await;
    let a = reported(
        &app,
        &zhang,
        "a",
        "security",
        "东门路灯坏了一个月，晚上很黑。",
        jinqiao,
    )
    .await;
    let b = reported(
        &app,
        &li,
        "b",
        "other",
        "东门那边路灯不亮，担心安全。",
        jinqiao,
    )
    .await;

    // Re-categorise S-0002: the categories are offered, the new one is stored.
    let card = open_card(&app, &liaison, "S-0002").await;
    assert!(card.contains("其他"), "{card}");
    let asked = press_latest(&app, &liaison, "改类别").await;
    assert!(asked.contains("改成哪一类"), "{asked}");
    let done = press_latest(&app, &liaison, "社会治安").await;
    assert_eq!(done, "已把 S-0002 改为“社会治安”。");
    assert_eq!(get(&app, 2).await.category.as_str(), "security");

    // Merge S-0002 into S-0001 by typing the receipt number; 李四 hears it.
    open_card(&app, &liaison, "S-0002").await;
    let asked = press_latest(&app, &liaison, "合并").await;
    assert!(asked.contains("同一问题"), "{asked}");
    assert!(
        last(&app, &liaison)
            .buttons()
            .iter()
            .flatten()
            .any(|b| b.starts_with("S-0001")),
        "the open report offered"
    );
    let unknown = say(&app, &liaison, "S-0099").await;
    assert!(
        unknown
            .last()
            .unwrap()
            .text
            .contains("没有找到这个收件编号"),
        "{unknown:?}"
    );
    let merged = say(&app, &liaison, "s-1").await;
    assert_eq!(
        merged.last().unwrap().text,
        "已把 S-0002 合并到 S-0001，会告诉反映人。"
    );
    let told = last_with(&app, &li, "同一问题已有人反映").await;
    assert!(told.text.contains("S-0001"), "{}", told.text);
    let b_now = get(&app, 2).await;
    assert_eq!(
        (b_now.status, b_now.merged_into),
        (ReportStatus::Merged, Some(a.id))
    );

    // A liaison of another point pressing a forged merge button: not found, nothing
    // changes; a resident pressing a forged answer button: staff only.
    let c = reported(
        &app,
        &zhang,
        "c",
        "traffic",
        "路口红绿灯时间太短。",
        jinqiao,
    )
    .await;
    let msg = last(&app, &other).message_id;
    forged(&app, &other, msg, &format!("s:m:{}:{}", c.id, a.id)).await;
    assert_eq!(
        last(&app, &other).text,
        "没有找到这条社情民意。",
        "outside the liaison's point"
    );
    let msg = last(&app, &zhang).message_id;
    forged(&app, &zhang, msg, &format!("s:a:{}:0:0", a.id)).await;
    assert_eq!(last(&app, &zhang).text, "这是联络员和管理员的功能。");
    assert_eq!(get(&app, 3).await.status, ReportStatus::Received);

    // Forward S-0001, then record the answer the police gave by phone.
    open_card(&app, &liaison, "S-0001").await;
    press_latest(&app, &liaison, "转办：区公安分局").await;
    open_card(&app, &liaison, "S-0001").await;
    let asked = press_latest(&app, &liaison, "记录答复").await;
    assert!(asked.contains("怎么收到"), "{asked}");
    press_latest(&app, &liaison, "电话答复（联络员记录）").await;
    let asked = press_latest(&app, &liaison, "部分解决").await;
    assert!(asked.contains("最多 2000 字"), "{asked}");
    // Too long: refused with the rule, the question stands, nothing is stored.
    let long = "长".repeat(2001);
    let refused = say(&app, &liaison, &long).await;
    assert_eq!(refused.last().unwrap().text, "答复请写 1–2000 字。");
    assert_eq!(get(&app, 1).await.status, ReportStatus::Forwarded);
    let recorded = say(&app, &liaison, "派出所电话说：已换灯，夜间加派巡逻。").await;
    assert_eq!(
        recorded.last().unwrap().text,
        "已记录 S-0001 的答复，会告诉反映人。"
    );
    let answered = get(&app, 1).await;
    assert_eq!(answered.status, ReportStatus::Answered);
    assert_eq!(
        answered.answered_via,
        Some(consult_domain::relay::AnswerVia::Phone)
    );
    // Both residents hear the answer: 张三's report and 李四's, merged into it.
    for p in [&zhang, &li] {
        let told = last_with(&app, p, "夜间加派巡逻").await;
        assert!(told.text.contains("部分解决"), "{}", told.text);
    }
    // The same merge again: refused in words, nothing stored twice.
    let msg = last(&app, &liaison).message_id;
    forged(&app, &liaison, msg, &format!("s:m:{}:{}", b.id, a.id)).await;
    assert!(
        last(&app, &liaison).text.contains("现在是“已合并”"),
        "{}",
        last(&app, &liaison).text
    );

    // Closing S-0003 (resolved on the spot) in chat: 张三 hears the reason.
    open_card(&app, &liaison, "S-0003").await;
    let closed = press_latest(&app, &liaison, "关闭：已当场解决").await;
    assert_eq!(closed, "已关闭 S-0003，会告诉反映人。");
    let told = last_with(&app, &zhang, "联系点已关闭此事项").await;
    assert!(told.text.contains("已当场解决"), "{}", told.text);

    // The audit log has each step, by the liaison.
    let log = app.db.audit().list(Some("relay."), 50).await.unwrap();
    let actions = relay_actions(&log);
    for action in ["relay.recategorise", "relay.merge", "relay.answer"] {
        let entry = log.iter().find(|e| e.action == action);
        assert!(entry.is_some(), "{action} in {actions:?}");
    }
    assert_eq!(
        actions.iter().filter(|a| *a == "relay.merge").count(),
        1,
        "{actions:?}"
    );

    // /stats: the relay's figures in chat are the console's, from one domain call.
    say(&app, &liaison, "/stats").await;
    let figures = press_latest(&app, &liaison, "📮 社情民意统计").await;
    assert!(figures.contains("金桥联系点"), "{figures}");
    assert!(
        figures.contains("合计：2 件，已转办 1，已答复 1"),
        "{figures}"
    );
    assert!(figures.contains("已关闭 1"), "{figures}");
    assert!(figures.contains("已合并 1"), "{figures}");
    assert!(figures.contains("社会治安：1 件"), "{figures}");
    assert!(figures.contains("交通出行：1 件"), "{figures}");
    assert!(figures.contains("区公安分局：1 件"), "{figures}");
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let page = console.get("/staff/reports").await.text();
    for (name, n) in [("社会治安", 1), ("交通出行", 1), ("区公安分局", 1)] {
        assert!(page.contains(&format!("{name} {n}")), "{name} in {page}");
    }
    assert!(page.contains("已合并 1"), "{page}");
    // The other point's liaison sees none of it.
    say(&app, &other, "/stats").await;
    let none = press_latest(&app, &other, "📮 社情民意统计").await;
    assert!(none.contains("这里没有社情民意"), "{none}");
    app.finish().await;
}

#[tokio::test]
async fn a_retired_department_is_no_longer_offered_and_keeps_its_name_on_history() {
    let (app, addr) = spawn_web(WEB).await;
    let places = world(&app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .places()
        .await;
    let liaison = places.liaison("jinqiao").clone();
    let zhang = app.tg.person("张三");
    say(&app, &liaison, "/start").await;
    let jinqiao = places.id("jinqiao");
    let police = department(&app, "区公安分局", "security").await;
    department(&app, "区城管局", "security").await;
    let a = reported(
        &app,
        &zhang,
        "a",
        "security",
        "东门路灯坏了一个月，晚上很黑。",
        jinqiao,
    )
    .await;
    reported(
        &app,
        &zhang,
        "b",
        "security",
        "小区门口有人占道经营。",
        jinqiao,
    )
    .await;
    let card = open_card(&app, &liaison, "S-0001").await;
    assert!(!card.is_empty());
    press_latest(&app, &liaison, "转办：区公安分局").await;

    // The admin retires 区公安分局 in the console.
    let (_, mut admin) = logged_in(&app, addr, "committee", "admin", None).await;
    let page = admin.get("/staff/departments").await;
    let retired = admin
        .submit(&page, &format!("/staff/departments/{police}/active"), &[])
        .await;
    assert_eq!(retired.status, 200, "{}", retired.text());
    assert!(retired.text().contains("已停用"), "{}", retired.text());
    let d = app.db.relay().department(police).await.unwrap().unwrap();
    assert!(!d.active);

    // No longer offered: not in chat, not in the console's forward form; a forged
    // forward to it is refused.
    open_card(&app, &liaison, "S-0002").await;
    let buttons: Vec<String> = last(&app, &liaison).buttons().concat();
    assert!(buttons.iter().any(|b| b == "转办：区城管局"), "{buttons:?}");
    assert!(
        !buttons.iter().any(|b| b == "转办：区公安分局"),
        "{buttons:?}"
    );
    let second = get(&app, 2).await;
    let (_, mut console) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let card = console.get(&format!("/staff/reports/{}", second.id)).await;
    let options: Vec<String> = card
        .tags("option")
        .into_iter()
        .filter_map(|o| o.get("value").cloned())
        .collect();
    assert!(!options.contains(&police.to_string()), "{options:?}");
    let msg = last(&app, &liaison).message_id;
    forged(&app, &liaison, msg, &format!("s:fw:{}:{police}", second.id)).await;
    assert_eq!(last(&app, &liaison).text, "没有这个承办部门。");
    assert_eq!(get(&app, 2).await.status, ReportStatus::Received);

    // Kept on history: the forwarded report still names it, in the console and on
    // its history.
    let card = console.get(&format!("/staff/reports/{}", a.id)).await;
    assert!(card.text().contains("区公安分局"), "{}", card.text());
    // Restored, it is offered again.
    let page = admin.get("/staff/departments").await;
    admin
        .submit(&page, &format!("/staff/departments/{police}/active"), &[])
        .await;
    assert!(
        app.db
            .relay()
            .department(police)
            .await
            .unwrap()
            .unwrap()
            .active
    );
    let log = app
        .db
        .audit()
        .list(Some("relay.department"), 10)
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "relay.department.active")
            .count(),
        2
    );
    app.finish().await;
}
