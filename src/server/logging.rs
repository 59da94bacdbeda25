//! Logs: one structured line per request with a request id (also sent back as `x-request-id`),
//! and never a password, a code, a cookie or a whole email address.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// The header carrying the request id.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Gives every request a fresh id (any id the client sent is replaced, so logs cannot be
/// forged) and returns it in the answer.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let id = format!("{:016x}", rand::random::<u64>());
    let value = HeaderValue::from_str(&id).unwrap_or(HeaderValue::from_static("0"));
    request.headers_mut().insert(REQUEST_ID, value.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// The per-request log line: id, method and path (never the query, which can hold an email or
/// a code), then status and time taken.
#[allow(clippy::type_complexity)]
pub fn trace_layer() -> TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    impl Fn(&Request<Body>) -> Span + Clone,
    (),
    impl Fn(&Response<Body>, Duration, &Span) + Clone,
    (),
    (),
    (),
> {
    TraceLayer::new_for_http()
        .make_span_with(|request: &Request<Body>| {
            let id = request
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
        })
        .on_request(())
        .on_response(|response: &Response<Body>, latency: Duration, _: &Span| {
            tracing::info!(status = response.status().as_u16(), ms = latency.as_millis() as u64, "answered");
        })
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

/// An email address fit for a log: its first character and its domain (`a***@example.com`).
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_masked() {
        assert_eq!(mask_email("alice@example.com"), "a***@example.com");
        assert_eq!(mask_email("张伟@example.cn"), "张***@example.cn");
        assert_eq!(mask_email("@x.y"), "***@x.y");
        assert_eq!(mask_email("nonsense"), "***");
    }
}
