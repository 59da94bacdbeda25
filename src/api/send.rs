use leptos::prelude::*;

use crate::flow::ResetError;

/// Step 1: email a reset code to `email` in user pool `client_id` (else the default).
#[server(prefix = "/api", endpoint = "reset/send")]
pub async fn send_code(email: Option<String>, client_id: Option<String>) -> Result<(), ResetError> {
    crate::server::exchange::Exchange::current()?
        .send(email, client_id)
        .await
}
