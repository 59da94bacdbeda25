//! How hard a new password is to guess: a score from 0 to 4 and advice, as `zxcvbn` rates it
//! on the server (its dictionaries never reach the WASM). The advice is ours, so each piece has
//! a translation key and survives a query string.

use serde::{Deserialize, Serialize};

/// The lowest score accepted: a score of 0 ("very weak") is refused.
pub const MIN_SCORE: u8 = 1;

/// What is wrong with a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warning {
    StraightRows,
    ShortKeyboardPatterns,
    RepeatsAaa,
    RepeatsAbcabc,
    Top10,
    Top100,
    Common,
    SimilarToCommon,
    Sequences,
    RecentYears,
    WordByItself,
    Dates,
    NamesByThemselves,
    CommonNames,
}

/// How to make a password better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Suggestion {
    FewWords,
    NoNeedForSymbols,
    AddWord,
    Capitalization,
    AllUppercase,
    ReversedWords,
    Substitutions,
    LongerKeyboardPattern,
    AvoidRepeats,
    AvoidSequences,
    AvoidRecentYears,
    AvoidYears,
    AvoidDates,
}

/// A password's rating.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strength {
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
    pub advice: Advice,
}

/// The warning and suggestions that come with a rating.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub warning: Option<Warning>,
    pub suggestions: Vec<Suggestion>,
}

impl Strength {
    /// Whether a password of this rating is accepted.
    pub fn acceptable(&self) -> bool {
        self.score >= MIN_SCORE
    }
}

macro_rules! keyed {
    ($type:ident { $($variant:ident => $key:literal),* $(,)? }) => {
        impl $type {
            /// Every value, in order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// Its translation key (and its name in a query string).
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key),* }
            }

            /// Reads back [`Self::key`].
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.key() == key)
            }
        }
    };
}

keyed!(Warning {
    StraightRows => "straight_rows",
    ShortKeyboardPatterns => "short_keyboard_patterns",
    RepeatsAaa => "repeats_aaa",
    RepeatsAbcabc => "repeats_abcabc",
    Top10 => "top10",
    Top100 => "top100",
    Common => "common",
    SimilarToCommon => "similar_to_common",
    Sequences => "sequences",
    RecentYears => "recent_years",
    WordByItself => "word_by_itself",
    Dates => "dates",
    NamesByThemselves => "names_by_themselves",
    CommonNames => "common_names",
});

keyed!(Suggestion {
    FewWords => "few_words",
    NoNeedForSymbols => "no_need_for_symbols",
    AddWord => "add_word",
    Capitalization => "capitalization",
    AllUppercase => "all_uppercase",
    ReversedWords => "reversed_words",
    Substitutions => "substitutions",
    LongerKeyboardPattern => "longer_keyboard_pattern",
    AvoidRepeats => "avoid_repeats",
    AvoidSequences => "avoid_sequences",
    AvoidRecentYears => "avoid_recent_years",
    AvoidYears => "avoid_years",
    AvoidDates => "avoid_dates",
});

impl Advice {
    /// The advice in a query string: `warning.suggestion,suggestion` (each part may be empty).
    pub fn code(&self) -> String {
        let suggestions: Vec<&str> = self.suggestions.iter().map(|s| s.key()).collect();
        format!(
            "{}.{}",
            self.warning.map(Warning::key).unwrap_or_default(),
            suggestions.join(",")
        )
    }

    /// Reads back [`Advice::code`]; unknown parts are dropped.
    pub fn from_code(code: &str) -> Option<Self> {
        let (warning, suggestions) = code.split_once('.')?;
        Some(Self {
            warning: Warning::from_key(warning),
            suggestions: suggestions
                .split(',')
                .filter_map(Suggestion::from_key)
                .take(Suggestion::ALL.len())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_distinct_and_read_back() {
        for warning in Warning::ALL {
            assert_eq!(Warning::from_key(warning.key()), Some(*warning));
        }
        for suggestion in Suggestion::ALL {
            assert_eq!(Suggestion::from_key(suggestion.key()), Some(*suggestion));
        }
    }

    #[test]
    fn advice_survives_the_query_string() {
        let advice = Advice {
            warning: Some(Warning::Top100),
            suggestions: vec![Suggestion::AddWord, Suggestion::FewWords],
        };
        assert_eq!(Advice::from_code(&advice.code()), Some(advice));
        assert_eq!(Advice::from_code("."), Some(Advice::default()));
        assert_eq!(
            Advice::from_code("nonsense.<script>,few_words"),
            Some(Advice {
                warning: None,
                suggestions: vec![Suggestion::FewWords]
            })
        );
        assert_eq!(Advice::from_code("no dot"), None);
    }
}
