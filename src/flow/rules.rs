//! The wizard's rules as plain functions: input checks and which page a person may see.

use super::{ResetError, ResetFlow, Step};

/// Longest email address accepted (RFC 5321's path limit less the brackets).
pub const MAX_EMAIL_LEN: usize = 254;
/// Fewest characters in a new password.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Most UTF-8 bytes a 1024-bit RSA key carries under PKCS#1 v1.5.
pub const MAX_PASSWORD_BYTES: usize = 117;

/// Checks an email address for syntax and length, returning it trimmed.
///
/// The syntax is the WHATWG definition of a valid email address (what `<input type=email>`
/// accepts), written out because no small crate checks exactly that.
pub fn check_email(raw: &str) -> Result<String, ResetError> {
    let email = raw.trim();
    if email.is_empty() || email.len() > MAX_EMAIL_LEN {
        return Err(ResetError::InvalidEmail);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(ResetError::InvalidEmail);
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok {
        Ok(email.to_string())
    } else {
        Err(ResetError::InvalidEmail)
    }
}

/// Checks a verification code: 4 to 8 digits once spaces are removed.
pub fn check_code(raw: &str) -> Result<String, ResetError> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if (4..=8).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(ResetError::InvalidCode)
    }
}

/// Checks a user pool id: what Authing issues is 24 hex digits; accept any short id made of
/// letters, digits, `-` and `_`, so private deployments keep working.
pub fn check_pool(raw: &str) -> Option<String> {
    let pool = raw.trim();
    let ok = (1..=64).contains(&pool.len())
        && pool
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| pool.to_string())
}

/// Checks a new password typed twice: long enough, short enough for the key, the same twice.
pub fn check_password(password: &str, confirm: &str, max_bytes: usize) -> Result<(), ResetError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ResetError::PasswordTooShort);
    }
    if password.len() > max_bytes {
        return Err(ResetError::PasswordTooLong);
    }
    if password != confirm {
        return Err(ResetError::PasswordMismatch);
    }
    Ok(())
}

/// The wizard's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Step 1: the email.
    Email,
    /// Step 2: the code.
    Code,
    /// Step 3: the new password.
    Password,
    /// The password was changed.
    Done,
}

impl Page {
    /// The page's public path.
    pub fn path(self) -> &'static str {
        match self {
            Self::Email => "/reset",
            Self::Code => "/reset/code",
            Self::Password => "/reset/password",
            Self::Done => "/reset/done",
        }
    }
}

/// Where a page request goes: served, or sent elsewhere with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAccess {
    /// Serve the page.
    Allow,
    /// Send the person to this path, showing this error.
    Redirect(&'static str, ResetError),
}

/// Which page a person may see, given their progress and whether the request carries an
/// email link (`email` in the query).
pub fn page_access(path: &str, flow: Option<&ResetFlow>, email_link: bool) -> PageAccess {
    match path.trim_end_matches('/') {
        "/reset/code" if flow.is_some() || email_link => PageAccess::Allow,
        "/reset/code" => PageAccess::Redirect("/reset", ResetError::NoFlow),
        "/reset/password" => match flow.map(|f| f.step) {
            Some(Step::CodeVerified) => PageAccess::Allow,
            Some(Step::CodeSent) => PageAccess::Redirect("/reset", ResetError::CodeNotVerified),
            None => PageAccess::Redirect("/reset", ResetError::NoFlow),
        },
        _ => PageAccess::Allow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_people_type_are_accepted_and_trimmed() {
        for ok in [
            "alice@example.com",
            " bob.smith+reset@mail.example.co.uk ",
            "x@a-b.cn",
            "o'neil@example.org",
        ] {
            assert_eq!(check_email(ok).as_deref(), Ok(ok.trim()));
        }
    }

    #[test]
    fn malformed_emails_are_refused() {
        let long = format!("{}@example.com", "a".repeat(250));
        for bad in [
            "",
            "   ",
            "alice",
            "alice@",
            "@example.com",
            "alice@example",
            "a b@example.com",
            "alice@exa mple.com",
            "alice@@example.com",
            "alice@-example.com",
            "alice@example..com",
            "alice@exam\nple.com",
            "<script>@x.com",
            long.as_str(),
            "张伟@example.com",
        ] {
            assert_eq!(check_email(bad), Err(ResetError::InvalidEmail), "{bad:?}");
        }
    }

    #[test]
    fn codes_are_digits_only() {
        assert_eq!(check_code(" 123 456 ").as_deref(), Ok("123456"));
        assert_eq!(check_code("1234").as_deref(), Ok("1234"));
        for bad in ["", "123", "12a456", "123456789", "１２３４５６", "-12345"] {
            assert_eq!(check_code(bad), Err(ResetError::InvalidCode), "{bad:?}");
        }
    }

    #[test]
    fn pool_ids_are_short_and_plain() {
        assert_eq!(
            check_pool("5f8d0e1c9a3b4c2d1e0f7a6b").as_deref(),
            Some("5f8d0e1c9a3b4c2d1e0f7a6b")
        );
        assert_eq!(check_pool("demo-pool").as_deref(), Some("demo-pool"));
        for bad in ["", "a b", "../x", &"a".repeat(65), "pool\u{0}"] {
            assert_eq!(check_pool(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn passwords_are_checked_in_order() {
        assert_eq!(
            check_password("short", "short", 117),
            Err(ResetError::PasswordTooShort)
        );
        let long = "a".repeat(118);
        assert_eq!(
            check_password(&long, &long, 117),
            Err(ResetError::PasswordTooLong)
        );
        let exact = "a".repeat(117);
        assert_eq!(check_password(&exact, &exact, 117), Ok(()));
        // 39 Chinese characters are 117 bytes; 40 are too many.
        let han = "密".repeat(39);
        assert_eq!(check_password(&han, &han, 117), Ok(()));
        let han = "密".repeat(40);
        assert_eq!(
            check_password(&han, &han, 117),
            Err(ResetError::PasswordTooLong)
        );
        assert_eq!(
            check_password("correct horse", "correct horsf", 117),
            Err(ResetError::PasswordMismatch)
        );
        // Eight characters, not eight bytes.
        assert_eq!(
            check_password("密码密码密码密码", "密码密码密码密码", 117),
            Ok(())
        );
    }

    fn flow(step: Step) -> ResetFlow {
        let mut flow = ResetFlow::code_sent("pool".into(), "a@example.com".into(), 0, 60);
        flow.step = step;
        flow
    }

    #[test]
    fn the_code_page_needs_a_flow_or_an_email_link() {
        assert_eq!(page_access("/reset/code", None, true), PageAccess::Allow);
        assert_eq!(
            page_access("/reset/code", Some(&flow(Step::CodeSent)), false),
            PageAccess::Allow
        );
        assert_eq!(
            page_access("/reset/code", None, false),
            PageAccess::Redirect("/reset", ResetError::NoFlow)
        );
    }

    #[test]
    fn the_password_page_needs_a_verified_code() {
        assert_eq!(
            page_access("/reset/password", Some(&flow(Step::CodeVerified)), false),
            PageAccess::Allow
        );
        assert_eq!(
            page_access("/reset/password", Some(&flow(Step::CodeSent)), true),
            PageAccess::Redirect("/reset", ResetError::CodeNotVerified)
        );
        assert_eq!(
            page_access("/reset/password/", None, true),
            PageAccess::Redirect("/reset", ResetError::NoFlow)
        );
    }

    #[test]
    fn other_pages_are_open() {
        for path in ["/reset", "/reset/done", "/"] {
            assert_eq!(page_access(path, None, false), PageAccess::Allow);
        }
    }
}
