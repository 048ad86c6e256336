//! FAQ search quality and speed. Imports the starter set and measures the labelled
//! questions (precision@1 and correct "none", for each `# part:` of the file and
//! for all); then adds 10,000 generated entries and
//! prints p50/p99 search latency (target p99 ≤ 20 ms on SQLite), and the labelled
//! figures again among the generated entries.
//!
//! SQLite by default; PostgreSQL when `TEST_POSTGRES_URL` is set. `BENCH_FAQ_ENTRIES`
//! changes the number of generated entries (10000), `BENCH_FAQ_ROUNDS` the rounds of
//! labelled questions timed (10).
//!
//! ```text
//! cargo bench --bench faq
//! TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench faq
//! ```
#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use consult_domain::{
    Actor, Db,
    faq::{self, FileFormat, NewEntry},
};
use support::db::TestDb;

const STARTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq/starter.yaml");
const QUESTIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/faq_questions.yaml"
);

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A labelled question: the part of the file it is in, the question, the expected key.
struct Labelled {
    part: String,
    question: String,
    expected: Option<String>,
}

fn labelled() -> Vec<Labelled> {
    let text = std::fs::read_to_string(QUESTIONS).expect("labelled questions");
    let mut out = Vec::new();
    let mut question = None;
    let mut part = String::from("all");
    for line in text.lines() {
        if let Some(p) = line.strip_prefix("# part: ") {
            part = p.trim().to_owned();
        } else if let Some(q) = line.strip_prefix("- q: ") {
            question = Some(q.trim().to_owned());
        } else if let Some(e) = line.trim().strip_prefix("expect: ")
            && let Some(q) = question.take()
        {
            let e = e.trim();
            out.push(Labelled {
                part: part.clone(),
                question: q,
                expected: (e != "none").then(|| e.to_owned()),
            });
        }
    }
    out
}

/// Right answers and "none"s of one part of the labelled set.
#[derive(Default)]
struct Tally {
    hits: usize,
    answerable: usize,
    nones: usize,
    none_total: usize,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
        write!(
            f,
            "precision@1 {:.3} ({}/{}), correct none {:.3} ({}/{})",
            ratio(self.hits, self.answerable),
            self.hits,
            self.answerable,
            ratio(self.nones, self.none_total),
            self.nones,
            self.none_total
        )
    }
}

/// The tally of each part and of the whole set (last), and the search times.
async fn measure(db: &Db, rounds: usize) -> (Vec<(String, Tally)>, Vec<Duration>) {
    let set = labelled();
    let mut parts: Vec<(String, Tally)> = Vec::new();
    let mut all = Tally::default();
    let mut times = Vec::new();
    for round in 0..rounds.max(1) {
        for l in &set {
            let start = Instant::now();
            let found = db.faq().search(&l.question).await.expect("search");
            times.push(start.elapsed());
            if round > 0 {
                continue;
            }
            let got = found.best.map(|h| h.entry.key);
            if parts.last().is_none_or(|(p, _)| *p != l.part) {
                parts.push((l.part.clone(), Tally::default()));
            }
            let Some((_, part)) = parts.last_mut() else {
                continue;
            };
            for t in [part, &mut all] {
                match &l.expected {
                    Some(_) => {
                        t.answerable += 1;
                        t.hits += usize::from(got == l.expected);
                    }
                    None => {
                        t.none_total += 1;
                        t.nones += usize::from(got.is_none());
                    }
                }
            }
        }
    }
    parts.push(("all".to_owned(), all));
    (parts, times)
}

fn print_tallies(backend: &str, what: &str, parts: &[(String, Tally)]) {
    for (part, tally) in parts {
        println!("faq {backend}: {what}, {part} questions: {tally}");
    }
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times.get(i).copied().unwrap_or_default()
}

/// A small deterministic generator, so every run searches the same entries.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Generated entries: questions and answers made of everyday words (the starter set's
/// among them), so the index has realistic document frequencies.
fn generated(n: usize) -> Vec<NewEntry> {
    const WORDS: &[&str] = &[
        "社区",
        "居民",
        "停车",
        "垃圾",
        "分类",
        "绿化",
        "电梯",
        "加装",
        "老旧",
        "小区",
        "改造",
        "养老",
        "托育",
        "医保",
        "报销",
        "公积金",
        "租房",
        "合同",
        "押金",
        "房东",
        "中介",
        "装修",
        "噪音",
        "物业",
        "服务",
        "收费",
        "标准",
        "公示",
        "投诉",
        "举报",
        "热线",
        "工资",
        "加班",
        "休假",
        "社保",
        "就业",
        "培训",
        "补贴",
        "申请",
        "条件",
        "材料",
        "学校",
        "入学",
        "户籍",
        "居住证",
        "积分",
        "落户",
        "车辆",
        "违章",
        "罚款",
        "驾驶证",
        "网购",
        "退货",
        "快递",
        "外卖",
        "食品",
        "安全",
        "卫生",
        "宠物",
        "犬只",
        "登记",
        "邻居",
        "纠纷",
        "调解",
        "律师",
        "法律",
        "援助",
        "诉讼",
        "仲裁",
        "时效",
        "证据",
        "婚姻",
        "离婚",
        "抚养",
        "赡养",
        "继承",
        "遗嘱",
        "房产",
        "过户",
        "税费",
        "公证",
    ];
    let mut rng = Lcg(20261124);
    let mut phrase = |len: usize| -> String {
        (0..len)
            .map(|_| WORDS[rng.next(WORDS.len())])
            .collect::<Vec<_>>()
            .join("")
    };
    (0..n)
        .map(|i| {
            let question = format!("{}怎么办？", phrase(3));
            let alternatives = vec![phrase(3), phrase(2)];
            let answer = format!("{}。{}，{}。", phrase(8), phrase(6), phrase(6));
            NewEntry::parse(
                &format!("gen-{i:05}"),
                &question,
                &alternatives,
                &answer,
                "某市社区治理条例",
                &format!("第{}条", i % 90 + 1),
                &[phrase(1)],
                (None, None),
            )
            .expect("generated entry is valid")
        })
        .collect()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(bench());
}

async fn bench() {
    let entries = env_usize("BENCH_FAQ_ENTRIES", 10_000);
    let rounds = env_usize("BENCH_FAQ_ROUNDS", 10);
    let t = TestDb::new().await;
    let backend = format!("{:?}", t.backend());
    let now = chrono::Utc::now();
    let starter = std::fs::read(STARTER).expect("starter set");
    faq::import_file(
        &t.db,
        &starter,
        FileFormat::Yaml,
        Actor::CommandLine,
        "starter.yaml",
        now,
    )
    .await
    .expect("starter imports");
    let (parts, _) = measure(&t.db, 1).await;
    print_tallies(&backend, "starter set (50 entries)", &parts);

    let start = Instant::now();
    for chunk in generated(entries).chunks(1000) {
        t.db.faq()
            .import(chunk, Actor::CommandLine, "generated", now)
            .await
            .expect("generated entries import");
    }
    println!(
        "faq {backend}: {entries} generated entries imported in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let (parts, mut times) = measure(&t.db, rounds).await;
    let p50 = percentile(&mut times, 0.50);
    let p99 = percentile(&mut times, 0.99);
    print_tallies(&backend, &format!("with {} entries", entries + 50), &parts);
    println!(
        "faq {backend}: with {} entries: search p50 {:.2} ms, p99 {:.2} ms over {} searches",
        entries + 50,
        p50.as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        times.len()
    );
}
