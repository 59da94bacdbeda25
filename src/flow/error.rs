//! The one error type of the reset flow. Every variant is one sentence a person understands;
//! upstream causes are logged where they happen and never shown.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use super::strength::Advice;

/// Why a step of the reset did not go through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetError {
    /// The email field is empty, malformed or longer than 254 characters.
    InvalidEmail,
    /// The code field is empty or is not 4 to 8 digits.
    InvalidCode,
    /// Authing says the code does not match.
    WrongCode,
    /// Authing says the code has expired.
    CodeExpired,
    /// Too many wrong codes: the flow is over.
    TooManyAttempts,
    /// The password step was reached without a verified code.
    CodeNotVerified,
    /// The new password is shorter than 8 characters.
    PasswordTooShort,
    /// The new password does not fit the RSA key that carries it.
    PasswordTooLong,
    /// The two password fields differ.
    PasswordMismatch,
    /// `zxcvbn` rates the new password very weak; the advice says why and what helps.
    PasswordTooWeak(Advice),
    /// There is no progress (no cookie, expired, tampered or another key).
    NoFlow,
    /// Authing could not send the email.
    EmailNotSent,
    /// The user pool in the link does not exist or is not allowed here.
    UnknownPool,
    /// Authing could not read the encrypted password.
    PasswordNotAccepted,
    /// A new code was asked for too soon; the number is the seconds left.
    TooEarly(u64),
    /// Too many codes were asked for this address or from this network; the number is the
    /// seconds left.
    SlowDown(u64),
    /// A form post came from another site (cross-site request forgery) and was refused.
    CrossSite,
    /// The form was missing fields or was not valid text.
    BadForm,
    /// The form was larger than any real one.
    TooLarge,
    /// The upstream was slow, down or answered nonsense; the person keeps their step.
    TryAgain,
}

impl ResetError {
    /// A stable short name, used in the `error` query parameter of the no-JavaScript path.
    pub fn code(&self) -> String {
        let name = match self {
            Self::InvalidEmail => "invalid_email",
            Self::InvalidCode => "invalid_code",
            Self::WrongCode => "wrong_code",
            Self::CodeExpired => "code_expired",
            Self::TooManyAttempts => "too_many_attempts",
            Self::CodeNotVerified => "code_not_verified",
            Self::PasswordTooShort => "password_too_short",
            Self::PasswordTooLong => "password_too_long",
            Self::PasswordMismatch => "password_mismatch",
            Self::NoFlow => "no_flow",
            Self::EmailNotSent => "email_not_sent",
            Self::UnknownPool => "unknown_pool",
            Self::PasswordNotAccepted => "password_not_accepted",
            Self::TooEarly(seconds) => return format!("too_early.{seconds}"),
            Self::SlowDown(seconds) => return format!("slow_down.{seconds}"),
            Self::PasswordTooWeak(advice) => return format!("password_too_weak.{}", advice.code()),
            Self::CrossSite => "cross_site",
            Self::BadForm => "bad_form",
            Self::TooLarge => "too_large",
            Self::TryAgain => "try_again",
        };
        name.to_string()
    }

    /// Reads back what [`ResetError::code`] wrote; anything else is ignored.
    pub fn from_code(code: &str) -> Option<Self> {
        let seconds = |text: &str| text.parse::<u64>().ok().filter(|s| *s <= 24 * 3600);
        if let Some(text) = code.strip_prefix("too_early.") {
            return seconds(text).map(Self::TooEarly);
        }
        if let Some(text) = code.strip_prefix("slow_down.") {
            return seconds(text).map(Self::SlowDown);
        }
        if let Some(text) = code.strip_prefix("password_too_weak.") {
            return Advice::from_code(text).map(Self::PasswordTooWeak);
        }
        Some(match code {
            "invalid_email" => Self::InvalidEmail,
            "invalid_code" => Self::InvalidCode,
            "wrong_code" => Self::WrongCode,
            "code_expired" => Self::CodeExpired,
            "too_many_attempts" => Self::TooManyAttempts,
            "code_not_verified" => Self::CodeNotVerified,
            "password_too_short" => Self::PasswordTooShort,
            "password_too_long" => Self::PasswordTooLong,
            "password_mismatch" => Self::PasswordMismatch,
            "no_flow" => Self::NoFlow,
            "email_not_sent" => Self::EmailNotSent,
            "unknown_pool" => Self::UnknownPool,
            "password_not_accepted" => Self::PasswordNotAccepted,
            "cross_site" => Self::CrossSite,
            "bad_form" => Self::BadForm,
            "too_large" => Self::TooLarge,
            "try_again" => Self::TryAgain,
            _ => return None,
        })
    }

