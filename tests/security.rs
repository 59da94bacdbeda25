//! The promises of a page that is an attack surface: no account probing, server-side limits,
//! cross-site refusals, security headers.

mod common;

use common::{TestApp, ALICE};
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, RETRY_AFTER};
use reqwest::StatusCode;

#[tokio::test]
async fn step_one_is_byte_for_byte_the_same_with_or_without_an_account() {
    let app = TestApp::deployed(&[]).await;
    // Two addresses of one length, one with an account: only the sealed value may differ.
    for javascript in [false, true] {
        let mut known = app.browser(javascript);
        let mut unknown = app.browser(javascript);
        let a = known
            .post(
                "/api/reset/send",
                &[("email", if javascript { "bob@example.com" } else { ALICE })],
            )
            .await;
        let b = unknown
            .post(
                "/api/reset/send",
                &[(
                    "email",
                    if javascript {
                        "bod@example.com"
                    } else {
                        "alicf@example.com"
                    },
                )],
            )
            .await;
        assert_eq!(a.status, b.status);
        // The JSON answer carries the sealed progress (as the cookie does): only its bytes
        // may differ, not its length.
        let without_progress = |answer: &common::Answer| match answer.progress() {
            Some(sealed) => answer.body.replace(sealed, &"x".repeat(sealed.len())),
            None => answer.body.clone(),
        };
        assert_eq!(a.progress().is_some(), javascript);
        assert_eq!(without_progress(&a), without_progress(&b));
        let comparable = |answer: &common::Answer| {
            let mut headers: Vec<(String, String)> = answer
                .headers
                .iter()
                .filter(|(name, _)| {
                    !matches!(name.as_str(), "date" | "x-request-id" | "set-cookie")
                })
                .map(|(name, value)| {
                    (
                        name.to_string(),
                        value.to_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            headers.sort();
            headers
        };
        assert_eq!(comparable(&a), comparable(&b));
        let shape = |answer: &common::Answer| {
            answer
                .set_cookies()
                .iter()
                .map(|cookie| {
                    let (pair, attributes) = cookie.split_once(';').unwrap();
                    let (name, value) = pair.split_once('=').unwrap();
                    (name.to_string(), value.len(), attributes.to_string())
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&a), shape(&b));
    }
}

#[tokio::test]
async fn sends_are_limited_per_address_and_per_ip_whatever_the_cookie() {
    let app = TestApp::deployed(&[
        ("RESET_SENDS_PER_IP_PER_10_MIN", "3"),
        ("RESET_SENDS_PER_EMAIL_PER_HOUR", "2"),
    ])
    .await;
    for i in 0..3 {
        let answer = app
            .browser(false)
            .post(
                "/api/reset/send",
                &[("email", &format!("u{i}@example.com"))],
            )
            .await;
        assert_eq!(answer.location(), Some("/reset/code"));
    }
    // A fresh browser (no cookie) from the same IP: refused, with the wait in words.
    let answer = app
        .browser(false)
        .post("/api/reset/send", &[("email", "u9@example.com")])
        .await;
    let location = answer.location().unwrap().to_string();
    assert!(
        location.starts_with("/reset?error=slow_down."),
        "{location}"
    );
    let page = app.browser(false).get(&location).await;
    assert!(
        page.body
            .contains("Too many codes were asked for. Try again in"),
        "{}",
        page.body
    );

    let answer = app
        .browser(true)
        .post("/api/reset/send", &[("email", "u9@example.com")])
        .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = answer.headers[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 60, "{retry}");
    assert!(answer.body.contains("SlowDown"));
}

#[tokio::test]
async fn an_address_waits_between_sends_even_without_the_cookie() {
    let app = TestApp::deployed(&[]).await;
    app.browser(false)
        .post("/api/reset/send", &[("email", ALICE)])
        .await;
    let answer = app
        .browser(true)
        .post("/api/reset/send", &[("email", ALICE)])
        .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = answer.headers[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((50..=60).contains(&retry), "{retry}");
    assert_eq!(app.emulator.mailbox().len(), 1);
}

#[tokio::test]
async fn five_wrong_codes_lock_the_code_whatever_cookie_comes_back() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let right = app.latest_code(ALICE);
    let wrong = common::wrong_code(&right);
    // Each guess from a fresh browser, as an email link: no cookie carries the count.
    for _ in 0..4 {
        let answer = app.verify_from_link(ALICE, wrong, false).await;
        assert!(answer
            .location()
            .unwrap()
            .starts_with("/reset/code?error=wrong_code"));
    }
    let fifth = app.verify_from_link(ALICE, wrong, false).await;
    assert!(fifth
        .location()
        .unwrap()
        .starts_with("/reset?error=too_many_attempts"));
    // On the JSON path the lock is a 429 with Retry-After.
    let answer = app.verify_from_link(ALICE, &right, true).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.headers[RETRY_AFTER], "60");
    assert!(answer.body.contains("TooManyAttempts"), "{}", answer.body);
    // The right code no longer opens anything, from the first browser's cookie or a fresh one.
    let answer = browser.post("/api/reset/verify", &[("code", &right)]).await;
    assert_eq!(answer.location(), Some("/reset?error=too_many_attempts"));
    let answer = app.verify_from_link(ALICE, &right, false).await;
    assert!(answer
        .location()
        .unwrap()
        .starts_with("/reset?error=too_many_attempts"));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::deployed(&[]).await;
    for (site, javascript) in [
        ("cross-site", false),
        ("same-site", false),
        ("cross-site", true),
    ] {
        let mut browser = app.browser(javascript);
        browser.fetch_site = site.to_string();
        let answer = browser.post("/api/reset/send", &[("email", ALICE)]).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{site}");
        let expected = if javascript {
            "CrossSite"
        } else {
            "sent from another site"
        };
        assert!(answer.body.contains(expected), "{}", answer.body);
        assert!(answer.set_cookies().is_empty());
    }
    assert_eq!(app.emulator.calls(), 0);

    // Without Sec-Fetch-Site, only an Origin equal to the public origin passes.
    let url = format!("{}/api/reset/send", app.base);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |origin: Option<String>| {
        let mut request = http
            .post(&url)
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("email=nobody%40example.com");
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send()
    };
    assert_eq!(post(None).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(
        post(Some("https://evil.example".into()))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(Some(app.base.clone())).await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let code = app.latest_code(ALICE);
    let mut ids = Vec::new();
    for path in ["/reset", "/reset/code", "/reset/done", "/no/such/page"] {
        let page = browser.get(path).await;
        let csp = page.headers[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        // Every inline script carries the nonce the policy names.
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap();
        // Every script that runs carries the nonce (leptos_i18n leaves an empty `<script>`
        // placeholder, which runs nothing).
        let scripts =
            page.body.matches("<script").count() - page.body.matches("<script></script>").count();
        assert!(scripts > 0, "{path}");
        assert_eq!(
            page.body.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: {}",
            page.body
        );
        assert_eq!(page.headers["referrer-policy"], "same-origin");
        assert_eq!(page.headers["x-content-type-options"], "nosniff");
        assert_eq!(page.headers[CACHE_CONTROL], "no-store");
        assert!(!page.headers.contains_key("strict-transport-security"));
        ids.push(page.headers["x-request-id"].to_str().unwrap().to_string());
    }
    let verified = browser.post("/api/reset/verify", &[("code", &code)]).await;
    assert_eq!(verified.headers[CACHE_CONTROL], "no-store");
    let password_page = browser.get("/reset/password").await;
    assert_eq!(password_page.status, StatusCode::OK);
    assert!(password_page.headers[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("'nonce-"));
    assert_eq!(password_page.headers[CACHE_CONTROL], "no-store");
    assert!(verified.headers.contains_key(CONTENT_SECURITY_POLICY));
    ids.push(
        verified.headers["x-request-id"]
            .to_str()
            .unwrap()
            .to_string(),
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "each answer has its own request id");
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_hsts_is_sent() {
    let app = TestApp::deployed(&[
        ("RESET_PUBLIC_URL", "https://reset.example.com"),
        ("RESET_FRAME_ANCESTORS", "https://app.example.com"),
    ])
    .await;
    let mut browser = app.browser(false);
    let page = browser.get("/reset").await;
    assert_eq!(
        page.headers["strict-transport-security"],
        "max-age=63072000; includeSubDomains"
    );
    assert!(page.headers[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .ends_with("frame-ancestors https://app.example.com"));
    let sent = browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let cookie = &sent.set_cookies()[0];
    assert!(
        cookie.starts_with("__Host-authing_reset=") && cookie.contains("Secure"),
        "{cookie}"
    );
}

#[tokio::test]
async fn absurd_queries_and_paths_get_an_answer_not_a_crash() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    let long = "a".repeat(6000);
    let many: String = (0..500).map(|i| format!("k{i}=v&")).collect();
    for path in [
        format!("/reset?email={long}"),
        "/reset?email=%ff%fe%00&client_id=%c3%28".to_string(),
        format!("/reset?{many}"),
        "/reset?error=too_early.99999999999999999999999&email=&email=a".to_string(),
        "/reset/code?email=%0d%0aSet-Cookie:%20x=1".to_string(),
        "/reset?lang=../../etc/passwd&return_to=javascript:alert(1)".to_string(),
        "/reset/%2e%2e/%2e%2e/etc/passwd".to_string(),
    ] {
        let answer = browser.get(&path).await;
        assert!(answer.status.as_u16() < 500, "{path}: {}", answer.status);
        assert!(!answer.headers.contains_key("x"), "{path}");
    }
    // The server still serves.
    assert_eq!(browser.get("/healthz").await.status, StatusCode::OK);
}

/// The `Set-Cookie`s of the WASM client's step 1 naming `parent` as the embedding page.
async fn first_post_framed_by(app: &TestApp, email: &str, parent: &str) -> Vec<String> {
    app.browser(true)
        .post(
            "/api/reset/send",
            &[("email", email), ("parent_origin", parent)],
        )
        .await
        .set_cookies()
}

#[tokio::test]
async fn inside_a_frame_the_cookie_is_partitioned_and_cross_site() {
    let app = TestApp::deployed(&[("RESET_FRAME_ANCESTORS", "http://127.0.0.1:3101")]).await;
    let framed = |cookie: &str| {
        cookie.contains("SameSite=None")
            && cookie.contains("Secure")
            && cookie.contains("Partitioned")
    };

    // A plain form post inside a frame says so in Sec-Fetch-Dest.
    let mut no_js = app.browser(false);
    no_js.fetch_dest = Some("iframe".into());
    let sent = no_js.post("/api/reset/send", &[("email", ALICE)]).await;
    assert!(framed(&sent.set_cookies()[0]), "{:?}", sent.set_cookies());
    // The flow remembers it: later steps keep the framed cookie, even from the WASM client.
    let mut js = app.browser(true);
    js.cookie = no_js.cookie.clone();
    let code = app.latest_code(ALICE);
    let verified = js.post("/api/reset/verify", &[("code", &code)]).await;
    assert!(
        framed(&verified.set_cookies()[0]),
        "{:?}",
        verified.set_cookies()
    );

    // The WASM client's first post names the embedding page, if it is allowed.
    let sent = first_post_framed_by(&app, "bob@example.com", "http://127.0.0.1:3101").await;
    assert!(framed(&sent[0]), "{sent:?}");
    let sent = first_post_framed_by(&app, "zhang.wei@example.cn", "https://evil.example").await;
    let cookie = &sent[0];
    assert!(
        cookie.contains("SameSite=Lax") && !cookie.contains("Partitioned"),
        "{cookie}"
    );

    // At top level: Lax.
    let top = app
        .browser(false)
        .post("/api/reset/send", &[("email", "top@example.com")])
        .await;
    assert!(top.set_cookies()[0].contains("SameSite=Lax"));
}
