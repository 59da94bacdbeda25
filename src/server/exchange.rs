//! The glue between a server function and HTTP: reads the progress cookie, runs a step of the
//! wizard, writes the cookie back and decides explicitly where the answer goes.
//!
//! A plain form post (no JavaScript, `Accept: text/html`) gets a 303 to the next page, or back
//! to its own page with `?error=`; it never falls through to Leptos' Referer redirect. Where
//! the cookie may not come back (inside a frame, or when the progress came in the form's
//! hidden field), the answer is the next page itself, rendered with the progress in its forms
//! (see [`super::inline`]). The WASM client gets a [`Next`]: the page to go to and the sealed
//! progress for its next forms; or the error with a 4xx/5xx status.

use http::header::{ACCEPT, LOCATION, SET_COOKIE};
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use leptos::prelude::{use_context, ServerFnErrorErr};
use leptos::server_fn::error::FromServerFnError;
use leptos_axum::ResponseOptions;
use url::form_urlencoded;

use super::state::AppState;
use super::wizard::{FlowChange, Outcome};
use crate::flow::rules::Page;
use crate::flow::strength::Strength;
use crate::flow::{FlowView, Next, ResetError, ResetFlow, Step};

/// One server-function call: its request, its response options and the app's state.
pub struct Exchange {
    state: AppState,
    parts: Parts,
    response: ResponseOptions,
    now: u64,
    /// The progress the request's cookie carries, opened once (else the form's field).
    flow: Option<ResetFlow>,
    /// Whether the progress came from the form's hidden field: the cookie did not come back.
    from_field: bool,
    /// The language the page was asked in (`lang`), if one we speak: kept on the next page.
    lang: Option<&'static str>,
}

impl Exchange {
    /// The exchange of the server function being run.
    pub fn current() -> Result<Self, ResetError> {
        let missing = || {
            ResetError::from_server_fn_error(ServerFnErrorErr::ServerError(
                "no request context".into(),
            ))
        };
        let state = use_context::<AppState>().ok_or_else(missing)?;
        let parts = use_context::<Parts>().ok_or_else(missing)?;
        let now = super::now();
        let flow = state.cookies.open(&parts.headers, now);
        Ok(Self {
            state,
            parts,
            response: use_context::<ResponseOptions>().ok_or_else(missing)?,
            now,
            flow,
            from_field: false,
            lang: None,
        })
    }

    /// Keeps the page's language (its `lang` field) on the page the step leads to.
    pub fn with_lang(mut self, lang: Option<String>) -> Self {
        self.lang = lang.as_deref().and_then(super::lang::known);
        self
    }

    /// Takes the progress from the form's hidden `progress` field when the request carried no
    /// cookie that opens: the same sealed value, under the same checks.
    pub fn with_progress(mut self, progress: Option<String>) -> Self {
        if self.flow.is_none() {
            self.flow = progress
                .as_deref()
                .and_then(|sealed| self.state.cookies.open_value(sealed.trim(), self.now));
            self.from_field = self.flow.is_some();
        }
        self
    }

    /// The client's address, for the server-side limits.
    fn client_ip(&self) -> std::net::IpAddr {
        let peer = self
            .parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
        super::client_ip::client_ip(peer, &self.parts.headers, &self.state.trusted_proxies)
    }

    fn flow(&self) -> Option<ResetFlow> {
        self.flow.clone()
    }

    /// Whether this request comes from inside a frame: a form post navigating the frame says
    /// so in `Sec-Fetch-Dest`; the WASM client's calls are told by the flow it carries.
    fn in_frame(&self) -> bool {
        let dest = self
            .parts
            .headers
            .get("sec-fetch-dest")
            .and_then(|v| v.to_str().ok());
        dest == Some("iframe") || self.flow().is_some_and(|f| f.framed)
    }

    /// Whether the request is a plain HTML form post rather than the WASM client.
    fn wants_html(&self) -> bool {
        wants_html(&self.parts.headers)
    }

    /// What the page may know of the progress.
    pub fn view(&self, return_to: Option<String>, parent_origin: Option<String>) -> FlowView {
        let mut view = FlowView::of(
            self.flow().as_ref(),
            self.state.wizard.default_pool(),
            self.state.demo.is_some(),
            self.now,
        );
        if let Some(url) = return_to.and_then(|raw| self.state.return_to.check_url(&raw)) {
            view.return_to = Some(url);
        }
        if let Some(parent) =
            parent_origin.and_then(|raw| self.state.frame_ancestors.check_origin(&raw))
        {
            view.parent_origin = Some(parent);
        }
        view.progress = self.flow().map(|flow| self.state.cookies.seal_value(&flow));
        view.resend_after = self.state.wizard.resend_after_secs();
        view.brand = self.state.brand.clone();
        view.max_password_bytes = self.state.wizard.max_password_bytes();
        view
    }

