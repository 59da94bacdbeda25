//! What every handler and server function shares.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::security::Security;
use super::wizard::Wizard;
use crate::emulator::Emulator;
use crate::flow::cookie::CookieCodec;

/// The application's shared state, given to axum handlers and, as context, to server functions.
#[derive(Clone)]
pub struct AppState {
    /// Leptos' site settings.
    pub leptos_options: LeptosOptions,
    /// The steps of the reset.
    pub wizard: Arc<Wizard>,
    /// Seals and opens the progress cookie.
    pub cookies: CookieCodec,
    /// The built-in emulator, in demo mode.
    pub demo: Option<Arc<Emulator>>,
    /// Headers and the cross-site check.
    pub security: Security,
    /// Origins allowed to frame the pages (`parent_origin`).
    pub frame_ancestors: super::origins::OriginList,
    /// Origins `return_to` may point to.
    pub return_to: super::origins::OriginList,
    /// The operator's branding.
    pub brand: crate::flow::Brand,
    /// The accent colour (`#rgb` or `#rrggbb`), served as `/brand.css`.
    pub accent: Option<String>,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
