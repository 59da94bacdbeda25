use leptos::prelude::*;

use crate::flow::{FlowView, ResetError};

/// What the pages may know of the progress (never the code), and the way back `return_to`
/// if it is allowed. Changes nothing; a POST only so that `progress` (the sealed progress,
/// for a browser that returns no cookie) never goes into a URL.
#[server(name = FlowViewFn, prefix = "/api", endpoint = "reset/state")]
pub async fn flow_view(
    return_to: Option<String>,
    parent_origin: Option<String>,
    progress: Option<String>,
) -> Result<FlowView, ResetError> {
    Ok(crate::server::exchange::Exchange::current()?
        .with_progress(progress)
        .view(return_to, parent_origin))
}
