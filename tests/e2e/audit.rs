//! `consult-bot audit` on the real binary: it lists the actions the test took (in
//! chat and on the command line) with headers in the CLI's language, and its filters
//! (actor, action, subject, since/until, limit) and formats (text, CSV, JSON) work; an
//! entry no person made says what made it, there and in the console.

use chrono::Duration;
use consult_domain::{
    opinions::NewOpinion,
    review::{Action, Scope as ReviewScope},
};

use crate::{
    staff_web::{WEB, log_in, logged_in},
    support::{
        app::{ClockExt, TestApp, binary},
        telegram::ChatRef,
        web::{Browser, spawn_web},
        world::{submit, world},
    },
};

const DRAFT: &str =
    "某市养犬管理条例（草案）\n第一章 总则\n第一条【目的】为了规范养犬行为，制定本条例。\n";

/// Runs `consult-bot <args>` on the test's database; returns (success, stdout, stderr).
fn run(app: &TestApp, locale: &str, args: &[&str]) -> (bool, String, String) {
    let o = binary()
        .args(["--database-url", &app.testdb.url, "--locale", locale])
        .args(args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The action column of a text listing (after the header).
fn actions(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(3).unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_command_lists_what_was_done_and_filters_it() {
    let app = TestApp::spawn().await;
    let w = world(&app)
        .point("jinqiao", "金桥街道联系点")
        .liaison("联络员")
        .draft(DRAFT)
        .open()
        .await;
    let (admin, liaison, point) = (
        w.admin().clone(),
        w.liaison("jinqiao").clone(),
        w.point("jinqiao"),
    );
    let now = app.clock.now_utc();
    let o = NewOpinion {
        submission_key: "k1".into(),
        article: Some((1, "第一条".into())),
        body: "同意。很有必要。".into(),
        ..w.opinion("jinqiao")
    };
    let o = submit(&app, &[o]).await[0];

    // What the test does: the liaison reviews and looks at statistics, the admin
    // exports, the operator asks for the assessment on the command line.
    app.db
        .reviews()
        .act(
            o,
            liaison.id,
            ReviewScope::Point(point),
            &Action::Reviewed,
            now,
        )
        .await
        .unwrap();
    app.tg.send_text(&liaison, ChatRef::Private, "/stats");
    app.settle().await;
    let menu = app.tg.sent(liaison.id).pop().unwrap();
    let q = app.tg.press_button(
        &liaison,
        ChatRef::Private,
        menu.message_id,
        "C1 某市养犬管理条例（草案）",
    );
    app.settle().await;
    app.tg.wait_callback_answer(&q).await;
    app.tg.send_text(&admin, ChatRef::Private, "/export");
    app.settle().await;
    let (ok, out, err) = run(
        &app,
        "zh-CN",
        &[
            "assessment",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "csv",
        ],
    );
    assert!(ok, "{err}");
    let mut csv = out.lines();
    assert_eq!(
        csv.next().unwrap(),
        consult_domain::assessment::HEADERS.join(",")
    );
    assert!(
        csv.next().unwrap().starts_with(
            "jinqiao,金桥街道联系点,2026-11-01 – 2026-11-30,2026-11-01,2026-11-30,0,0,1,0,0,1,0,0%,"
        ),
        "{out}"
    );

    // Everything, oldest first, with localized headers.
    let (ok, out, err) = run(&app, "zh-CN", &["audit"]);
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().next().unwrap(),
        "编号\t时间\t操作人\t操作\t对象\t详情"
    );
    let all = actions(&out);
    let tail: Vec<&str> = all.iter().rev().take(4).rev().map(String::as_str).collect();
    assert_eq!(
        tail,
        [
            "review.reviewed",
            "stats.view",
            "export",
            "stats.assessment"
        ],
        "{out}"
    );
    assert!(all.iter().any(|a| a == "point.add"), "{all:?}");
    assert!(all.iter().any(|a| a == "consultation.publish"), "{all:?}");
    assert!(
        out.contains("\t命令行\tstats.assessment\tperiod:2026-11-01..2026-11-30\t"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "2026-11-24 09:00:00\t{}\treview.reviewed\topinion:{}\t",
            liaison.id, o
        )),
        "{out}"
    );

    // By actor, action, subject, time and count.
    let (_, out, _) = run(
        &app,
        "zh-CN",
        &["audit", "--actor", &liaison.id.to_string()],
    );
    assert_eq!(actions(&out), ["review.reviewed", "stats.view"], "{out}");
    let (_, out, _) = run(&app, "zh-CN", &["audit", "--action", "stats."]);
    assert_eq!(actions(&out), ["stats.view", "stats.assessment"], "{out}");
    let (_, out, _) = run(
        &app,
        "zh-CN",
        &["audit", "--subject", &format!("opinion:{o}")],
    );
    assert_eq!(actions(&out), ["review.reviewed"], "{out}");
    let (_, out, _) = run(
        &app,
        "zh-CN",
        &["audit", "--actor", "cli", "--action", "stats."],
    );
    assert_eq!(actions(&out), ["stats.assessment"], "{out}");
    let (_, out, _) = run(
        &app,
        "zh-CN",
        &[
            "audit",
            "--since",
            "2026-11-24",
            "--until",
            "2026-11-24",
            "--actor",
            &admin.id.to_string(),
        ],
    );
    assert_eq!(actions(&out), ["export"], "{out}");
    let (_, out, _) = run(&app, "zh-CN", &["audit", "--since", "2100-01-01"]);
    assert_eq!(out.trim(), "没有符合条件的审计记录。");
    let (_, out, _) = run(&app, "zh-CN", &["audit", "--limit", "2"]);
    assert_eq!(actions(&out), ["export", "stats.assessment"], "{out}");

    // CSV with English headers, and JSON that matches the log.
    let (ok, out, _) = run(
        &app,
        "en",
        &["audit", "--format", "csv", "--action", "export"],
    );
    assert!(ok);
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), "id,time,actor,action,subject,detail");
    assert!(
        lines
            .next()
            .unwrap()
            .contains(&format!(",{},export,all,", admin.id)),
        "{out}"
    );
    let (ok, out, _) = run(&app, "en", &["audit", "--format", "json"]);
    assert!(ok);
    let json: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let logged = app.db.audit().list(None, 1000).await.unwrap();
    assert_eq!(json.len(), logged.len());
    assert_eq!(json.last().unwrap()["action"], "stats.assessment");
    assert_eq!(json.last().unwrap()["actor"], serde_json::Value::Null);
    let view = json.iter().find(|e| e["action"] == "stats.view").unwrap();
    assert_eq!(view["actor"], liaison.id);
    assert_eq!(view["detail"]["point"], "jinqiao");

    // Bad filters: one line in the operator's language, non-zero exit.
    let (ok, _, err) = run(&app, "zh-CN", &["audit", "--since", "yesterday"]);
    assert!(!ok);
    assert!(
        err.starts_with("错误：审计记录的筛选条件不对：yesterday"),
        "{err}"
    );
    let (ok, _, err) = run(&app, "en", &["audit", "--format", "xml"]);
    assert!(!ok);
    assert!(err.contains("Unsupported output format: xml"), "{err}");
    let (ok, _, err) = run(&app, "en", &["audit", "--actor", "somebody"]);
    assert!(!ok);
    assert!(err.contains("Invalid audit filter: somebody"), "{err}");
    app.finish().await;
}

