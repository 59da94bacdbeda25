//! Start-up: settings, the upstream (Authing or the built-in emulator), the router, serving.

use std::process::ExitCode;
use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::Key;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};

use super::config::{Config, Upstream};
use super::state::AppState;
use super::wizard::Wizard;
use crate::app::{shell, App};
use crate::authing::graphql::{GraphqlClient, Timeouts};
use crate::authing::password::{PasswordKey, LEGACY_PUBLIC_KEY_PEM};
use crate::emulator::{self, Emulator};
use crate::flow::cookie::CookieCodec;

/// Builds the whole application for `config`, starting the emulator in demo mode.
pub async fn build(
    config: &Config,
    leptos_options: LeptosOptions,
) -> Result<(Router, AppState), String> {
    let (url, demo) = match &config.upstream {
        Upstream::Authing(url) => (url.clone(), None),
        Upstream::Demo => {
            let emulator = Emulator::with_demo_accounts(true);
            let url = emulator
                .serve()
                .await
                .map_err(|e| format!("could not start the demo Authing emulator: {e}"))?;
            let url = url::Url::parse(&url).map_err(|e| e.to_string())?;
            (url, Some(emulator))
        }
    };
    let key = match (&config.password_key, demo.is_some()) {
        (Some(key), _) => key.clone(),
        (None, true) => PasswordKey::from_pem(emulator::PUBLIC_KEY_PEM)?,
        (None, false) => PasswordKey::from_pem(LEGACY_PUBLIC_KEY_PEM)?,
    };
    let timeouts = Timeouts {
        total: config.upstream_timeout,
        ..Timeouts::default()
    };
    let client = GraphqlClient::new(url, key, timeouts)?;
    let wizard = Wizard::new(
        Arc::new(client),
        config.default_pool.clone(),
        config.allowed_pools.clone(),
    );
    let secure = config
        .public_url
        .as_ref()
        .is_some_and(|u| u.scheme() == "https");
    let cookies = CookieCodec::new(
        config.cookie_key.clone().unwrap_or_else(Key::generate),
        config.cookie_key_previous.clone(),
        secure,
    );
    let state = AppState {
        leptos_options,
        wizard: Arc::new(wizard),
        cookies,
        demo,
    };
    Ok((router(state.clone()), state))
}

/// The routes: health, the root redirect, demo routes, the pages and server functions.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let mut app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/", get(root));
    if state.demo.is_some() {
        app = app.merge(super::demo::routes());
    }
    app.leptos_routes_with_context(&state, routes, context, {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    })
    .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
    .layer(axum::middleware::from_fn(api_only))
    .layer(from_fn_with_state(
        state.clone(),
        super::guards::guard_pages,
    ))
    .with_state(state)
}

/// Runs the form guard on `/api/` only.
async fn api_only(request: Request, next: axum::middleware::Next) -> axum::response::Response {
    if request.uri().path().starts_with("/api/") {
        super::guards::guard_forms(request, next).await
    } else {
        next.run(request).await
    }
}

/// `/` goes to `/reset`, query and all.
async fn root(uri: axum::http::Uri) -> impl IntoResponse {
    match uri.query() {
        Some(query) => Redirect::to(&format!("/reset?{query}")),
        None => Redirect::to("/reset"),
    }
}

/// The server's `main`: exits 1 with one line when a setting is wrong.
pub async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    let leptos_options = match leptos::config::get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(error) => {
            eprintln!("LEPTOS_*: {error}");
            return ExitCode::from(1);
        }
    };
    let addr = leptos_options.site_addr;
    let (app, state) = match build(&config, leptos_options).await {
        Ok(built) => built,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("LEPTOS_SITE_ADDR: cannot listen on {addr} ({error})");
            return ExitCode::from(1);
        }
    };
    if state.demo.is_some() {
        println!("Demo mode: no AUTHING_GRAPHQL_URL, so a built-in Authing emulator answers.");
        println!("Open http://{addr}/reset and reset one of these accounts:");
        for (email, _) in emulator::DEMO_ACCOUNTS {
            println!("  {email}");
        }
        println!("Codes are printed here and shown at http://{addr}/demo/mailbox");
    }
    tracing::info!(%addr, demo = state.demo.is_some(), "listening");
    let served = axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server error: {error}");
            ExitCode::from(1)
        }
    }
}
