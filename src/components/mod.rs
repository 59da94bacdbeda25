//! Pieces the pages share.

mod error_note;
mod layout;

pub use error_note::{shown_error, ErrorNote};
pub use layout::Layout;
