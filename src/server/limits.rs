//! Limits kept on the server, so dropping the cookie resets nothing: sends per email and per
//! client IP, the minimum wait between sends to one address, and wrong codes per address.
//! In memory for one replica, behind [`Limits`] so a shared store can take its place.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The numbers the limits enforce (all settings, see the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitSettings {
    /// Least time between two sends to one address (`RESET_RESEND_SECS`).
    pub resend_after: Duration,
    /// Sends per address per hour (`RESET_SENDS_PER_EMAIL_PER_HOUR`).
    pub sends_per_email_per_hour: u32,
    /// Sends per client IP per 10 minutes (`RESET_SENDS_PER_IP_PER_10_MIN`).
    pub sends_per_ip_per_10_min: u32,
    /// Wrong codes after which the address' code is locked (`RESET_MAX_WRONG_CODES`).
    pub max_wrong_codes: u8,
    /// How long a lock (and a wrong-code count) lasts without a new send.
    pub lock_for: Duration,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            resend_after: Duration::from_secs(60),
            sends_per_email_per_hour: 5,
            sends_per_ip_per_10_min: 20,
            max_wrong_codes: 5,
            lock_for: Duration::from_secs(30 * 60),
        }
    }
}

/// Server-side counting for the reset steps.
pub trait Limits: Send + Sync {
    /// Counts a send to `email` from `ip`, or says how long to wait.
    fn allow_send(&self, email: &str, ip: IpAddr) -> Result<(), SendRefused>;
    /// Whether wrong codes have locked the address' current code.
    fn code_locked(&self, email: &str) -> bool;
    /// Counts a wrong code; true when the address is now locked.
    fn wrong_code(&self, email: &str) -> bool;
    /// Forgets what is old, keeping memory bounded.
    fn evict_old(&self);
}

/// Why a send was refused, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendRefused {
    /// Too soon after the last send to this address.
    TooSoon(Duration),
    /// This address or this IP asked for too many codes.
    TooMany(Duration),
}

/// Most addresses whose wrong codes are remembered; the oldest go first beyond that.
const MAX_TRACKED_ADDRESSES: usize = 100_000;

