//! The server side: configuration, the wizard's steps, the glue between server functions and
//! HTTP, request guards, demo routes and start-up.

pub mod client_ip;
pub mod config;
pub mod demo;
pub mod exchange;
pub mod guards;
pub mod inline;
pub mod lang;
pub mod limits;
pub mod logging;
pub mod origins;
pub mod plain;
pub mod security;
pub mod startup;
pub mod state;
pub mod strength;
pub mod wizard;

/// Seconds since the Unix epoch, the clock of the progress cookie.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
