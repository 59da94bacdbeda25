//! What Authing's error codes mean to the person resetting (see PROTOCOL.md's table).

use super::AuthingError;
use crate::flow::ResetError;

/// "User not found": never shown, so that step 1 cannot tell who has an account.
pub const USER_NOT_FOUND: i64 = 2004;
/// "No email bound to this account": treated like an unknown user, for the same reason.
pub const NO_EMAIL_BOUND: i64 = 2218;

/// Turns an upstream failure into the sentence the person sees.
pub fn to_reset_error(error: &AuthingError) -> ResetError {
    match error {
        AuthingError::Code(code) => match *code {
            2001 => ResetError::WrongCode,
            2003 | 2204 => ResetError::InvalidEmail,
            // After step 1 an unknown user can only mean a code that matches nothing.
            USER_NOT_FOUND | NO_EMAIL_BOUND => ResetError::WrongCode,
            2011 => ResetError::UnknownPool,
            2016 => ResetError::PasswordNotAccepted,
            2019 => ResetError::CodeNotVerified,
            2021 | 2025 | 3013 | 3014 => ResetError::EmailNotSent,
            2029 => ResetError::PasswordTooShort,
            2300 => ResetError::CodeExpired,
            _ => ResetError::TryAgain,
        },
        AuthingError::PasswordTooLong => ResetError::PasswordTooLong,
        AuthingError::Refused
        | AuthingError::Connect
        | AuthingError::Timeout
        | AuthingError::Http(_)
        | AuthingError::Garbage => ResetError::TryAgain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_has_its_sentence() {
        let table = [
            (1000, ResetError::TryAgain),
            (2001, ResetError::WrongCode),
            (2003, ResetError::InvalidEmail),
            (2204, ResetError::InvalidEmail),
            (2004, ResetError::WrongCode),
            (2011, ResetError::UnknownPool),
            (2016, ResetError::PasswordNotAccepted),
            (2019, ResetError::CodeNotVerified),
            (2021, ResetError::EmailNotSent),
            (2025, ResetError::EmailNotSent),
            (3013, ResetError::EmailNotSent),
            (3014, ResetError::EmailNotSent),
            (2029, ResetError::PasswordTooShort),
            (2218, ResetError::WrongCode),
            (2300, ResetError::CodeExpired),
        ];
        for (code, expected) in table {
            assert_eq!(
                to_reset_error(&AuthingError::Code(code)),
                expected,
                "{code}"
            );
        }
    }

    #[test]
    fn unknown_codes_and_transport_failures_say_try_again() {
        for error in [
            AuthingError::Code(9999),
            AuthingError::Code(-1),
            AuthingError::Refused,
            AuthingError::Connect,
            AuthingError::Timeout,
            AuthingError::Http(500),
            AuthingError::Garbage,
        ] {
            assert_eq!(to_reset_error(&error), ResetError::TryAgain, "{error:?}");
        }
    }
}
