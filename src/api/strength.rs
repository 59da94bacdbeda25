use leptos::prelude::*;

use crate::flow::strength::Strength;
use crate::flow::ResetError;

/// How hard a new password is to guess, for the meter while typing (only once the code is
/// verified). Changes nothing.
#[server(prefix = "/api", endpoint = "reset/strength")]
pub async fn password_strength(
    password: Option<String>,
    progress: Option<String>,
) -> Result<Strength, ResetError> {
    crate::server::exchange::Exchange::current()?
        .with_progress(progress)
        .strength(password)
}
