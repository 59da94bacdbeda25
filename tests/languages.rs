//! Languages, password strength and branding over HTTP: the real server against the emulator.

mod common;

use authing_reset::emulator::DEMO_POOL_ID;
use common::{TestApp, ALICE};
use reqwest::header::ACCEPT_LANGUAGE;
use reqwest::StatusCode;

async fn page_in(app: &TestApp, path: &str, accept_language: &str) -> String {
    app.browser(false)
        .http
        .get(format!("{}{path}", app.base))
        .header(ACCEPT_LANGUAGE, accept_language)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_language_comes_from_lang_then_accept_language_then_english() {
    let app = TestApp::deployed(&[]).await;
    let chinese = page_in(&app, "/reset", "zh-CN,zh;q=0.9,en;q=0.8").await;
    assert!(chinese.contains(r#"<html lang="zh-CN""#), "{chinese}");
    assert!(chinese.contains("重置密码") && chinese.contains("发送验证码"));
    assert!(chinese.contains("第 1 步，共 3 步"));
    let plain_zh = page_in(&app, "/reset", "zh").await;
    assert!(plain_zh.contains(r#"<html lang="zh-CN""#));
    let english = page_in(&app, "/reset?lang=en", "zh-CN").await;
    assert!(english.contains(r#"<html lang="en""#) && english.contains("Send code"));
    let default = page_in(&app, "/reset", "fr-FR,de;q=0.5").await;
    assert!(default.contains(r#"<html lang="en""#));
    // The switch links to this page in each language, the query kept.
    assert!(
        chinese.contains(r#"href="/reset?lang=en""#),
        "the switch: {chinese}"
    );
    // Errors in the query are said in the page's language.
    let error = page_in(&app, "/reset?error=invalid_email&lang=zh-CN", "en").await;
    assert!(error.contains("请输入有效的电子邮箱地址"), "{error}");
}

#[tokio::test]
async fn a_chosen_language_is_kept_across_the_steps() {
    let app = TestApp::deployed(&[]).await;
    // Without JavaScript: the form's `lang` field is in the next page's address.
    let mut browser = app.browser(false);
    let sent = browser
        .post("/api/reset/send", &[("email", ALICE), ("lang", "zh-CN")])
        .await;
    assert_eq!(sent.location(), Some("/reset/code?lang=zh-CN"));
    let wrong = browser
        .post(
            "/api/reset/verify",
            &[("code", "00000x"), ("lang", "zh-CN"), ("email", ALICE)],
        )
        .await;
    assert_eq!(
        wrong.location(),
        Some("/reset/code?error=invalid_code&email=alice%40example.com&lang=zh-CN")
    );
    // With JavaScript: the same in the answer's next page.
    let mut js = app.browser(true);
    let sent = js
        .post(
            "/api/reset/send",
            &[("email", "bob@example.com"), ("lang", "zh-CN")],
        )
        .await;
    assert_eq!(sent.location(), Some("/reset/code?lang=zh-CN"));
    // A language we do not speak is not carried.
    let sent = app
        .browser(false)
        .post(
            "/api/reset/send",
            &[("email", "zhang.wei@example.cn"), ("lang", "en\"><x")],
        )
        .await;
    assert_eq!(sent.location(), Some("/reset/code"));
}

#[tokio::test]
async fn refusals_outside_the_pages_speak_the_browsers_language() {
    let app = TestApp::deployed(&[]).await;
    let answer = app
        .browser(false)
        .http
        .post(format!("{}/api/reset/send", app.base))
        .header("accept", "text/html")
        .header(ACCEPT_LANGUAGE, "zh-CN")
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 20_000])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = answer.text().await.unwrap();
    assert!(
        body.contains(r#"<html lang="zh-CN">"#) && body.contains("表单过大"),
        "{body}"
    );
}

#[tokio::test]
async fn very_weak_passwords_are_refused_with_advice_and_the_meter_needs_a_verified_code() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    // No flow: no meter.
    let early = app
        .browser(true)
        .post("/api/reset/strength", &[("password", "anything")])
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    browser
        .post(
            "/api/reset/send",
            &[("email", ALICE), ("client_id", DEMO_POOL_ID)],
        )
        .await;
    let code = app.latest_code(ALICE);
    browser.post("/api/reset/verify", &[("code", &code)]).await;

    let mut meter = app.browser(true);
    meter.cookie = browser.cookie.clone();
    let weak = meter
        .post("/api/reset/strength", &[("password", "password")])
        .await;
    assert_eq!(weak.status, StatusCode::OK);
    assert!(weak.body.contains(r#""score":0"#), "{}", weak.body);
    assert!(weak.body.contains("Top10"), "{}", weak.body);
    let strong = meter
        .post(
            "/api/reset/strength",
            &[("password", "lanterns drift over quiet harbours")],
        )
        .await;
    assert!(
        strong.body.contains(r#""score":4"#) || strong.body.contains(r#""score":3"#),
        "{}",
        strong.body
    );

    let refused = browser
        .post(
            "/api/reset/change",
            &[("password", "password"), ("confirm", "password")],
        )
        .await;
    let location = refused.location().unwrap().to_string();
    assert!(
        location.starts_with("/reset/password?error=password_too_weak.top10."),
        "{location}"
    );
    let page = browser.get(&location).await;
    assert!(page.body.contains("This password is too easy to guess"));
    assert!(page.body.contains("This is a top-10 common password."));
    assert_eq!(
        app.emulator.password_of(ALICE).as_deref(),
        Some("alice-old-password"),
        "nothing was changed"
    );
}

#[tokio::test]
async fn branding_is_shown_and_allowed_by_the_policy() {
    let app = TestApp::deployed(&[
        ("RESET_PRODUCT_NAME", "Example Cloud"),
        ("RESET_LOGO_URL", "https://cdn.example.com/logo.svg"),
        ("RESET_ACCENT_COLOR", "#0A66C2"),
    ])
    .await;
    let mut browser = app.browser(false);
    let page = browser.get("/reset").await;
    assert!(page.body.contains("Example Cloud"));
    assert!(page
        .body
        .contains(r#"<img src="https://cdn.example.com/logo.svg""#));
    assert!(page.body.contains(r#"href="/brand.css""#));
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("img-src 'self' data: https://cdn.example.com;"),
        "{csp}"
    );
    assert!(csp.contains("style-src 'self';"), "no inline styles: {csp}");
    let css = browser.get("/brand.css").await;
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    assert!(css.body.contains("--accent:#0a66c2"), "{}", css.body);

    // Without branding: no header, an empty stylesheet.
    let plain = TestApp::deployed(&[]).await;
    let mut browser = plain.browser(false);
    assert!(!browser.get("/reset").await.body.contains("class=\"brand\""));
    assert_eq!(browser.get("/brand.css").await.body, "");
}
