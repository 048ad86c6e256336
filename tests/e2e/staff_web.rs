//! The staff console's accounts and sessions (HTTP, with a browser's cookies): a
//! password set from the one-time link (a used or expired link refused), login and
//! logout, wrong passwords, throttling by account and by address, idle and absolute
//! session expiry on the injected clock, CSRF tokens missing or from another session,
//! a revoked role logged out at once, a password change ending other sessions, what
//! each role's dashboard shows (and the 404 for another point's opinion), `/web` and
//! `/staff add` in chat, `consult-bot staff`, and the audit log of all of it.

use chrono::Duration;
use consult_domain::{
    Actor, Db,
    consultations::Scope,
    opinions::NewOpinion,
    review::{self, Action},
    staff::{LoginName, Purpose, links},
};
use url::Url;

use crate::support::{
    app::{ClockExt, TestApp, args, binary},
    chat::reply,
    db::TestDb,
    telegram::FakeTelegram,
    web::{Browser, Page, spawn_web},
    world::{World, publish, staff_account, submit, world},
};

/// The public base every test serves under: HTTPS, so cookies are `Secure`.
pub(crate) const BASE: &str = "https://consult.example.org/";
pub(crate) const WEB: &[&str] = &["--web-url", BASE];
/// A password the policy accepts (11 characters).
pub(crate) const PASSWORD: &str = "虹桥联系点的第一个密码";

/// The path of a link printed for [`BASE`], to open on the test server.
pub(crate) fn path(link: &str) -> String {
    let url = Url::parse(link).expect("a link");
    assert_eq!(url.host_str(), Some("consult.example.org"), "{link}");
    url.path().to_owned()
}

/// The path of the console link in a chat message.
fn link_in(text: &str) -> String {
    path(
        text.split_whitespace()
            .find(|w| w.starts_with(BASE))
            .unwrap_or_else(|| panic!("a link in {text}")),
    )
}

/// Adds a staff account as an operator would; returns its person id and the path of
/// its password link.
pub(crate) async fn add(
    app: &TestApp,
    name: &str,
    role: &str,
    point: Option<&str>,
) -> (i64, String) {
    let base = Url::parse(BASE).expect("base");
    let (person, link) = staff_account(app, &base, name, role, point).await;
    (person, path(link.as_str()))
}

