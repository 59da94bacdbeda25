use leptos::prelude::*;

use crate::flow::ResetError;

/// Step 2: check the emailed code. `email` and `client_id` come from the page, so an email
/// link opened in another browser works without a cookie.
#[server(prefix = "/api", endpoint = "reset/verify")]
pub async fn verify_code(
    email: Option<String>,
    client_id: Option<String>,
    code: Option<String>,
) -> Result<(), ResetError> {
    crate::server::exchange::Exchange::current()?
        .verify(email, client_id, code)
        .await
}
