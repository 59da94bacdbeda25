//! Typed configuration, read once at start from the environment. A setting that is present
//! but wrong stops the server with one line naming the variable.

use std::fmt;
use std::time::Duration;

use axum_extra::extract::cookie::Key;
use base64::Engine;
use ipnet::IpNet;
use url::Url;

use super::limits::LimitSettings;
use crate::authing::password::PasswordKey;
use crate::flow::rules::check_pool;

/// Fewest bytes of key material for the progress cookie.
const MIN_COOKIE_KEY_BYTES: usize = 64;

/// Where the reset calls go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upstream {
    /// The built-in emulator (no `AUTHING_GRAPHQL_URL`).
    Demo,
    /// Authing's GraphQL endpoint.
    Authing(Url),
}

/// Every setting, parsed and checked.
#[derive(Clone)]
pub struct Config {
    /// `AUTHING_GRAPHQL_URL`.
    pub upstream: Upstream,
    /// `AUTHING_CLIENT_ID`: the user pool when a link names none.
    pub default_pool: Option<String>,
    /// `AUTHING_ALLOWED_CLIENT_IDS`: when set, the only pools served.
    pub allowed_pools: Option<Vec<String>>,
    /// `AUTHING_PASSWORD_PUBLIC_KEY`: `None` means the default (Authing's legacy key, or the
    /// emulator's in demo mode).
    pub password_key: Option<PasswordKey>,
    /// `AUTHING_TIMEOUT_MS`: the whole-call deadline for Authing.
    pub upstream_timeout: Duration,
    /// `RESET_COOKIE_KEY`: `None` only in demo mode, where a fresh key is made at start.
    pub cookie_key: Option<Key>,
    /// `RESET_COOKIE_KEY_PREVIOUS`: still opens cookies, never seals them.
    pub cookie_key_previous: Option<Key>,
    /// `RESET_FRAME_ANCESTORS`: origins allowed to frame the pages.
    pub frame_ancestors: Vec<String>,
    /// `RESET_RETURN_TO`: origins `return_to` may point to.
    pub return_to: Vec<String>,
    /// `RESET_PUBLIC_URL`: the public base URL, when set.
    pub public_url: Option<Url>,
    /// `RESET_TRUSTED_PROXIES`: peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// `RESET_RESEND_SECS`, `RESET_SENDS_PER_EMAIL_PER_HOUR`, `RESET_SENDS_PER_IP_PER_10_MIN`,
    /// `RESET_MAX_WRONG_CODES`: the server-side limits.
    pub limits: LimitSettings,
    /// `RESET_SEND_BUDGET_MS`: every send answers after this long, whatever Authing does.
    pub send_budget: Duration,
    /// `RESET_PRODUCT_NAME`: shown above the card.
    pub product_name: Option<String>,
    /// `RESET_LOGO_URL`: an http(s) image shown above the card (its origin joins `img-src`).
    pub logo_url: Option<Url>,
    /// `RESET_ACCENT_COLOR`: `#rgb` or `#rrggbb`, for buttons, links and the focus ring.
    pub accent_color: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keys are secrets: never printed.
        f.debug_struct("Config")
            .field("upstream", &self.upstream)
            .field("default_pool", &self.default_pool)
            .field("allowed_pools", &self.allowed_pools)
            .field("upstream_timeout", &self.upstream_timeout)
            .field("frame_ancestors", &self.frame_ancestors)
            .field("return_to", &self.return_to)
            .field("public_url", &self.public_url)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("limits", &self.limits)
            .field("send_budget", &self.send_budget)
            .field("product_name", &self.product_name)
            .field("logo_url", &self.logo_url)
            .field("accent_color", &self.accent_color)
            .finish_non_exhaustive()
    }
}

/// A wrong setting: which variable, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The environment variable.
    pub variable: &'static str,
    /// What is wrong, in a few words.
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.variable, self.reason)
    }
}

impl std::error::Error for ConfigError {}

