//! The server functions, one per step, each at an explicit endpoint under `/api/reset/`.
//! Each is one line: the work happens in [`crate::server::exchange`] and the wizard.

mod change;
mod resend;
mod send;
mod state;
mod strength;
mod verify;

pub use change::{change_password, ChangePassword};
pub use resend::{resend_code, ResendCode};
pub use send::{send_code, SendCode};
pub use state::{flow_view, FlowViewFn};
pub use strength::{password_strength, PasswordStrength};
pub use verify::{verify_code, VerifyCode};
