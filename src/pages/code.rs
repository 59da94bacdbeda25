use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{follow, query_param, start_over, use_flow_view, Progress};
use crate::api::{ResendCode, VerifyCode};
use crate::components::{lang_field, shown_error, ErrorNote, Layout};
use crate::flow::ResetError;
use crate::i18n::{t, t_string, td_string, use_i18n};

/// Step 2: the code from the email. Opened after step 1, or straight from an email link with
/// `email` (and `client_id`, `code`) in the query; opening it never submits anything.
#[component]
pub fn CodePage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow_view();
    let verify = ServerAction::<VerifyCode>::new();
    let resend = ServerAction::<ResendCode>::new();
    let verify_error = shown_error(move || verify.value().get());
    let resend_error = Signal::derive(move || match resend.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let error = Signal::derive(move || resend_error.get().or_else(|| verify_error.get()));
    follow(move || verify.value().get());
    follow(move || resend.value().get());
    let (link_email, link_pool, link_code, notice) = (
        query_param("email"),
        query_param("client_id"),
        query_param("code"),
        query_param("notice"),
    );
    let lang = lang_field();
    let invalid = move || error.get().is_some_and(|e| e.field() == Some("code"));
    let (verifying, resending) = (verify.pending(), resend.pending());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                // Read once: the page is not rebuilt when the query changes (a new code's
                // notice, the language), so nothing typed is lost.
                let (link, link_pool, link_code) = untrack(|| (link_email(), link_pool(), link_code()));
                let email = if link.trim().is_empty() { view.email.clone().unwrap_or_default() } else { link };
                if email.is_empty() {
                    return view! { <Redirect path="/reset?error=no_flow"/> }.into_any();
                }
                let pool = match link_pool {
                    pool if !pool.is_empty() => pool,
                    _ => view.pool.clone().unwrap_or_default(),
                };
                let wait = resend_wait(view.resend_in, view.resend_after, resend);
                let (progress, resend_progress) = (Progress::field(&view), Progress::field(&view));
                let other_email = start_over(&view);
                let (shown_email, resend_email, resend_pool) = (email.clone(), email.clone(), pool.clone());
                view! {
                    <Layout flow=view name="code" title=|locale| td_string!(locale, code.title) step=2>
                        <p>{t!(i18n, code.intro, email = move || shown_email.clone(), <b> = |children: ChildrenFn| view! { <strong class="email">{children()}</strong> })}</p>
                        {move || (notice() == "resent").then(|| view! { <p class="notice" role="status">{t!(i18n, code.resent)}</p> })}
                        <ErrorNote error/>
                        <ActionForm action=verify attr:novalidate="">
                            <label for="code">{t!(i18n, code.label)}</label>
                            <input
                                id="code"
                                name="code"
                                type="text"
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                pattern="[0-9]*"
                                maxlength="12"
                                required
                                value=link_code
                                autofocus=invalid
                                aria-invalid=move || invalid().then_some("true")
                                aria-describedby=move || if invalid() { "form-error code-hint" } else { "code-hint" }
                            />
                            <p id="code-hint" class="hint">{t!(i18n, code.hint)}</p>
                            <input type="hidden" name="email" value=email/>
                            <input type="hidden" name="client_id" value=pool/>
                            <input type="hidden" name="progress" value=progress/>
                            <input type="hidden" name="lang" value=lang/>
                            <button type="submit" disabled=move || verifying.get() aria-busy=move || verifying.get().then_some("true")>
                                {move || if verifying.get() { t_string!(i18n, busy) } else { t_string!(i18n, code.submit) }}
                            </button>
                        </ActionForm>
                        <div class="secondary">
                            <ActionForm action=resend>
                                <input type="hidden" name="email" value=resend_email/>
                                <input type="hidden" name="client_id" value=resend_pool/>
                                <input type="hidden" name="progress" value=resend_progress/>
                                <input type="hidden" name="lang" value=lang/>
                                <button
                                    type="submit"
                                    class="link"
                                    disabled=move || resending.get() || wait.get() != 0
                                    aria-busy=move || resending.get().then_some("true")
                                >
                                    {move || match wait.get() {
                                        0 => t_string!(i18n, code.resend).to_string(),
                                        seconds => t_string!(i18n, code.resend_in, seconds).to_string(),
                                    }}
                                </button>
                            </ActionForm>
                            <a href=other_email>{t!(i18n, code.other_email)}</a>
                        </div>
                    </Layout>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// Seconds until another code may be asked for, counting down once the page runs in the
/// browser, from the server's own wait (0 on the server: without JavaScript the button is
/// always there, and a click too early says how long is left). Starts again after a resend.
fn resend_wait(
    resend_in: u64,
    resend_after: u64,
    resend: ServerAction<ResendCode>,
) -> RwSignal<u64> {
    let wait = RwSignal::new(0u64);
    Effect::new(move |_| {
        wait.set(resend_in);
        // `try_update`: a tick that outlives the page does nothing.
        let tick = set_interval_with_handle(
            move || {
                wait.try_update(|w| *w = w.saturating_sub(1));
            },
            std::time::Duration::from_secs(1),
        );
        on_cleanup(move || {
            if let Ok(tick) = tick {
                tick.clear();
            }
        });
    });
    Effect::new(move |_| match resend.value().get() {
        Some(Ok(_)) => wait.set(resend_after),
        Some(Err(ResetError::TooEarly(seconds))) => wait.set(seconds),
        _ => {}
    });
    wait
}
