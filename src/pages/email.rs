use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{follow, query_param, use_flow_view};
use crate::api::SendCode;
use crate::components::{shown_error, ErrorNote, Layout};

/// Step 1: the email address.
#[component]
pub fn EmailPage() -> impl IntoView {
    let flow = use_flow_view();
    let send = ServerAction::<SendCode>::new();
    let error = shown_error(move || send.value().get());
    follow(move || send.value().get());
    let email = query_param("email");
    let client_id = query_param("client_id");
    let return_to = query_param("return_to");
    let parent_origin = query_param("parent_origin");
    let invalid = move || error.get().is_some_and(|e| e.field() == Some("email"));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                view! {
                    <Layout demo=view.demo name="email" parent=view.parent_origin.clone() title="Reset your password" step=1>
                        <p>"Enter the email address of your account. We will send you a code."</p>
                        <ErrorNote error/>
                        <ActionForm action=send attr:novalidate="">
                            <label for="email">"Email"</label>
                            <input
                                id="email"
                                name="email"
                                type="email"
                                autocomplete="email"
                                inputmode="email"
                                spellcheck="false"
                                maxlength="254"
                                value=email
                                aria-invalid=move || invalid().then_some("true")
                                aria-describedby=move || invalid().then_some("form-error")
                            />
                            <input type="hidden" name="client_id" value=client_id/>
                            <input type="hidden" name="return_to" value=return_to/>
                            <input type="hidden" name="parent_origin" value=parent_origin/>
                            <button type="submit" disabled=move || send.pending().get()>
                                "Send code"
                            </button>
                        </ActionForm>
                    </Layout>
                }
            })}
        </Suspense>
    }
}
