//! One file per page of the wizard.

mod code;
mod done;
mod email;
mod not_found;
mod password;

pub use code::CodePage;
pub use done::DonePage;
pub use email::EmailPage;
pub use not_found::NotFound;
pub use password::PasswordPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::flow_view;
use crate::flow::{FlowView, ResetError};

/// The progress as the page sees it, fetched again whenever the query changes.
fn use_flow_view() -> Resource<Result<FlowView, ResetError>> {
    let query = use_query_map();
    Resource::new(
        move || {
            let query = query.read();
            (query.get("return_to"), query.get("parent_origin"))
        },
        |(return_to, parent_origin)| flow_view(return_to, parent_origin),
    )
}

/// A query parameter, or an empty string.
fn query_param(name: &'static str) -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}
