//! One file per page of the wizard.

mod code;
mod done;
mod email;
mod not_found;
mod password;

pub use code::CodePage;
pub use done::DonePage;
pub use email::EmailPage;
pub use not_found::NotFound;
pub use password::PasswordPage;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::flow_view;
use crate::components::{stepped, use_lang_param};
use crate::flow::{FlowView, Next, ResetError};
use crate::i18n::I18nLocaleTrait;

/// The sealed progress the browser carries in its forms, in case it keeps no cookie: the last
/// one a step gave back (the page's own, from its [`FlowView`], until then).
#[derive(Clone, Copy)]
pub struct Progress(RwSignal<Option<String>>);

impl Progress {
    /// Provided once, for every page.
    pub fn provide() {
        provide_context(Self(RwSignal::new(None)));
    }

    fn current() -> Self {
        use_context::<Self>().unwrap_or_else(|| Self(RwSignal::new(None)))
    }

    /// What a form's hidden `progress` field carries: the last step's, else the page's.
    fn field(view: &FlowView) -> impl Fn() -> String + Send + Sync + 'static {
        let own = view.progress.clone().unwrap_or_default();
        let last = Self::current().0;
        move || last.get().unwrap_or_else(|| own.clone())
    }
}

/// The progress as the page sees it, fetched again whenever the query changes.
fn use_flow_view() -> Resource<Result<FlowView, ResetError>> {
    let query = use_query_map();
    let progress = Progress::current().0;
    Resource::new(
        move || {
            let query = query.read();
            (query.get("return_to"), query.get("parent_origin"))
        },
        move |(return_to, parent_origin)| {
            flow_view(return_to, parent_origin, progress.get_untracked())
        },
    )
}

/// Goes where a step leads once it succeeds (in the browser), keeping the progress it gives.
fn follow(step: impl Fn() -> Option<Result<Next, ResetError>> + Send + Sync + 'static) {
    let navigate = use_navigate();
    let progress = Progress::current().0;
    Effect::new(move |_| {
        if let Some(Ok(next)) = step() {
            progress.set(next.progress);
            if !next.to.is_empty() {
                stepped();
                navigate(&next.to, Default::default());
            }
        }
    });
}

/// A query parameter, or an empty string.
fn query_param(name: &'static str) -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}

/// Step 1 again, keeping only what is not personal: the pool, the way back, the embedding
/// page and the language.
fn start_over(view: &FlowView) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang_param();
    let kept = [
        ("client_id", view.pool.clone()),
        ("return_to", view.return_to.clone()),
        ("parent_origin", view.parent_origin.clone()),
    ];
    move || {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &kept {
            if let Some(value) = value {
                query.append_pair(name, value);
            }
        }
        if let Some(lang) = lang.get() {
            query.append_pair("lang", lang.as_str());
        }
        match query.finish() {
            query if query.is_empty() => "/reset".to_string(),
            query => format!("/reset?{query}"),
        }
    }
}
