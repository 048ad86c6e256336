//! A resident's browser for the web channel: plain HTTP against the in-process server,
//! keeping cookies as a browser would, and reading pages as a person does (visible
//! text, links, form fields).

use std::{collections::BTreeMap, net::SocketAddr};

use super::{
    app::{TestApp, eventually, free_local_addr},
    db::TestDb,
    telegram::FakeTelegram,
};

/// The bot (with a fake Telegram) and its web pages on a free loopback port.
pub async fn spawn_web(extra: &[&str]) -> (TestApp, SocketAddr) {
    let addr = free_local_addr();
    let listen = addr.to_string();
    let mut args = vec!["--web-listen", listen.as_str()];
    args.extend_from_slice(extra);
    let app =
        TestApp::spawn_with_args(FakeTelegram::start().await, TestDb::new().await, &args).await;
    wait_listening(addr).await;
    (app, addr)
}

/// Waits until the web server answers (it binds as the bot starts, in another task).
pub async fn wait_listening(addr: SocketAddr) {
    let client = reqwest::Client::new();
    let url = format!("http://{addr}/assets/site.css");
    eventually("the web server to listen", || {
        let request = client.get(&url).send();
        async move {
            request
                .await
                .ok()
                .filter(|r| r.status().is_success())
                .map(drop)
        }
    })
    .await;
}

/// One browser: its cookies, its language.
pub struct Browser {
    client: reqwest::Client,
    base: String,
    pub cookies: BTreeMap<String, String>,
    accept_language: String,
    /// The address the requests claim to come from (behind a trusted proxy).
    pub forwarded_for: Option<String>,
}

/// A page as the browser received it.
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
    /// Where a redirect pointed, if the response was one.
    pub location: Option<String>,
}

impl Browser {
    /// A Chinese-language phone browser.
    pub fn new(addr: SocketAddr) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: format!("http://{addr}"),
            cookies: BTreeMap::new(),
            accept_language: "zh-CN,zh;q=0.9".into(),
            forwarded_for: None,
        }
    }

    /// The same, asking for English first.
    pub fn english(mut self) -> Browser {
        self.accept_language = "en-GB,en;q=0.9,zh;q=0.5".into();
        self
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self
            .client
            .request(method, url)
            .header("Accept-Language", &self.accept_language);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header("Cookie", jar.join("; "));
        }
        if let Some(a) = &self.forwarded_for {
            req = req.header("X-Forwarded-For", a);
        }
        req
    }

    async fn finish(&mut self, req: reqwest::RequestBuilder) -> Page {
        let resp = req.send().await.expect("the web server answers");
        for c in resp.headers().get_all("set-cookie") {
            let raw = c.to_str().expect("ascii cookie");
            let pair = raw.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                if raw.contains("Max-Age=0") {
                    self.cookies.remove(k.trim());
                } else {
                    self.cookies
                        .insert(k.trim().to_owned(), v.trim().to_owned());
                }
            }
        }
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let location = headers
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        let body = resp.text().await.expect("a body");
        Page {
            status,
            headers,
            body,
            location,
        }
    }

    /// A file as bytes (a photo): status, headers and the body unchanged.
    pub async fn get_bytes(&mut self, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
        let resp = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .expect("the web server answers");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.expect("a body").to_vec();
        (status, headers, body)
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let req = self.request(reqwest::Method::GET, path);
        self.finish(req).await
    }

    /// Posts a form; follows one redirect (303 after a stored opinion) as a browser does.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let req = self.request(reqwest::Method::POST, path).form(form);
        let page = self.finish(req).await;
        self.follow(page).await
    }

    /// The page a 303 redirect points to (as a browser follows it), or the page.
    async fn follow(&mut self, page: Page) -> Page {
        match (page.status, &page.location) {
            (303, Some(to)) => {
                let to = to.clone();
                self.get(&to).await
            }
            _ => page,
        }
    }

    /// Posts a `multipart/form-data` form, as a browser sends a form with a file:
    /// `fields` as text parts, `file` as the part `file` (name and bytes), if any.
    /// Follows one 303 redirect, as [`Browser::post`] does.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Page {
        const BOUNDARY: &str = "----consult-test-boundary-7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                    .as_bytes(),
            );
            // Browsers send line ends in text fields as CRLF.
            body.extend_from_slice(value.replace('\n', "\r\n").as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        let (file_name, bytes) = file.unwrap_or(("", &[]));
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let req = self
            .request(reqwest::Method::POST, path)
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body);
        let page = self.finish(req).await;
        self.follow(page).await
    }

    /// Posts a form and returns the answer as it came, a redirect not followed (to
    /// look at its `Set-Cookie`).
    pub async fn post_only(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let req = self.request(reqwest::Method::POST, path).form(form);
        self.finish(req).await
    }

    /// Posts a page's form (the one whose action is `action`) with its fields as the
    /// page filled them, changed by `set` (checkboxes in `set` are ticked).
    pub async fn submit(&mut self, page: &Page, action: &str, set: &[(&str, &str)]) -> Page {
        let mut fields = page.form(action);
        for (k, v) in set {
            fields.retain(|(name, _)| name != k);
            fields.push(((*k).to_owned(), (*v).to_owned()));
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post(action, &pairs).await
    }
}

