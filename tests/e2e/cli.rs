//! The command line, run as the real binary: bad input gives one clear line and a
//! non-zero exit; point and role commands round-trip.

use std::process::Output;

use crate::support::{
    app::{args, binary},
    db::TestDb,
    telegram::FakeTelegram,
};

/// Runs the binary with `args`, in `locale`, against `database_url`.
fn run(database_url: &str, locale: &str, args: &[&str]) -> Output {
    binary()
        .args(["--database-url", database_url, "--locale", locale])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Asserts a failure that an operator can read: non-zero exit, exactly one line on
/// stderr containing `expected`, no panic, no backtrace, nothing on stdout.
fn assert_one_line_failure(o: &Output, expected: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "should fail: {err}");
    assert_eq!(err.lines().count(), 1, "one line, got: {err}");
    assert!(err.contains(expected), "{expected:?} not in {err:?}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
}

#[tokio::test]
async fn points_and_roles_round_trip_in_both_languages() {
    let t = TestDb::new().await;
    let url = t.url.as_str();
    let ok = |o: Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };

    assert!(ok(run(url, "zh-CN", &["point", "list"])).contains("还没有联系点"));
    assert_eq!(
        ok(run(
            url,
            "zh-CN",
            &["district", "add", "changning", "长宁区"]
        ))
        .trim(),
        "已添加区县 changning：长宁区"
    );
    assert_eq!(
        ok(run(
            url,
            "zh-CN",
            &[
                "point",
                "add",
                "hongqiao",
                "虹桥街道联系点",
                "--district",
                "changning"
            ]
        ))
        .trim(),
        "已添加联系点 hongqiao：虹桥街道联系点"
    );
    assert_eq!(
        ok(run(
            url,
            "en",
            &["point", "add", "gubei", "Gubei community"]
        ))
        .trim(),
        "Added contact point gubei: Gubei community"
    );
    ok(run(
        url,
        "en",
        &["point", "rename", "gubei", "古北市民中心"],
    ));
    ok(run(url, "en", &["point", "deactivate", "gubei"]));
    assert_eq!(
        ok(run(url, "zh-CN", &["point", "list"])),
        "gubei\t古北市民中心\t-\t已停用\nhongqiao\t虹桥街道联系点\t长宁区\t启用\n"
    );

    assert_eq!(
        ok(run(
            url,
            "zh-CN",
            &["role", "grant", "1001", "liaison", "--point", "hongqiao"]
        ))
        .trim(),
        "已授予用户 1001 联络员角色，所属联系点：hongqiao 虹桥街道联系点。"
    );
    assert_eq!(
        ok(run(url, "en", &["role", "grant", "1002", "admin"])).trim(),
        "User 1002 is now admin."
    );
    let list = ok(run(url, "en", &["role", "list"]));
    let rows: Vec<Vec<&str>> = list
        .lines()
        .map(|l| l.split('\t').take(3).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["1002", "admin", "-"],
            vec!["1001", "liaison", "hongqiao"]
        ]
    );
    assert_eq!(
        ok(run(url, "en", &["role", "revoke", "1001"])).trim(),
        "User 1001 is no longer liaison."
    );
    assert_eq!(
        ok(run(url, "zh-CN", &["role", "revoke", "1001"])).trim(),
        "用户 1001 没有任何角色，无需撤销。"
    );

    let audit = t.db.audit().list(None, 100).await.unwrap();
    let actions: Vec<_> = audit.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "district.add",
            "point.add",
            "point.add",
            "point.rename",
            "point.deactivate",
            "role.grant",
            "role.grant",
            "role.revoke"
        ]
    );
    assert!(
        audit.iter().all(|a| a.actor.is_none()),
        "the command line is recorded as the actor"
    );
}