/// Opens the link and sets `password` (typed twice).
pub(crate) async fn set_password(b: &mut Browser, link: &str, password: &str) -> Page {
    let page = b.get(link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    b.submit(
        &page,
        link,
        &[("new_password", password), ("confirm", password)],
    )
    .await
}

/// Logs in through the form (following the redirect to the page after).
pub(crate) async fn log_in(b: &mut Browser, name: &str, password: &str) -> Page {
    let page = b.get("/staff/login").await;
    b.submit(
        &page,
        "/staff/login",
        &[("name", name), ("password", password)],
    )
    .await
}

/// An account with its password set, logged in in a fresh browser.
pub(crate) async fn logged_in(
    app: &TestApp,
    addr: std::net::SocketAddr,
    name: &str,
    role: &str,
    point: Option<&str>,
) -> (i64, Browser) {
    let (person, link) = add(app, name, role, point).await;
    let mut b = Browser::new(addr);
    set_password(&mut b, &link, PASSWORD).await;
    let page = log_in(&mut b, name, PASSWORD).await;
    assert!(page.text().contains("退出登录"), "{}", page.text());
    (person, b)
}

/// A world where the admin and 金桥's liaison 王芳 use Telegram.
async fn in_telegram(app: &TestApp) -> World {
    world(app)
        .point("jinqiao", "金桥联系点")
        .liaison("王芳")
        .open()
        .await
}

/// The actions of the audit log's `staff.` entries, oldest first.
async fn staff_audit(app: &TestApp) -> Vec<consult_domain::audit::AuditRecord> {
    let mut entries = app.db.audit().list(Some("staff."), 1000).await.unwrap();
    entries.reverse();
    entries
}

async fn exec(db: &Db, sql: &str, id: i64) {
    match db {
        Db::Sqlite(p) => drop(sqlx::query(sql).bind(id).execute(p).await.unwrap()),
        Db::Postgres(p) => drop(sqlx::query(sql).bind(id).execute(p).await.unwrap()),
    }
}

#[tokio::test]
async fn a_liaison_sets_a_password_from_the_link_logs_in_and_out() {
    let (app, addr) = spawn_web(WEB).await;
    world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .open()
        .await;
    let (person, link) = add(&app, "WangFang", "liaison", Some("jinqiao")).await;
    assert!(
        person < 0,
        "a web-only person has an id no Telegram user has"
    );
    let mut b = Browser::new(addr);

    let page = b.get(&link).await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("设置登录密码") && text.contains("账号：WangFang"),
        "{text}"
    );
    assert!(text.contains("至少 10 个字符"), "{text}");

    // The policy, in words, and the link still good after each refusal.
    for (password, says) in [
        ("short", "密码太短：至少要 10 个字符。"),
        ("qwertyuiop", "这个密码太常见"),
        ("Woaini1314", "这个密码太常见"),
        ("wangfang2026", "密码不能与账号相同"),
    ] {
        let page = set_password(&mut b, &link, password).await;
        assert!(page.text().contains(says), "{password}: {}", page.text());
    }
    let page = b.get(&link).await;
    let page = b
        .submit(
            &page,
            &link,
            &[
                ("new_password", PASSWORD),
                ("confirm", "别的密码别的密码别的"),
            ],
        )
        .await;
    assert!(
        page.text().contains("两次输入的新密码不一致"),
        "{}",
        page.text()
    );

    let page = set_password(&mut b, &link, PASSWORD).await;
    assert!(
        page.text().contains("密码已设置好，请用新密码登录。"),
        "{}",
        page.text()
    );
    // The link works once.
    let again = b.get(&link).await;
    assert_eq!(again.status, 410);
    assert!(
        again.text().contains("这个链接已经用过了"),
        "{}",
        again.text()
    );

    let wrong = log_in(&mut b, "WangFang", "not the password").await;
    assert!(
        wrong.text().contains("账号或密码不正确。"),
        "{}",
        wrong.text()
    );
    let unknown = log_in(&mut b, "nobody", PASSWORD).await;
    assert!(
        unknown.text().contains("账号或密码不正确。"),
        "{}",
        unknown.text()
    );

    // The login answer itself: a redirect with the session cookie, strict and secret.
    let form = b.get("/staff/login").await;
    let mut fields = form.form("/staff/login");
    fields.retain(|(k, _)| k != "name" && k != "password");
    fields.push(("name".into(), "wangfang".into()));
    fields.push(("password".into(), PASSWORD.into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = b.post_only("/staff/login", &pairs).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.location.as_deref(), Some("/staff"));
    let cookie = answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("staff="))
        .expect("a session cookie")
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/staff"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(!cookie.contains("Max-Age"), "a session cookie: {cookie}");

    let dashboard = b.get("/staff").await;
    assert_eq!(dashboard.status, 200);
    let text = dashboard.text();
    assert!(text.contains("WangFang（金桥联系点 联络员）"), "{text}");
    assert!(text.contains("范围：金桥联系点"), "{text}");
    let csp = dashboard.headers["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(dashboard.headers["cache-control"], "no-store");
    assert_eq!(dashboard.headers["x-frame-options"], "DENY");

    let out = b.submit(&dashboard, "/staff/logout", &[]).await;
    assert!(out.text().contains("您已退出登录。"), "{}", out.text());
    assert!(!b.cookies.contains_key("staff"), "the cookie is cleared");
    let page = b.get("/staff").await;
    assert_eq!(page.status, 303);
    assert!(
        page.location
            .as_deref()
            .is_some_and(|l| l.starts_with("/staff/login")),
        "{page:?}"
    );
    assert_eq!(
        app.db.staff_sessions().count(person).await.unwrap(),
        0,
        "no session is left"
    );

    let audit = staff_audit(&app).await;
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "staff.add",
            "staff.password",
            "staff.login.failed",
            "staff.login.failed",
            "staff.login",
            "staff.logout",
        ]
    );
    let subject = format!("staff:{person}");
    for (i, entry) in audit.iter().enumerate() {
        let expected = if i == 3 { "staff:?" } else { subject.as_str() };
        assert_eq!(entry.subject, expected, "{entry:?}");
    }
    assert_eq!(audit[2].detail.0["reason"], "password");
    assert_eq!(audit[3].detail.0["reason"], "unknown");
    assert_eq!(audit[2].actor, None, "a failure proves nobody's identity");
    assert_eq!(audit[4].actor, Some(person));
    let everything = format!(
        "{:?}",
        audit.iter().map(|a| &a.detail.0).collect::<Vec<_>>()
    );
    let code = link.rsplit('/').next().unwrap();
    assert!(
        !everything.contains(code),
        "no link secret in the audit log"
    );
    assert!(!everything.contains(PASSWORD) && !everything.contains("127.0.0.1"));
    app.finish().await;
}

