//! Authing, the upstream: a small trait for the three reset calls, the legacy GraphQL
//! adapter behind it, the password encryption it needs, and what its error codes mean.

pub mod codes;
pub mod graphql;
pub mod password;
pub mod queries;

use async_trait::async_trait;

/// What went wrong talking to Authing. Logged, then turned into a [`crate::flow::ResetError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthingError {
    /// Authing answered with an error code (`errors[].message.code`).
    #[error("Authing refused with code {0}")]
    Code(i64),
    /// Authing answered an error without a readable code.
    #[error("Authing refused without a code")]
    Refused,
    /// The connection could not be made (nothing was sent).
    #[error("could not connect to Authing")]
    Connect,
    /// No answer within the deadline.
    #[error("Authing did not answer in time")]
    Timeout,
    /// An HTTP error status without a readable GraphQL error.
    #[error("Authing answered HTTP {0}")]
    Http(u16),
    /// The answer was not the GraphQL envelope we expect.
    #[error("Authing answered something unreadable")]
    Garbage,
    /// The password could not be encrypted (longer than the key carries).
    #[error("the password does not fit the key")]
    PasswordTooLong,
}

/// The three calls of a password reset, as any Authing API offers them.
#[async_trait]
pub trait AuthingApi: Send + Sync {
    /// Asks Authing to email a reset code to `email` in user pool `pool`.
    async fn send_reset_email(&self, pool: &str, email: &str) -> Result<(), AuthingError>;
    /// Checks the code the person typed.
    async fn verify_reset_code(
        &self,
        pool: &str,
        email: &str,
        code: &str,
    ) -> Result<(), AuthingError>;
    /// Sets the new password, proving the reset with the verified code.
    async fn change_password(
        &self,
        pool: &str,
        email: &str,
        code: &str,
        password: &str,
    ) -> Result<(), AuthingError>;
    /// The longest password (UTF-8 bytes) this upstream can carry.
    fn max_password_bytes(&self) -> usize;
}
