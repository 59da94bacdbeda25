//! Messages to the embedding page, when the page is framed by an allowed `parent_origin`:
//! a versioned envelope `{source: "authing-reset", version: 1, type, ...}` posted to that
//! origin only (never `"*"`): `step` on each page, `resize` with the page's height on every
//! layout change, `error` with the error's code (never personal data), and `done`.

use leptos::prelude::*;

/// The embedding page's origin, if the server found it allowed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParentOrigin(pub Option<String>);

/// Announces the page's step to the embedding page and keeps it told of the page's height.
#[component]
pub fn ParentMessages(
    /// `email`, `code`, `password` or `done`.
    step: &'static str,
) -> impl IntoView {
    let parent = use_context::<ParentOrigin>().unwrap_or_default().0;
    Effect::new(move |_| {
        if let Some(origin) = parent.as_deref() {
            post(origin, "step", Some(("step", step)));
            if step == "done" {
                post(origin, "done", None);
            }
            watch_height(origin);
        }
    });
}

/// Tells the embedding page about an error shown, by its code.
pub fn post_error(code: &str) {
    if let Some(ParentOrigin(Some(origin))) = use_context::<ParentOrigin>() {
        post(&origin, "error", Some(("code", code)));
    }
}

#[cfg(feature = "hydrate")]
fn envelope(kind: &str) -> js_sys::Object {
    use js_sys::Reflect;
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"source".into(), &"authing-reset".into());
    let _ = Reflect::set(&message, &"version".into(), &1.into());
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    message
}

/// The embedding window, if the page is framed at all.
#[cfg(feature = "hydrate")]
fn parent_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

#[cfg(feature = "hydrate")]
fn post(origin: &str, kind: &str, field: Option<(&str, &str)>) {
    let message = envelope(kind);
    if let Some((name, value)) = field {
        let _ = js_sys::Reflect::set(&message, &name.into(), &value.into());
    }
    send(&message, origin);
}

#[cfg(feature = "hydrate")]
fn send(message: &js_sys::Object, origin: &str) {
    if let Some(parent) = parent_window() {
        let _ = parent.post_message(message, origin);
    }
}

#[cfg(not(feature = "hydrate"))]
fn post(_origin: &str, _kind: &str, _field: Option<(&str, &str)>) {}

/// Posts `resize` whenever the document's height changes (one observer per document).
#[cfg(feature = "hydrate")]
fn watch_height(origin: &str) {
    use std::cell::Cell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    thread_local! {
        static WATCHING: Cell<bool> = const { Cell::new(false) };
    }
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let origin = origin.to_string();
    let measured = root.clone();
    let last = Cell::new(-1i32);
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let height = measured.scroll_height();
        if height != last.replace(height) {
            let message = envelope("resize");
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            send(&message, &origin);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            observer.observe(&body);
        }
    }
    // The observer lives as long as the document.
    on_resize.forget();
}

#[cfg(not(feature = "hydrate"))]
fn watch_height(_origin: &str) {}