#[tokio::test]
async fn expired_and_forged_links_are_refused_and_a_reset_replaces_the_link() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (_, link) = add(&app, "li", "liaison", Some("jinqiao")).await;
    let mut b = Browser::new(addr);

    app.clock.advance(Duration::days(7));
    let page = b.get(&link).await;
    assert_eq!(page.status, 410);
    assert!(page.text().contains("这个链接已经过期"), "{}", page.text());

    for forged in [
        "/staff/password/AAAAAAAAAAAAAAAAAAAAAA",
        "/staff/password/x",
    ] {
        let page = b.get(forged).await;
        assert_eq!(page.status, 404, "{forged}");
        assert!(page.text().contains("找不到这个页面"));
    }
    // A login link is not a password link, and the other way round.
    let code = link.rsplit('/').next().unwrap();
    assert_eq!(b.get(&format!("/staff/link/{code}")).await.status, 404);

    // A new link from `reset` works; an older unused one stops working.
    let now = app.clock.now_utc();
    let name = LoginName::parse("li").unwrap();
    let (_, first, _) = app
        .db
        .staff()
        .reset(&name, Actor::CommandLine, now, Duration::days(7))
        .await
        .unwrap();
    let (_, second, _) = app
        .db
        .staff()
        .reset(&name, Actor::CommandLine, now, Duration::days(7))
        .await
        .unwrap();
    let base = Url::parse(BASE).unwrap();
    let first = path(links::url(&base, Purpose::Password, &first).as_str());
    let second = path(links::url(&base, Purpose::Password, &second).as_str());
    assert_eq!(b.get(&first).await.status, 410);
    let page = set_password(&mut b, &second, PASSWORD).await;
    assert!(page.text().contains("密码已设置好"), "{}", page.text());
    let page = log_in(&mut b, "li", PASSWORD).await;
    assert!(page.text().contains("工作台"), "{}", page.text());
    app.finish().await;
}

/// The password hash kept for a web-only person (their person id is negative).
async fn stored_hash(db: &Db, person: i64) -> String {
    let sql = "SELECT password_hash FROM staff_accounts WHERE id = $1";
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).bind(-person).fetch_one(p).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).bind(-person).fetch_one(p).await,
    }
    .unwrap()
}

/// 虹桥联系点的第一个密码 ([`PASSWORD`]) as builds before argon2id kept it:
/// PBKDF2-HMAC-SHA256, 10 000 rounds, salt "consult-bot-salt" (Python's hashlib).
const PBKDF2_HASH: &str =
    "$pbkdf2-sha256$i=10000$Y29uc3VsdC1ib3Qtc2FsdA$CaURc2+1giSsXulM6ERCFPlENZNB0razUfsxkK41J2Q";

