//! Authing's legacy GraphQL API (`POST /graphql`), the adapter behind [`AuthingApi`].

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{json, Value};

use super::password::PasswordKey;
use super::queries::{
    CHANGE_PASSWORD, SEND_RESET_PASSWORD_EMAIL, VERIFY_RESET_PASSWORD_VERIFY_CODE,
};
use super::{AuthingApi, AuthingError};

/// Largest answer read from Authing; real ones are a few hundred bytes.
const MAX_ANSWER_BYTES: usize = 256 * 1024;

/// How long to wait for Authing.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// To open the connection.
    pub connect: Duration,
    /// For the whole exchange.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(3),
            total: Duration::from_secs(10),
        }
    }
}

/// One reused HTTP client, the endpoint, and the key passwords are sealed under.
#[derive(Clone)]
pub struct GraphqlClient {
    http: reqwest::Client,
    url: reqwest::Url,
    key: PasswordKey,
}

impl GraphqlClient {
    /// A client for the GraphQL endpoint at `url`.
    pub fn new(url: reqwest::Url, key: PasswordKey, timeouts: Timeouts) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.total)
            .user_agent(concat!("authing-reset/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self { http, url, key })
    }

    async fn call(
        &self,
        operation: &str,
        query: &str,
        variables: Value,
    ) -> Result<Value, AuthingError> {
        let body = json!({ "operationName": operation, "query": query, "variables": variables });
        let send = || {
            self.http
                .post(self.url.clone())
                .header(reqwest::header::ACCEPT, "application/json")
                .json(&body)
                .send()
        };
        // A mutation is never retried blindly (a second send is a second email); only a
        // connection that could not be opened, so that nothing reached Authing, is tried again.
        let mut response = match send().await {
            Err(error) if error.is_connect() => {
                tracing::info!(operation, "could not connect to Authing; trying once more");
                send().await.map_err(classify)?
            }
            other => other.map_err(classify)?,
        };
        let status = response.status().as_u16();
        let mut answer = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if answer.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(AuthingError::Garbage);
            }
            answer.extend_from_slice(&chunk);
        }
        parse_answer(status, &answer, operation)
    }
}

fn classify(error: reqwest::Error) -> AuthingError {
    if error.is_timeout() {
        AuthingError::Timeout
    } else if error.is_connect() {
        AuthingError::Connect
    } else {
        AuthingError::Garbage
    }
}

/// Reads Authing's answer to the mutation `field`, tolerating what it has been seen to send:
/// `errors[].message` as an object `{code, message}` or as a string, error statuses with or
/// without a GraphQL body, and bodies that are not JSON at all.
pub fn parse_answer(status: u16, body: &[u8], field: &str) -> Result<Value, AuthingError> {
    let success = (200..300).contains(&status);
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        return Err(if success {
            AuthingError::Garbage
        } else {
            AuthingError::Http(status)
        });
    };
    if let Some(errors) = json
        .get("errors")
        .and_then(Value::as_array)
        .filter(|e| !e.is_empty())
    {
        return Err(errors
            .iter()
            .find_map(error_code)
            .map(AuthingError::Code)
            .unwrap_or(AuthingError::Refused));
    }
    if !success {
        return Err(AuthingError::Http(status));
    }
    match json.get("data").and_then(|data| data.get(field)) {
        Some(value) if !value.is_null() => Ok(value.clone()),
        _ => Err(AuthingError::Garbage),
    }
}

/// The code of one `errors[]` entry, wherever this version of Authing put it.
fn error_code(entry: &Value) -> Option<i64> {
    let message = entry.get("message");
    let from_message = match message {
        Some(Value::Object(_)) => message.and_then(|m| m.get("code")).and_then(as_code),
        // Some servers send the object serialised into the string.
        Some(Value::String(text)) => serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|inner| inner.get("code").and_then(as_code)),
        _ => None,
    };
    from_message
        .or_else(|| {
            entry
                .get("extensions")
                .and_then(|e| e.get("code"))
                .and_then(as_code)
        })
        .or_else(|| entry.get("code").and_then(as_code))
}

