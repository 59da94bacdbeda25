use leptos::prelude::*;

use crate::flow::ResetError;

/// Asks for another code, no sooner than a minute after the last.
#[server(prefix = "/api", endpoint = "reset/resend")]
pub async fn resend_code(
    email: Option<String>,
    client_id: Option<String>,
) -> Result<(), ResetError> {
    crate::server::exchange::Exchange::current()?
        .resend(email, client_id)
        .await
}