#[tokio::test]
async fn passwords_are_kept_with_argon2id_and_an_earlier_builds_hash_is_replaced_at_login() {
    let (app, addr) = spawn_web(WEB).await;
    world(&app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .open()
        .await;
    let (person, link) = add(&app, "WangFang", "liaison", Some("jinqiao")).await;
    let mut b = Browser::new(addr);
    set_password(&mut b, &link, PASSWORD).await;
    let kept = stored_hash(&app.db, person).await;
    assert!(
        kept.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{kept}"
    );
    assert!(!kept.contains("虹桥"), "never the password itself");

    // An account whose hash an earlier build kept with PBKDF2.
    let sql = "UPDATE staff_accounts SET password_hash = $2 WHERE id = $1";
    match &app.db {
        Db::Sqlite(p) => drop(
            sqlx::query(sql)
                .bind(-person)
                .bind(PBKDF2_HASH)
                .execute(p)
                .await
                .unwrap(),
        ),
        Db::Postgres(p) => drop(
            sqlx::query(sql)
                .bind(-person)
                .bind(PBKDF2_HASH)
                .execute(p)
                .await
                .unwrap(),
        ),
    }
    // A wrong password is refused against it, and the old hash stays.
    let page = log_in(&mut b, "WangFang", "虹桥联系点的第二个密码").await;
    assert!(!page.text().contains("退出登录"), "{}", page.text());
    assert_eq!(stored_hash(&app.db, person).await, PBKDF2_HASH);
    // The right one logs in, and the hash is replaced by argon2id on the spot.
    let dashboard = log_in(&mut b, "WangFang", PASSWORD).await;
    assert!(
        dashboard.text().contains("退出登录"),
        "{}",
        dashboard.text()
    );
    let replaced = stored_hash(&app.db, person).await;
    assert!(
        replaced.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{replaced}"
    );
    // The new hash is the one checked from now on.
    b.submit(&dashboard, "/staff/logout", &[]).await;
    let again = log_in(&mut b, "WangFang", PASSWORD).await;
    assert!(again.text().contains("退出登录"), "{}", again.text());
    assert_eq!(stored_hash(&app.db, person).await, replaced, "hashed once");
}

#[tokio::test]
async fn every_login_gets_a_new_session_id_and_the_old_one_stops_working() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (_, link) = add(&app, "li", "liaison", Some("jinqiao")).await;
    let mut b = Browser::new(addr);
    set_password(&mut b, &link, PASSWORD).await;
    let form = b.get("/staff/login").await;
    let fields = [("name", "li"), ("password", PASSWORD)];
    b.submit(&form, "/staff/login", &fields).await;
    let first = b.cookies["staff"].clone();
    // Logging in again (another tab's form) replaces the session.
    let page = b.submit(&form, "/staff/login", &fields).await;
    assert!(page.text().contains("退出登录"), "{}", page.text());
    let second = b.cookies["staff"].clone();
    assert_ne!(first, second);
    b.cookies.insert("staff".into(), first);
    assert_eq!(b.get("/staff").await.status, 303, "the old id is gone");

    // An id planted in the browser before login is not the one it gets.
    let mut fresh = Browser::new(addr);
    let planted = "P".repeat(43);
    fresh.cookies.insert("staff".into(), planted.clone());
    log_in(&mut fresh, "li", PASSWORD).await;
    assert_ne!(fresh.cookies["staff"], planted);
    assert_eq!(fresh.get("/staff").await.status, 200);
    app.finish().await;
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_fifteen_minutes() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (person, link) = add(&app, "li", "liaison", Some("jinqiao")).await;
    let mut b = Browser::new(addr);
    set_password(&mut b, &link, PASSWORD).await;

    for _ in 0..4 {
        let page = log_in(&mut b, "li", "a wrong password").await;
        assert!(
            page.text().contains("账号或密码不正确。"),
            "{}",
            page.text()
        );
    }
    let page = log_in(&mut b, "LI", "a wrong password").await;
    assert_eq!(page.status, 429);
    assert!(
        page.text().contains("这个账号登录失败的次数太多"),
        "{}",
        page.text()
    );
    // Locked: even the right password is not checked.
    let page = log_in(&mut b, "li", PASSWORD).await;
    assert_eq!(page.status, 429);
    // Another person at the same office is not locked out.
    let (_, other_link) = add(&app, "zhang", "liaison", Some("jinqiao")).await;
    let mut other = Browser::new(addr);
    set_password(&mut other, &other_link, PASSWORD).await;
    assert!(
        log_in(&mut other, "zhang", PASSWORD)
            .await
            .text()
            .contains("退出登录")
    );

    app.clock.advance(Duration::minutes(15));
    let page = log_in(&mut b, "li", PASSWORD).await;
    assert!(page.text().contains("退出登录"), "{}", page.text());

    let audit = staff_audit(&app).await;
    let locks: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "staff.login.locked")
        .collect();
    assert_eq!(locks.len(), 1);
    assert_eq!(locks[0].subject, format!("staff:{person}"));
    assert_eq!(locks[0].detail.0["by"], "account");
    let refused_while_locked = audit
        .iter()
        .filter(|a| a.action == "staff.login.failed" && a.detail.0["reason"] == "locked")
        .count();
    assert_eq!(refused_while_locked, 1);
    app.finish().await;
}

#[tokio::test]
async fn twenty_failures_from_one_address_lock_that_address_only() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (_, link) = add(&app, "li", "liaison", Some("jinqiao")).await;
    let mut setter = Browser::new(addr);
    set_password(&mut setter, &link, PASSWORD).await;

    let mut attacker = Browser::new(addr);
    attacker.forwarded_for = Some("203.0.113.7".into());
    for i in 0..19 {
        let page = log_in(&mut attacker, &format!("guess{i}"), "1234567890abc").await;
        assert_eq!(page.status, 200, "attempt {i}");
    }
    let page = log_in(&mut attacker, "guess19", "1234567890abc").await;
    assert_eq!(page.status, 429);
    assert!(
        page.text().contains("从这个网络登录失败的次数太多"),
        "{}",
        page.text()
    );
    // From that address even a right password is refused …
    let page = log_in(&mut attacker, "li", PASSWORD).await;
    assert_eq!(page.status, 429);
    // … and from anywhere else the account works.
    let mut office = Browser::new(addr);
    office.forwarded_for = Some("198.51.100.9".into());
    assert!(
        log_in(&mut office, "li", PASSWORD)
            .await
            .text()
            .contains("退出登录")
    );

    let audit = staff_audit(&app).await;
    let lock = audit
        .iter()
        .find(|a| a.action == "staff.login.locked")
        .expect("the lock is audited");
    assert_eq!(lock.detail.0["by"], "address");
    assert!(!format!("{:?}", lock.detail.0).contains("203.0.113.7"));
    app.finish().await;
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (person, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(29));
        assert_eq!(b.get("/staff").await.status, 200, "still active");
    }
    app.clock.advance(Duration::minutes(30));
    let page = b.get("/staff/account").await;
    assert_eq!(page.status, 303);
    let to = page.location.clone().unwrap();
    assert_eq!(to, "/staff/login?why=expired&next=%2Fstaff%2Faccount");
    assert!(
        !b.cookies.contains_key("staff"),
        "the stale cookie is cleared"
    );
    let login = b.get(&to).await;
    assert!(
        login.text().contains("为了安全已自动退出"),
        "{}",
        login.text()
    );
    // Logging in from there comes back to the page asked for.
    let page = b
        .submit(
            &login,
            "/staff/login",
            &[("name", "li"), ("password", PASSWORD)],
        )
        .await;
    assert!(page.text().contains("修改密码"), "{}", page.text());

    let ended: Vec<_> = staff_audit(&app)
        .await
        .into_iter()
        .filter(|a| a.action == "staff.session.end")
        .collect();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].subject, format!("staff:{person}"));
    assert_eq!(ended[0].detail.0["reason"], "idle");
    app.finish().await;
}