#[tokio::test]
async fn role_and_point_mistakes_are_one_clear_line() {
    let t = TestDb::new().await;
    let url = t.url.as_str();
    assert!(
        run(url, "en", &["point", "add", "hongqiao", "虹桥"])
            .status
            .success()
    );

    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &["role", "grant", "42", "liaison", "--point", "nowhere"],
        ),
        "没有代码为 nowhere 的联系点",
    );
    assert_one_line_failure(
        &run(
            url,
            "en",
            &["role", "grant", "42", "liaison", "--point", "nowhere"],
        ),
        "no contact point with code nowhere",
    );
    assert_one_line_failure(
        &run(url, "zh-CN", &["role", "grant", "42", "liaison"]),
        "联络员必须绑定一个联系点",
    );
    assert_one_line_failure(
        &run(url, "en", &["role", "grant", "42", "informant"]),
        "must be bound to a contact point",
    );
    assert_one_line_failure(
        &run(
            url,
            "en",
            &["role", "grant", "42", "admin", "--point", "hongqiao"],
        ),
        "remove --point",
    );
    assert_one_line_failure(
        &run(url, "en", &["role", "grant", "42", "mayor"]),
        "admin, liaison or informant",
    );
    assert_one_line_failure(
        &run(url, "en", &["role", "grant", "@alice", "admin"]),
        "whole number: @alice",
    );
    assert_one_line_failure(
        &run(url, "en", &["point", "add", "Bad Code", "x"]),
        "lower-case letters",
    );
    assert_one_line_failure(
        &run(url, "zh-CN", &["point", "add", "hongqiao", "again"]),
        "已经存在",
    );
    assert_one_line_failure(
        &run(url, "en", &["point", "rename", "nowhere", "x"]),
        "nowhere",
    );
    assert!(
        t.db.roles().list().await.unwrap().is_empty(),
        "nothing was granted by a failed command"
    );
}

// The fake server needs a thread of its own while the test waits for the binary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_configuration_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let good_db = format!("sqlite:{}", dir.path().join("ok.db").display());
    let tg = FakeTelegram::start().await;

    // Without a token `run` serves the web channel alone (tests/e2e/web_serving.rs);
    // an invite link is a Telegram link and needs one.
    assert_one_line_failure(
        &run(&good_db, "en", &["invite", "--role", "admin"]),
        "TELOXIDE_TOKEN",
    );
    assert_one_line_failure(
        &run(&good_db, "zh-CN", &["invite", "--role", "admin"]),
        "没有提供 Telegram 令牌",
    );
    assert_one_line_failure(
        &run(&good_db, "en", &["--token", "not-a-token", "run"]),
        "token is malformed",
    );
    assert_one_line_failure(
        &run(
            &good_db,
            "en",
            &["--token", tg.token(), "--api-url", "ftp://example", "run"],
        ),
        "Invalid Bot API URL: ftp://example",
    );
    assert_one_line_failure(
        &run(
            &good_db,
            "en",
            &["--token", tg.token(), "--api-url", "not a url", "run"],
        ),
        "Invalid Bot API URL",
    );
    assert_one_line_failure(
        &run(
            &good_db,
            "en",
            &["--token", tg.token(), "--timezone", "Mars/Olympus", "run"],
        ),
        "Unknown time zone: Mars/Olympus",
    );
    assert_one_line_failure(
        &run(
            &good_db,
            "en",
            &["--token", tg.token(), "--invite-ttl", "soon", "run"],
        ),
        "Invalid duration: soon",
    );

    // Unreachable and unwritable databases.
    let missing_dir = format!("sqlite:{}", dir.path().join("no/such/dir/x.db").display());
    assert_one_line_failure(
        &run(&missing_dir, "en", &["migrate"]),
        "Cannot open the database",
    );
    let a_directory = format!("sqlite:{}", dir.path().display());
    assert_one_line_failure(
        &run(&a_directory, "en", &["point", "list"]),
        "Cannot open the database",
    );
    assert_one_line_failure(
        &run("postgres://postgres@127.0.0.1:1/none", "en", &["migrate"]),
        "Cannot open the database",
    );
    assert_one_line_failure(
        &run("mysql://localhost/x", "en", &["migrate"]),
        "Invalid database URL",
    );

    // A token Telegram refuses, and a Bot API that does not answer.
    let mut wrong = tg.token().to_owned();
    wrong.replace_range(wrong.len() - 3.., "zzz");
    let api = tg.api_url();
    assert_one_line_failure(
        &run(
            &good_db,
            "en",
            &["--token", &wrong, "--api-url", &api, "run"],
        ),
        "Telegram rejected the token",
    );
    assert_one_line_failure(
        &run(
            &good_db,
            "en",
            &[
                "--token",
                tg.token(),
                "--api-url",
                "http://127.0.0.1:1/",
                "run",
            ],
        ),
        "Cannot reach the Telegram Bot API",
    );
}

