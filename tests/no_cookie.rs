//! A browser that returns no cookie (some block even partitioned cookies in frames): the same
//! sealed progress rides in the forms' hidden `progress` field, never in a URL.

mod common;

use authing_reset::emulator::DEMO_POOL_ID;
use common::{Answer, Browser, TestApp, ALICE};
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "cookies are not needed";
const PARENT: &str = "http://127.0.0.1:3101";

/// Posts step 3 with `progress` in its hidden field and the new password (typed again as
/// `confirm`).
async fn change(browser: &mut Browser, progress: &str, confirm: &str) -> Answer {
    let fields = [
        ("password", NEW_PASSWORD),
        ("confirm", confirm),
        ("progress", progress),
    ];
    browser.post("/api/reset/change", &fields).await
}

/// Asserts Authing now has the new password.
fn assert_changed(app: &TestApp) {
    assert_eq!(
        app.emulator.password_of(ALICE).as_deref(),
        Some(NEW_PASSWORD)
    );
}

/// Asserts an answer is the page `heading` itself, its forms carrying the progress, and
/// returns that progress.
fn page_with_progress<'a>(answer: &'a Answer, heading: &str) -> &'a str {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains(heading), "{}", answer.body);
    assert!(answer.location().is_none());
    assert!(!answer.headers.contains_key("x-reset-inline-progress"));
    answer
        .progress_field()
        .expect("the forms carry the progress")
}

#[tokio::test]
async fn without_javascript_in_a_frame_each_step_answers_with_the_next_page() {
    let app = TestApp::deployed(&[("RESET_FRAME_ANCESTORS", PARENT)]).await;
    let mut frame = app.browser_without_cookies(false);
    frame.fetch_dest = Some("iframe".into());

    let sent = frame
        .post(
            "/api/reset/send",
            &[("email", ALICE), ("parent_origin", PARENT)],
        )
        .await;
    // The cookie is still set, for browsers that keep it.
    assert!(sent.set_cookies()[0].contains("Partitioned"));
    let progress = page_with_progress(&sent, "Check your email").to_string();
    assert!(sent.body.contains(ALICE));
    // Its JavaScript, should it start, shows the page's own address.
    assert!(sent
        .body
        .contains(r#"history.replaceState(null,'',"/reset/code")"#));

    // A wrong code: the code page again, with the error and the progress.
    let code = app.latest_code(ALICE);
    let wrong = frame
        .post(
            "/api/reset/verify",
            &[("code", common::wrong_code(&code)), ("progress", &progress)],
        )
        .await;
    let progress = page_with_progress(&wrong, "Check your email").to_string();
    assert!(
        wrong.body.contains("That code is not right"),
        "{}",
        wrong.body
    );

    let verified = frame
        .post(
            "/api/reset/verify",
            &[("code", &code), ("progress", &progress)],
        )
        .await;
    let progress = page_with_progress(&verified, "Choose a new password").to_string();

    let changed = change(&mut frame, &progress, NEW_PASSWORD).await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        changed.location(),
        Some("/reset/done?parent_origin=http%3A%2F%2F127.0.0.1%3A3101")
    );
    assert_changed(&app);
}

#[tokio::test]
async fn at_top_level_a_progress_field_without_a_cookie_also_gets_the_next_page() {
    let app = TestApp::deployed(&[]).await;
    // The email link, opened where cookies are kept, then posted from a browser that keeps none.
    let mut browser = app.browser_without_cookies(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let code = app.latest_code(ALICE);
    let verified = app.verify_from_link(ALICE, &code, false).await;
    assert_eq!(verified.location(), Some("/reset/password"));
    let sealed = verified.set_cookies()[0]
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_string())
        .unwrap();
    let changed = change(&mut browser, &sealed, "not the same").await;
    let progress = page_with_progress(&changed, "Choose a new password").to_string();
    assert!(changed.body.contains("do not match"), "{}", changed.body);
    let changed = change(&mut browser, &progress, NEW_PASSWORD).await;
    assert_eq!(changed.location(), Some("/reset/done"));
    assert_changed(&app);
}

#[tokio::test]
async fn the_wasm_client_carries_the_progress_it_is_given() {
    let app = TestApp::deployed(&[]).await;
    let mut js = app.browser_without_cookies(true);
    let sent = js
        .post(
            "/api/reset/send",
            &[("email", ALICE), ("client_id", DEMO_POOL_ID)],
        )
        .await;
    assert_eq!(sent.location(), Some("/reset/code"));
    let progress = sent.progress().expect("progress").to_string();

    // Without the progress there is no flow; with it, the page sees the step.
    let state = js.post("/api/reset/state", &[]).await;
    assert!(!state.body.contains(ALICE), "{}", state.body);
    let state = js
        .post("/api/reset/state", &[("progress", &progress)])
        .await;
    assert!(state.body.contains("CodeSent"), "{}", state.body);

    let code = app.latest_code(ALICE);
    let verified = js
        .post(
            "/api/reset/verify",
            &[("code", &code), ("progress", &progress)],
        )
        .await;
    assert_eq!(verified.location(), Some("/reset/password"));
    let progress = verified.progress().expect("progress").to_string();
    let changed = change(&mut js, &progress, NEW_PASSWORD).await;
    assert_eq!(changed.location(), Some("/reset/done"));
    assert_eq!(changed.progress(), None, "the flow is over");
    assert_changed(&app);
}

#[tokio::test]
async fn a_tampered_or_foreign_progress_field_is_no_flow() {
    let app = TestApp::deployed(&[]).await;
    let other = TestApp::deployed(&[(
        "RESET_COOKIE_KEY",
        "Pz8+PTw7Ojk4NzY1NDMyMTAvLi0sKyopKCcmJSQjIiEgHx4dHBsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=",
    )])
    .await;
    let mut js = other.browser_without_cookies(true);
    let sent = js.post("/api/reset/send", &[("email", ALICE)]).await;
    let sealed = sent.progress().unwrap().to_string();
    // Without its progress, the next step has no flow, and gives no progress back.
    let code = other.latest_code(ALICE);
    let lost = js.post("/api/reset/verify", &[("code", &code)]).await;
    assert_eq!(lost.progress(), None);
    let mut tampered = sealed.clone().into_bytes();
    tampered[sealed.len() / 2] ^= 1;
    let tampered = String::from_utf8_lossy(&tampered).to_string();

    let mut browser = app.browser_without_cookies(false);
    for progress in [sealed.as_str(), tampered.as_str(), "", "%00"] {
        let answer = change(&mut browser, progress, NEW_PASSWORD).await;
        assert_eq!(
            answer.location(),
            Some("/reset?error=no_flow"),
            "{progress}"
        );
    }
}
