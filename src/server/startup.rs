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
use tower_http::catch_panic::CatchPanicLayer;

use super::config::{Config, Upstream};
use super::limits::MemoryLimits;
use super::security::Security;
use super::state::AppState;
use super::wizard::{Wizard, WizardSettings};
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
    let settings = WizardSettings {
        default_pool: config.default_pool.clone(),
        allowed_pools: config.allowed_pools.clone(),
        resend_after_secs: config.limits.resend_after.as_secs(),
        max_wrong_codes: config.limits.max_wrong_codes,
        send_budget: config.send_budget,
    };
    let limits = Arc::new(MemoryLimits::new(config.limits));
    let wizard = Wizard::new(Arc::new(client), limits, settings);
    let secure = config
        .public_url
        .as_ref()
        .is_some_and(|u| u.scheme() == "https");
    let public_origin = match &config.public_url {
        Some(url) => url.origin().ascii_serialization(),
        None => format!("http://{}", leptos_options.site_addr),
    };
    let frame_ancestors = if config.frame_ancestors.is_empty() {
        "'none'".to_string()
    } else {
        config.frame_ancestors.join(" ")
    };
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
        security: Security {
            public_origin,
            frame_ancestors,
            https: secure,
            logo_origin: config
                .logo_url
                .as_ref()
                .map(|url| url.origin().ascii_serialization()),
        },
        brand: crate::flow::Brand {
            product: config.product_name.clone(),
            logo: config.logo_url.as_ref().map(|url| url.to_string()),
        },
        accent: config.accent_color.clone(),
        return_to: super::origins::OriginList::new(&config.return_to),
        frame_ancestors: super::origins::OriginList::new(&config.frame_ancestors),
        trusted_proxies: Arc::new(config.trusted_proxies.clone()),
    };
    spawn_eviction(&state);
    Ok((router(state.clone()), state))
}

/// Forgets old limit entries every minute, so memory stays bounded.
fn spawn_eviction(state: &AppState) {
    let wizard = Arc::downgrade(&state.wizard);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            match wizard.upgrade() {
                Some(wizard) => wizard.limits().evict_old(),
                None => break,
            }
        }
    });
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
        .route("/brand.css", get(brand_css))
        .route("/", get(root));
    if state.demo.is_some() {
        app = app.merge(super::demo::routes());
    }
    let app = app
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell));
    let cookie_name = state.cookies.name();
    let app = protect(app, state);
    // Outermost: a form post whose next page comes in its answer (see `inline`) sends the whole
    // app, layers and all, a GET for that page.
    let inline = super::inline::InlineState {
        app: app.clone(),
        cookie_name,
    };
    Router::new()
        .fallback_service(app)
        .layer(from_fn_with_state(inline, super::inline::inline_pages))
}

/// The layers around every route: request id and log line, catch-panic, security headers, the
/// cross-site refusal, the page guard and the form guard.
fn protect(app: Router<AppState>, state: AppState) -> Router {
    app.layer(axum::middleware::from_fn(api_only))
        .layer(from_fn_with_state(
            state.clone(),
            super::guards::guard_pages,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            super::security::refuse_cross_site,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            super::security::security_headers,
        ))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(super::logging::trace_layer())
        .layer(axum::middleware::from_fn(super::logging::request_id))
        .with_state(state)
}

/// What a panic anywhere in a handler answers: a plain 500 page; the server keeps serving.
fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    tracing::error!("a handler panicked");
    let page = super::plain::panic_page();
    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, page).into_response()
}

/// Runs the form guard on `/api/` only.
async fn api_only(request: Request, next: axum::middleware::Next) -> axum::response::Response {
    if request.uri().path().starts_with("/api/") {
        super::guards::guard_forms(request, next).await
    } else {
        next.run(request).await
    }
}

/// The operator's accent colour as a stylesheet (a file, so the CSP needs no inline styles).
async fn brand_css(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> impl IntoResponse {
    let css = match &state.accent {
        // Checked at start: `#rgb` or `#rrggbb` only.
        Some(color) => format!(":root{{--accent:{color};--accent-strong:{color}}}\n"),
        None => String::new(),
    };
    (
        [(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8")],
        css,
    )
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
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_a_plain_500_and_serving_goes_on() {
        let config = Config::from_lookup(|_| None).unwrap();
        let options = LeptosOptions::builder()
            .output_name("authing-reset")
            .build();
        let (_, state) = build(&config, options).await.unwrap();
        let app = Router::new()
            .route("/boom", get(|| async { panic!("boom") as &str }))
            .route("/fine", get(|| async { "fine" }));
        let app = protect(app, state);
        let get = |path: &str| Request::get(path).body(Body::empty()).unwrap();

        let answer = app.clone().oneshot(get("/boom")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(answer.headers().contains_key("x-request-id"));
        let body = axum::body::to_bytes(answer.into_body(), 10_000)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(
            body.contains("Something went wrong on our side") && !body.contains("boom"),
            "{body}"
        );

        let answer = app.oneshot(get("/fine")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
    }
}