/// An entry no person made reads as what made it — someone not signed in for a failed
/// login, the system for a session ended by time, the command line for an operator's
/// command — alike in `consult-bot audit` and on the console's audit page, in both
/// languages. All three used to read 「命令行」 (or 「命令行或系统」).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_without_a_person_say_what_acted_on_the_command_line_and_in_the_console() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (liaison, mut b) = logged_in(&app, addr, "wangfang", "liaison", Some("jinqiao")).await;
    let mut stranger = Browser::new(addr);
    log_in(&mut stranger, "wangfang", "不是这个密码不是这个").await;
    // Left alone past the idle limit: the next request finds the session ended.
    app.clock.advance(Duration::minutes(31));
    assert_eq!(b.get("/staff").await.status, 303);

    let (ok, out, err) = run(&app, "zh-CN", &["audit"]);
    assert!(ok, "{err}");
    for line in [
        format!("\t未登录的访客\tstaff.login.failed\tstaff:{liaison}\t"),
        format!("\t系统\tstaff.session.end\tstaff:{liaison}\t"),
        "\t命令行\tpoint.add\t".to_owned(),
    ] {
        assert!(out.contains(&line), "{line} in {out}");
    }
    let (ok, out, err) = run(&app, "en", &["audit"]);
    assert!(ok, "{err}");
    for line in [
        format!("\tsomeone not signed in\tstaff.login.failed\tstaff:{liaison}\t"),
        format!("\tthe system\tstaff.session.end\tstaff:{liaison}\t"),
        "\tthe command line\tpoint.add\t".to_owned(),
    ] {
        assert!(out.contains(&line), "{line} in {out}");
    }

    let (_, mut admin) = logged_in(&app, addr, "boss", "admin", None).await;
    let text = admin.get("/staff/audit").await.text();
    for line in [
        format!("未登录的访客 staff.login.failed staff:{liaison}"),
        format!("系统 staff.session.end staff:{liaison}"),
        "命令行 point.add".to_owned(),
    ] {
        assert!(text.contains(&line), "{line} in {text}");
    }
    assert!(!text.contains("命令行或系统"), "{text}");
    let mut admin = admin.english();
    let text = admin.get("/staff/audit").await.text();
    for line in [
        format!("someone not signed in staff.login.failed staff:{liaison}"),
        format!("the system staff.session.end staff:{liaison}"),
        "the command line point.add".to_owned(),
    ] {
        assert!(text.contains(&line), "{line} in {text}");
    }
    app.finish().await;
}