fn as_code(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[async_trait]
impl AuthingApi for GraphqlClient {
    async fn send_reset_email(&self, pool: &str, email: &str) -> Result<(), AuthingError> {
        self.call(
            "sendResetPasswordEmail",
            SEND_RESET_PASSWORD_EMAIL,
            json!({ "email": email, "client": pool }),
        )
        .await
        .map(drop)
    }

    async fn verify_reset_code(
        &self,
        pool: &str,
        email: &str,
        code: &str,
    ) -> Result<(), AuthingError> {
        self.call(
            "verifyResetPasswordVerifyCode",
            VERIFY_RESET_PASSWORD_VERIFY_CODE,
            json!({ "email": email, "client": pool, "verifyCode": code }),
        )
        .await
        .map(drop)
    }

    async fn change_password(
        &self,
        pool: &str,
        email: &str,
        code: &str,
        password: &str,
    ) -> Result<(), AuthingError> {
        let sealed = self
            .key
            .encrypt(password)
            .ok_or(AuthingError::PasswordTooLong)?;
        self.call(
            "changePassword",
            CHANGE_PASSWORD,
            json!({ "email": email, "client": pool, "password": sealed, "verifyCode": code }),
        )
        .await
        .map(drop)
    }

    fn max_password_bytes(&self) -> usize {
        self.key.max_plaintext_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELD: &str = "verifyResetPasswordVerifyCode";

    #[test]
    fn a_successful_answer_returns_the_field() {
        let body = br#"{"data":{"verifyResetPasswordVerifyCode":{"message":"ok","code":200}}}"#;
        assert_eq!(parse_answer(200, body, FIELD).unwrap()["code"], 200);
    }

    #[test]
    fn the_documented_error_object_gives_its_code() {
        let body = r#"{"data":{"verifyResetPasswordVerifyCode":null},"errors":[{"message":{"code":2001,"message":"验证码错误","data":null},"path":["verifyResetPasswordVerifyCode"]}]}"#;
        assert_eq!(
            parse_answer(200, body.as_bytes(), FIELD),
            Err(AuthingError::Code(2001))
        );
    }

    #[test]
    fn codes_are_found_in_strings_and_extensions_too() {
        let stringified = br#"{"errors":[{"message":"{\"code\":2300,\"message\":\"expired\"}"}]}"#;
        assert_eq!(
            parse_answer(200, stringified, FIELD),
            Err(AuthingError::Code(2300))
        );
        let string_code = br#"{"errors":[{"message":{"code":"2004"}}]}"#;
        assert_eq!(
            parse_answer(400, string_code, FIELD),
            Err(AuthingError::Code(2004))
        );
        let extension = br#"{"errors":[{"message":"bad","extensions":{"code":1000}}]}"#;
        assert_eq!(
            parse_answer(200, extension, FIELD),
            Err(AuthingError::Code(1000))
        );
        let plain = br#"{"errors":[{"message":"Something broke"}]}"#;
        assert_eq!(parse_answer(200, plain, FIELD), Err(AuthingError::Refused));
    }

    #[test]
    fn garbage_and_http_errors_are_told_apart() {
        assert_eq!(
            parse_answer(200, b"<html>oops</html>", FIELD),
            Err(AuthingError::Garbage)
        );
        assert_eq!(
            parse_answer(502, b"Bad Gateway", FIELD),
            Err(AuthingError::Http(502))
        );
        assert_eq!(
            parse_answer(500, br#"{"data":null}"#, FIELD),
            Err(AuthingError::Http(500))
        );
        assert_eq!(
            parse_answer(200, br#"{}"#, FIELD),
            Err(AuthingError::Garbage)
        );
        assert_eq!(
            parse_answer(200, br#"{"data":{"other":1}}"#, FIELD),
            Err(AuthingError::Garbage)
        );
        assert_eq!(
            parse_answer(200, br#"[1,2]"#, FIELD),
            Err(AuthingError::Garbage)
        );
        assert_eq!(parse_answer(200, b"", FIELD), Err(AuthingError::Garbage));
        assert_eq!(
            parse_answer(200, &[0xff, 0xfe], FIELD),
            Err(AuthingError::Garbage)
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_answer_makes_the_parser_panic(status in 0u16..1000, body in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_answer(status, &body, "changePassword");
        }

        #[test]
        fn json_shaped_answers_never_panic(
            status in 100u16..600,
            message in prop_oneof![Just("null".to_string()), "\"[^\"]{0,20}\"", "-?[0-9]{1,25}", Just("{\"code\":\"x\"}".to_string())],
        ) {
            let body = format!(r#"{{"data":{{"changePassword":null}},"errors":[{{"message":{message},"code":{message}}}]}}"#);
            let _ = parse_answer(status, body.as_bytes(), "changePassword");
        }
    }
}
