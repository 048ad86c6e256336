//! A real browser for the web channel's tests: Debian's Chromium, headless, driven
//! over WebDriver by `fantoccini` through a chromedriver started for each test on a
//! free port. A passing test means a real phone browser could do it (DESIGN: browser
//! tests).
//!
//! Where Chromium or chromedriver is missing, [`Browser::launch`] prints a note and
//! returns `None`, and the test skips; CI installs both (`.ci/run`) and sets
//! `CONSULT_REQUIRE_BROWSER=1`, which turns the skip into a failure.
//!
//! The machine's network is closed: Chromium's background connections (updates,
//! sync, safe browsing …) would hang or fail, so they are all switched off, and every
//! session gets a fresh profile directory.

use std::{
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::{Value, json};

/// Set (by CI) to make the browser tests fail rather than skip without a browser.
pub const REQUIRE_VAR: &str = "CONSULT_REQUIRE_BROWSER";

/// The phone the tests stand for: an iPhone SE-sized window (CSS pixels).
pub const PHONE: (u32, u32) = (375, 667);

/// axe-core, vendored from the npm registry (tests/fixtures/axe-core/README.md).
const AXE: &str = include_str!("../fixtures/axe-core/axe.min.js");

/// Who is holding the phone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// JavaScript switched off (every resident page must work without it).
    pub no_javascript: bool,
    /// An English-language browser (`Accept-Language: en-US`); otherwise Chinese.
    pub english: bool,
}

impl Options {
    pub fn chinese() -> Options {
        Options::default()
    }
    pub fn english() -> Options {
        Options {
            english: true,
            ..Options::default()
        }
    }
    pub fn no_javascript() -> Options {
        Options {
            no_javascript: true,
            ..Options::default()
        }
    }
}

/// One browser session; the chromedriver (and the Chromium it started) is killed
/// when this is dropped, so a failing test leaves no browser behind.
pub struct Browser {
    pub client: Client,
    driver: Child,
    /// Chromium's profile, fresh for this session.
    _profile: tempfile::TempDir,
    name: String,
    shots: usize,
}

/// The first of `names` that is an executable file on `PATH` (or an absolute path).
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        let candidate = Path::new(name);
        if candidate.is_absolute() {
            return candidate.is_file().then(|| candidate.to_owned());
        }
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Chromium and chromedriver, if this machine has both.
pub fn programs() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"])?;
    let driver = find_program(&["chromedriver", "/usr/lib/chromium/chromedriver"])?;
    Some((chromium, driver))
}

/// True where the browser tests can run; otherwise prints why `test` is skipped
/// (and fails it when CI requires the browser).
pub fn available(test: &str) -> bool {
    if programs().is_some() {
        return true;
    }
    assert!(
        std::env::var_os(REQUIRE_VAR).is_none(),
        "{REQUIRE_VAR} is set but chromium or chromedriver is missing: apt-get install chromium chromium-driver"
    );
    eprintln!(
        "note: {test} skipped: no chromium/chromedriver here (apt-get install chromium chromium-driver)"
    );
    false
}

