//! What the benchmarks read about the machine and the processes they measure
//! (`/proc`), and the helpers every benchmark's phases share: a fresh database per
//! phase, knobs from the environment, verdicts against targets.

use std::{path::PathBuf, time::Duration};

use super::db::TestDb;

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The machine, for BENCHMARKS.md.
pub fn machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0.0, |kb| kb as f64 / 1_048_576.0);
    println!(
        "machine: {cores} cores, {mem:.1} GiB, {cpu}; clock ticks/s {}",
        clk_tck()
    );
}

pub fn clk_tck() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// Fields of `/proc/<pid>/stat` after the command name: [0] is the state (field 3).
pub fn stat_fields(path: &str) -> Option<(String, Vec<u64>)> {
    let s = std::fs::read_to_string(path).ok()?;
    let open = s.find('(')?;
    let close = s.rfind(')')?;
    let comm = s[open + 1..close].to_owned();
    let rest = s[close + 1..]
        .split_whitespace()
        .skip(1)
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    Some((comm, rest))
}

/// utime + stime of a process, all its threads, in clock ticks.
pub fn cpu_ticks(pid: &str) -> u64 {
    // After the state: ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime stime (fields 14 and 15) cutime cstime.
    stat_fields(&format!("/proc/{pid}/stat")).map_or(0, |(_, f)| f[10] + f[11])
}

/// CPU of the local PostgreSQL server: every `postgres` process, plus what its
/// backends that already exited used (cutime + cstime). None when there is none to see.
pub fn postgres_ticks() -> Option<u64> {
    let mut total = 0;
    let mut seen = false;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if let Some((comm, f)) = stat_fields(&format!("/proc/{pid}/stat"))
            && comm == "postgres"
        {
            seen = true;
            total += f[10] + f[11] + f[12] + f[13];
        }
    }
    seen.then_some(total)
}

/// Context switches of all live threads of a process: each time a thread stopped
/// (waiting for another) or was stopped. Counted because handing work between threads
/// is most of what a dialogue step costs the bot (see BENCHMARKS.md).
pub fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .map(|t| task_switches(&t.path().join("status").to_string_lossy()))
        .sum()
}

/// Voluntary and involuntary context switches of one thread, from its `status` file.
pub fn task_switches(status: &str) -> u64 {
    std::fs::read_to_string(status).map_or(0, |status| {
        status
            .lines()
            .filter(|l| l.contains("ctxt_switches:"))
            .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .sum()
    })
}

pub fn ticks_ms(ticks: u64) -> f64 {
    ticks as f64 * 1000.0 / clk_tck_cached() as f64
}

pub fn clk_tck_cached() -> u64 {
    static TCK: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TCK.get_or_init(clk_tck)
}

pub async fn fresh_db(postgres: Option<&str>) -> TestDb {
    match postgres {
        Some(url) => TestDb::postgres(url).await,
        None => TestDb::sqlite().await,
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

/// Where the measured process's log of phase `name` of benchmark `bench` is kept:
/// `target/bench-<bench>/<name>.log`.
pub fn log_path(bench: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-{bench}"));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("{name}.log"))
}
