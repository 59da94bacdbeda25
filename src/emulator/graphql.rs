//! The emulator's wire format: Authing's legacy GraphQL envelope and error objects.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{Emulator, Fault, SeenRequest};

const FIELDS: [&str; 3] = [
    "sendResetPasswordEmail",
    "verifyResetPasswordVerifyCode",
    "changePassword",
];

pub(super) fn router(emulator: Arc<Emulator>) -> Router {
    Router::new()
        .route("/graphql", post(answer))
        .with_state(emulator)
}

async fn answer(
    State(emulator): State<Arc<Emulator>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    emulator.remember(SeenRequest {
        content_type: headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body: request.clone(),
    });
    let field = mutation_field(&request);
    match emulator.fault() {
        Fault::None | Fault::SlowForAccounts { .. } => {}
        Fault::Slow { millis } => {
            tokio::time::sleep(std::time::Duration::from_millis(millis)).await
        }
        Fault::Http500 => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
        Fault::NonJson => {
            return (
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
            )
                .into_response()
        }
        Fault::Empty => return Json(json!({})).into_response(),
        Fault::Code { code } => return authing_error(field.unwrap_or("unknown"), code),
    }
    let Some(field) = field else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "errors": [{ "message": "Must provide a known mutation." }] })),
        )
            .into_response();
    };
    let variables = request.get("variables").cloned().unwrap_or(Value::Null);
    let var = |name: &str| {
        variables
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let missing = || {
        Json(json!({ "errors": [{ "message": "Variable of required type \"String!\" was not provided." }] }))
            .into_response()
    };
    let (Some(pool), Some(email)) = (var("client"), var("email")) else {
        return missing();
    };
    if let Fault::SlowForAccounts { millis } = emulator.fault() {
        if emulator.password_of(&email).is_some() {
            tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
        }
    }
    let outcome = match field {
        "sendResetPasswordEmail" => emulator
            .send_code(&pool, &email)
            .map(|()| json!({ "message": "成功", "code": 200, "__typename": "CommonMessage" })),
        "verifyResetPasswordVerifyCode" => {
            let Some(code) = var("verifyCode") else {
                return missing();
            };
            emulator
                .verify_code(&pool, &email, &code)
                .map(|()| json!({ "message": "验证成功，请输入新密码", "code": 200, "__typename": "CommonMessage" }))
        }
        _ => {
            let (Some(code), Some(password)) = (var("verifyCode"), var("password")) else {
                return missing();
            };
            emulator
                .change_password(&pool, &email, &code, &password)
                .map(|()| json!({ "_id": format!("user-{}", email.len()), "email": email }))
        }
    };
    match outcome {
        Ok(data) => Json(json!({ "data": { field: data } })).into_response(),
        Err(code) => authing_error(field, code),
    }
}

/// Which of the three mutations a request asks for.
fn mutation_field(request: &Value) -> Option<&'static str> {
    let query = request.get("query")?.as_str()?;
    let (_, selection) = query.split_once('{')?;
    let selection = selection.trim_start();
    FIELDS.into_iter().find(|field| {
        selection
            .strip_prefix(field)
            .is_some_and(|rest| rest.trim_start().starts_with('('))
    })
}

/// Authing's error envelope: HTTP 200, `data.field` null, the code inside `message`.
fn authing_error(field: &str, code: i64) -> Response {
    let text = match code {
        1000 => "系统繁忙，请稍后再试",
        2001 => "验证码错误",
        2003 => "邮箱格式错误",
        2004 => "用户不存在",
        2011 => "应用不存在",
        2016 => "密码解密失败",
        2019 => "请先验证验证码",
        2029 => "密码长度不能少于 6 位",
        2300 => "验证码已过期",
        _ => "未知错误",
    };
    Json(json!({
        "data": { field: null },
        "errors": [{
            "message": { "code": code, "message": text, "data": null },
            "locations": [{ "line": 1, "column": 1 }],
            "path": [field],
            "extensions": { "code": "INTERNAL_SERVER_ERROR" }
        }]
    }))
    .into_response()
}