/// Where screenshots go: `$CONSULT_BROWSER_SHOTS`, else `consult-browser-shots` in
/// the temporary directory. Kept after the test, to be looked at.
pub fn shots_dir() -> PathBuf {
    std::env::var_os("CONSULT_BROWSER_SHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("consult-browser-shots"))
}

fn capabilities(
    chromium: &Path,
    profile: &Path,
    options: Options,
) -> serde_json::Map<String, Value> {
    let lang = if options.english { "en-US" } else { "zh-CN" };
    let accept = if options.english {
        "en-US,en"
    } else {
        "zh-CN,zh"
    };
    let mut prefs = json!({ "intl.accept_languages": accept });
    if options.no_javascript {
        // What a person who switched JavaScript off gets: no page script runs.
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--no-default-browser-check".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-extensions".to_owned(),
        "--disable-default-apps".to_owned(),
        "--disable-domain-reliability".to_owned(),
        "--password-store=basic".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={},{}", PHONE.0, PHONE.1),
        format!("--lang={lang}"),
    ];
    let caps = json!({
        "browserName": "chrome",
        "pageLoadStrategy": "normal",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": args,
            "prefs": prefs,
        },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    }
}

impl Browser {
    /// A fresh phone-sized browser, or `None` (with a note) where there is none.
    /// `test` names the screenshots.
    pub async fn launch(test: &str, options: Options) -> Option<Browser> {
        if !available(test) {
            return None;
        }
        let (chromium, driver_path) = programs()?;
        let profile = tempfile::tempdir().expect("a profile directory");
        let caps = capabilities(&chromium, profile.path(), options);
        // A port free a moment ago may be taken before chromedriver binds it: try
        // another one then.
        let mut last_error = String::new();
        for _ in 0..3 {
            let port = super::app::free_local_addr().port();
            let mut driver = Command::new(&driver_path)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                // Its own process group, so that Chromium (its child) goes with it.
                .process_group(0)
                .spawn()
                .expect("start chromedriver");
            let url = format!("http://127.0.0.1:{port}");
            match connect(&url, &caps, &mut driver).await {
                Ok(client) => {
                    let browser = Browser {
                        client,
                        driver,
                        _profile: profile,
                        name: test.to_owned(),
                        shots: 0,
                    };
                    browser.fit_phone().await;
                    return Some(browser);
                }
                Err(e) => {
                    last_error = e;
                    kill_group(&mut driver);
                }
            }
        }
        panic!("could not start a browser session: {last_error}");
    }

    /// Makes the page area (not the window) the phone's size: headless windows
    /// have no browser chrome, but check rather than trust it.
    async fn fit_phone(&self) {
        self.set_viewport(PHONE).await;
    }

    /// Makes the page area `size` CSS pixels (e.g. 320 wide: the smallest phones).
    pub async fn set_viewport(&self, size: (u32, u32)) {
        let (w, h) = self.viewport().await;
        if (w, h) != size {
            let (ww, wh) = self.client.get_window_size().await.expect("window size");
            let grow = |outer: u64, inner: u32, want: u32| {
                (outer as i64 + i64::from(want) - i64::from(inner)).max(1) as u32
            };
            self.client
                .set_window_size(grow(ww, w, size.0), grow(wh, h, size.1))
                .await
                .expect("resize the window");
        }
    }

    /// How much wider the page is than the page area (0: nothing to scroll sideways).
    pub async fn overflow_x(&self) -> i64 {
        self.client
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await
            .expect("measure the page")
            .as_i64()
            .unwrap_or(i64::MAX)
    }

    /// The width the browser decoded the image `css` at (0: it did not draw).
    pub async fn image_width(&self, css: &str) -> i64 {
        self.client
            .execute(
                "const i = document.querySelector(arguments[0]); return i && i.complete ? i.naturalWidth : 0;",
                vec![Value::String(css.to_owned())],
            )
            .await
            .expect("measure the image")
            .as_i64()
            .unwrap_or(0)
    }

    /// The page area's size in CSS pixels.
    pub async fn viewport(&self) -> (u32, u32) {
        let v = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .expect("read the viewport size");
        let at = |i: usize| v.get(i).and_then(Value::as_u64).unwrap_or(0) as u32;
        (at(0), at(1))
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.client
            .find(Locator::Css("body"))
            .await
            .expect("a body")
            .text()
            .await
            .expect("the body's text")
    }

    /// The element `css`, waiting for it to appear (WebDriver's wait, no sleep).
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Types `text` into the field `css` (after clearing it).
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clear the field");
        field.send_keys(text).await.expect("type into the field");
    }

    /// Clicks `css` where that changes the page's form, not the page (a choice, a tick
    /// box, an option): there is no next page to wait for.
    pub async fn choose(&self, css: &str) {
        self.find(css).await.click().await.expect("click");
    }

    /// Scrolls `css` into view (for the screenshot after).
    pub async fn scroll_to(&self, css: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView();",
                vec![Value::String(css.to_owned())],
            )
            .await
            .expect("scroll");
    }

    /// Clicks `css` and waits for the page it leads to: until the page shown before
    /// is gone (a form's post may take a moment to answer), then for the new body.
    pub async fn click(&self, css: &str) {
        let before = self
            .client
            .find(Locator::XPath("/html"))
            .await
            .expect("a page");
        self.find(css).await.click().await.expect("click");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            match before.tag_name().await {
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
                {
                    break;
                }
                // WebDriver's own polling interval, as its waits use.
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
        self.wait_loaded().await;
    }

    /// Follows the staff menu's link to `href`, first opening the group it sits in
    /// (a `<details>`) where that is closed, as a person on a phone does.
    pub async fn menu(&self, href: &str) {
        self.menu_click(&format!("a[href='{href}']")).await;
    }

    /// Clicks `css` in the staff menu (a link or the logout button) and waits for the
    /// page it leads to, opening the group it sits in first.
    pub async fn menu_click(&self, css: &str) {
        let closed = format!("nav.staff details:not([open]):has({css}) > summary");
        if let Ok(summary) = self.client.find(Locator::Css(&closed)).await {
            summary.click().await.expect("open the menu's group");
        }
        self.click(&format!("nav.staff {css}")).await;
    }

    /// Waits until the next page has a body (chromedriver already waits for the
    /// navigation a click starts; this covers a slow first paint).
    pub async fn wait_loaded(&self) {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath("/html/body"))
            .await
            .expect("the page loads");
    }

    /// Saves a screenshot of what the phone shows, as `<test>-<n>-<label>.png` in
    /// [`shots_dir`], and returns its path.
    pub async fn screenshot(&mut self, label: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = shots_dir();
        std::fs::create_dir_all(&dir).expect("the screenshots directory");
        self.shots += 1;
        let path = dir.join(format!("{}-{:02}-{label}.png", self.name, self.shots));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// The current page printed on A4 paper with backgrounds (as the Print command
    /// would), as PDF bytes; also saved beside the screenshots.
    pub async fn print_a4(&mut self, label: &str) -> Vec<u8> {
        let config = fantoccini::wd::PrintConfiguration::builder()
            .size(fantoccini::wd::PrintSize::A4)
            .background(true)
            .build()
            .expect("a valid print configuration");
        let pdf = self.client.print(config).await.expect("print the page");
        let dir = shots_dir();
        std::fs::create_dir_all(&dir).expect("the screenshots directory");
        self.shots += 1;
        let path = dir.join(format!("{}-{:02}-{label}.pdf", self.name, self.shots));
        std::fs::write(&path, &pdf).expect("write the PDF");
        pdf
    }

    /// Runs axe-core on the current page and fails on any serious or critical
    /// violation, listing them (rule, what to fix, where).
    pub async fn assert_accessible(&self, page: &str) {
        let problems = self.accessibility_problems().await;
        assert!(
            problems.is_empty(),
            "accessibility problems on {page}:\n{}",
            problems.join("\n")
        );
    }

    /// The serious and critical axe-core violations of the current page, one line
    /// each.
    pub async fn accessibility_problems(&self) -> Vec<String> {
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        self.client
            .execute(&format!("{AXE}\n;return typeof axe;"), vec![])
            .await
            .expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))))
                  .catch(e => done({ error: String(e) }));"#,
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("run axe-core on {url}: {e}"));
        let Value::Array(violations) = result else {
            panic!("axe-core failed: {result}");
        };
        violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                format!(
                    "{} ({}): {} at {}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or("?"),
                    v["nodes"]
                )
            })
            .collect()
    }

    /// Ends the session properly (Chromium exits), then stops chromedriver.
    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        kill_group(&mut self.driver);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

/// How many pages a PDF from Chromium has (its page objects, not the page tree).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page")
        .count()
        .saturating_sub(text.matches("/Type /Pages").count())
}

/// Kills chromedriver and everything in its process group (the Chromium it started).
fn kill_group(driver: &mut Child) {
    if matches!(driver.try_wait(), Ok(None)) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", driver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = driver.kill();
        let _ = driver.wait();
    }
}

/// A session on the chromedriver at `url`, once it listens (it takes a moment).
async fn connect(
    url: &str,
    caps: &serde_json::Map<String, Value>,
    driver: &mut Child,
) -> Result<Client, String> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!("chromedriver exited: {status}"));
        }
        let listening = tokio::net::TcpStream::connect(url.trim_start_matches("http://"))
            .await
            .is_ok();
        if listening {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            return ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(url)
                .await
                .map_err(|e| format!("new session: {e}"));
        }
        if tokio::time::Instant::now() > deadline {
            return Err("chromedriver did not listen within 20 s".into());
        }
        // Waiting for another process to open its port: nothing to be notified by.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
