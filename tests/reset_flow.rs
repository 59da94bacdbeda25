//! The wizard over HTTP: the real server against the emulator, driven as form posts with and
//! without JavaScript.

mod common;

use authing_reset::emulator::{Fault, DEMO_ACCOUNTS, DEMO_POOL_ID};
use common::{TestApp, ALICE};
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "a brand new passphrase";

/// Asserts a no-JavaScript answer: a 303 to `to`.
fn assert_see_other(answer: &common::Answer, to: &str) {
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), Some(to));
}

/// Asserts a WASM-client answer: 200, naming `to` as the next page, with no redirect the
/// client would follow by itself.
fn assert_navigates(answer: &common::Answer, to: &str) {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(!answer.headers.contains_key("location"));
    assert_eq!(answer.location(), Some(to));
}

#[tokio::test]
async fn a_full_reset_without_javascript() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);

    let page = browser.get("/reset").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"<label for="email">Email</label>"#));
    assert!(page.body.contains(r#"autocomplete="email""#));
    assert!(page.body.contains(r#"action="/api/reset/send""#));

    let sent = browser
        .post("/api/reset/send", &[("email", ALICE), ("client_id", "")])
        .await;
    assert_see_other(&sent, "/reset/code");
    assert!(sent.set_cookies()[0].contains("HttpOnly"));

    let page = browser.get("/reset/code").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(ALICE));
    assert!(page.body.contains(r#"autocomplete="one-time-code""#));
    assert!(page.body.contains("Verification code"));

    let code = app.latest_code(ALICE);
    let verified = browser
        .post(
            "/api/reset/verify",
            &[
                ("email", ALICE),
                ("client_id", DEMO_POOL_ID),
                ("code", &code),
            ],
        )
        .await;
    assert_see_other(&verified, "/reset/password");

    let page = browser.get("/reset/password").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Confirm new password"));
    assert!(page.body.contains(r#"autocomplete="new-password""#));

    let changed = browser
        .post(
            "/api/reset/change",
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_see_other(&changed, "/reset/done");
    assert!(
        changed.set_cookies()[0].contains("Max-Age=0"),
        "done clears the cookie"
    );
    assert_eq!(
        app.emulator.password_of(ALICE).as_deref(),
        Some(NEW_PASSWORD)
    );

    let done = browser.get("/reset/done").await;
    assert!(done.body.contains("Your password has been changed"));
}

#[tokio::test]
async fn a_full_reset_with_the_wasm_client() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(true);
    let sent = browser.post("/api/reset/send", &[("email", ALICE)]).await;
    assert_navigates(&sent, "/reset/code");
    let state = browser.post("/api/reset/state", &[]).await;
    assert!(
        state.body.contains(ALICE) && state.body.contains("CodeSent"),
        "{}",
        state.body
    );
    assert!(!state.body.contains(&app.latest_code(ALICE)));

    let code = app.latest_code(ALICE);
    let verified = browser.post("/api/reset/verify", &[("code", &code)]).await;
    assert_navigates(&verified, "/reset/password");
    let state = browser.post("/api/reset/state", &[]).await;
    assert!(state.body.contains("CodeVerified"), "{}", state.body);
    assert!(
        !state.body.contains(&code),
        "the code never reaches the page"
    );

    let changed = browser
        .post(
            "/api/reset/change",
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_navigates(&changed, "/reset/done");
    assert_eq!(
        app.emulator.password_of(ALICE).as_deref(),
        Some(NEW_PASSWORD)
    );
}

#[tokio::test]
async fn skipping_ahead_is_refused() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    assert_see_other(
        &browser.get("/reset/password").await,
        "/reset?error=no_flow",
    );
    assert_see_other(&browser.get("/reset/code").await, "/reset?error=no_flow");
    assert_see_other(
        &browser
            .post(
                "/api/reset/change",
                &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
            )
            .await,
        "/reset?error=no_flow",
    );

    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    assert_see_other(
        &browser.get("/reset/password").await,
        "/reset?error=code_not_verified",
    );
    assert_see_other(
        &browser
            .post(
                "/api/reset/change",
                &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
            )
            .await,
        "/reset/code?error=code_not_verified",
    );
    assert_eq!(
        app.emulator.password_of(ALICE).as_deref(),
        Some(DEMO_ACCOUNTS[0].1)
    );

    let page = browser.get("/reset?error=no_flow").await;
    assert!(page
        .body
        .contains("Your reset has expired or was started elsewhere"));
}

#[tokio::test]
async fn a_wrong_code_keeps_the_step_and_five_end_the_flow() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let right = app.latest_code(ALICE);
    let wrong = common::wrong_code(&right);

    let answer = browser.post("/api/reset/verify", &[("code", wrong)]).await;
    assert_see_other(&answer, "/reset/code?error=wrong_code");
    let page = browser.get("/reset/code?error=wrong_code").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("That code is not right"));
    assert!(page.body.contains(ALICE), "the email is kept");

    let mut js = app.browser(true);
    js.cookie = browser.cookie.clone();
    let answer = js.post("/api/reset/verify", &[("code", wrong)]).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("WrongCode"), "{}", answer.body);
    browser.cookie = js.cookie.clone();

    for _ in 0..2 {
        browser.post("/api/reset/verify", &[("code", wrong)]).await;
    }
    let fifth = browser.post("/api/reset/verify", &[("code", wrong)]).await;
    assert_see_other(&fifth, "/reset?error=too_many_attempts");
    assert!(browser.cookie.is_none(), "the flow is over");
    let after = browser.post("/api/reset/verify", &[("code", &right)]).await;
    assert_see_other(&after, "/reset?error=no_flow");
}

#[tokio::test]
async fn an_unknown_account_is_answered_like_a_known_one() {
    let app = TestApp::deployed(&[]).await;
    let mut known = app.browser(false);
    let mut unknown = app.browser(false);
    let a = known.post("/api/reset/send", &[("email", ALICE)]).await;
    let b = unknown
        .post("/api/reset/send", &[("email", "nobody@example.com")])
        .await;
    assert_eq!(a.status, b.status);
    assert_eq!(a.location(), b.location());
    assert_eq!(a.set_cookies().len(), b.set_cookies().len());
    assert!(app.emulator.latest_code("nobody@example.com").is_none());
}

#[tokio::test]
async fn upstream_faults_say_try_again_and_keep_the_step() {
    let app = TestApp::deployed(&[
        ("AUTHING_TIMEOUT_MS", "400"),
        ("RESET_SEND_BUDGET_MS", "1000"),
    ])
    .await;
    let faults = [
        Fault::Http500,
        Fault::NonJson,
        Fault::Empty,
        Fault::Code { code: 9999 },
        Fault::Code { code: 1000 },
        Fault::Slow { millis: 1500 },
    ];
    for (i, fault) in faults.into_iter().enumerate() {
        let mut browser = app.browser(false);
        app.emulator.set_fault(Fault::None);
        browser
            .post(
                "/api/reset/send",
                &[("email", &format!("first{i}@example.com"))],
            )
            .await;
        let cookie_before = browser.cookie.clone();
        assert!(cookie_before.is_some());

        app.emulator.set_fault(fault.clone());
        let answer = browser
            .post("/api/reset/verify", &[("code", "123456")])
            .await;
        assert_see_other(&answer, "/reset/code?error=try_again");
        let page = browser.get("/reset/code?error=try_again").await;
        assert_eq!(page.status, StatusCode::OK, "{fault:?}: the step is kept");
        assert!(
            page.body.contains("Something went wrong on our side"),
            "{fault:?}"
        );
        assert!(
            !page.body.contains("Internal Server Error") && !page.body.contains("502"),
            "{fault:?}"
        );

        let mut js = app.browser(true);
        let answer = js
            .post(
                "/api/reset/send",
                &[("email", &format!("second{i}@example.com"))],
            )
            .await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{fault:?}");
        assert!(
            answer.body.contains("TryAgain"),
            "{fault:?}: {}",
            answer.body
        );
        assert!(js.cookie.is_none());
    }
    app.emulator.set_fault(Fault::None);
}

#[tokio::test]
async fn a_refused_connection_says_try_again() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/graphql");
    let app = TestApp::deployed(&[("AUTHING_GRAPHQL_URL", url.as_str())]).await;
    let mut browser = app.browser(false);
    let answer = browser.post("/api/reset/send", &[("email", ALICE)]).await;
    assert_see_other(&answer, "/reset?error=try_again&email=alice%40example.com");
}

#[tokio::test]
async fn each_error_code_keeps_the_email_and_shows_its_sentence() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    let cases = [
        (2011, "unknown_pool"),
        (2021, "email_not_sent"),
        (2003, "invalid_email"),
    ];
    // A new address each time: the server lets one address have a code a minute.
    for (i, (code, error)) in cases.into_iter().enumerate() {
        app.emulator.set_fault(Fault::Code { code });
        let email = format!("user{i}@example.com");
        let answer = browser.post("/api/reset/send", &[("email", &email)]).await;
        assert_see_other(
            &answer,
            &format!("/reset?error={error}&email=user{i}%40example.com"),
        );
    }
    app.emulator.set_fault(Fault::None);
    let page = browser
        .get("/reset?error=email_not_sent&email=alice%40example.com")
        .await;
    assert!(page.body.contains("We could not send the email"));
    assert!(page.body.contains(r#"value="alice@example.com""#));
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_and_loses_nothing() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);

    let answer = browser
        .post("/api/reset/send", &[("email", "not-an-email")])
        .await;
    assert_see_other(&answer, "/reset?error=invalid_email&email=not-an-email");
    let page = browser
        .get("/reset?error=invalid_email&email=not-an-email")
        .await;
    assert!(page.body.contains("Enter a valid email address"));
    assert!(page.body.contains(r#"value="not-an-email""#));
    assert!(page.body.contains(r#"aria-invalid="true""#));

    let answer = browser.post("/api/reset/send", &[]).await;
    assert_see_other(&answer, "/reset?error=invalid_email");

    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let progress = browser.cookie.clone();
    assert!(progress.is_some());

    let answer = browser
        .post("/api/reset/verify", &[("code", "12ab56")])
        .await;
    assert_see_other(&answer, "/reset/code?error=invalid_code");
    let answer = browser.post("/api/reset/verify", &[]).await;
    assert_see_other(&answer, "/reset/code?error=invalid_code");

    let answer = browser
        .post_raw("/api/reset/verify", b"code=12\xff\xfe".to_vec())
        .await;
    assert_see_other(&answer, "/reset/code?error=bad_form");
    let answer = browser
        .post_raw("/api/reset/verify", b"code=%ff%fe".to_vec())
        .await;
    assert_see_other(&answer, "/reset/code?error=bad_form");
    let answer = browser
        .post_raw("/api/reset/verify", b"code=1&code=2".to_vec())
        .await;
    assert_see_other(&answer, "/reset/code?error=bad_form");

    let huge = format!("email={}", "a".repeat(64 * 1024));
    let answer = browser.post_raw("/api/reset/send", huge.into_bytes()).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.body.contains("The form was too large"));

    let mut js = app.browser(true);
    js.cookie = progress.clone();
    let answer = js
        .post_raw("/api/reset/verify", b"code=\xff".to_vec())
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("BadForm"));
    let answer = js.post("/api/reset/verify", &[("code", "abc")]).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains("InvalidCode"));

    assert_eq!(browser.cookie, progress, "progress was never lost");
    assert_eq!(browser.get("/reset/code").await.status, StatusCode::OK);

    let mut random = app.browser(false);
    random.cookie = Some("authing_reset=q8Vh2bXyZ0RANDOMbytes%00%ff==".into());
    assert_see_other(&random.get("/reset/code").await, "/reset?error=no_flow");
    assert_eq!(random.get("/reset").await.status, StatusCode::OK);
    let answer = random
        .post(
            "/api/reset/change",
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_see_other(&answer, "/reset?error=no_flow");
}

#[tokio::test]
async fn a_tampered_cookie_is_no_flow() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let code = app.latest_code(ALICE);
    browser.post("/api/reset/verify", &[("code", &code)]).await;
    let cookie = browser.cookie.clone().unwrap();
    let (name, value) = cookie.split_once('=').unwrap();
    let mut bytes = value.as_bytes().to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    browser.cookie = Some(format!("{name}={}", String::from_utf8(bytes).unwrap()));
    assert_see_other(
        &browser.get("/reset/password").await,
        "/reset?error=no_flow",
    );
}

#[tokio::test]
async fn an_email_link_prefills_and_works_without_a_cookie() {
    let app = TestApp::deployed(&[]).await;
    let mut first = app.browser(false);
    first.post("/api/reset/send", &[("email", ALICE)]).await;
    let code = app.latest_code(ALICE);
    let calls = app.emulator.calls();

    let mut elsewhere = app.browser(false);
    let link =
        format!("/reset/code?email=alice%40example.com&client_id={DEMO_POOL_ID}&code={code}");
    let page = elsewhere.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!(r#"value="{code}""#)));
    assert!(page
        .body
        .contains(r#"name="email" value="alice@example.com""#));
    let head = elsewhere
        .http
        .head(format!("{}{link}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(
        app.emulator.calls(),
        calls,
        "opening the link calls nothing upstream"
    );
    assert!(
        elsewhere.cookie.is_none(),
        "opening the link changes nothing"
    );

    let verified = elsewhere
        .post(
            "/api/reset/verify",
            &[
                ("email", ALICE),
                ("client_id", DEMO_POOL_ID),
                ("code", &code),
            ],
        )
        .await;
    assert_see_other(&verified, "/reset/password");
    let changed = elsewhere
        .post(
            "/api/reset/change",
            &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_see_other(&changed, "/reset/done");
    assert_eq!(
        app.emulator.password_of(ALICE).as_deref(),
        Some(NEW_PASSWORD)
    );

    // A raw `+` or `@` in the link (an email template that does not encode) still works.
    let page = app.browser(false).get("/reset?email=bob@example.com").await;
    assert!(page.body.contains(r#"value="bob@example.com""#));
}

#[tokio::test]
async fn resending_waits_a_minute() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let answer = browser.post("/api/reset/resend", &[]).await;
    let location = answer.location().unwrap().to_string();
    assert!(
        location.starts_with("/reset/code?error=too_early."),
        "{location}"
    );
    let page = browser.get(&location).await;
    assert!(page.body.contains("before asking for another code"));
    assert_eq!(app.emulator.mailbox().len(), 1);

    // Dropping the cookie does not help: the server keeps the address' resend time.
    let mut elsewhere = app.browser(false);
    let answer = elsewhere
        .post(
            "/api/reset/resend",
            &[("email", ALICE), ("client_id", DEMO_POOL_ID)],
        )
        .await;
    let location = answer.location().unwrap().to_string();
    assert!(
        location.starts_with("/reset/code?error=too_early."),
        "{location}"
    );
    assert_eq!(app.emulator.mailbox().len(), 1);

    // An email link opened in a fresh browser asks for a new code at once when none went out
    // to that address lately.
    let bob = DEMO_ACCOUNTS[1].0;
    let answer = elsewhere
        .post(
            "/api/reset/resend",
            &[("email", bob), ("client_id", DEMO_POOL_ID)],
        )
        .await;
    assert_see_other(&answer, "/reset/code?notice=resent");
    assert_eq!(app.emulator.mailbox().len(), 2);
}

#[tokio::test]
async fn passwords_are_checked_before_upstream() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let code = app.latest_code(ALICE);
    browser.post("/api/reset/verify", &[("code", &code)]).await;
    let calls = app.emulator.calls();
    let long = "密".repeat(40);
    for (password, confirm, error) in [
        ("short", "short", "password_too_short"),
        (long.as_str(), long.as_str(), "password_too_long"),
        ("long enough one", "long enough two", "password_mismatch"),
    ] {
        let answer = browser
            .post(
                "/api/reset/change",
                &[("password", password), ("confirm", confirm)],
            )
            .await;
        assert_see_other(&answer, &format!("/reset/password?error={error}"));
    }
    assert_eq!(app.emulator.calls(), calls);
    let page = browser.get("/reset/password?error=password_too_long").await;
    assert!(page.body.contains("at most 117 bytes"));
}

#[tokio::test]
async fn an_unknown_pool_is_refused() {
    let app = TestApp::deployed(&[("AUTHING_ALLOWED_CLIENT_IDS", DEMO_POOL_ID)]).await;
    let mut browser = app.browser(false);
    let answer = browser
        .post(
            "/api/reset/send",
            &[("email", ALICE), ("client_id", "another-pool")],
        )
        .await;
    assert_see_other(
        &answer,
        "/reset?error=unknown_pool&email=alice%40example.com&client_id=another-pool",
    );
    assert_eq!(app.emulator.calls(), 0);
}

#[tokio::test]
async fn health_root_and_demo_routes() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    assert_eq!(browser.get("/healthz").await.status, StatusCode::OK);
    assert_see_other(
        &browser.get("/?email=a%40b.co&lang=en").await,
        "/reset?email=a%40b.co&lang=en",
    );
    assert_see_other(&browser.get("/").await, "/reset");
    assert_eq!(
        browser.get("/demo/mailbox").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser.get("/no/such/page").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!browser.get("/reset").await.body.contains("Demo:"));

    let demo = TestApp::demo().await;
    let mut browser = demo.browser(false);
    let page = browser.get("/reset").await;
    assert!(page.body.contains("Demo:"), "the demo banner shows");
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let mailbox = browser.get("/demo/mailbox").await;
    assert_eq!(mailbox.status, StatusCode::OK);
    assert!(mailbox.body.contains(&demo.latest_code(ALICE)));
}

#[tokio::test]
async fn the_done_page_leads_back_only_to_an_allowed_return_to() {
    let app = TestApp::deployed(&[("RESET_RETURN_TO", "https://app.example.com")]).await;
    for (return_to, expected) in [
        (
            "https://app.example.com/signin?from=reset",
            Some("https://app.example.com/signin?from=reset"),
        ),
        ("https://app.example.com.evil.example/", None),
        ("javascript:alert(1)", None),
    ] {
        let email = format!("back{}@example.com", return_to.len());
        app.emulator.add_account(&email, "old password");
        let mut browser = app.browser(false);
        let page = browser
            .get(&format!("/reset?return_to={}", urlencode(return_to)))
            .await;
        assert!(page.body.contains(r#"name="return_to""#));
        browser
            .post(
                "/api/reset/send",
                &[("email", &email), ("return_to", return_to)],
            )
            .await;
        let code = app.latest_code(&email);
        browser.post("/api/reset/verify", &[("code", &code)]).await;
        let done = browser
            .post(
                "/api/reset/change",
                &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
            )
            .await;
        let location = done.location().unwrap().to_string();
        match expected {
            Some(url) => {
                assert_eq!(
                    location,
                    format!("/reset/done?return_to={}", urlencode(url))
                );
                let page = browser.get(&location).await;
                assert!(
                    page.body
                        .contains(&format!(r#"href="{}""#, url.replace('&', "&amp;"))),
                    "{}",
                    page.body
                );
            }
            None => {
                assert_eq!(location, "/reset/done");
                // Even typed into the done page's address, a hostile value leads nowhere.
                let page = browser
                    .get(&format!("/reset/done?return_to={}", urlencode(return_to)))
                    .await;
                assert!(!page.body.contains("Back to sign in"), "{return_to}");
            }
        }
    }
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn no_get_or_head_of_any_page_calls_authing_or_changes_state() {
    let app = TestApp::deployed(&[]).await;
    let mut browser = app.browser(false);
    browser.post("/api/reset/send", &[("email", ALICE)]).await;
    let code = app.latest_code(ALICE);
    let calls = app.emulator.calls();
    let mut scanner = app.browser(false);
    for path in [
        "/".to_string(),
        "/reset?email=alice%40example.com".to_string(),
        format!("/reset/code?email=alice%40example.com&client_id={DEMO_POOL_ID}&code={code}"),
        "/reset/password".to_string(),
        "/reset/done".to_string(),
        "/api/reset/state".to_string(),
    ] {
        let answer = scanner.get(&path).await;
        assert!(answer.set_cookies().is_empty(), "{path} set a cookie");
        let head = scanner
            .http
            .head(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert!(head.headers().get("set-cookie").is_none(), "{path}");
    }
    assert_eq!(
        app.emulator.calls(),
        calls,
        "a mail scanner opening links burns nothing"
    );
    // The code is still good.
    let verified = browser.post("/api/reset/verify", &[("code", &code)]).await;
    assert_eq!(verified.location(), Some("/reset/password"));
}