#[tokio::test]
async fn a_busy_session_still_ends_at_its_absolute_limit_and_both_limits_are_flags() {
    let mut flags = WEB.to_vec();
    flags.extend(["--staff-session-max", "2h", "--staff-idle-timeout", "45m"]);
    let (app, addr) = spawn_web(&flags).await;
    app.point("jinqiao", "金桥联系点").await;
    let (_, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    for _ in 0..2 {
        app.clock.advance(Duration::minutes(40));
        assert_eq!(b.get("/staff").await.status, 200);
    }
    app.clock.advance(Duration::minutes(40));
    let page = b.get("/staff").await;
    assert_eq!(page.location.as_deref(), Some("/staff/login?why=expired"));
    let audit = staff_audit(&app).await;
    assert_eq!(audit.last().unwrap().detail.0["reason"], "absolute");
    app.finish().await;
}

#[tokio::test]
async fn state_changing_posts_need_this_sessions_csrf_token() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (_, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    let (_, other) = logged_in(&app, addr, "zhang", "liaison", Some("jinqiao")).await;
    let mut other = other;
    let dashboard = b.get("/staff").await;
    let token = dashboard.field("/staff/logout", "csrf").expect("a token");
    let others = other
        .get("/staff")
        .await
        .field("/staff/logout", "csrf")
        .unwrap();
    assert_ne!(token, others);

    // Missing, or another session's: refused, nothing done.
    for posted in [vec![], vec![("csrf", others.as_str())]] {
        let page = b.post("/staff/logout", &posted).await;
        assert_eq!(page.status, 403);
        assert!(page.text().contains("这次操作没有执行"), "{}", page.text());
        assert_eq!(b.get("/staff").await.status, 200, "still logged in");
    }
    let page = b
        .post(
            "/staff/account",
            &[
                ("current", PASSWORD),
                ("new_password", "另一个足够长的新密码"),
                ("confirm", "另一个足够长的新密码"),
            ],
        )
        .await;
    assert_eq!(page.status, 403);

    // Replayed: the token of a session that ended is refused in the next one.
    let out = b.post("/staff/logout", &[("csrf", token.as_str())]).await;
    assert!(out.text().contains("您已退出登录。"));
    log_in(&mut b, "li", PASSWORD).await;
    let page = b.post("/staff/logout", &[("csrf", token.as_str())]).await;
    assert_eq!(page.status, 403);
    assert_eq!(b.get("/staff").await.status, 200);

    // The login form's token is the browser's: a post without it logs nobody in.
    let mut stranger = Browser::new(addr);
    let page = stranger
        .post("/staff/login", &[("name", "li"), ("password", PASSWORD)])
        .await;
    assert_eq!(page.status, 403);
    assert!(page.text().contains("页面已经过期"), "{}", page.text());
    assert!(!stranger.cookies.contains_key("staff"));
    app.finish().await;
}

#[tokio::test]
async fn a_revoked_role_is_logged_out_at_once() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (person, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    let mut second_browser = Browser::new(addr);
    log_in(&mut second_browser, "li", PASSWORD).await;
    assert_eq!(app.db.staff_sessions().count(person).await.unwrap(), 2);

    app.db
        .roles()
        .revoke(person, Actor::CommandLine, app.clock.now_utc())
        .await
        .unwrap();
    assert_eq!(app.db.staff_sessions().count(person).await.unwrap(), 0);
    for browser in [&mut b, &mut second_browser] {
        let page = browser.get("/staff").await;
        assert_eq!(page.status, 303);
    }
    // Without a role the right password opens nothing.
    let page = log_in(&mut b, "li", PASSWORD).await;
    assert!(
        page.text().contains("账号或密码不正确。"),
        "{}",
        page.text()
    );
    let audit = staff_audit(&app).await;
    assert_eq!(audit.last().unwrap().detail.0["reason"], "no_role");

    // A role removed by other means (a person's /forget) ends the session on its next
    // request, and says why.
    app.grant(person, "liaison", Some("jinqiao")).await;
    let page = log_in(&mut b, "li", PASSWORD).await;
    assert!(page.text().contains("退出登录"));
    exec(&app.db, "DELETE FROM roles WHERE telegram_id = $1", person).await;
    let page = b.get("/staff").await;
    assert_eq!(page.location.as_deref(), Some("/staff/login?why=revoked"));
    let login = b.get("/staff/login?why=revoked").await;
    assert!(
        login.text().contains("工作人员角色已被撤销"),
        "{}",
        login.text()
    );
    app.finish().await;
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (person, mut b) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    let mut phone = Browser::new(addr);
    log_in(&mut phone, "li", PASSWORD).await;
    let new = "换一个更长的新密码吧";

    let account = b.get("/staff/account").await;
    let page = b
        .submit(
            &account,
            "/staff/account",
            &[
                ("current", "wrong wrong"),
                ("new_password", new),
                ("confirm", new),
            ],
        )
        .await;
    assert!(page.text().contains("当前密码不正确"), "{}", page.text());
    let page = b
        .submit(
            &account,
            "/staff/account",
            &[
                ("current", PASSWORD),
                ("new_password", new),
                ("confirm", new),
            ],
        )
        .await;
    assert!(page.text().contains("密码已修改"), "{}", page.text());
    assert_eq!(b.get("/staff").await.status, 200, "this browser stays in");
    assert_eq!(phone.get("/staff").await.status, 303, "the phone is out");
    assert_eq!(app.db.staff_sessions().count(person).await.unwrap(), 1);
    let mut later = Browser::new(addr);
    assert!(
        log_in(&mut later, "li", PASSWORD)
            .await
            .text()
            .contains("账号或密码不正确")
    );
    assert!(
        log_in(&mut later, "li", new)
            .await
            .text()
            .contains("退出登录")
    );
    let actions: Vec<String> = staff_audit(&app)
        .await
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.contains(&"staff.password.failed".to_owned()));
    assert_eq!(
        actions.iter().filter(|a| *a == "staff.password").count(),
        2,
        "set from the link, then changed"
    );
    app.finish().await;
}

