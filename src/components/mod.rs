//! Pieces the pages share.

mod error_note;
mod layout;
mod parent;

pub use error_note::{shown_error, ErrorNote};
pub use layout::Layout;
pub use parent::{post_error, ParentMessages, ParentOrigin};
