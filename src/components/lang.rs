//! The page's language: `?lang=` when a link or the switch chose one, else what the browser
//! accepts (leptos_i18n reads `Accept-Language` on the server and `<html lang>` when hydrating).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::i18n::{t_string, td_string, use_i18n, I18nLocaleTrait, Locale};

/// The language `?lang=` names, if it is one of ours.
pub fn use_lang_param() -> Memo<Option<Locale>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("lang")
            .and_then(|lang| lang.parse::<Locale>().ok())
    })
}

/// What a form's hidden `lang` field carries: the language the address asked for, so the next
/// page keeps it (empty when the browser's own language was used).
pub fn lang_field() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang_param();
    move || {
        lang.get()
            .map(|l| l.as_str().to_string())
            .unwrap_or_default()
    }
}

/// Follows `?lang=`, on the server before the pages render and in the browser on every change.
#[component]
pub fn FollowLang() -> impl IntoView {
    let i18n = use_i18n();
    let wanted = use_lang_param();
    if let Some(locale) = wanted.get_untracked() {
        i18n.set_locale(locale);
    }
    // Without `lang`, the server reads `Accept-Language` itself, so that `zh` and `zh-Hans`
    // also mean Simplified Chinese (the browser then keeps what `<html lang>` says).
    #[cfg(feature = "ssr")]
    if wanted.get_untracked().is_none() {
        if let Some(parts) = use_context::<http::request::Parts>() {
            i18n.set_locale(crate::server::lang::locale_of(&parts.headers, None));
        }
    }
    Effect::new(move |_| {
        if let Some(locale) = wanted.get() {
            if i18n.get_locale_untracked() != locale {
                i18n.set_locale(locale);
            }
        }
    });
}

/// Links to this page in each language (the query kept), each named in its own language.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let links = Locale::get_all()
        .iter()
        .map(|&locale| {
            let href = move || {
                let mut query = query.get();
                query.replace("lang", locale.as_str().to_string());
                format!("{}{}", location.pathname.get(), query.to_query_string())
            };
            let current = move || (i18n.get_locale() == locale).then_some("true");
            view! {
                <a href=href hreflang=locale.as_str() lang=locale.as_str() aria-current=current>
                    {td_string!(locale, language_name)}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=move || t_string!(i18n, language_switch)>
            {links}
        </nav>
    }
}