/// The in-memory store: GCRA rate limiters from `governor`, and a bounded map of wrong codes.
pub struct MemoryLimits {
    settings: LimitSettings,
    resend: DefaultKeyedRateLimiter<String>,
    per_email: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    wrong: Mutex<HashMap<String, (u8, Instant)>>,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

/// A quota of `burst` per `window`, refilled evenly.
fn quota(burst: u32, window: Duration) -> Quota {
    let burst = nonzero(burst);
    let period = window / burst.get();
    Quota::with_period(period.max(Duration::from_millis(1)))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl MemoryLimits {
    /// A store enforcing `settings`.
    pub fn new(settings: LimitSettings) -> Self {
        Self {
            settings,
            resend: RateLimiter::keyed(quota(1, settings.resend_after)),
            per_email: RateLimiter::keyed(quota(
                settings.sends_per_email_per_hour,
                Duration::from_secs(3600),
            )),
            per_ip: RateLimiter::keyed(quota(
                settings.sends_per_ip_per_10_min,
                Duration::from_secs(600),
            )),
            wrong: Mutex::new(HashMap::new()),
        }
    }

    fn wrong(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u8, Instant)>> {
        self.wrong
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Limits for MemoryLimits {
    fn allow_send(&self, email: &str, ip: IpAddr) -> Result<(), SendRefused> {
        let email = key(email);
        let now = DefaultClock::default().now();
        self.per_ip
            .check_key(&ip)
            .map_err(|not_until| SendRefused::TooMany(not_until.wait_time_from(now)))?;
        // Check the minimum wait before spending the address' hourly budget.
        self.resend
            .check_key(&email)
            .map_err(|not_until| SendRefused::TooSoon(not_until.wait_time_from(now)))?;
        self.per_email
            .check_key(&email)
            .map_err(|not_until| SendRefused::TooMany(not_until.wait_time_from(now)))?;
        // A new code: its wrong guesses start from nothing.
        self.wrong().remove(&email);
        Ok(())
    }

    fn code_locked(&self, email: &str) -> bool {
        let wrong = self.wrong();
        wrong.get(&key(email)).is_some_and(|(count, since)| {
            *count >= self.settings.max_wrong_codes && since.elapsed() < self.settings.lock_for
        })
    }

    fn wrong_code(&self, email: &str) -> bool {
        let mut wrong = self.wrong();
        if wrong.len() >= MAX_TRACKED_ADDRESSES {
            let lock_for = self.settings.lock_for;
            wrong.retain(|_, (_, since)| since.elapsed() < lock_for);
            if wrong.len() >= MAX_TRACKED_ADDRESSES {
                if let Some(oldest) = wrong
                    .iter()
                    .min_by_key(|(_, (_, since))| *since)
                    .map(|(k, _)| k.clone())
                {
                    wrong.remove(&oldest);
                }
            }
        }
        let entry = wrong.entry(key(email)).or_insert((0, Instant::now()));
        if entry.1.elapsed() >= self.settings.lock_for {
            *entry = (0, Instant::now());
        }
        entry.0 = entry.0.saturating_add(1);
        entry.1 = Instant::now();
        entry.0 >= self.settings.max_wrong_codes
    }

    fn evict_old(&self) {
        self.resend.retain_recent();
        self.per_email.retain_recent();
        self.per_ip.retain_recent();
        self.resend.shrink_to_fit();
        self.per_email.shrink_to_fit();
        self.per_ip.shrink_to_fit();
        let lock_for = self.settings.lock_for;
        self.wrong()
            .retain(|_, (_, since)| since.elapsed() < lock_for);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));

    fn fast(settings: LimitSettings) -> MemoryLimits {
        MemoryLimits::new(settings)
    }

    #[test]
    fn a_second_send_to_one_address_waits_for_the_resend_time() {
        let limits = fast(LimitSettings::default());
        assert_eq!(limits.allow_send("a@example.com", HOME), Ok(()));
        match limits.allow_send("A@Example.com ", HOME) {
            Err(SendRefused::TooSoon(wait)) => assert!(wait > Duration::from_secs(55)),
            other => panic!("{other:?}"),
        }
        assert_eq!(limits.allow_send("b@example.com", HOME), Ok(()));
    }

    #[test]
    fn an_address_gets_its_hourly_sends_and_no_more() {
        let limits = fast(LimitSettings {
            resend_after: Duration::from_millis(1),
            sends_per_email_per_hour: 3,
            ..LimitSettings::default()
        });
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(2));
            assert_eq!(limits.allow_send("a@example.com", HOME), Ok(()));
        }
        std::thread::sleep(Duration::from_millis(2));
        assert!(matches!(
            limits.allow_send("a@example.com", HOME),
            Err(SendRefused::TooMany(_))
        ));
    }

    #[test]
    fn an_ip_gets_its_sends_across_addresses() {
        let limits = fast(LimitSettings {
            sends_per_ip_per_10_min: 4,
            ..LimitSettings::default()
        });
        for i in 0..4 {
            assert_eq!(
                limits.allow_send(&format!("u{i}@example.com"), HOME),
                Ok(())
            );
        }
        match limits.allow_send("u9@example.com", HOME) {
            Err(SendRefused::TooMany(wait)) => assert!(wait > Duration::from_secs(60)),
            other => panic!("{other:?}"),
        }
        let elsewhere: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(limits.allow_send("u9@example.com", elsewhere), Ok(()));
    }

    #[test]
    fn five_wrong_codes_lock_the_address_until_a_new_code() {
        let limits = fast(LimitSettings::default());
        for _ in 0..4 {
            assert!(!limits.wrong_code("a@example.com"));
        }
        assert!(!limits.code_locked("a@example.com"));
        assert!(limits.wrong_code("a@example.com"));
        assert!(limits.code_locked("A@example.com"));
        assert!(!limits.code_locked("b@example.com"));
        assert_eq!(limits.allow_send("a@example.com", HOME), Ok(()));
        assert!(!limits.code_locked("a@example.com"));
    }

    #[test]
    fn eviction_forgets_old_locks() {
        let limits = fast(LimitSettings {
            lock_for: Duration::from_millis(5),
            max_wrong_codes: 1,
            ..LimitSettings::default()
        });
        assert!(limits.wrong_code("a@example.com"));
        std::thread::sleep(Duration::from_millis(10));
        assert!(!limits.code_locked("a@example.com"));
        limits.evict_old();
        assert!(limits.wrong().is_empty());
    }
}
