//! The reset wizard's rules: what a person's progress is, which page they may see,
//! which input is acceptable, and the one error type every step speaks.

pub mod error;
pub mod progress;
pub mod rules;
pub mod strength;
pub mod view;

#[cfg(feature = "ssr")]
pub mod cookie;

pub use error::ResetError;
pub use progress::{ResetFlow, Step};
pub use view::{Brand, FlowView, Next};
