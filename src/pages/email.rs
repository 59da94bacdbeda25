use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{follow, query_param, use_flow_view};
use crate::api::SendCode;
use crate::components::{lang_field, shown_error, ErrorNote, Layout};
use crate::i18n::{t, t_string, td_string, use_i18n};

/// Step 1: the email address.
#[component]
pub fn EmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow_view();
    let send = ServerAction::<SendCode>::new();
    let error = shown_error(move || send.value().get());
    follow(move || send.value().get());
    let email = query_param("email");
    let client_id = query_param("client_id");
    let return_to = query_param("return_to");
    let parent_origin = query_param("parent_origin");
    let lang = lang_field();
    let invalid = move || error.get().is_some_and(|e| e.field() == Some("email"));
    let pending = send.pending();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                view! {
                    <Layout flow=view name="email" title=|locale| td_string!(locale, email.title) step=1>
                        <p>{t!(i18n, email.intro)}</p>
                        <ErrorNote error/>
                        <ActionForm action=send attr:novalidate="">
                            <label for="email">{t!(i18n, email.label)}</label>
                            <input
                                id="email"
                                name="email"
                                type="email"
                                autocomplete="email"
                                inputmode="email"
                                spellcheck="false"
                                maxlength="254"
                                required
                                value=email
                                autofocus=invalid
                                aria-invalid=move || invalid().then_some("true")
                                aria-describedby=move || invalid().then_some("form-error")
                            />
                            <input type="hidden" name="client_id" value=client_id/>
                            <input type="hidden" name="return_to" value=return_to/>
                            <input type="hidden" name="parent_origin" value=parent_origin/>
                            <input type="hidden" name="lang" value=lang/>
                            <button type="submit" disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
                                {move || if pending.get() { t_string!(i18n, busy) } else { t_string!(i18n, email.submit) }}
                            </button>
                        </ActionForm>
                    </Layout>
                }
            })}
        </Suspense>
    }
}