#[tokio::test]
async fn migrate_twice_is_harmless() {
    let t = TestDb::new().await;
    for _ in 0..2 {
        let o = run(&t.url, "en", &["migrate"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(stdout(&o).trim(), "The database schema is up to date.");
    }
}

#[tokio::test]
async fn a_fresh_working_directory_gets_an_sqlite_database_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let o = binary()
        .current_dir(dir.path())
        .args(["--locale", "en", "point", "add", "a1", "A"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("consult-bot.db").exists());
}

// The fake server needs a thread of its own while the test waits for the binary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_prints_a_one_time_link_for_the_bot() {
    let t = TestDb::new().await;
    let tg = FakeTelegram::start().await;
    assert!(
        run(&t.url, "en", &["point", "add", "hongqiao", "虹桥"])
            .status
            .success()
    );
    let invite = |extra: &[&str]| {
        binary()
            .args(args(&tg, &t.url))
            .args(["--locale", "en", "invite"])
            .args(extra)
            .output()
            .unwrap()
    };
    let o = invite(&["--role", "liaison", "--point", "hongqiao"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("liaison of hongqiao"), "{out}");
    let link = out.lines().last().unwrap();
    let code = link
        .strip_prefix("https://t.me/consult_test_bot?start=")
        .expect(link);
    assert!(code.starts_with("inv-") && code.len() == 26, "{code}");

    assert_one_line_failure(
        &invite(&["--role", "liaison"]),
        "must be bound to a contact point",
    );
    assert_one_line_failure(
        &invite(&["--role", "informant", "--point", "nowhere"]),
        "nowhere",
    );
    let audit = t.db.audit().list(Some("invite."), 10).await.unwrap();
    assert_eq!(audit.len(), 1, "only the successful invite is recorded");
    assert!(
        !audit[0].detail.0.to_string().contains(&code[4..]),
        "the secret is not in the audit log"
    );
}

#[tokio::test]
async fn consultation_import_reads_utf8_and_gbk_files_and_lists_them() {
    let t = TestDb::new().await;
    let url = t.url.as_str();
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("../../domain/src/draft/fixtures/wuye.txt");
    let utf8 = dir.path().join("wuye.txt");
    std::fs::write(&utf8, text).unwrap();
    let gbk = dir.path().join("wuye-gbk.txt");
    std::fs::write(&gbk, encoding_rs::GB18030.encode(text).0).unwrap();
    assert!(
        run(url, "en", &["point", "add", "hongqiao", "虹桥"])
            .status
            .success()
    );

    let o = run(
        url,
        "zh-CN",
        &[
            "consultation",
            "import",
            utf8.to_str().unwrap(),
            "--title",
            "某市物业管理条例（草案）",
            "--closes",
            "2030-01-15",
            "--points",
            "hongqiao",
            "--summary",
            "修订物业管理规定",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = consult_domain::draft::parse(text).unwrap();
    assert!(
        stdout(&o).starts_with(&format!("已导入草稿 C1：某市物业管理条例（草案）（{} 章，{} 条，截止 2030-01-15 23:59 CST）。在私聊中发送 /publish 1 发布。", expected.chapters().count(), expected.articles.len())),
        "{}",
        stdout(&o)
    );
    let o = run(
        url,
        "en",
        &[
            "consultation",
            "import",
            gbk.to_str().unwrap(),
            "--title",
            "GBK copy",
            "--closes",
            "2030-01-15 18:00",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for id in [1, 2] {
        assert_eq!(
            t.db.consultations().draft(id, 1).await.unwrap().unwrap(),
            expected,
            "the GBK file reads the same"
        );
    }
    assert_eq!(
        stdout(&run(url, "en", &["consultation", "list"])),
        "C2\tdraft\t2030-01-15 18:00 CST\tGBK copy\nC1\tdraft\t2030-01-15 23:59 CST\t某市物业管理条例（草案）\n"
    );

    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1]).unwrap();
    assert_one_line_failure(
        &run(
            url,
            "en",
            &[
                "consultation",
                "import",
                binary.to_str().unwrap(),
                "--title",
                "x",
                "--closes",
                "2030-01-01",
            ],
        ),
        "Cannot read the draft",
    );
    assert_one_line_failure(
        &run(
            url,
            "en",
            &[
                "consultation",
                "import",
                "/no/such/file.txt",
                "--title",
                "x",
                "--closes",
                "2030-01-01",
            ],
        ),
        "/no/such/file.txt",
    );
    assert_one_line_failure(
        &run(
            url,
            "en",
            &[
                "consultation",
                "import",
                utf8.to_str().unwrap(),
                "--title",
                "x",
                "--closes",
                "2030-01-01",
                "--points",
                "nowhere",
            ],
        ),
        "nowhere",
    );
    assert_one_line_failure(
        &run(
            url,
            "en",
            &[
                "consultation",
                "import",
                utf8.to_str().unwrap(),
                "--title",
                "x",
                "--closes",
                "2001-01-01",
            ],
        ),
        "future time",
    );
    assert_eq!(
        t.db.consultations()
            .list(&[consult_domain::consultations::State::Draft])
            .await
            .unwrap()
            .len(),
        2,
        "failed imports saved nothing"
    );
}

/// Issue 14: files the command line cannot take are refused in the operator's
/// language, with the reason: a zip bomb, a binary file, a missing file, an FAQ file
/// over the limit (refused before it is read).
#[tokio::test]
async fn unreadable_and_oversized_files_are_refused_in_the_operators_language() {
    let t = TestDb::new().await;
    let url = t.url.as_str();
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.docx");
    std::fs::write(&bomb, crate::support::files::docx_bomb()).unwrap();
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1]).unwrap();
    let import = |locale: &str, file: &str| {
        run(
            url,
            locale,
            &[
                "consultation",
                "import",
                file,
                "--title",
                "x",
                "--closes",
                "2030-01-01",
            ],
        )
    };
    let limit_mb = consult_domain::limits::ZIP_MEMBER_BYTES / consult_domain::limits::MIB;
    assert_one_line_failure(
        &import("zh-CN", bomb.to_str().unwrap()),
        &format!("错误：无法读取草案：这个 .docx 文件展开后的内容超过 {limit_mb} MB"),
    );
    assert_one_line_failure(
        &import("en", bomb.to_str().unwrap()),
        &format!("Cannot read the draft: This .docx expands to more than {limit_mb} MB"),
    );
    assert_one_line_failure(
        &import("zh-CN", binary.to_str().unwrap()),
        "错误：无法读取草案：这看起来不是文本文件。",
    );
    assert_one_line_failure(
        &import("zh-CN", "/no/such/file.txt"),
        "错误：找不到文件 /no/such/file.txt。",
    );

    let faq = dir.path().join("faq.csv");
    let limit = consult_domain::limits::FAQ_FILE_BYTES;
    std::fs::write(&faq, vec![b'a'; limit as usize + 1]).unwrap();
    let o = run(url, "zh-CN", &["faq", "import", faq.to_str().unwrap()]);
    assert_one_line_failure(
        &o,
        &format!(
            "错误：文件 {} 太大了（上限 {} MB）。",
            faq.display(),
            limit / consult_domain::limits::MIB
        ),
    );
}

/// Issue 14: every message on the command line is in the operator's language, also
/// where the cause is clap's (a mistyped command or flag), the file system's (an
/// output directory that does not exist) or a value only the export reads.
#[tokio::test]
async fn command_line_mistakes_are_told_in_the_operators_language() {
    let t = TestDb::new().await;
    let url = t.url.as_str();
    let stderr = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();

    // clap's mistakes: the reason, its suggestion, the usage, where the help is.
    let o = run(url, "zh-CN", &["pont", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "错误：不认识的命令：pont\n您是不是想写 point？\n用法：consult-bot [OPTIONS] [命令]\n加上 --help 查看帮助。\n"
    );
    let o = run(url, "zh-CN", &["point", "add"]);
    assert_eq!(
        stderr(&o),
        "错误：缺少必须写出的参数：<CODE>, <NAME>\n用法：consult-bot point add <CODE> <NAME>\n加上 --help 查看帮助。\n"
    );
    let o = run(url, "zh-CN", &["--log-format", "xml", "migrate"]);
    assert!(
        stderr(&o)
            .starts_with("错误：--log-format <LOG_FORMAT> 的值“xml”无效。\n可以写：human, json\n"),
        "{}",
        stderr(&o)
    );
    let o = run(url, "zh-CN", &["export", "--frmat", "csv"]);
    assert!(
        stderr(&o).starts_with("错误：不认识的参数：--frmat\n您是不是想写 --format？\n"),
        "{}",
        stderr(&o)
    );
    for o in [
        run(url, "zh-CN", &["pont"]),
        run(url, "zh-CN", &["export", "--consultation"]),
        run(url, "zh-CN", &["export", "--out", "a", "--out", "b"]),
    ] {
        let err = stderr(&o);
        assert!(err.starts_with("错误："), "{err}");
        for english in ["error:", "Usage", "For more information", "tip:"] {
            assert!(!err.contains(english), "{english:?} in {err}");
        }
    }
    let o = run(url, "en", &["point", "ad"]);
    assert_eq!(
        stderr(&o),
        "error: Unknown command: ad\nDid you mean add?\nUsage: consult-bot point [OPTIONS] <COMMAND>\nAdd --help for help.\n"
    );

    // The export's own arguments and its output file.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir").join("out.xlsx");
    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &["export", "--out", missing.to_str().unwrap()],
        ),
        &format!(
            "错误：无法写入文件 {}：所在的目录不存在。",
            missing.display()
        ),
    );
    assert_one_line_failure(
        &run(url, "en", &["export", "--out", missing.to_str().unwrap()]),
        &format!(
            "error: Cannot write the file {}: its directory does not exist.",
            missing.display()
        ),
    );
    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &["export", "--out", dir.path().to_str().unwrap()],
        ),
        &format!("错误：{} 是一个目录，请写出文件名。", dir.path().display()),
    );
    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &["export", "--consultation", "abc", "--out", "x.xlsx"],
        ),
        "错误：征求意见编号不对：abc（例如 12 或 C12）。",
    );
    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &["export", "--format", "pdf", "--out", "x.pdf"],
        ),
        "错误：不支持的输出格式：pdf（可用：xlsx, csv）",
    );
    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &[
                "consultation",
                "import",
                dir.path().to_str().unwrap(),
                "--title",
                "x",
                "--closes",
                "2030-01-01",
            ],
        ),
        &format!("错误：{} 是一个目录，请写出文件名。", dir.path().display()),
    );
    assert_one_line_failure(
        &run(
            url,
            "zh-CN",
            &[
                "faq",
                "export",
                "--out",
                missing.with_extension("csv").to_str().unwrap(),
            ],
        ),
        "所在的目录不存在。",
    );

    // A file the YAML parser cannot read: where to look, without the parser's English.
    let yaml = dir.path().join("faq.yaml");
    std::fs::write(&yaml, "- key: a\n  question: \"未闭合的引号\n  answer: x\n").unwrap();
    let o = run(url, "zh-CN", &["faq", "import", yaml.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("行：无法读取：格式不对（请检查"), "{err}");
    assert!(!err.contains("while") && !err.contains("found"), "{err}");
}