impl Page {
    /// What a person reads: the body's text without tags, whitespace collapsed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        let main = self.body.split("<body").nth(1).unwrap_or(&self.body);
        for ch in main.chars() {
            match ch {
                '<' => {
                    in_tag = true;
                    out.push(' ');
                }
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        let out = out
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Every tag named `name`, as its attributes.
    pub fn tags(&self, name: &str) -> Vec<BTreeMap<String, String>> {
        let open = format!("<{name}");
        self.body
            .match_indices(&open)
            .filter_map(|(i, _)| {
                let rest = &self.body[i + open.len()..];
                let end = rest.find('>')?;
                let inside = &rest[..end];
                (inside.is_empty() || inside.starts_with(' ') || inside.starts_with('/'))
                    .then(|| attributes(inside))
            })
            .collect()
    }

    /// The href of the first link whose text contains `text`.
    pub fn link(&self, text: &str) -> Option<String> {
        let mut from = 0;
        while let Some(i) = self.body[from..].find("<a ") {
            let start = from + i;
            let end = self.body[start..].find("</a>")? + start;
            let tag_end = self.body[start..].find('>')? + start;
            let inner = Page {
                body: format!("<body>{}", &self.body[tag_end + 1..end]),
                ..self.clone()
            }
            .text();
            if inner.contains(text) {
                return attributes(&self.body[start + 2..tag_end]).remove("href");
            }
            from = end;
        }
        None
    }

    /// The fields a form would send as the page filled them: inputs (text, hidden,
    /// checked radios and checkboxes), selected options and textareas.
    pub fn form(&self, action: &str) -> Vec<(String, String)> {
        let needle = format!("action=\"{}\"", action.replace('&', "&amp;"));
        let start = self
            .body
            .find(&needle)
            .unwrap_or_else(|| panic!("a form posting to {action} in {}", self.body));
        let end = self.body[start..]
            .find("</form>")
            .map_or(self.body.len(), |e| start + e);
        let form = Page {
            body: self.body[start..end].to_owned(),
            ..self.clone()
        };
        let mut fields = Vec::new();
        for input in form.tags("input") {
            let (Some(name), kind) = (input.get("name"), input.get("type").map(String::as_str))
            else {
                continue;
            };
            let value = input.get("value").cloned().unwrap_or_default();
            match kind {
                Some("radio" | "checkbox") if !input.contains_key("checked") => {}
                Some("submit") => {}
                _ => fields.push((name.clone(), value)),
            }
        }
        let mut rest = form.body.as_str();
        while let Some(i) = rest.find("<textarea") {
            let tag_end = rest[i..].find('>').expect("textarea tag") + i;
            let attrs = attributes(&rest[i + 9..tag_end]);
            let close = rest[tag_end..].find("</textarea>").expect("closed") + tag_end;
            if let Some(name) = attrs.get("name") {
                let text = unescape(&rest[tag_end + 1..close]);
                fields.push((name.clone(), text));
            }
            rest = &rest[close..];
        }
        let mut rest = form.body.as_str();
        while let Some(i) = rest.find("<select") {
            let tag_end = rest[i..].find('>').expect("select tag") + i;
            let attrs = attributes(&rest[i + 7..tag_end]);
            let close = rest[tag_end..].find("</select>").expect("closed") + tag_end;
            let options = Page {
                body: rest[tag_end..close].to_owned(),
                ..self.clone()
            }
            .tags("option");
            let chosen = options
                .iter()
                .find(|o| o.contains_key("selected"))
                .or(options.first());
            if let (Some(name), Some(o)) = (attrs.get("name"), chosen) {
                fields.push((name.clone(), o.get("value").cloned().unwrap_or_default()));
            }
            rest = &rest[close..];
        }
        fields
    }

    /// A form field's value as the page filled it.
    pub fn field(&self, action: &str, name: &str) -> Option<String> {
        self.form(action)
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `name="value"` pairs (and bare names) of a tag's inside.
fn attributes(inside: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = inside.trim_start_matches('/');
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('/') {
            break;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = &rest[name_end..];
        if let Some(r) = rest.strip_prefix("=\"") {
            let close = r.find('"').unwrap_or(r.len());
            out.insert(name, unescape(&r[..close]));
            rest = r.get(close + 1..).unwrap_or("");
        } else {
            out.insert(name, String::new());
        }
        if name_end == 0 {
            break;
        }
    }
    out
}