/// Two points; the world's consultation reaches both, a second one only 古北. Opinions:
/// two at 金桥 (one reviewed), three at 古北 on the first, one at 古北 on the second.
/// Returns the world and the ids (金桥's first, 古北's first).
async fn two_points(app: &TestApp) -> (World, i64, i64, String) {
    let w = world(app)
        .no_admin()
        .point("jinqiao", "金桥联系点")
        .point("gubei", "古北联系点")
        .open()
        .await;
    let closes = app.clock.now_utc() + Duration::days(3);
    let only_gubei = publish(
        app,
        "某市物业管理条例（草案）",
        crate::support::world::DRAFT,
        Scope::Points(vec![w.point("gubei")]),
        closes,
    )
    .await;
    let mut opinions = Vec::new();
    for (i, point) in ["jinqiao", "jinqiao", "gubei", "gubei", "gubei"]
        .into_iter()
        .enumerate()
    {
        opinions.push(NewOpinion {
            submission_key: format!("k{i}"),
            body: format!("第{i}条意见：建议写明夜间遛狗必须牵绳。"),
            ..w.opinion(point)
        });
    }
    opinions.push(NewOpinion {
        submission_key: "k-other".into(),
        consultation_id: only_gubei.id,
        body: "物业费公示的意见。".into(),
        ..w.opinion("gubei")
    });
    let ids = submit(app, &opinions).await;
    app.db
        .reviews()
        .act(
            ids[1],
            1,
            review::Scope::All,
            &Action::Reviewed,
            app.clock.now_utc(),
        )
        .await
        .unwrap();
    (w, ids[0], ids[2], only_gubei.title)
}

