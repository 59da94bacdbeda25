use leptos::prelude::*;

use crate::flow::{Next, ResetError};

/// Step 2: check the emailed code. `email` and `client_id` come from the page, so an email
/// link opened in another browser works without a cookie; `progress` is the sealed progress
/// the page carries for a browser that returns no cookie.
/// `lang` is the language the page was asked in, kept on the next page.
#[server(prefix = "/api", endpoint = "reset/verify")]
pub async fn verify_code(
    email: Option<String>,
    client_id: Option<String>,
    code: Option<String>,
    progress: Option<String>,
    lang: Option<String>,
) -> Result<Next, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_lang(lang)
        .with_progress(progress)
        .verify(email, client_id, code)
        .await
}
