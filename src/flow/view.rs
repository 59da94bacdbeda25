//! What a page may know of the progress: enough to render, nothing secret.

use serde::{Deserialize, Serialize};

use super::{ResetFlow, Step};

/// The progress as a page sees it (never the code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowView {
    /// The step reached, if a flow is under way.
    pub step: Option<Step>,
    /// The email the code went to.
    pub email: Option<String>,
    /// The user pool of the flow, or the configured default.
    pub pool: Option<String>,
    /// Seconds until another code may be asked for.
    pub resend_in: u64,
    /// Seconds between two codes (the wait after a new one is sent).
    pub resend_after: u64,
    /// The operator's branding.
    pub brand: Brand,
    /// The longest new password, in bytes of UTF-8, that Authing's key can carry.
    pub max_password_bytes: usize,
    /// Whether the server runs against its built-in emulator.
    pub demo: bool,
    /// The way back after the reset (an allowed `return_to`).
    pub return_to: Option<String>,
    /// The embedding page (an allowed `parent_origin`), to post messages to.
    pub parent_origin: Option<String>,
    /// The sealed progress (the cookie's value), for the forms' hidden `progress` field: it
    /// carries the flow when the browser returns no cookie. Opaque to the page.
    pub progress: Option<String>,
}

/// The operator's branding: a product name and a logo above the card (the accent colour is a
/// stylesheet, `/brand.css`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    /// The product's name.
    pub product: Option<String>,
    /// The logo's URL.
    pub logo: Option<String>,
}

/// Where a step leads, as the WASM client is told: the page to go to and the sealed progress
/// to carry in the next forms (in case the browser keeps no cookie).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Next {
    /// The path (and query) of the next page.
    pub to: String,
    /// The sealed progress after the step, when a flow goes on.
    pub progress: Option<String>,
}

impl FlowView {
    /// The view of a flow (or of none) at time `now`.
    pub fn of(flow: Option<&ResetFlow>, default_pool: Option<&str>, demo: bool, now: u64) -> Self {
        match flow {
            Some(flow) => Self {
                step: Some(flow.step),
                email: Some(flow.email.clone()),
                pool: Some(flow.pool.clone()),
                resend_in: flow.resend_wait(now),
                demo,
                return_to: flow.return_to.clone(),
                parent_origin: flow.parent_origin.clone(),
                ..Self::default()
            },
            None => Self {
                pool: default_pool.map(str::to_string),
                demo,
                ..Self::default()
            },
        }
    }
}
