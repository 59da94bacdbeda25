//! A full reset logged at `trace`: the log holds one line per request and never the password,
//! the code, the cookie or the whole email address.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{TestApp, ALICE};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_full_reset_at_trace_level_logs_no_secret() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let app = TestApp::deployed(&[]).await;
    let password = "Correct-Horse-Battery-42";
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let cookie_after_send = browser.cookie.clone().unwrap();
    let code = app.latest_code(ALICE);
    let wrong = common::wrong_code(&code);
    browser
        .get(&format!("/reset/code?email={ALICE}&code={code}"))
        .await;
    browser.post("/api/reset/verify", &[("code", wrong)]).await;
    browser.post("/api/reset/verify", &[("code", &code)]).await;
    let cookie_after_verify = browser.cookie.clone().unwrap();
    let done = browser
        .post(
            "/api/reset/change",
            &[("password", password), ("confirm", password)],
        )
        .await;
    assert_eq!(done.location(), Some("/reset/done"));
    assert_eq!(app.emulator.password_of(ALICE).as_deref(), Some(password));
    let sealed_password = app.emulator.seen_requests().last().unwrap().body["variables"]
        ["password"]
        .as_str()
        .unwrap()
        .to_string();

    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.lines().filter(|line| line.contains("answered")).count() >= 5,
        "{log}"
    );
    assert!(
        log.contains(r#"path="/api/reset/verify""#) && log.contains("id="),
        "{log}"
    );
    for secret in [
        password,
        code.as_str(),
        ALICE,
        "alice%40example.com",
        cookie_after_send.split_once('=').unwrap().1,
        cookie_after_verify.split_once('=').unwrap().1,
        sealed_password.as_str(),
    ] {
        assert!(!log.contains(secret), "the log holds {secret:?}:\n{log}");
    }
}
