//! A hosted, embeddable password-reset wizard for Authing user pools.
//!
//! Three pages (email, code, new password) forward each step to Authing from server functions
//! and keep the person's progress in a sealed cookie. The `ssr` feature builds the server,
//! `hydrate` the WASM client.

pub mod api;
pub mod app;
pub mod components;
pub mod flow;
pub mod pages;
pub mod text;

// `mod i18n`: the translations, generated from `locales/*.json` by `build.rs` (leptos_i18n).
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

#[cfg(feature = "ssr")]
pub mod authing;
#[cfg(feature = "ssr")]
pub mod emulator;
#[cfg(feature = "ssr")]
pub mod server;

/// The WASM client's entry: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
