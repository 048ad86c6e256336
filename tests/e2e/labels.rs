//! Every stored code a person reads is shown in words from `locales/`, in the reader's
//! language: one walk of every value of every coded enum (stance, identity, status,
//! channel, outcome) through every place that shows it — /mine and /mydata for the
//! resident, /stats and the XLSX export for the admin — in
//! Chinese and in English. A raw code (`withdrawn`, `prompt_vote`, `not_adopted` …)
//! never shows in Chinese.

use chrono::Duration;
use consult_domain::{
    Actor, Db,
    consultations::Scope,
    decisions::{NewDecision, Outcome, Target, eligible},
    i18n::Locales,
    opinions::{Channel, Identity, NewOpinion, Stance, Status},
    people::Locale,
};

use crate::support::{
    app::{ClockExt, TestApp},
    chat::{press, say},
    telegram::{ChatRef, Person},
    world::{DRAFT, publish},
};

async fn set_status(db: &Db, id: i64, status: Status) {
    let sql = "UPDATE opinions SET status = $1 WHERE id = $2";
    match db {
        Db::Sqlite(p) => drop(
            sqlx::query(sql)
                .bind(status.as_str())
                .bind(id)
                .execute(p)
                .await
                .unwrap(),
        ),
        Db::Postgres(p) => drop(
            sqlx::query(sql)
                .bind(status.as_str())
                .bind(id)
                .execute(p)
                .await
                .unwrap(),
        ),
    }
}

/// Every cell of every sheet of a workbook, as one text.
fn workbook_text(bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names().to_vec();
    let mut out = String::new();
    for name in names {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\t');
            }
            out.push('\n');
        }
    }
    out
}

