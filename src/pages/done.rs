use leptos::prelude::*;

use super::use_flow_view;
use crate::components::Layout;
use crate::i18n::{t, td_string, use_i18n};

/// The password was changed.
#[component]
pub fn DonePage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow_view();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                let back = view.return_to.clone();
                view! {
                    <Layout flow=view name="done" title=|locale| td_string!(locale, done.title)>
                        <p role="status">{t!(i18n, done.text)}</p>
                        {back.map(|url| view! {
                            <p><a class="button" href=url>{t!(i18n, done.back)}</a></p>
                        })}
                        <p class="hint">{t!(i18n, done.not_you)}</p>
                    </Layout>
                }
            })}
        </Suspense>
    }
}
