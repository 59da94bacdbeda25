use leptos::prelude::*;

use crate::flow::{Next, ResetError};

/// Step 3: set the new password, typed twice.
/// `lang` is the language the page was asked in, kept on the next page.
#[server(prefix = "/api", endpoint = "reset/change")]
pub async fn change_password(
    password: Option<String>,
    confirm: Option<String>,
    progress: Option<String>,
    lang: Option<String>,
) -> Result<Next, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_lang(lang)
        .with_progress(progress)
        .change(password, confirm)
        .await
}
