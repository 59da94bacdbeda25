use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::flow::{FlowView, ResetError};

/// What the pages may know of the progress (never the code), and the way back `return_to`
/// if it is allowed. Read-only.
#[server(name = FlowViewFn, prefix = "/api", endpoint = "reset/state", input = GetUrl)]
pub async fn flow_view(
    return_to: Option<String>,
    parent_origin: Option<String>,
) -> Result<FlowView, ResetError> {
    Ok(crate::server::exchange::Exchange::current()?.view(return_to, parent_origin))
}