/// What the bot answered to `text`, all messages joined.
async fn answer(app: &TestApp, who: &Person, text: &str) -> String {
    say(app, who, text)
        .await
        .into_iter()
        .map(|m| m.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The export the admin gets for `/export`, as text.
async fn export(app: &TestApp, admin: &Person) -> String {
    let before = app.tg.sent(admin.id).len();
    app.tg.send_text(admin, ChatRef::Private, "/export");
    app.settle().await;
    let sent = app.tg.sent(admin.id);
    let file = sent[before..]
        .iter()
        .find_map(|m| m.file.clone().filter(|_| m.kind == "document"))
        .expect("the export as a document");
    workbook_text(&file.bytes)
}

/// The codes of every value, which must never show in Chinese.
fn codes() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    all.extend(Stance::ALL.map(Stance::as_str));
    all.extend(Status::ALL.map(Status::as_str));
    all.extend(Channel::ALL.map(Channel::as_str));
    all.extend(Outcome::ALL.map(Outcome::as_str));
    all.extend(["anonymous", "named", "organization"]);
    all
}

fn assert_words(place: &str, shown: &str, words: &[String]) {
    for w in words {
        assert!(shown.contains(w.as_str()), "{place} shows {w:?}: {shown}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_coded_value_reads_in_words_wherever_it_is_shown_in_both_languages() {
    let app = TestApp::spawn().await;
    let locales = Locales::load().unwrap();
    let now = app.clock.now_utc();
    let c = publish(
        &app,
        "某市养犬管理条例（草案）",
        DRAFT,
        Scope::All,
        now + Duration::days(10),
    )
    .await;
    let readers = [("zh-hans", Locale::ZhCn), ("en", Locale::En)];
    // Twice round the channels, so that each also meets a status other than 已撤回
    // (withdrawn opinions are not counted in the statistics).
    let n = 2 * Channel::ALL.len();
    let mut people = Vec::new();
    for (code, locale) in readers {
        let resident = app.tg.person("居民").with_language(code);
        let admin = app.tg.person("管理员").with_language(code);
        app.grant(admin.id, "admin", None).await;
        let mut ids = Vec::new();
        for i in 0..n {
            let new = NewOpinion {
                submitter_id: Some(resident.id),
                identity: Identity::ALL[i % Identity::ALL.len()],
                consent_details: true,
                ..NewOpinion::new(
                    format!("labels-{code}-{i}"),
                    c.id,
                    1,
                    Stance::ALL[i % Stance::ALL.len()],
                    format!("第 {i} 条意见，关于养犬登记。"),
                    Channel::ALL[i % Channel::ALL.len()],
                )
            };
            ids.push(app.db.opinions().submit(&new, now).await.unwrap().id);
        }
        people.push((resident, admin, locale, ids));
    }
    // Every status, then (once closed) every outcome on opinions that may be decided.
    app.clock.advance(Duration::days(11));
    let now = app.clock.now_utc();
    let _ = app
        .db
        .consultations()
        .close(c.id, Actor::CommandLine, now)
        .await;
    for (_, admin, _, ids) in &people {
        for (i, id) in ids.iter().enumerate() {
            set_status(&app.db, *id, Status::ALL[i % Status::ALL.len()]).await;
        }
        // A draft's outcomes (a suggestion's are shown by the open calls' tests).
        let mut outcomes = Outcome::OPINION.iter().cycle();
        for id in ids {
            let o = app.db.opinions().get(*id).await.unwrap().unwrap();
            if eligible(&o) {
                let decision = NewDecision {
                    outcome: *outcomes.next().unwrap(),
                    reason: "理由。".into(),
                    summary: None,
                };
                let target = Target::Opinion(*id);
                app.db
                    .decisions()
                    .decide(target, &decision, admin.id, now)
                    .await
                    .unwrap();
            }
        }
    }
    let decisions = app.db.decisions();
    let pending: Vec<_> = decisions
        .pending(c.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p, None))
        .collect();
    decisions
        .release(
            c.id,
            &pending,
            &consult_domain::announce::By::chat(people[0].1.id, Locale::ZhCn),
            now,
        )
        .await
        .unwrap();

    for (resident, admin, locale, _) in &people {
        let words = |ids: Vec<&'static str>| -> Vec<String> {
            ids.into_iter()
                .map(|id| locales.text(*locale, id, &[]))
                .collect()
        };
        let stances = words(Stance::ALL.map(Stance::label_id).to_vec());
        let statuses = words(Status::ALL.map(Status::label_id).to_vec());
        let identities = words(Identity::ALL.map(Identity::label_id).to_vec());
        let channels = words(Channel::ALL.map(Channel::label_id).to_vec());
        let outcomes = words(Outcome::OPINION.map(Outcome::label_id).to_vec());

        let mine = answer(&app, resident, "/mine").await;
        assert_words("/mine", &mine, &stances);
        assert_words("/mine", &mine, &statuses);
        let mydata = answer(&app, resident, "/mydata").await;
        assert_words("/mydata", &mydata, &statuses);
        assert_words("/mydata", &mydata, &identities);
        // The statistics of the consultation: stances and channels counted.
        let m = say(&app, admin, "/stats").await;
        let button = m[0]
            .buttons()
            .into_iter()
            .flatten()
            .find(|b| b.starts_with(&format!("C{} ", c.id)))
            .expect("the consultation offered");
        let (_, sent) = press(&app, admin, m[0].message_id, &button).await;
        let stats = sent[0].text.clone();
        assert_words("/stats", &stats, &stances);
        assert_words("/stats", &stats, &channels);
        let sheet = export(&app, admin).await;
        assert_words("the export", &sheet, &stances);
        assert_words("the export", &sheet, &statuses);
        assert_words("the export", &sheet, &channels);
        assert_words("the export", &sheet, &outcomes);

        if *locale == Locale::ZhCn {
            for shown in [&mine, &mydata, &stats, &sheet] {
                for code in codes() {
                    // Whole words only: `card` inside a URL or a file name is not a label.
                    let as_word = shown
                        .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                        .any(|w| w == code);
                    assert!(!as_word, "the code {code:?} shows in Chinese: {shown}");
                }
            }
        }
    }
    app.finish().await;
}
