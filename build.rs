//! Generates the translations module (`leptos_i18n`) from `locales/*.json`. English is the
//! default; every other file in `locales/` is a language, so adding one is adding its file.

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

const DEFAULT: &str = "en";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let mut others: Vec<String> = std::fs::read_dir("locales")?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .filter(|name| name != DEFAULT)
        .collect();
    others.sort();
    // Interpolated keys also give plain strings (`td_string!`), for errors and the server.
    let mut config =
        Config::new(DEFAULT)?.parse_options(ParseOptions::default().interpolate_display(true));
    for locale in &others {
        config = config.add_locale(locale)?;
    }
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    translations.generate_i18n_module(out)?;
    Ok(())
}
