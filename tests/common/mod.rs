//! A real server on a loopback port, against the Authing emulator on another, and a small
//! browser-like client that keeps the progress cookie and does not follow redirects.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;

use authing_reset::emulator::{Emulator, DEMO_POOL_ID, PUBLIC_KEY_PEM};
use authing_reset::server::config::Config;
use authing_reset::server::startup::build;
use leptos::config::LeptosOptions;
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::StatusCode;

pub const ALICE: &str = "alice@example.com";
pub const COOKIE_KEY: &str =
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==";

/// The app under test and the emulator behind it.
pub struct TestApp {
    pub base: String,
    pub emulator: Arc<Emulator>,
}

/// Leptos' settings for a server listening on `addr`, as `LEPTOS_SITE_ADDR` would give.
fn leptos_options(addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("authing-reset")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

async fn serve(config: Config) -> (String, Option<Arc<Emulator>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (router, state) = build(&config, leptos_options(addr))
        .await
        .expect("app builds");
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (format!("http://{addr}"), state.demo)
}

impl TestApp {
    /// Configured like a deployment: Authing's URL (the emulator, started separately), a pool,
    /// the emulator's public key, a cookie key; plus `extra` settings.
    pub async fn deployed(extra: &[(&str, &str)]) -> Self {
        let emulator = Emulator::with_demo_accounts(false);
        let url = emulator.serve().await.unwrap();
        let mut vars: HashMap<String, String> = [
            ("AUTHING_GRAPHQL_URL", url.as_str()),
            ("AUTHING_CLIENT_ID", DEMO_POOL_ID),
            ("AUTHING_PASSWORD_PUBLIC_KEY", PUBLIC_KEY_PEM),
            ("RESET_COOKIE_KEY", COOKIE_KEY),
            // Short, so the tests are quick; tests of the budget itself set their own.
            ("RESET_SEND_BUDGET_MS", "50"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in extra {
            vars.insert(k.to_string(), v.to_string());
        }
        let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("config");
        let (base, _) = serve(config).await;
        Self { base, emulator }
    }

    /// Demo mode: nothing configured.
    pub async fn demo() -> Self {
        let config = Config::from_lookup(|_| None).unwrap();
        let (base, emulator) = serve(config).await;
        Self {
            base,
            emulator: emulator.expect("demo mode has an emulator"),
        }
    }

    pub fn browser(&self, javascript: bool) -> Browser {
        Browser {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .unwrap(),
            cookie: None,
            keeps_cookies: true,
            javascript,
            fetch_site: "same-origin".into(),
            fetch_dest: None,
        }
    }

    /// A browser that keeps no cookie at all (some do inside a frame).
    pub fn browser_without_cookies(&self, javascript: bool) -> Browser {
        Browser {
            keeps_cookies: false,
            ..self.browser(javascript)
        }
    }

    /// Posts a code as an email link opened in a fresh browser would: no cookie, the email and
    /// pool from the link.
    pub async fn verify_from_link(&self, email: &str, code: &str, javascript: bool) -> Answer {
        self.browser(javascript)
            .post(
                "/api/reset/verify",
                &[
                    ("email", email),
                    ("client_id", DEMO_POOL_ID),
                    ("code", code),
                ],
            )
            .await
    }

    pub fn latest_code(&self, email: &str) -> String {
        self.emulator.latest_code(email).expect("a code was sent")
    }
}

/// A code that is certainly not `right`.
pub fn wrong_code(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// An answer, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// Where the answer leads: a redirect's `Location`, or the page a step's JSON answer
    /// (`{"to": …, "progress": …}`) sends the WASM client to.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .or_else(|| self.next_field("to"))
    }

    /// The sealed progress a step's JSON answer gives the WASM client.
    pub fn progress(&self) -> Option<&str> {
        self.next_field("progress")
    }

    fn next_field(&self, name: &str) -> Option<&str> {
        // The body is `{"to":"…","progress":"…"}` (or null): find the field's string by hand,
        // so the answer can be borrowed from.
        let start = self.body.find(&format!("\"{name}\":\""))? + name.len() + 4;
        let end = self.body[start..].find('"')? + start;
        Some(&self.body[start..end])
    }

    /// The value of the hidden `progress` field of a page's forms.
    pub fn progress_field(&self) -> Option<&str> {
        let start = self.body.find(r#"name="progress" value=""#)? + 23;
        let end = self.body[start..].find('"')? + start;
        Some(&self.body[start..end]).filter(|v| !v.is_empty())
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect()
    }
}

/// Posts forms as a browser would (no JavaScript: `Accept: text/html`; with it: the WASM
/// client's `Accept: application/json`) and keeps the progress cookie.
pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
    pub cookie: Option<String>,
    /// Whether it keeps cookies at all (some browsers keep none inside a frame).
    pub keeps_cookies: bool,
    pub javascript: bool,
    /// The `Sec-Fetch-Site` a browser sends on this page's form posts.
    pub fetch_site: String,
    /// The `Sec-Fetch-Dest` of form posts (`iframe` inside a frame).
    pub fetch_dest: Option<String>,
}

impl Browser {
    fn accept(&self) -> &'static str {
        if self.javascript {
            "application/json"
        } else {
            "text/html,application/xhtml+xml"
        }
    }

    async fn read(&mut self, response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        for set in headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter(|_| self.keeps_cookies)
        {
            let pair = set.split(';').next().unwrap_or_default();
            if set.contains("Max-Age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(pair.to_string());
            }
        }
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let mut request = self
            .http
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, self.accept());
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        let response = request.send().await.unwrap();
        self.read(response).await
    }

    pub async fn post_raw(&mut self, path: &str, body: Vec<u8>) -> Answer {
        let accept = self.accept();
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header(ACCEPT, accept)
            .header("sec-fetch-site", &self.fetch_site)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if let Some(dest) = &self.fetch_dest {
            request = request.header("sec-fetch-dest", dest);
        }
        let response = request.send().await.unwrap();
        self.read(response).await
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.post_raw(path, body.into_bytes()).await
    }
}
