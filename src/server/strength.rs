//! Rates a new password with `zxcvbn` (server only: its dictionaries stay out of the WASM),
//! taking the account's email into account, and maps its advice onto ours.

use zxcvbn::feedback::{Suggestion as Z, Warning as W};

use crate::flow::strength::{Advice, Strength, Suggestion, Warning};

/// Rates `password` for the account `email`. Longer input than any accepted password is not
/// rated (zxcvbn's work grows with the length): the length rule refuses it anyway.
pub fn rate(password: &str, email: &str, max_bytes: usize) -> Strength {
    if password.is_empty() || password.len() > max_bytes {
        return Strength::default();
    }
    let local = email.split('@').next().unwrap_or_default();
    let entropy = zxcvbn::zxcvbn(password, &[email, local]);
    let feedback = entropy.feedback();
    Strength {
        score: u8::from(entropy.score()),
        advice: Advice {
            warning: feedback.and_then(|f| f.warning()).map(warning),
            suggestions: feedback
                .map(|f| f.suggestions().iter().copied().map(suggestion).collect())
                .unwrap_or_default(),
        },
    }
}

fn warning(warning: W) -> Warning {
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => Warning::StraightRows,
        W::ShortKeyboardPatternsAreEasyToGuess => Warning::ShortKeyboardPatterns,
        W::RepeatsLikeAaaAreEasyToGuess => Warning::RepeatsAaa,
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => Warning::RepeatsAbcabc,
        W::ThisIsATop10Password => Warning::Top10,
        W::ThisIsATop100Password => Warning::Top100,
        W::ThisIsACommonPassword => Warning::Common,
        W::ThisIsSimilarToACommonlyUsedPassword => Warning::SimilarToCommon,
        W::SequencesLikeAbcAreEasyToGuess => Warning::Sequences,
        W::RecentYearsAreEasyToGuess => Warning::RecentYears,
        W::AWordByItselfIsEasyToGuess => Warning::WordByItself,
        W::DatesAreOftenEasyToGuess => Warning::Dates,
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => Warning::NamesByThemselves,
        W::CommonNamesAndSurnamesAreEasyToGuess => Warning::CommonNames,
    }
}

fn suggestion(suggestion: Z) -> Suggestion {
    match suggestion {
        Z::UseAFewWordsAvoidCommonPhrases => Suggestion::FewWords,
        Z::NoNeedForSymbolsDigitsOrUppercaseLetters => Suggestion::NoNeedForSymbols,
        Z::AddAnotherWordOrTwo => Suggestion::AddWord,
        Z::CapitalizationDoesntHelpVeryMuch => Suggestion::Capitalization,
        Z::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => Suggestion::AllUppercase,
        Z::ReversedWordsArentMuchHarderToGuess => Suggestion::ReversedWords,
        Z::PredictableSubstitutionsDontHelpVeryMuch => Suggestion::Substitutions,
        Z::UseALongerKeyboardPatternWithMoreTurns => Suggestion::LongerKeyboardPattern,
        Z::AvoidRepeatedWordsAndCharacters => Suggestion::AvoidRepeats,
        Z::AvoidSequences => Suggestion::AvoidSequences,
        Z::AvoidRecentYears => Suggestion::AvoidRecentYears,
        Z::AvoidYearsThatAreAssociatedWithYou => Suggestion::AvoidYears,
        Z::AvoidDatesAndYearsThatAreAssociatedWithYou => Suggestion::AvoidDates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_very_weak_with_advice() {
        let rated = rate("password", "alice@example.com", 117);
        assert_eq!(rated.score, 0);
        assert!(!rated.acceptable());
        assert!(rated.advice.warning.is_some(), "{rated:?}");
    }

    #[test]
    fn the_email_counts_against_the_password() {
        let email = "quibblewenceslas@example.com";
        let alone = rate("quibblewenceslas", "someone@example.com", 117);
        let own = rate("quibblewenceslas", email, 117);
        assert!(own.score < alone.score, "{own:?} vs {alone:?}");
    }

    #[test]
    fn a_few_words_are_strong() {
        let rated = rate("correct horse battery staple", "alice@example.com", 117);
        assert!(rated.score >= 3, "{rated:?}");
        assert!(rated.acceptable());
    }

    #[test]
    fn too_long_or_empty_is_not_rated() {
        assert_eq!(rate(&"x".repeat(118), "a@b.co", 117), Strength::default());
        assert_eq!(rate("", "a@b.co", 117), Strength::default());
    }
}
