//! The wizard's steps: check the input, call Authing, decide the progress and the next page.
//! Plain async methods, free of HTTP, so they can be tested against any [`AuthingApi`].

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;

use super::limits::{Limits, SendRefused};
use super::logging::mask_email;
use crate::authing::codes::{to_reset_error, NO_EMAIL_BOUND, USER_NOT_FOUND};
use crate::authing::{AuthingApi, AuthingError};
use crate::flow::rules::{check_code, check_email, check_password, check_pool, Page};
use crate::flow::strength::Strength;
use crate::flow::{ResetError, ResetFlow, Step};

/// What happens to the progress cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowChange {
    /// Leave it as it is.
    Keep,
    /// Replace it with this.
    Set(ResetFlow),
    /// Delete it.
    Clear,
}

/// What a step decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The progress to keep.
    pub flow: FlowChange,
    /// The page the person sees next.
    pub page: Page,
    /// The error shown there, if the step failed.
    pub error: Option<ResetError>,
}

impl Outcome {
    fn to(page: Page, flow: FlowChange) -> Self {
        Self {
            flow,
            page,
            error: None,
        }
    }

    fn failed(page: Page, flow: FlowChange, error: ResetError) -> Self {
        Self {
            flow,
            page,
            error: Some(error),
        }
    }
}

/// The wizard's settings.
#[derive(Debug, Clone)]
pub struct WizardSettings {
    /// The user pool when a form names none (`AUTHING_CLIENT_ID`).
    pub default_pool: Option<String>,
    /// When set, the only pools served (`AUTHING_ALLOWED_CLIENT_IDS`).
    pub allowed_pools: Option<Vec<String>>,
    /// Seconds after a send before another (`RESET_RESEND_SECS`).
    pub resend_after_secs: u64,
    /// Wrong codes that end a flow (`RESET_MAX_WRONG_CODES`).
    pub max_wrong_codes: u8,
    /// How long every send answers after, whatever Authing does (`RESET_SEND_BUDGET_MS`).
    pub send_budget: Duration,
}

impl Default for WizardSettings {
    fn default() -> Self {
        Self {
            default_pool: None,
            allowed_pools: None,
            resend_after_secs: crate::flow::progress::RESEND_AFTER_SECS,
            max_wrong_codes: crate::flow::progress::MAX_WRONG_CODES,
            send_budget: Duration::from_millis(800),
        }
    }
}

/// The steps of a reset, against one Authing.
pub struct Wizard {
    authing: Arc<dyn AuthingApi>,
    limits: Arc<dyn Limits>,
    settings: WizardSettings,
}

impl Wizard {
    /// A wizard calling `authing`, counting with `limits`.
    pub fn new(
        authing: Arc<dyn AuthingApi>,
        limits: Arc<dyn Limits>,
        settings: WizardSettings,
    ) -> Self {
        Self {
            authing,
            limits,
            settings,
        }
    }

    /// The server-side limits, for periodic eviction.
    pub fn limits(&self) -> &Arc<dyn Limits> {
        &self.limits
    }

    /// The pool the configured default stands for.
    pub fn default_pool(&self) -> Option<&str> {
        self.settings.default_pool.as_deref()
    }

    /// Seconds after a send before another may be asked for.
    pub fn resend_after_secs(&self) -> u64 {
        self.settings.resend_after_secs
    }

    /// The longest password the upstream carries, in UTF-8 bytes.
    pub fn max_password_bytes(&self) -> usize {
        self.authing.max_password_bytes()
    }

