//! Sentences chosen by a value rather than written in a page: errors, password advice and
//! strength, in a given language (from `locales/*.json`, through leptos_i18n).

use crate::flow::strength::{Suggestion, Warning};
use crate::flow::ResetError;
use crate::i18n::{td_string, Locale};

/// The sentence for `error`.
pub fn error(error: &ResetError, locale: Locale) -> String {
    match error {
        ResetError::InvalidEmail => td_string!(locale, errors.invalid_email).to_string(),
        ResetError::InvalidCode => td_string!(locale, errors.invalid_code).to_string(),
        ResetError::WrongCode => td_string!(locale, errors.wrong_code).to_string(),
        ResetError::CodeExpired => td_string!(locale, errors.code_expired).to_string(),
        ResetError::TooManyAttempts => td_string!(locale, errors.too_many_attempts).to_string(),
        ResetError::CodeNotVerified => td_string!(locale, errors.code_not_verified).to_string(),
        ResetError::PasswordTooShort => td_string!(locale, errors.password_too_short).to_string(),
        ResetError::PasswordTooLong => td_string!(locale, errors.password_too_long).to_string(),
        ResetError::PasswordMismatch => td_string!(locale, errors.password_mismatch).to_string(),
        ResetError::PasswordTooWeak(_) => td_string!(locale, errors.password_too_weak).to_string(),
        ResetError::NoFlow => td_string!(locale, errors.no_flow).to_string(),
        ResetError::EmailNotSent => td_string!(locale, errors.email_not_sent).to_string(),
        ResetError::UnknownPool => td_string!(locale, errors.unknown_pool).to_string(),
        ResetError::PasswordNotAccepted => {
            td_string!(locale, errors.password_not_accepted).to_string()
        }
        ResetError::TooEarly(seconds) => {
            td_string!(locale, errors.too_early, seconds = *seconds).to_string()
        }
        // Seconds under two minutes, else whole minutes (rounded up).
        ResetError::SlowDown(seconds) if *seconds < 120 => {
            td_string!(locale, errors.slow_down_seconds, seconds = *seconds).to_string()
        }
        ResetError::SlowDown(seconds) => {
            let minutes = seconds.div_ceil(60);
            td_string!(locale, errors.slow_down_minutes, minutes).to_string()
        }
        ResetError::CrossSite => td_string!(locale, errors.cross_site).to_string(),
        ResetError::BadForm => td_string!(locale, errors.bad_form).to_string(),
        ResetError::TooLarge => td_string!(locale, errors.too_large).to_string(),
        ResetError::TryAgain => td_string!(locale, errors.try_again).to_string(),
    }
}

/// What is wrong with a password.
pub fn warning(warning: Warning, locale: Locale) -> &'static str {
    match warning {
        Warning::StraightRows => td_string!(locale, warning.straight_rows),
        Warning::ShortKeyboardPatterns => td_string!(locale, warning.short_keyboard_patterns),
        Warning::RepeatsAaa => td_string!(locale, warning.repeats_aaa),
        Warning::RepeatsAbcabc => td_string!(locale, warning.repeats_abcabc),
        Warning::Top10 => td_string!(locale, warning.top10),
        Warning::Top100 => td_string!(locale, warning.top100),
        Warning::Common => td_string!(locale, warning.common),
        Warning::SimilarToCommon => td_string!(locale, warning.similar_to_common),
        Warning::Sequences => td_string!(locale, warning.sequences),
        Warning::RecentYears => td_string!(locale, warning.recent_years),
        Warning::WordByItself => td_string!(locale, warning.word_by_itself),
        Warning::Dates => td_string!(locale, warning.dates),
        Warning::NamesByThemselves => td_string!(locale, warning.names_by_themselves),
        Warning::CommonNames => td_string!(locale, warning.common_names),
    }
}

/// How to make a password better.
pub fn suggestion(suggestion: Suggestion, locale: Locale) -> &'static str {
    match suggestion {
        Suggestion::FewWords => td_string!(locale, suggestion.few_words),
        Suggestion::NoNeedForSymbols => td_string!(locale, suggestion.no_need_for_symbols),
        Suggestion::AddWord => td_string!(locale, suggestion.add_word),
        Suggestion::Capitalization => td_string!(locale, suggestion.capitalization),
        Suggestion::AllUppercase => td_string!(locale, suggestion.all_uppercase),
        Suggestion::ReversedWords => td_string!(locale, suggestion.reversed_words),
        Suggestion::Substitutions => td_string!(locale, suggestion.substitutions),
        Suggestion::LongerKeyboardPattern => {
            td_string!(locale, suggestion.longer_keyboard_pattern)
        }
        Suggestion::AvoidRepeats => td_string!(locale, suggestion.avoid_repeats),
        Suggestion::AvoidSequences => td_string!(locale, suggestion.avoid_sequences),
        Suggestion::AvoidRecentYears => td_string!(locale, suggestion.avoid_recent_years),
        Suggestion::AvoidYears => td_string!(locale, suggestion.avoid_years),
        Suggestion::AvoidDates => td_string!(locale, suggestion.avoid_dates),
    }
}

/// A strength score (0 to 4) in words.
pub fn score(score: u8, locale: Locale) -> &'static str {
    match score {
        0 => td_string!(locale, strength.score_0),
        1 => td_string!(locale, strength.score_1),
        2 => td_string!(locale, strength.score_2),
        3 => td_string!(locale, strength.score_3),
        _ => td_string!(locale, strength.score_4),
    }
}