#[tokio::test]
async fn each_role_sees_its_own_scope_and_other_points_opinions_are_not_found() {
    let (app, addr) = spawn_web(WEB).await;
    let (w, jinqiao_opinion, gubei_opinion, other_title) = two_points(&app).await;
    let title = &w.consultation.title;

    let (_, mut liaison) = logged_in(&app, addr, "li", "liaison", Some("jinqiao")).await;
    let page = liaison.get("/staff").await;
    let text = page.text();
    assert!(text.contains("待处理的意见：1 条"), "{text}");
    assert!(
        text.contains(title.as_str()) && text.contains("还有 10 天 2 1"),
        "{text}"
    );
    assert!(!text.contains(&other_title), "{text}");

    let (_, mut admin) = logged_in(&app, addr, "boss", "admin", None).await;
    let text = admin.get("/staff").await.text();
    assert!(text.contains("范围：全部联系点"), "{text}");
    assert!(text.contains("待处理的意见：5 条"), "{text}");
    assert!(text.contains("还有 10 天 5 4"), "{text}");
    assert!(text.contains("还有 3 天 1 1"), "{text}");
    // Soonest deadline first.
    assert!(text.find(&other_title).unwrap() < text.find(title.as_str()).unwrap());

    let (_, mut informant) = logged_in(&app, addr, "xin", "informant", Some("jinqiao")).await;
    let text = informant.get("/staff").await.text();
    assert!(
        text.contains("录入线下收集的意见") && text.contains(title.as_str()),
        "{text}"
    );
    assert!(
        !text.contains("待处理") && !text.contains(&other_title),
        "{text}"
    );

    // One opinion: in scope, or the same 404 as a number never used.
    let own = liaison
        .get(&format!("/staff/opinions/{jinqiao_opinion}"))
        .await;
    assert_eq!(own.status, 200);
    assert!(own.text().contains("第0条意见"), "{}", own.text());
    for probe in [
        format!("/staff/opinions/{gubei_opinion}"),
        "/staff/opinions/999999".to_owned(),
        "/staff/opinions/abc".to_owned(),
    ] {
        let page = liaison.get(&probe).await;
        assert_eq!(page.status, 404, "{probe}");
        assert!(page.text().contains("找不到这个页面"), "{probe}");
    }
    assert_eq!(
        informant
            .get(&format!("/staff/opinions/{jinqiao_opinion}"))
            .await
            .status,
        404,
        "informants review nothing"
    );
    let theirs = admin.get(&format!("/staff/opinions/{gubei_opinion}")).await;
    assert_eq!(theirs.status, 200);
    assert!(theirs.text().contains("古北联系点"), "{}", theirs.text());

    // Not logged in: the login page, coming back after.
    let mut stranger = Browser::new(addr);
    let page = stranger
        .get(&format!("/staff/opinions/{gubei_opinion}"))
        .await;
    assert_eq!(
        page.location,
        Some(format!(
            "/staff/login?why=login&next=%2Fstaff%2Fopinions%2F{gubei_opinion}"
        ))
    );
    app.finish().await;
}

#[tokio::test]
async fn english_browsers_get_the_console_in_english() {
    let (app, addr) = spawn_web(WEB).await;
    app.point("jinqiao", "金桥联系点").await;
    let (_, link) = add(&app, "li", "liaison", Some("jinqiao")).await;
    let mut b = Browser::new(addr).english();
    let page = set_password(&mut b, &link, "password123").await;
    assert!(page.text().contains("too common"), "{}", page.text());
    set_password(&mut b, &link, PASSWORD).await;
    let page = log_in(&mut b, "li", PASSWORD).await;
    let text = page.text();
    assert!(text.contains("li (liaison, 金桥联系点)"), "{text}");
    assert!(text.contains("Opinions waiting for review: 0"), "{text}");
    assert!(text.contains("Log out"), "{text}");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_staff_get_a_one_time_login_link_with_web() {
    let (app, addr) = spawn_web(WEB).await;
    let w = in_telegram(&app).await;
    let liaison = w.liaison("jinqiao").clone();

    let answer = reply(&app, &liaison, "/web").await;
    assert!(answer.text.contains("10 分钟内有效"), "{}", answer.text);
    let link = link_in(&answer.text);
    assert!(link.starts_with("/staff/link/"), "{link}");

    // Opening the link (or a link preview fetching it) does not use it.
    let mut b = Browser::new(addr);
    let page = b.get(&link).await;
    assert_eq!(b.get(&link).await.status, 200);
    let dashboard = b.submit(&page, &link, &[]).await;
    let text = dashboard.text();
    assert!(
        text.contains("Telegram 用户（金桥联系点 联络员）"),
        "{text}"
    );
    assert!(text.contains("待处理的意见：0 条"), "{text}");
    let account = b.get("/staff/account").await;
    assert!(
        account.text().contains("没有设置密码"),
        "{}",
        account.text()
    );
    assert_eq!(b.get(&link).await.status, 410, "single use");
    // The link expires: a second one, ten minutes later.
    let answer = reply(&app, &liaison, "/web").await;
    let second = link_in(&answer.text);
    app.clock.advance(Duration::minutes(10));
    assert_eq!(Browser::new(addr).get(&second).await.status, 410);

    let resident = app.tg.person("居民");
    let answer = reply(&app, &resident, "/web").await;
    assert!(answer.text.contains("只有工作人员"), "{}", answer.text);
    let audit = staff_audit(&app).await;
    let login = audit.iter().find(|a| a.action == "staff.login").unwrap();
    assert_eq!(login.actor, Some(liaison.id));
    assert_eq!(login.detail.0["via"], "link");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_adds_staff_accounts_in_chat() {
    let (app, addr) = spawn_web(WEB).await;
    let w = in_telegram(&app).await;
    let admin = w.admin().clone();
    let liaison = w.liaison("jinqiao").clone();

    let answer = reply(&app, &admin, "/staff add zhangli liaison jinqiao").await;
    assert!(
        answer
            .text
            .contains("已添加账号 zhangli（金桥联系点的联络员）"),
        "{}",
        answer.text
    );
    let link = link_in(&answer.text);
    let mut b = Browser::new(addr);
    set_password(&mut b, &link, PASSWORD).await;
    assert!(
        log_in(&mut b, "zhangli", PASSWORD)
            .await
            .text()
            .contains("退出登录")
    );

    let answer = reply(&app, &admin, "/staff add zhangli informant jinqiao").await;
    assert!(answer.text.contains("已经存在"), "{}", answer.text);
    let answer = reply(&app, &admin, "/staff add").await;
    assert!(answer.text.contains("用法"), "{}", answer.text);
    // Liaisons add informants of their own point only.
    let answer = reply(&app, &liaison, "/staff add xiaoli informant").await;
    assert!(
        answer.text.contains("金桥联系点的信息员"),
        "{}",
        answer.text
    );
    let answer = reply(&app, &liaison, "/staff add xiaowang liaison jinqiao").await;
    assert!(
        answer.text.contains("只能为本联系点添加信息员"),
        "{}",
        answer.text
    );
    let resident = app.tg.person("居民");
    let answer = reply(&app, &resident, "/staff add x informant").await;
    assert!(
        answer.text.contains("只有管理员和联络员"),
        "{}",
        answer.text
    );

    let added = staff_audit(&app)
        .await
        .into_iter()
        .filter(|a| a.action == "staff.add")
        .collect::<Vec<_>>();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0].actor, Some(admin.id));
    assert_eq!(added[1].actor, Some(liaison.id));
    app.finish().await;
}