fn wrong(variable: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        reason: reason.into(),
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
    }

    /// Reads settings through `lookup`; an empty value counts as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };

        let upstream = match get("AUTHING_GRAPHQL_URL") {
            None => Upstream::Demo,
            Some(raw) => Upstream::Authing(http_url("AUTHING_GRAPHQL_URL", &raw)?),
        };
        let demo = upstream == Upstream::Demo;

        let default_pool = match get("AUTHING_CLIENT_ID") {
            Some(raw) => Some(check_pool(&raw).ok_or_else(|| {
                wrong(
                    "AUTHING_CLIENT_ID",
                    "not a user pool id (letters, digits, - and _)",
                )
            })?),
            None if demo => Some(crate::emulator::DEMO_POOL_ID.to_string()),
            None => None,
        };
        let allowed_pools = match get("AUTHING_ALLOWED_CLIENT_IDS") {
            None => None,
            Some(raw) => Some(
                raw.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|id| {
                        check_pool(id).ok_or_else(|| {
                            wrong(
                                "AUTHING_ALLOWED_CLIENT_IDS",
                                format!("{id:?} is not a user pool id"),
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };

        let password_key = match get("AUTHING_PASSWORD_PUBLIC_KEY") {
            None => None,
            Some(raw) => Some(read_pem(&raw)?),
        };

        let upstream_timeout = match get("AUTHING_TIMEOUT_MS") {
            None => Duration::from_secs(10),
            Some(raw) => match raw.parse::<u64>() {
                Ok(ms) if (100..=120_000).contains(&ms) => Duration::from_millis(ms),
                _ => {
                    return Err(wrong(
                        "AUTHING_TIMEOUT_MS",
                        "a number of milliseconds from 100 to 120000",
                    ))
                }
            },
        };

        let cookie_key = match get("RESET_COOKIE_KEY") {
            Some(raw) => Some(parse_cookie_key("RESET_COOKIE_KEY", &raw)?),
            None if demo => None,
            None => {
                return Err(wrong(
                    "RESET_COOKIE_KEY",
                    "required outside demo mode (64 or more random bytes, base64; e.g. `openssl rand -base64 64`)",
                ))
            }
        };
        let cookie_key_previous = match get("RESET_COOKIE_KEY_PREVIOUS") {
            Some(raw) => Some(parse_cookie_key("RESET_COOKIE_KEY_PREVIOUS", &raw)?),
            None => None,
        };

        let frame_ancestors = origins("RESET_FRAME_ANCESTORS", get("RESET_FRAME_ANCESTORS"))?;
        let return_to = origins("RESET_RETURN_TO", get("RESET_RETURN_TO"))?;
        let public_url = match get("RESET_PUBLIC_URL") {
            None => None,
            Some(raw) => Some(http_url("RESET_PUBLIC_URL", &raw)?),
        };
        let trusted_proxies = match get("RESET_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(raw) => raw
                .split_whitespace()
                .map(|item| {
                    item.parse::<IpNet>()
                        .or_else(|_| item.parse::<std::net::IpAddr>().map(IpNet::from))
                        .map_err(|_| {
                            wrong(
                                "RESET_TRUSTED_PROXIES",
                                format!("{item:?} is not an address or CIDR"),
                            )
                        })
                })
                .collect::<Result<_, _>>()?,
        };

        let number = |variable: &'static str,
                      default: u64,
                      range: std::ops::RangeInclusive<u64>| match get(variable)
        {
            None => Ok(default),
            Some(raw) => raw
                .parse::<u64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    wrong(
                        variable,
                        format!("a whole number from {} to {}", range.start(), range.end()),
                    )
                }),
        };
        let defaults = LimitSettings::default();
        let limits = LimitSettings {
            resend_after: Duration::from_secs(number(
                "RESET_RESEND_SECS",
                defaults.resend_after.as_secs(),
                1..=3600,
            )?),
            sends_per_email_per_hour: number(
                "RESET_SENDS_PER_EMAIL_PER_HOUR",
                defaults.sends_per_email_per_hour.into(),
                1..=1000,
            )? as u32,
            sends_per_ip_per_10_min: number(
                "RESET_SENDS_PER_IP_PER_10_MIN",
                defaults.sends_per_ip_per_10_min.into(),
                1..=100_000,
            )? as u32,
            max_wrong_codes: number(
                "RESET_MAX_WRONG_CODES",
                defaults.max_wrong_codes.into(),
                1..=20,
            )? as u8,
            lock_for: defaults.lock_for,
        };
        let send_budget = Duration::from_millis(number("RESET_SEND_BUDGET_MS", 800, 0..=10_000)?);

        let product_name = match get("RESET_PRODUCT_NAME") {
            None => None,
            Some(raw) => {
                let name = raw.trim().to_string();
                if name.is_empty()
                    || name.chars().count() > 60
                    || name.chars().any(char::is_control)
                {
                    return Err(wrong(
                        "RESET_PRODUCT_NAME",
                        "a name of 1 to 60 characters, without control characters",
                    ));
                }
                Some(name)
            }
        };
        let logo_url = match get("RESET_LOGO_URL") {
            None => None,
            Some(raw) => Some(http_url("RESET_LOGO_URL", &raw)?),
        };
        let accent_color = match get("RESET_ACCENT_COLOR") {
            None => None,
            Some(raw) => Some(hex_color(&raw).ok_or_else(|| {
                wrong(
                    "RESET_ACCENT_COLOR",
                    "a colour as #rgb or #rrggbb (hexadecimal), e.g. #0a66c2",
                )
            })?),
        };

        Ok(Self {
            upstream,
            default_pool,
            allowed_pools,
            password_key,
            upstream_timeout,
            cookie_key,
            cookie_key_previous,
            frame_ancestors,
            return_to,
            public_url,
            trusted_proxies,
            limits,
            send_budget,
            product_name,
            logo_url,
            accent_color,
        })
    }

    /// Whether the server runs against its emulator.
    pub fn is_demo(&self) -> bool {
        self.upstream == Upstream::Demo
    }
}

fn http_url(variable: &'static str, raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw).map_err(|e| wrong(variable, format!("not a URL ({e})")))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        _ => Err(wrong(variable, "must be an http:// or https:// URL")),
    }
}

