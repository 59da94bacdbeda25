//! Pieces the pages share.

mod error_note;
mod lang;
mod layout;
mod parent;

pub use error_note::{shown_error, ErrorNote};
pub use lang::{lang_field, use_lang_param, FollowLang, LangSwitch};
pub use layout::{stepped, Layout};
pub use parent::{post_error, ParentMessages, ParentOrigin};