    /// The strength of a new password, for the flow whose code is verified.
    pub fn strength(&self, password: Option<String>) -> Result<Strength, ResetError> {
        match self.flow() {
            Some(flow) if flow.step == Step::CodeVerified => Ok(self
                .state
                .wizard
                .strength(&flow, password.as_deref().unwrap_or_default())),
            _ => {
                let error = ResetError::NoFlow;
                self.response.set_status(
                    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::CONFLICT),
                );
                Err(error)
            }
        }
    }

    /// Step 1.
    pub async fn send(
        self,
        email: Option<String>,
        client_id: Option<String>,
        return_to: Option<String>,
        parent_origin: Option<String>,
    ) -> Result<Next, ResetError> {
        let mut outcome = self
            .state
            .wizard
            .send(
                email.as_deref(),
                client_id.as_deref(),
                self.client_ip(),
                self.now,
            )
            .await;
        // Where the done page leads back to, and the embedding page: only allowed origins.
        if let FlowChange::Set(flow) = &mut outcome.flow {
            flow.return_to = return_to
                .as_deref()
                .and_then(|raw| self.state.return_to.check_url(raw));
            flow.parent_origin = parent_origin
                .as_deref()
                .and_then(|raw| self.state.frame_ancestors.check_origin(raw));
            flow.framed = flow.parent_origin.is_some();
        }
        let keep = [("email", email), ("client_id", client_id)];
        self.finish(Page::Email, outcome, &keep)
    }

    /// Step 2.
    pub async fn verify(
        self,
        email: Option<String>,
        client_id: Option<String>,
        code: Option<String>,
    ) -> Result<Next, ResetError> {
        let outcome = self
            .state
            .wizard
            .verify(
                self.flow(),
                email.as_deref(),
                client_id.as_deref(),
                code.as_deref(),
                self.now,
            )
            .await;
        let keep = [("email", email), ("client_id", client_id)];
        self.finish(Page::Code, outcome, &keep)
    }

    /// Step 3.
    pub async fn change(
        self,
        password: Option<String>,
        confirm: Option<String>,
    ) -> Result<Next, ResetError> {
        let flow = self.flow();
        let return_to = flow.as_ref().and_then(|f| f.return_to.clone());
        let parent_origin = flow.as_ref().and_then(|f| f.parent_origin.clone());
        let outcome = self
            .state
            .wizard
            .change(flow, password.as_deref(), confirm.as_deref())
            .await;
        self.finish(
            Page::Password,
            outcome,
            &[("return_to", return_to), ("parent_origin", parent_origin)],
        )
    }

    /// Another code.
    pub async fn resend(
        self,
        email: Option<String>,
        client_id: Option<String>,
    ) -> Result<Next, ResetError> {
        let outcome = self
            .state
            .wizard
            .resend(
                self.flow(),
                email.as_deref(),
                client_id.as_deref(),
                self.client_ip(),
                self.now,
            )
            .await;
        let keep = [("email", email), ("client_id", client_id)];
        self.finish(Page::Code, outcome, &keep)
    }

    /// Writes the cookie and says where the person goes. `keep` are form fields carried back
    /// to the page on an error, so nothing typed is lost (never a code or a password).
    fn finish(
        self,
        from: Page,
        outcome: Outcome,
        keep: &[(&str, Option<String>)],
    ) -> Result<Next, ResetError> {
        let framed = self.in_frame();
        // The progress after this step, sealed, for the next page's forms.
        let carried = match &outcome.flow {
            FlowChange::Keep => self.flow().map(|flow| self.state.cookies.seal_value(&flow)),
            FlowChange::Set(flow) => {
                let mut flow = flow.clone();
                flow.framed |= framed;
                let cookie = self.state.cookies.seal(&flow);
                self.set_cookie(cookie.to_string());
                Some(cookie.value().to_string())
            }
            FlowChange::Clear => {
                let was_framed = self.flow().is_some_and(|f| f.framed);
                self.set_cookie(self.state.cookies.removal(framed || was_framed).to_string());
                None
            }
        };
        let notice = resent(from, &outcome).then_some(("notice", "resent"));
        let extra: Vec<(&str, &str)> = notice
            .into_iter()
            .chain(self.lang.map(|l| ("lang", l)))
            .collect();
        let target = step_url(outcome.page, outcome.error.as_ref(), keep, &extra);
        if self.wants_html() {
            self.redirect(&target);
            self.response.set_status(StatusCode::SEE_OTHER);
            // Where the cookie may not come back, the next page comes in this answer, its forms
            // carrying the progress (a 303 could only carry it in the URL).
            let inline =
                (framed || self.from_field) && matches!(outcome.page, Page::Code | Page::Password);
            if let Some(sealed) = carried.filter(|_| inline) {
                if let Ok(value) = HeaderValue::from_str(&sealed) {
                    self.response
                        .insert_header(super::inline::PROGRESS_HEADER, value);
                }
            }
            return Ok(Next::default());
        }
        match outcome.error {
            // Same page, or a limit (429 with Retry-After, whatever page it leads to): the
            // client shows the error in place, without a reload.
            Some(error) if outcome.page == from || error.status() == 429 => {
                // After too many wrong codes, a new code may be asked for after the resend wait.
                let retry = error
                    .retry_after()
                    .or((error == ResetError::TooManyAttempts)
                        .then(|| self.state.wizard.resend_after_secs()));
                if let Some(seconds) = retry {
                    self.response
                        .insert_header(http::header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                self.response.set_status(
                    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST),
                );
                Err(error)
            }
            // Another page (success, or a flow that ended): the client navigates there.
            _ => Ok(Next {
                to: target,
                progress: carried,
            }),
        }
    }

    fn set_cookie(&self, cookie: String) {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            self.response.append_header(SET_COOKIE, value);
        }
    }

    fn redirect(&self, target: &str) {
        // Targets are built from fixed paths and encoded query pairs, so they are valid
        // header values; should one not be, the page itself is the safe place to go.
        let value = HeaderValue::from_str(target).unwrap_or(HeaderValue::from_static("/reset"));
        self.response.insert_header(LOCATION, value);
    }
}

