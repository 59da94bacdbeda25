use leptos::prelude::*;

use crate::flow::{Next, ResetError};

/// Step 1: email a reset code to `email` in user pool `client_id` (else the default);
/// `return_to` is where the done page leads back to, `parent_origin` the page framing this
/// one, each only if its origin is allowed.
/// `lang` is the language the page was asked in, kept on the next page.
#[server(prefix = "/api", endpoint = "reset/send")]
pub async fn send_code(
    email: Option<String>,
    client_id: Option<String>,
    return_to: Option<String>,
    parent_origin: Option<String>,
    lang: Option<String>,
) -> Result<Next, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_lang(lang)
        .send(email, client_id, return_to, parent_origin)
        .await
}