/// `--help` speaks the operator's language: Chinese by default, English with
/// `--locale en` or `CONSULT_LOCALE=en`, and clap's own words are translated too.
#[test]
fn help_is_in_the_operators_language() {
    let help = |cmd: &mut std::process::Command| {
        let o = cmd.output().expect("the binary runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };

    let zh = help(binary().args(["point", "add", "--help"]));
    for expected in [
        "添加联系点",
        "用法：",
        "参数:",
        "选项:",
        "联系点名称",
        "所属区县的代码",
        "显示帮助",
    ] {
        assert!(zh.contains(expected), "{expected:?} not in {zh}");
    }
    for english in ["Usage", "Options", "Arguments", "Print help"] {
        assert!(!zh.contains(english), "{english:?} in {zh}");
    }
    let root = help(binary().arg("--help"));
    assert!(
        root.contains("命令:") && root.contains("管理联系点"),
        "{root}"
    );

    let en = help(binary().args(["--locale", "en", "point", "add", "--help"]));
    for expected in [
        "Add a contact point",
        "Usage:",
        "The contact point's name",
        "Print help",
    ] {
        assert!(en.contains(expected), "{expected:?} not in {en}");
    }
    let by_env = help(
        binary()
            .env("CONSULT_LOCALE", "en")
            .args(["role", "--help"]),
    );
    assert!(by_env.contains("Grant, revoke and list roles"), "{by_env}");
}