fn read_pem(raw: &str) -> Result<PasswordKey, ConfigError> {
    const VAR: &str = "AUTHING_PASSWORD_PUBLIC_KEY";
    let pem = if raw.contains("-----BEGIN") {
        raw.to_string()
    } else {
        std::fs::read_to_string(raw)
            .map_err(|e| wrong(VAR, format!("cannot read the PEM file {raw:?} ({e})")))?
    };
    PasswordKey::from_pem(&pem).map_err(|e| wrong(VAR, e))
}

fn parse_cookie_key(variable: &'static str, raw: &str) -> Result<Key, ConfigError> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let bytes = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(raw).ok())
        .ok_or_else(|| wrong(variable, "not base64"))?;
    if bytes.len() < MIN_COOKIE_KEY_BYTES {
        return Err(wrong(
            variable,
            format!(
                "{} bytes; at least {MIN_COOKIE_KEY_BYTES} are needed",
                bytes.len()
            ),
        ));
    }
    Key::try_from(bytes.as_slice()).map_err(|_| wrong(variable, "unusable key"))
}

fn origins(variable: &'static str, raw: Option<String>) -> Result<Vec<String>, ConfigError> {
    raw.unwrap_or_default()
        .split_whitespace()
        .map(|item| {
            let url = http_url(variable, item)?;
            if url.path() != "/" || url.query().is_some() {
                return Err(wrong(
                    variable,
                    format!("{item:?} must be an origin (scheme, host, port)"),
                ));
            }
            Ok(url.origin().ascii_serialization())
        })
        .collect()
}

