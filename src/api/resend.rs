use leptos::prelude::*;

use crate::flow::{Next, ResetError};

/// Asks for another code, no sooner than the resend wait after the last.
#[server(prefix = "/api", endpoint = "reset/resend")]
pub async fn resend_code(
    email: Option<String>,
    client_id: Option<String>,
    progress: Option<String>,
) -> Result<Next, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_progress(progress)
        .resend(email, client_id)
        .await
}
