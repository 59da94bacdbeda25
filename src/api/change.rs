use leptos::prelude::*;

use crate::flow::ResetError;

/// Step 3: set the new password, typed twice.
#[server(prefix = "/api", endpoint = "reset/change")]
pub async fn change_password(
    password: Option<String>,
    confirm: Option<String>,
) -> Result<(), ResetError> {
    crate::server::exchange::Exchange::current()?
        .change(password, confirm)
        .await
}