#[tokio::test]
async fn without_the_web_channel_web_and_staff_say_so() {
    let app = TestApp::spawn().await;
    let w = in_telegram(&app).await;
    let answer = reply(&app, w.liaison("jinqiao"), "/web").await;
    assert!(
        answer.text.contains("网页工作台还没有开通"),
        "{}",
        answer.text
    );
    app.finish().await;
}

// The binary writes to the same database while the test reads it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consult_bot_staff_adds_lists_resets_and_revokes_accounts() {
    let t = TestDb::new().await;
    let tg = FakeTelegram::start().await;
    let run = |extra: &[&str]| {
        let o = binary()
            .args(args(&tg, &t.url))
            .args(["--locale", "en", "--web-url", BASE])
            .args(extra)
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    assert!(run(&["point", "add", "jinqiao", "金桥联系点"]).0);
    let (ok, out, err) = run(&[
        "staff", "add", "WangFang", "--role", "liaison", "--point", "jinqiao",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Account WangFang added (liaison of jinqiao)"),
        "{out}"
    );
    let link = out.lines().last().unwrap();
    assert!(
        link.starts_with("https://consult.example.org/staff/password/"),
        "{link}"
    );

    let (ok, _, err) = run(&["staff", "add", "wangfang", "--role", "admin"]);
    assert!(!ok);
    assert!(
        err.contains("already exists") && err.lines().count() == 1,
        "{err}"
    );
    let (ok, _, err) = run(&["staff", "add", "two words", "--role", "admin"]);
    assert!(!ok && err.contains("no spaces"), "{err}");

    let (ok, out, _) = run(&["staff", "list"]);
    assert!(ok);
    assert!(
        out.contains("WangFang")
            && out.contains("jinqiao")
            && out.contains("no password yet")
            && out.contains("-1"),
        "{out}"
    );
    let (ok, out, _) = run(&["staff", "reset", "WANGFANG"]);
    assert!(ok && out.contains("earlier links no longer work"), "{out}");
    let (ok, out, _) = run(&["staff", "revoke", "wangfang"]);
    assert!(ok && out.contains("revoked"), "{out}");
    let (ok, out, _) = run(&["staff", "revoke", "wangfang"]);
    assert!(ok && out.contains("has no role"), "{out}");
    let (ok, _, err) = run(&["staff", "reset", "nobody"]);
    assert!(!ok && err.contains("nobody"), "{err}");
    // A web-only person's actions can be looked up by their (negative) id.
    let (ok, out, err) = run(&["audit", "--actor", "-1"]);
    assert!(ok, "{err}");
    assert!(!out.contains("staff.add"), "the operator added them: {out}");

    let actions: Vec<String> =
        t.db.audit()
            .list(Some(""), 100)
            .await
            .unwrap()
            .into_iter()
            .rev()
            .map(|a| a.action)
            .filter(|a| a.starts_with("staff.") || a.starts_with("role."))
            .collect();
    assert_eq!(actions, ["staff.add", "staff.link", "role.revoke"]);
}
