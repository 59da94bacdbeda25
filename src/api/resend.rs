use leptos::prelude::*;

use crate::flow::{Next, ResetError};

/// Asks for another code, no sooner than the resend wait after the last.
/// `lang` is the language the page was asked in, kept on the next page.
#[server(prefix = "/api", endpoint = "reset/resend")]
pub async fn resend_code(
    email: Option<String>,
    client_id: Option<String>,
    progress: Option<String>,
    lang: Option<String>,
) -> Result<Next, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_lang(lang)
        .with_progress(progress)
        .resend(email, client_id)
        .await
}
