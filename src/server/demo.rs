//! Demo-mode routes: the mailbox where emailed codes land, and the emulator's fault switch.
//! They exist only when the server runs against its emulator.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use super::state::AppState;
use crate::emulator::Fault;

/// The demo routes, to merge into the app when in demo mode.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demo/mailbox", get(mailbox))
        .route("/demo/mailbox.json", get(mailbox_json))
        .route("/demo/fault", get(fault).post(set_fault))
}

async fn mailbox(State(state): State<AppState>) -> Response {
    let Some(emulator) = state.demo else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let rows: String = emulator
        .mailbox()
        .iter()
        .rev()
        .map(|mail| {
            format!(
                "<tr><td>{}</td><td><code>{}</code></td><td><a href=\"/reset/code?email={}&amp;client_id={}&amp;code={}\">open the link</a></td></tr>",
                escape(&mail.to),
                escape(&mail.code),
                urlencode(&mail.to),
                urlencode(&mail.pool),
                urlencode(&mail.code)
            )
        })
        .collect();
    let body = if rows.is_empty() {
        "<p>No email yet. Ask for a code on <a href=\"/reset\">the reset page</a>.</p>".to_string()
    } else {
        format!("<table><thead><tr><th>To</th><th>Code</th><th>Email link</th></tr></thead><tbody>{rows}</tbody></table>")
    };
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo mailbox</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body><main><h1>Demo mailbox</h1><p>Codes the demo Authing emulator would have emailed, newest first.</p>{body}</main></body></html>"
    ))
    .into_response()
}

async fn mailbox_json(State(state): State<AppState>) -> Response {
    match state.demo {
        Some(emulator) => Json(emulator.mailbox()).into_response(),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

async fn fault(State(state): State<AppState>) -> Response {
    match state.demo {
        Some(emulator) => Json(emulator.fault()).into_response(),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

async fn set_fault(State(state): State<AppState>, Json(fault): Json<Fault>) -> Response {
    match state.demo {
        Some(emulator) => {
            emulator.set_fault(fault);
            Json(emulator.fault()).into_response()
        }
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
