use leptos::prelude::*;

use crate::flow::{Next, ResetError};

/// Step 3: set the new password, typed twice.
#[server(prefix = "/api", endpoint = "reset/change")]
pub async fn change_password(
    password: Option<String>,
    confirm: Option<String>,
    progress: Option<String>,
) -> Result<Next, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_progress(progress)
        .change(password, confirm)
        .await
}
