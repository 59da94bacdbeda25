use leptos::prelude::*;

use super::use_flow_view;
use crate::components::Layout;

/// The password was changed.
#[component]
pub fn DonePage() -> impl IntoView {
    let flow = use_flow_view();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                view! {
                    <Layout demo=view.demo name="done" parent=view.parent_origin.clone() title="Password changed">
                        <p role="status">"Your password has been changed. You can now sign in with your new password."</p>
                        {view.return_to.clone().map(|url| view! {
                            <p><a class="button" href=url>"Back to sign in"</a></p>
                        })}
                        <p>"If you did not ask for this change, contact the site's support."</p>
                    </Layout>
                }
            })}
        </Suspense>
    }
}