    /// The user pool a form asks for: its `client_id`, else the default; refused when
    /// malformed or not allowed.
    pub fn pool(&self, client_id: Option<&str>) -> Result<String, ResetError> {
        let pool = match client_id.map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => check_pool(raw).ok_or(ResetError::UnknownPool)?,
            None => self
                .settings
                .default_pool
                .clone()
                .ok_or(ResetError::UnknownPool)?,
        };
        match &self.settings.allowed_pools {
            Some(allowed) if !allowed.contains(&pool) => Err(ResetError::UnknownPool),
            _ => Ok(pool),
        }
    }

    /// Step 1: email a code. An unknown account is answered exactly like a known one: the same
    /// page, cookie and limits, and the same time (see [`Wizard::send_quietly`]).
    pub async fn send(
        &self,
        email: Option<&str>,
        client_id: Option<&str>,
        ip: IpAddr,
        now: u64,
    ) -> Outcome {
        let checked = check_email(email.unwrap_or_default())
            .and_then(|email| Ok((email, self.pool(client_id)?)));
        let (email, pool) = match checked {
            Ok(found) => found,
            Err(error) => return Outcome::failed(Page::Email, FlowChange::Keep, error),
        };
        match self.send_quietly(&pool, &email, ip).await {
            Ok(()) => {
                let flow = ResetFlow::code_sent(pool, email, now, self.settings.resend_after_secs);
                Outcome::to(Page::Code, FlowChange::Set(flow))
            }
            Err(error) => Outcome::failed(Page::Email, FlowChange::Keep, error),
        }
    }

    /// Asks Authing to send a code, within the server's limits, answering after exactly the
    /// send budget: a call still running then is taken as sent and finishes on its own, so
    /// how long Authing takes (which may depend on whether the account exists) never shows.
    async fn send_quietly(&self, pool: &str, email: &str, ip: IpAddr) -> Result<(), ResetError> {
        match self.limits.allow_send(email, ip) {
            Ok(()) => {}
            Err(SendRefused::TooSoon(wait)) => {
                return Err(ResetError::TooEarly(wait.as_secs().max(1)))
            }
            Err(SendRefused::TooMany(wait)) => {
                return Err(ResetError::SlowDown(wait.as_secs().max(1)))
            }
        }
        let started = tokio::time::Instant::now();
        let (authing, pool, email) = (self.authing.clone(), pool.to_string(), email.to_string());
        let masked = mask_email(&email);
        let mut call = tokio::spawn(
            async move { authing.send_reset_email(&pool, &email).await }.in_current_span(),
        );
        let answer = tokio::time::timeout(self.settings.send_budget, &mut call).await;
        tokio::time::sleep_until(started + self.settings.send_budget).await;
        match answer {
            Ok(Ok(result)) => quietly(result, &masked),
            Ok(Err(_panicked)) => Err(ResetError::TryAgain),
            Err(_still_running) => {
                tokio::spawn(
                    async move {
                        if let Ok(result) = call.await {
                            let _ = quietly(result, &masked);
                        }
                    }
                    .in_current_span(),
                );
                Ok(())
            }
        }
    }

    /// Step 2: check the code. Without a cookie (an email link opened elsewhere) the flow is
    /// built from the posted email and pool.
    pub async fn verify(
        &self,
        flow: Option<ResetFlow>,
        email: Option<&str>,
        client_id: Option<&str>,
        code: Option<&str>,
        now: u64,
    ) -> Outcome {
        let mut flow = match self.flow_or_link(flow, email, client_id, now) {
            Ok(flow) => flow,
            Err(error) => return Outcome::failed(Page::Email, FlowChange::Keep, error),
        };
        if self.limits.code_locked(&flow.email) {
            return Outcome::failed(Page::Email, FlowChange::Clear, ResetError::TooManyAttempts);
        }
        let code = match check_code(code.unwrap_or_default()) {
            Ok(code) => code,
            Err(error) => return Outcome::failed(Page::Code, FlowChange::Keep, error),
        };
        match self
            .authing
            .verify_reset_code(&flow.pool, &flow.email, &code)
            .await
        {
            Ok(()) => {
                flow.verified(code);
                Outcome::to(Page::Password, FlowChange::Set(flow))
            }
            Err(error) => match upstream("verify", &error) {
                // `|`, not `||`: the server's count and the flow's both record the guess.
                ResetError::WrongCode
                    if self.limits.wrong_code(&flow.email)
                        | flow.record_wrong_code(self.settings.max_wrong_codes) =>
                {
                    Outcome::failed(Page::Email, FlowChange::Clear, ResetError::TooManyAttempts)
                }
                error => Outcome::failed(Page::Code, FlowChange::Set(flow), error),
            },
        }
    }

    /// Step 3: set the new password with the verified code.
    pub async fn change(
        &self,
        flow: Option<ResetFlow>,
        password: Option<&str>,
        confirm: Option<&str>,
    ) -> Outcome {
        let Some(mut flow) = flow else {
            return Outcome::failed(Page::Email, FlowChange::Clear, ResetError::NoFlow);
        };
        let code = match (&flow.step, &flow.code) {
            (Step::CodeVerified, Some(code)) => code.clone(),
            _ => return Outcome::failed(Page::Code, FlowChange::Keep, ResetError::CodeNotVerified),
        };
        let (password, confirm) = (password.unwrap_or_default(), confirm.unwrap_or_default());
        if let Err(error) = check_password(password, confirm, self.max_password_bytes()) {
            return Outcome::failed(Page::Password, FlowChange::Keep, error);
        }
        let strength = self.strength(&flow, password);
        if !strength.acceptable() {
            let error = ResetError::PasswordTooWeak(strength.advice);
            return Outcome::failed(Page::Password, FlowChange::Keep, error);
        }
        match self
            .authing
            .change_password(&flow.pool, &flow.email, &code, password)
            .await
        {
            Ok(()) => Outcome::to(Page::Done, FlowChange::Clear),
            Err(error) => match upstream("change", &error) {
                error @ (ResetError::WrongCode
                | ResetError::CodeExpired
                | ResetError::CodeNotVerified) => {
                    flow.back_to_code();
                    Outcome::failed(Page::Code, FlowChange::Set(flow), error)
                }
                error => Outcome::failed(Page::Password, FlowChange::Keep, error),
            },
        }
    }

    /// How hard `password` is to guess for the flow's account.
    pub fn strength(&self, flow: &ResetFlow, password: &str) -> Strength {
        super::strength::rate(password, &flow.email, self.max_password_bytes())
    }

    /// Asks for another code, no sooner than the flow's resend time.
    pub async fn resend(
        &self,
        flow: Option<ResetFlow>,
        email: Option<&str>,
        client_id: Option<&str>,
        ip: IpAddr,
        now: u64,
    ) -> Outcome {
        let mut flow = match self.flow_or_link(flow, email, client_id, now) {
            Ok(flow) => flow,
            Err(error) => return Outcome::failed(Page::Email, FlowChange::Keep, error),
        };
        let wait = flow.resend_wait(now);
        if wait > 0 {
            return Outcome::failed(Page::Code, FlowChange::Keep, ResetError::TooEarly(wait));
        }
        match self.send_quietly(&flow.pool, &flow.email, ip).await {
            Ok(()) => {
                flow.resent(now, self.settings.resend_after_secs);
                Outcome::to(Page::Code, FlowChange::Set(flow))
            }
            Err(error) => Outcome::failed(Page::Code, FlowChange::Keep, error),
        }
    }

    /// The flow of the cookie, or one built from an email link's fields. A cookie for another
    /// address than the one posted gives way to the posted one.
    fn flow_or_link(
        &self,
        flow: Option<ResetFlow>,
        email: Option<&str>,
        client_id: Option<&str>,
        now: u64,
    ) -> Result<ResetFlow, ResetError> {
        let posted = email.map(str::trim).filter(|s| !s.is_empty());
        match (flow, posted) {
            (Some(flow), None) => Ok(flow),
            (Some(flow), Some(email)) if flow.email.eq_ignore_ascii_case(email) => Ok(flow),
            (_, Some(email)) => {
                let email = check_email(email)?;
                Ok(ResetFlow::from_link(self.pool(client_id)?, email, now))
            }
            (None, None) => Err(ResetError::NoFlow),
        }
    }
}

/// What a send's answer means to the person: an unknown account or one without an email is
/// "sent", so that nobody can tell who has an account.
fn quietly(result: Result<(), AuthingError>, masked_email: &str) -> Result<(), ResetError> {
    match result {
        Ok(()) => Ok(()),
        Err(AuthingError::Code(USER_NOT_FOUND | NO_EMAIL_BOUND)) => {
            tracing::info!(email = masked_email, "no such account; answered as sent");
            Ok(())
        }
        Err(error) => {
            tracing::warn!(email = masked_email, upstream = %error, "sending the code failed");
            Err(to_reset_error(&error))
        }
    }
}

/// Logs an upstream failure once and says what the person sees.
fn upstream(step: &'static str, error: &AuthingError) -> ResetError {
    let shown = to_reset_error(error);
    match shown {
        ResetError::TryAgain | ResetError::EmailNotSent | ResetError::UnknownPool => {
            tracing::warn!(step, upstream = %error, "Authing call failed")
        }
        _ => tracing::info!(step, upstream = %error, "Authing refused the step"),
    }
    shown
}