/// `#rgb` or `#rrggbb`, lower-cased; anything else (names, `url()`, `;`) is refused, so the
/// value can go into a stylesheet as it is.
fn hex_color(raw: &str) -> Option<String> {
    let hex = raw.trim().strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const KEY: &str =
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==";

    fn parse(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    fn production(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut vars = vec![
            ("AUTHING_GRAPHQL_URL", "https://core.authing.cn/graphql"),
            ("RESET_COOKIE_KEY", KEY),
        ];
        vars.extend_from_slice(extra);
        vars
    }

    #[test]
    fn nothing_set_is_demo_mode() {
        let config = parse(&[]).unwrap();
        assert!(config.is_demo());
        assert_eq!(
            config.default_pool.as_deref(),
            Some(crate::emulator::DEMO_POOL_ID)
        );
        assert!(config.cookie_key.is_none());
        assert_eq!(config.upstream_timeout, Duration::from_secs(10));
        assert_eq!(config.limits, LimitSettings::default());
        assert_eq!(config.send_budget, Duration::from_millis(800));
    }

    #[test]
    fn branding_is_checked() {
        let config = parse(&production(&[
            ("RESET_PRODUCT_NAME", "  Example 账户 "),
            ("RESET_LOGO_URL", "https://cdn.example.com/logo.svg"),
            ("RESET_ACCENT_COLOR", "#0A66C2"),
        ]))
        .unwrap();
        assert_eq!(config.product_name.as_deref(), Some("Example 账户"));
        assert_eq!(
            config.logo_url.map(String::from).as_deref(),
            Some("https://cdn.example.com/logo.svg")
        );
        assert_eq!(config.accent_color.as_deref(), Some("#0a66c2"));
        for (variable, value) in [
            ("RESET_ACCENT_COLOR", "red"),
            ("RESET_ACCENT_COLOR", "#12345"),
            ("RESET_ACCENT_COLOR", "#fff;}body{display:none"),
            ("RESET_ACCENT_COLOR", "url(https://evil.example/x)"),
            ("RESET_LOGO_URL", "javascript:alert(1)"),
            ("RESET_LOGO_URL", "data:image/svg+xml,<svg/>"),
            (
                "RESET_PRODUCT_NAME",
                "a name far too long to be a product name, well over sixty characters long",
            ),
            ("RESET_PRODUCT_NAME", "a\u{7}b"),
        ] {
            let error = parse(&production(&[(variable, value)])).unwrap_err();
            assert_eq!(error.variable, variable, "{value}");
        }
    }

    #[test]
    fn limits_are_settings() {
        let config = parse(&production(&[
            ("RESET_RESEND_SECS", "30"),
            ("RESET_SENDS_PER_EMAIL_PER_HOUR", "10"),
            ("RESET_SENDS_PER_IP_PER_10_MIN", "100"),
            ("RESET_MAX_WRONG_CODES", "3"),
            ("RESET_SEND_BUDGET_MS", "1200"),
        ]))
        .unwrap();
        assert_eq!(config.limits.resend_after, Duration::from_secs(30));
        assert_eq!(config.limits.sends_per_email_per_hour, 10);
        assert_eq!(config.limits.sends_per_ip_per_10_min, 100);
        assert_eq!(config.limits.max_wrong_codes, 3);
        assert_eq!(config.send_budget, Duration::from_millis(1200));
    }

    #[test]
    fn a_production_setup_parses() {
        let config = parse(&production(&[
            ("AUTHING_CLIENT_ID", "5f8d0e1c9a3b4c2d1e0f7a6b"),
            (
                "AUTHING_ALLOWED_CLIENT_IDS",
                "5f8d0e1c9a3b4c2d1e0f7a6b, other-pool",
            ),
            (
                "AUTHING_PASSWORD_PUBLIC_KEY",
                crate::authing::password::LEGACY_PUBLIC_KEY_PEM,
            ),
            (
                "RESET_FRAME_ANCESTORS",
                "https://app.example.com http://localhost:8080",
            ),
            ("RESET_TRUSTED_PROXIES", "10.0.0.0/8 127.0.0.1"),
            ("RESET_PUBLIC_URL", "https://reset.example.com"),
        ]))
        .unwrap();
        assert!(!config.is_demo());
        assert_eq!(config.allowed_pools.unwrap().len(), 2);
        assert_eq!(
            config.frame_ancestors,
            ["https://app.example.com", "http://localhost:8080"]
        );
        assert_eq!(config.trusted_proxies.len(), 2);
        assert!(config.password_key.is_some());
    }

    #[test]
    fn a_pem_file_path_is_read() {
        let path = std::env::temp_dir().join(format!("reset-key-{}.pem", std::process::id()));
        std::fs::write(&path, crate::authing::password::LEGACY_PUBLIC_KEY_PEM).unwrap();
        let path = path.to_string_lossy().into_owned();
        let vars = production(&[]);
        let mut vars: Vec<(&str, &str)> = vars.into_iter().collect();
        vars.push(("AUTHING_PASSWORD_PUBLIC_KEY", &path));
        assert!(parse(&vars).unwrap().password_key.is_some());
    }

    #[test]
    fn wrong_values_name_their_variable() {
        let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (
                vec![("AUTHING_GRAPHQL_URL", "not a url")],
                "AUTHING_GRAPHQL_URL",
            ),
            (
                vec![
                    ("AUTHING_GRAPHQL_URL", "ftp://x.example/graphql"),
                    ("RESET_COOKIE_KEY", KEY),
                ],
                "AUTHING_GRAPHQL_URL",
            ),
            (
                vec![("AUTHING_GRAPHQL_URL", "https://core.authing.cn/graphql")],
                "RESET_COOKIE_KEY",
            ),
            (
                production(&[("RESET_COOKIE_KEY", "c2hvcnQ=")]),
                "RESET_COOKIE_KEY",
            ),
            (
                production(&[("RESET_COOKIE_KEY", "!!!")]),
                "RESET_COOKIE_KEY",
            ),
            (
                production(&[("RESET_COOKIE_KEY_PREVIOUS", "c2hvcnQ=")]),
                "RESET_COOKIE_KEY_PREVIOUS",
            ),
            (
                production(&[("AUTHING_PASSWORD_PUBLIC_KEY", "/no/such/file.pem")]),
                "AUTHING_PASSWORD_PUBLIC_KEY",
            ),
            (
                production(&[(
                    "AUTHING_PASSWORD_PUBLIC_KEY",
                    "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----",
                )]),
                "AUTHING_PASSWORD_PUBLIC_KEY",
            ),
            (
                production(&[("AUTHING_CLIENT_ID", "a b")]),
                "AUTHING_CLIENT_ID",
            ),
            (
                production(&[("AUTHING_ALLOWED_CLIENT_IDS", "ok,no way")]),
                "AUTHING_ALLOWED_CLIENT_IDS",
            ),
            (
                production(&[("RESET_FRAME_ANCESTORS", "https://a.example/path")]),
                "RESET_FRAME_ANCESTORS",
            ),
            (
                production(&[("RESET_RETURN_TO", "javascript:alert(1)")]),
                "RESET_RETURN_TO",
            ),
            (
                production(&[("RESET_PUBLIC_URL", "reset.example.com")]),
                "RESET_PUBLIC_URL",
            ),
            (
                production(&[("RESET_TRUSTED_PROXIES", "10.0.0.0/99")]),
                "RESET_TRUSTED_PROXIES",
            ),
            (
                production(&[("AUTHING_TIMEOUT_MS", "0")]),
                "AUTHING_TIMEOUT_MS",
            ),
        ];
        for (vars, variable) in cases {
            let error = parse(&vars)
                .err()
                .unwrap_or_else(|| panic!("{variable} accepted {vars:?}"));
            assert_eq!(error.variable, variable);
            let line = error.to_string();
            assert!(line.starts_with(variable) && !line.contains('\n'), "{line}");
        }
    }
}
