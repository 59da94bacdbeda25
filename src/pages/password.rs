use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{follow, use_flow_view, Progress};
use crate::api::{password_strength, ChangePassword};
use crate::components::{lang_field, shown_error, ErrorNote, Layout};
use crate::flow::rules::MIN_PASSWORD_CHARS;
use crate::flow::strength::Strength;
use crate::flow::Step;
use crate::i18n::{t, t_string, td_string, use_i18n};

/// How long typing must pause before the strength is asked for.
const STRENGTH_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(300);

/// Step 3: the new password, typed twice. Only after a verified code. Hydrated, the page says
/// while typing how long the password is, whether the two match and how hard it is to guess;
/// without JavaScript the same checks answer on submit.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow_view();
    let change = ServerAction::<ChangePassword>::new();
    let error = shown_error(move || change.value().get());
    follow(move || change.value().get());
    let lang = lang_field();
    let invalid = move |field: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| e.field() == Some(field))
                .then_some("true")
        }
    };
    let pending = change.pending();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let view = flow.await.unwrap_or_default();
                if view.step != Some(Step::CodeVerified) {
                    return view! { <Redirect path="/reset?error=no_flow"/> }.into_any();
                }
                let email = view.email.clone().unwrap_or_default();
                let max_bytes = view.max_password_bytes;
                let progress = Progress::field(&view);
                let guide = Guide::new(max_bytes, Progress::field(&view));
                view! {
                    <Layout flow=view name="password" title=|locale| td_string!(locale, password.title) step=3>
                        <p>{t!(i18n, password.intro)}</p>
                        <ErrorNote error/>
                        <ActionForm action=change attr:novalidate="">
                            // Lets password managers save the new password under the account.
                            <input type="email" name="username" autocomplete="username" hidden readonly value=email/>
                            <label for="password">{t!(i18n, password.label)}</label>
                            <input
                                id="password"
                                name="password"
                                type=move || guide.input_type()
                                autocomplete="new-password"
                                required
                                autofocus=move || invalid("password")().is_some()
                                aria-invalid=invalid("password")
                                aria-describedby=move || if invalid("password")().is_some() { "form-error password-hint strength" } else { "password-hint strength" }
                                on:input=move |ev| guide.typed(event_target_value(&ev))
                            />
                            <p id="password-hint" class="hint" aria-live="polite">
                                {move || guide.length_hint(i18n.get_locale())}
                            </p>
                            <div id="strength" class="strength" aria-live="polite">
                                {move || guide.strength.get().map(|strength| strength_view(&strength, i18n.get_locale()))}
                            </div>
                            <label for="confirm">{t!(i18n, password.confirm_label)}</label>
                            <input
                                id="confirm"
                                name="confirm"
                                type=move || guide.input_type()
                                autocomplete="new-password"
                                required
                                autofocus=move || invalid("confirm")().is_some()
                                aria-invalid=move || invalid("confirm")().or(guide.mismatch().then_some("true"))
                                aria-describedby=move || if invalid("confirm")().is_some() { "form-error confirm-hint" } else { "confirm-hint" }
                                on:input=move |ev| guide.confirm.set(event_target_value(&ev))
                            />
                            <p id="confirm-hint" class="hint" aria-live="polite">
                                {move || guide.match_hint(i18n.get_locale())}
                            </p>
                            {move || guide.hydrated.get().then(|| view! {
                                <button
                                    type="button"
                                    class="link toggle"
                                    aria-controls="password confirm"
                                    aria-pressed=move || if guide.shown.get() { "true" } else { "false" }
                                    on:click=move |_| guide.shown.update(|shown| *shown = !*shown)
                                >
                                    {move || if guide.shown.get() { t_string!(i18n, password.hide) } else { t_string!(i18n, password.show) }}
                                </button>
                            })}
                            <input type="hidden" name="progress" value=progress/>
                            <input type="hidden" name="lang" value=lang/>
                            <button type="submit" disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
                                {move || if pending.get() { t_string!(i18n, busy) } else { t_string!(i18n, password.submit) }}
                            </button>
                        </ActionForm>
                    </Layout>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The live guidance of the password page.
#[derive(Clone, Copy)]
struct Guide {
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    shown: RwSignal<bool>,
    hydrated: RwSignal<bool>,
    strength: RwSignal<Option<Strength>>,
    max_bytes: usize,
    typing: StoredValue<Option<TimeoutHandle>>,
}

impl Guide {
    fn new(max_bytes: usize, progress: impl Fn() -> String + Send + Sync + 'static) -> Self {
        let hydrated = RwSignal::new(false);
        Effect::new(move |_| hydrated.set(true));
        let strength = RwSignal::new(None);
        let rate = Action::new(|(password, progress): &(String, String)| {
            let (password, progress) = (password.clone(), progress.clone());
            async move {
                password_strength(Some(password), Some(progress).filter(|p| !p.is_empty()))
                    .await
                    .ok()
            }
        });
        let guide = Self {
            password: RwSignal::new(String::new()),
            confirm: RwSignal::new(String::new()),
            shown: RwSignal::new(false),
            hydrated,
            strength,
            max_bytes,
            typing: StoredValue::new(None),
        };
        let progress = StoredValue::new(progress);
        // After a pause in typing, the server rates what was typed (the latest answer wins).
        Effect::new(move |_| {
            let password = guide.password.get();
            if let Some(handle) = guide.typing.get_value() {
                handle.clear();
            }
            if !guide.length_ok(&password) {
                strength.set(None);
                return;
            }
            let progress = progress.with_value(|p| p());
            guide.typing.set_value(
                set_timeout_with_handle(
                    move || {
                        rate.dispatch((password, progress));
                    },
                    STRENGTH_DEBOUNCE,
                )
                .ok(),
            );
        });
        // A pause that outlives the page asks nothing.
        on_cleanup(move || {
            if let Some(Some(handle)) = guide.typing.try_get_value() {
                handle.clear();
            }
        });
        Effect::new(move |_| {
            if let Some(rated) = rate.value().get() {
                strength.set(rated.filter(|_| guide.length_ok(&guide.password.get_untracked())));
            }
        });
        guide
    }

    fn typed(self, password: String) {
        self.password.set(password);
    }

    fn input_type(self) -> &'static str {
        if self.shown.get() {
            "text"
        } else {
            "password"
        }
    }

    fn length_ok(self, password: &str) -> bool {
        password.chars().count() >= MIN_PASSWORD_CHARS && password.len() <= self.max_bytes
    }

    fn mismatch(self) -> bool {
        let confirm = self.confirm.get();
        !confirm.is_empty() && confirm != self.password.get()
    }

    /// The length rule, said for what is typed (the rule itself before anything is).
    fn length_hint(self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::td_string;
        let password = self.password.get();
        let (chars, bytes) = (password.chars().count(), password.len());
        let max = self.max_bytes;
        if password.is_empty() {
            td_string!(locale, password.hint, max).to_string()
        } else if bytes > self.max_bytes {
            td_string!(locale, password.too_long, bytes, max).to_string()
        } else if chars < MIN_PASSWORD_CHARS {
            let count = MIN_PASSWORD_CHARS - chars;
            // `count` ends with the space its language puts between sentences.
            format!(
                "{}{}",
                td_string!(locale, password.count, chars, bytes, max),
                td_string!(locale, password.need_more, count)
            )
        } else {
            format!(
                "{}{}",
                td_string!(locale, password.count, chars, bytes, max),
                td_string!(locale, password.length_ok)
            )
        }
    }

    /// Whether the second field matches the first, once something is typed in it.
    fn match_hint(self, locale: crate::i18n::Locale) -> &'static str {
        use crate::i18n::td_string;
        let confirm = self.confirm.get();
        if confirm.is_empty() {
            ""
        } else if confirm == self.password.get() {
            td_string!(locale, password.matching)
        } else {
            td_string!(locale, password.mismatch)
        }
    }
}

/// The meter, its words and the advice.
fn strength_view(strength: &Strength, locale: crate::i18n::Locale) -> impl IntoView {
    use crate::i18n::td_string;
    let advice = strength.advice.clone();
    view! {
        <p class="strength-label">
            {td_string!(locale, password.strength)} ": " <strong>{crate::text::score(strength.score, locale)}</strong>
        </p>
        <meter min="0" max="4" low="2" high="3" optimum="4" value=strength.score data-score=strength.score aria-hidden="true"></meter>
        <ul class="advice">
            {advice.warning.map(|w| view! { <li>{crate::text::warning(w, locale)}</li> })}
            {advice.suggestions.iter().map(|s| view! { <li>{crate::text::suggestion(*s, locale)}</li> }).collect_view()}
        </ul>
    }
}