    /// The HTTP status of this error on the JSON path.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadForm => 400,
            Self::UnknownPool => 400,
            Self::NoFlow | Self::CodeNotVerified => 409,
            Self::TooLarge => 413,
            Self::TooEarly(_) | Self::SlowDown(_) | Self::TooManyAttempts => 429,
            Self::CrossSite => 403,
            Self::EmailNotSent => 502,
            Self::TryAgain => 503,
            _ => 422,
        }
    }

    /// Seconds to wait before trying again, for the `Retry-After` header.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::TooEarly(seconds) | Self::SlowDown(seconds) => Some(*seconds),
            _ => None,
        }
    }

    /// The name of the form field this error is about, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::InvalidEmail => Some("email"),
            Self::InvalidCode | Self::WrongCode | Self::CodeExpired => Some("code"),
            Self::PasswordTooShort
            | Self::PasswordTooLong
            | Self::PasswordTooWeak(_)
            | Self::PasswordNotAccepted => Some("password"),
            Self::PasswordMismatch => Some("confirm"),
            _ => None,
        }
    }
}

/// In English, for logs and tests; pages say it in their language (`crate::text`).
impl std::fmt::Display for ResetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::text::error(self, crate::i18n::Locale::en))
    }
}

impl std::error::Error for ResetError {}

impl FromServerFnError for ResetError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_) => Self::BadForm,
            _ => Self::TryAgain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> [ResetError; 20] {
        [
            ResetError::PasswordTooWeak(Advice {
                warning: Some(crate::flow::strength::Warning::Common),
                suggestions: vec![crate::flow::strength::Suggestion::AddWord],
            }),
            ResetError::SlowDown(600),
            ResetError::CrossSite,
            ResetError::InvalidEmail,
            ResetError::InvalidCode,
            ResetError::WrongCode,
            ResetError::CodeExpired,
            ResetError::TooManyAttempts,
            ResetError::CodeNotVerified,
            ResetError::PasswordTooShort,
            ResetError::PasswordTooLong,
            ResetError::PasswordMismatch,
            ResetError::NoFlow,
            ResetError::EmailNotSent,
            ResetError::UnknownPool,
            ResetError::PasswordNotAccepted,
            ResetError::TooEarly(42),
            ResetError::BadForm,
            ResetError::TooLarge,
            ResetError::TryAgain,
        ]
    }

    #[test]
    fn every_error_survives_the_query_string() {
        for error in all() {
            assert_eq!(ResetError::from_code(&error.code()), Some(error.clone()));
        }
    }

    #[test]
    fn every_error_is_one_sentence_without_internals_in_every_language() {
        use crate::i18n::{I18nLocaleTrait, Locale};
        for locale in Locale::get_all() {
            for error in all().iter() {
                let text = crate::text::error(error, *locale);
                assert!(text.ends_with('.') || text.ends_with('。'), "{text}");
                assert!(!text.contains("Authing"), "{text}");
                assert!(text.chars().count() < 140, "{text}");
            }
        }
    }

    #[test]
    fn unknown_query_codes_are_ignored() {
        for code in [
            "",
            "panic",
            "too_early.",
            "too_early.x",
            "too_early.99999",
            "<script>",
        ] {
            assert_eq!(ResetError::from_code(code), None, "{code}");
        }
    }

    #[test]
    fn framework_errors_map_to_a_sentence() {
        let bad = ResetError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(bad, ResetError::BadForm);
        let other = ResetError::from_server_fn_error(ServerFnErrorErr::Request("x".into()));
        assert_eq!(other, ResetError::TryAgain);
    }

    #[test]
    fn json_path_statuses_are_client_or_upstream_errors() {
        for error in all() {
            let status = error.status();
            assert!((400..600).contains(&status));
        }
        assert_eq!(ResetError::TooEarly(3).status(), 429);
        assert_eq!(ResetError::TryAgain.status(), 503);
        assert_eq!(ResetError::CrossSite.status(), 403);
    }

    #[test]
    fn waits_are_said_in_words_and_given_to_retry_after() {
        assert_eq!(
            ResetError::SlowDown(45).to_string(),
            "Too many codes were asked for. Try again in 45 seconds."
        );
        assert_eq!(
            ResetError::SlowDown(601).to_string(),
            "Too many codes were asked for. Try again in 11 minutes."
        );
        assert_eq!(ResetError::SlowDown(601).retry_after(), Some(601));
        assert_eq!(ResetError::TooEarly(7).retry_after(), Some(7));
        assert_eq!(ResetError::WrongCode.retry_after(), None);
    }
}
