//! The one error type of the reset flow. Every variant is one sentence a person understands;
//! upstream causes are logged where they happen and never shown.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a step of the reset did not go through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ResetError {
    /// The email field is empty, malformed or longer than 254 characters.
    #[error("Enter a valid email address, like name@example.com.")]
    InvalidEmail,
    /// The code field is empty or is not 4 to 8 digits.
    #[error("Enter the code from the email: digits only.")]
    InvalidCode,
    /// Authing says the code does not match.
    #[error("That code is not right. Check the email and try again.")]
    WrongCode,
    /// Authing says the code has expired.
    #[error("That code has expired. Ask for a new one.")]
    CodeExpired,
    /// Too many wrong codes: the flow is over.
    #[error("Too many wrong codes. Enter your email to get a new code.")]
    TooManyAttempts,
    /// The password step was reached without a verified code.
    #[error("Enter the code from the email before choosing a new password.")]
    CodeNotVerified,
    /// The new password is shorter than 8 characters.
    #[error("Your new password needs at least 8 characters.")]
    PasswordTooShort,
    /// The new password does not fit the RSA key that carries it.
    #[error("Your new password is too long: it can be at most 117 bytes (about 117 Latin letters or 39 Chinese characters).")]
    PasswordTooLong,
    /// The two password fields differ.
    #[error("The two passwords do not match.")]
    PasswordMismatch,
    /// There is no progress (no cookie, expired, tampered or another key).
    #[error("Your reset has expired or was started elsewhere. Enter your email to start again.")]
    NoFlow,
    /// Authing could not send the email.
    #[error("We could not send the email just now. Try again in a few minutes.")]
    EmailNotSent,
    /// The user pool in the link does not exist or is not allowed here.
    #[error("This reset link is for an application we do not know. Ask the site that sent it for a new link.")]
    UnknownPool,
    /// Authing could not read the encrypted password.
    #[error("Your new password could not be accepted. Try again, or choose another one.")]
    PasswordNotAccepted,
    /// A new code was asked for too soon; the number is the seconds left.
    #[error("Wait {0} seconds before asking for another code.")]
    TooEarly(u64),
    /// Too many codes were asked for this address or from this network; the number is the
    /// seconds left.
    #[error("Too many codes were asked for. Try again in {}.", wait_in_words(*.0))]
    SlowDown(u64),
    /// A form post came from another site (cross-site request forgery) and was refused.
    #[error("This form was sent from another site, so it was refused. Open the reset page itself and try again.")]
    CrossSite,
    /// The form was missing fields or was not valid text.
    #[error("The form arrived incomplete or garbled. Please fill it in again.")]
    BadForm,
    /// The form was larger than any real one.
    #[error("The form was too large. Please fill it in again.")]
    TooLarge,
    /// The upstream was slow, down or answered nonsense; the person keeps their step.
    #[error("Something went wrong on our side. Please try again in a moment.")]
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
            Self::PasswordTooShort | Self::PasswordTooLong | Self::PasswordNotAccepted => {
                Some("password")
            }
            Self::PasswordMismatch => Some("confirm"),
            _ => None,
        }
    }
}

/// A wait said in words: seconds under two minutes, else whole minutes (rounded up).
fn wait_in_words(seconds: u64) -> String {
    if seconds < 120 {
        format!("{seconds} seconds")
    } else {
        format!("{} minutes", seconds.div_ceil(60))
    }
}

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

    const ALL: [ResetError; 19] = [
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
    ];

    #[test]
    fn every_error_survives_the_query_string() {
        for error in ALL {
            assert_eq!(ResetError::from_code(&error.code()), Some(error.clone()));
        }
    }

    #[test]
    fn every_error_is_one_sentence_without_internals() {
        for error in ALL {
            let text = error.to_string();
            assert!(text.ends_with('.'), "{text}");
            assert!(!text.contains("Authing"), "{text}");
            assert!(text.len() < 140, "{text}");
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
        for error in ALL {
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
