//! The Authing client on its edges, against the emulator on a real loopback port: the shape of
//! what it sends, a success, an HTTP 500, and a delay that must time out.

use std::time::{Duration, Instant};

use authing_reset::authing::graphql::{GraphqlClient, Timeouts};
use authing_reset::authing::password::PasswordKey;
use authing_reset::authing::{AuthingApi, AuthingError};
use authing_reset::emulator::{Emulator, Fault, DEMO_POOL_ID, PUBLIC_KEY_PEM};

const ALICE: &str = "alice@example.com";

async fn client_and_emulator(total: Duration) -> (GraphqlClient, std::sync::Arc<Emulator>) {
    let emulator = Emulator::with_demo_accounts(false);
    let url = emulator.serve().await.unwrap();
    let key = PasswordKey::from_pem(PUBLIC_KEY_PEM).unwrap();
    let timeouts = Timeouts {
        connect: Duration::from_secs(1),
        total,
    };
    (
        GraphqlClient::new(url.parse().unwrap(), key, timeouts).unwrap(),
        emulator,
    )
}

#[tokio::test]
async fn requests_have_authings_shape() {
    let (client, emulator) = client_and_emulator(Duration::from_secs(5)).await;
    client.send_reset_email(DEMO_POOL_ID, ALICE).await.unwrap();
    let code = emulator.latest_code(ALICE).unwrap();
    client
        .verify_reset_code(DEMO_POOL_ID, ALICE, &code)
        .await
        .unwrap();
    client
        .change_password(DEMO_POOL_ID, ALICE, &code, "new secret words")
        .await
        .unwrap();

    let seen = emulator.seen_requests();
    assert_eq!(seen.len(), 3);
    for request in &seen {
        assert_eq!(request.content_type.as_deref(), Some("application/json"));
        assert_eq!(
            request.body["variables"]["client"], DEMO_POOL_ID,
            "the pool travels as `client`"
        );
        assert_eq!(request.body["variables"]["email"], ALICE);
        assert!(request.body["variables"].get("clientId").is_none());
    }
    assert_eq!(seen[0].body["operationName"], "sendResetPasswordEmail");
    assert_eq!(
        seen[1].body["operationName"],
        "verifyResetPasswordVerifyCode"
    );
    assert_eq!(
        seen[1].body["variables"]["verifyCode"],
        code.as_str(),
        "the code is a string"
    );
    assert_eq!(seen[2].body["operationName"], "changePassword");
    let sealed = seen[2].body["variables"]["password"].as_str().unwrap();
    assert_ne!(sealed, "new secret words", "the password is encrypted");
    assert_eq!(sealed.len(), 172, "base64 of one 1024-bit RSA block");
    assert_eq!(
        emulator.password_of(ALICE).as_deref(),
        Some("new secret words")
    );
}

#[tokio::test]
async fn authing_error_codes_come_back() {
    let (client, emulator) = client_and_emulator(Duration::from_secs(5)).await;
    client.send_reset_email(DEMO_POOL_ID, ALICE).await.unwrap();
    let wrong = if emulator.latest_code(ALICE).unwrap() == "000000" {
        "111111"
    } else {
        "000000"
    };
    assert_eq!(
        client.verify_reset_code(DEMO_POOL_ID, ALICE, wrong).await,
        Err(AuthingError::Code(2001))
    );
    assert_eq!(
        client.send_reset_email("no-such-pool", ALICE).await,
        Err(AuthingError::Code(2011))
    );
    assert_eq!(
        client
            .send_reset_email(DEMO_POOL_ID, "nobody@example.com")
            .await,
        Err(AuthingError::Code(2004))
    );
    assert_eq!(
        client
            .change_password(DEMO_POOL_ID, ALICE, wrong, "whatever password")
            .await,
        Err(AuthingError::Code(2001))
    );
}

#[tokio::test]
async fn an_http_500_is_an_upstream_failure() {
    let (client, emulator) = client_and_emulator(Duration::from_secs(5)).await;
    emulator.set_fault(Fault::Http500);
    assert_eq!(
        client.send_reset_email(DEMO_POOL_ID, ALICE).await,
        Err(AuthingError::Http(500))
    );
    emulator.set_fault(Fault::NonJson);
    assert_eq!(
        client.send_reset_email(DEMO_POOL_ID, ALICE).await,
        Err(AuthingError::Garbage)
    );
    emulator.set_fault(Fault::Empty);
    assert_eq!(
        client.send_reset_email(DEMO_POOL_ID, ALICE).await,
        Err(AuthingError::Garbage)
    );
    // Each reached Authing, so none was sent twice.
    assert_eq!(emulator.calls(), 3);
}

#[tokio::test]
async fn a_slow_upstream_times_out() {
    let (client, emulator) = client_and_emulator(Duration::from_millis(300)).await;
    emulator.set_fault(Fault::Slow { millis: 3_000 });
    let started = Instant::now();
    assert_eq!(
        client.send_reset_email(DEMO_POOL_ID, ALICE).await,
        Err(AuthingError::Timeout)
    );
    assert!(
        started.elapsed() < Duration::from_millis(2_500),
        "gave up at the deadline, not after the answer"
    );
}

#[tokio::test]
async fn a_too_long_password_is_never_sent() {
    let (client, emulator) = client_and_emulator(Duration::from_secs(5)).await;
    assert_eq!(client.max_password_bytes(), 117);
    let result = client
        .change_password(DEMO_POOL_ID, ALICE, "123456", &"x".repeat(118))
        .await;
    assert_eq!(result, Err(AuthingError::PasswordTooLong));
    assert_eq!(emulator.calls(), 0);
}
