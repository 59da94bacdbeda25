use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{follow, query_param, use_flow_view, Progress};
use crate::api::{ResendCode, VerifyCode};
use crate::components::{shown_error, ErrorNote, Layout};

/// Step 2: the code from the email. Opened after step 1, or straight from an email link with
/// `email` (and `client_id`, `code`) in the query; opening it never submits anything.
#[component]
pub fn CodePage() -> impl IntoView {
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
    let invalid = move || error.get().is_some_and(|e| e.field() == Some("code"));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                let link = link_email();
                let email = if link.trim().is_empty() { view.email.clone().unwrap_or_default() } else { link };
                if email.is_empty() {
                    return view! { <Redirect path="/reset?error=no_flow"/> }.into_any();
                }
                let pool = match link_pool() {
                    pool if !pool.is_empty() => pool,
                    _ => view.pool.clone().unwrap_or_default(),
                };
                let resent = notice() == "resent";
                let (progress, resend_progress) = (Progress::field(&view), Progress::field(&view));
                let (shown_email, resend_email, resend_pool) = (email.clone(), email.clone(), pool.clone());
                view! {
                    <Layout demo=view.demo name="code" parent=view.parent_origin.clone() title="Check your email" step=2>
                        <p>"We sent a code to " <strong class="email">{shown_email}</strong> " if it belongs to an account. Enter it below."</p>
                        {resent.then(|| view! { <p class="notice" role="status">"We sent a new code."</p> })}
                        <ErrorNote error/>
                        <ActionForm action=verify attr:novalidate="">
                            <label for="code">"Verification code"</label>
                            <input
                                id="code"
                                name="code"
                                type="text"
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                maxlength="12"
                                value=link_code
                                aria-invalid=move || invalid().then_some("true")
                                aria-describedby=move || invalid().then_some("form-error")
                            />
                            <input type="hidden" name="email" value=email/>
                            <input type="hidden" name="client_id" value=pool/>
                            <input type="hidden" name="progress" value=progress/>
                            <button type="submit" disabled=move || verify.pending().get()>"Verify code"</button>
                        </ActionForm>
                        <div class="secondary">
                            <ActionForm action=resend>
                                <input type="hidden" name="email" value=resend_email/>
                                <input type="hidden" name="client_id" value=resend_pool/>
                                <input type="hidden" name="progress" value=resend_progress/>
                                <button type="submit" class="link" disabled=move || resend.pending().get()>
                                    "Send a new code"
                                </button>
                            </ActionForm>
                            <a href="/reset">"Use another email"</a>
                        </div>
                    </Layout>
                }
                .into_any()
            })}
        </Suspense>
    }
}
