//! A person's progress through the reset, as carried in the sealed cookie.

use serde::{Deserialize, Serialize};

/// How long a reset may take from the first email to the new password, in seconds.
pub const FLOW_LIFETIME_SECS: u64 = 30 * 60;
/// How long after a send another code may be asked for, in seconds, unless configured.
pub const RESEND_AFTER_SECS: u64 = 60;
/// Wrong codes after which the flow ends, unless configured.
pub const MAX_WRONG_CODES: u8 = 5;

/// The furthest step a person has reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// A code was sent (or the flow was started from an email link).
    CodeSent,
    /// Authing accepted the code; the new password may be chosen.
    CodeVerified,
}

/// One person's reset in progress. Everything here is sealed (encrypted and authenticated)
/// before it leaves the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetFlow {
    /// The Authing user pool id (the `client` variable of the GraphQL API).
    pub pool: String,
    /// The address the code was sent to.
    pub email: String,
    /// The step reached.
    pub step: Step,
    /// The code Authing accepted, needed again by `changePassword`.
    pub code: Option<String>,
    /// Wrong codes entered so far.
    pub wrong_codes: u8,
    /// Unix time (seconds) after which the flow is void.
    pub expires_at: u64,
    /// Unix time (seconds) from which another code may be asked for.
    pub resend_at: u64,
    /// Where the done page leads back to (already checked against `RESET_RETURN_TO`).
    #[serde(default)]
    pub return_to: Option<String>,
    /// Whether the flow runs inside a frame (its cookie is then partitioned, `SameSite=None`).
    #[serde(default)]
    pub framed: bool,
    /// The embedding page's origin (already checked against `RESET_FRAME_ANCESTORS`).
    #[serde(default)]
    pub parent_origin: Option<String>,
}

impl ResetFlow {
    /// A flow whose code has just been sent; another may be asked for `resend_after` seconds on.
    pub fn code_sent(pool: String, email: String, now: u64, resend_after: u64) -> Self {
        Self {
            pool,
            email,
            step: Step::CodeSent,
            code: None,
            wrong_codes: 0,
            expires_at: now + FLOW_LIFETIME_SECS,
            resend_at: now + resend_after,
            return_to: None,
            framed: false,
            parent_origin: None,
        }
    }

    /// A flow started from an email link: the code was sent by someone, some time ago,
    /// so another may be asked for at once.
    pub fn from_link(pool: String, email: String, now: u64) -> Self {
        Self {
            resend_at: now,
            ..Self::code_sent(pool, email, now, 0)
        }
    }

    /// Whether the flow is past its lifetime.
    pub fn is_expired(&self, now: u64) -> bool {
        now >= self.expires_at
    }

    /// Seconds until another code may be asked for (0: now).
    pub fn resend_wait(&self, now: u64) -> u64 {
        self.resend_at.saturating_sub(now)
    }

    /// Records a wrong code; true when that makes `max` and the flow is over.
    pub fn record_wrong_code(&mut self, max: u8) -> bool {
        self.wrong_codes = self.wrong_codes.saturating_add(1);
        self.wrong_codes >= max
    }

    /// Records a code Authing accepted.
    pub fn verified(&mut self, code: String) {
        self.step = Step::CodeVerified;
        self.code = Some(code);
    }

    /// Records a new code sent: the verified code (if any) is no longer valid.
    pub fn resent(&mut self, now: u64, resend_after: u64) {
        self.step = Step::CodeSent;
        self.code = None;
        self.resend_at = now + resend_after;
    }

    /// Back to the code step (the verified code was refused when the password was changed).
    pub fn back_to_code(&mut self) {
        self.step = Step::CodeSent;
        self.code = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> ResetFlow {
        ResetFlow::code_sent(
            "pool".into(),
            "a@example.com".into(),
            1_000,
            RESEND_AFTER_SECS,
        )
    }

    #[test]
    fn a_new_flow_lasts_thirty_minutes_and_waits_a_minute_to_resend() {
        let flow = flow();
        assert_eq!(flow.step, Step::CodeSent);
        assert!(!flow.is_expired(1_000 + 30 * 60 - 1));
        assert!(flow.is_expired(1_000 + 30 * 60));
        assert_eq!(flow.resend_wait(1_000), 60);
        assert_eq!(flow.resend_wait(1_059), 1);
        assert_eq!(flow.resend_wait(5_000), 0);
    }

    #[test]
    fn a_link_flow_may_resend_at_once() {
        let flow = ResetFlow::from_link("pool".into(), "a@example.com".into(), 1_000);
        assert_eq!(flow.resend_wait(1_000), 0);
    }

    #[test]
    fn the_fifth_wrong_code_ends_the_flow() {
        let mut flow = flow();
        for _ in 0..4 {
            assert!(!flow.record_wrong_code(MAX_WRONG_CODES));
        }
        assert!(flow.record_wrong_code(MAX_WRONG_CODES));
    }

    #[test]
    fn resending_forgets_the_verified_code() {
        let mut flow = flow();
        flow.verified("123456".into());
        assert_eq!(flow.step, Step::CodeVerified);
        flow.resent(2_000, RESEND_AFTER_SECS);
        assert_eq!(flow.step, Step::CodeSent);
        assert_eq!(flow.code, None);
        assert_eq!(flow.resend_wait(2_000), 60);
    }
}