/// Whether the step was a successful resend (the code page then says a new code went out).
fn resent(from: Page, outcome: &Outcome) -> bool {
    from == Page::Code && outcome.page == Page::Code && outcome.error.is_none()
}

/// Whether a request is a browser navigation or plain form post (it accepts HTML).
pub fn wants_html(headers: &http::HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// A page's URL: with the error and the kept fields on an error (only to step 1 or 2, each
/// trimmed and short), or with every kept field on the done page (the way back and the
/// embedding page: the cookie is gone by then).
pub fn page_url(page: Page, error: Option<&ResetError>, keep: &[(&str, Option<String>)]) -> String {
    step_url(page, error, keep, &[])
}

/// [`page_url`], followed by `extra` pairs (the "new code sent" notice, the language).
fn step_url(
    page: Page,
    error: Option<&ResetError>,
    keep: &[(&str, Option<String>)],
    extra: &[(&str, &str)],
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    match error {
        Some(error) => {
            query.append_pair("error", &error.code());
            if matches!(page, Page::Email | Page::Code) {
                for (name, value) in keep {
                    if let Some(value) = value
                        .as_deref()
                        .map(str::trim)
                        .filter(|v| !v.is_empty() && v.len() <= 254)
                    {
                        query.append_pair(name, value);
                    }
                }
            }
        }
        None if page == Page::Done => {
            for (name, value) in keep {
                if let Some(value) = value {
                    query.append_pair(name, value);
                }
            }
        }
        None => {}
    }
    query.extend_pairs(extra);
    match query.finish() {
        query if query.is_empty() => page.path().to_string(),
        query => format!("{}?{query}", page.path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_goes_to_the_bare_page() {
        assert_eq!(
            page_url(Page::Code, None, &[("email", Some("a@b.co".into()))]),
            "/reset/code"
        );
    }

    #[test]
    fn an_error_keeps_the_email_encoded() {
        let url = page_url(
            Page::Email,
            Some(&ResetError::InvalidEmail),
            &[("email", Some("a+b@x y".into())), ("client_id", None)],
        );
        assert_eq!(url, "/reset?error=invalid_email&email=a%2Bb%40x+y");
        assert!(HeaderValue::from_str(&url).is_ok());
    }

    #[test]
    fn the_password_page_never_carries_fields() {
        let url = page_url(
            Page::Password,
            Some(&ResetError::PasswordMismatch),
            &[("email", Some("a@b.co".into()))],
        );
        assert_eq!(url, "/reset/password?error=password_mismatch");
    }
}
