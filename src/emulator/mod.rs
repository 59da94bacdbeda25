//! An Authing stand-in on a loopback port: the upstream of demo mode and of the tests.
//!
//! It speaks the legacy GraphQL wire format of PROTOCOL.md (the envelope, error objects and
//! codes), decrypts passwords with its own key pair, keeps a few demo accounts and a mailbox,
//! and can be told to misbehave (slow, HTTP 500, non-JSON, a chosen error code).

mod graphql;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::RsaPrivateKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The user pool id the emulator answers for.
pub const DEMO_POOL_ID: &str = "demo-user-pool";
/// The emulator's private key (demo only: it protects nothing real).
const PRIVATE_KEY_PEM: &str = include_str!("demo-private-key.pem");
/// The public half, which the app encrypts passwords under in demo mode.
pub const PUBLIC_KEY_PEM: &str = include_str!("demo-public-key.pem");
/// The accounts of demo mode: email and their password before any reset.
pub const DEMO_ACCOUNTS: [(&str, &str); 3] = [
    ("alice@example.com", "alice-old-password"),
    ("bob@example.com", "bob-old-password"),
    ("zhang.wei@example.cn", "zhang-old-password"),
];
/// How long an emailed code stays valid (Authing's v3 documents 5 minutes).
const CODE_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// Requests remembered for tests.
const REMEMBERED_REQUESTS: usize = 64;

/// A misbehaviour the tests can switch on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Answer normally.
    None,
    /// Wait this many milliseconds, then answer normally.
    Slow { millis: u64 },
    /// Wait this many milliseconds before answering for an address that has an account (the
    /// timing leak a probing attacker would look for).
    SlowForAccounts { millis: u64 },
    /// Answer HTTP 500 with a text body.
    Http500,
    /// Answer 200 with an HTML body.
    NonJson,
    /// Answer 200 with JSON that has neither `data` nor `errors`.
    Empty,
    /// Answer every call with this Authing error code.
    Code { code: i64 },
}

/// A code the emulator "emailed".
#[derive(Debug, Clone, Serialize)]
pub struct Mail {
    /// The recipient.
    pub to: String,
    /// The user pool.
    pub pool: String,
    /// The code.
    pub code: String,
    /// Seconds since the emulator started.
    pub sent_at_secs: u64,
}

/// One request as it arrived, for tests that check what the client sends.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The parsed JSON body (`Null` if it was not JSON).
    pub body: Value,
}

struct Code {
    code: String,
    issued: Instant,
    verified: bool,
}

#[derive(Default)]
struct Store {
    passwords: HashMap<String, String>,
    codes: HashMap<(String, String), Code>,
    mailbox: Vec<Mail>,
    fault: Option<Fault>,
    seen: Vec<SeenRequest>,
}

/// The emulator's state, shared by its HTTP handler and whoever inspects it.
pub struct Emulator {
    key: RsaPrivateKey,
    started: Instant,
    print_codes: bool,
    calls: AtomicU64,
    store: Mutex<Store>,
}

impl Emulator {
    /// An emulator holding the demo accounts; `print_codes` also writes each code to stdout.
    pub fn with_demo_accounts(print_codes: bool) -> Arc<Self> {
        // The key is part of the source and loaded by every test; it cannot fail.
        let key = RsaPrivateKey::from_pkcs1_pem(PRIVATE_KEY_PEM)
            .unwrap_or_else(|e| panic!("emulator key: {e}"));
        let passwords = DEMO_ACCOUNTS
            .iter()
            .map(|(email, password)| (email.to_string(), password.to_string()))
            .collect();
        Arc::new(Self {
            key,
            started: Instant::now(),
            print_codes,
            calls: AtomicU64::new(0),
            store: Mutex::new(Store {
                passwords,
                ..Store::default()
            }),
        })
    }

    /// Serves the emulator on a free loopback port; returns its GraphQL URL.
    pub async fn serve(self: &Arc<Self>) -> std::io::Result<String> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        let app = graphql::router(self.clone());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "the Authing emulator stopped");
            }
        });
        Ok(format!("http://{addr}/graphql"))
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Switches a misbehaviour on (or off with [`Fault::None`]).
    pub fn set_fault(&self, fault: Fault) {
        self.store().fault = (fault != Fault::None).then_some(fault);
    }

    /// The misbehaviour switched on now.
    pub fn fault(&self) -> Fault {
        self.store().fault.clone().unwrap_or(Fault::None)
    }

    /// Every code sent so far, oldest first.
    pub fn mailbox(&self) -> Vec<Mail> {
        self.store().mailbox.clone()
    }

    /// The last code sent to `email`.
    pub fn latest_code(&self, email: &str) -> Option<String> {
        self.store()
            .mailbox
            .iter()
            .rev()
            .find(|mail| mail.to == email)
            .map(|mail| mail.code.clone())
    }

    /// Adds an account (for benchmarks that need many).
    pub fn add_account(&self, email: &str, password: &str) {
        self.store()
            .passwords
            .insert(email.to_string(), password.to_string());
    }

    /// The current password of an account.
    pub fn password_of(&self, email: &str) -> Option<String> {
        self.store().passwords.get(email).cloned()
    }

    /// How many GraphQL requests arrived.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }

    /// The last requests, oldest first.
    pub fn seen_requests(&self) -> Vec<SeenRequest> {
        self.store().seen.clone()
    }

    fn remember(&self, request: SeenRequest) {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let mut store = self.store();
        if store.seen.len() >= REMEMBERED_REQUESTS {
            store.seen.remove(0);
        }
        store.seen.push(request);
    }

    fn send_code(&self, pool: &str, email: &str) -> Result<(), i64> {
        check_pool(pool)?;
        if crate::flow::rules::check_email(email).is_err() {
            return Err(2003);
        }
        let mut store = self.store();
        if !store.passwords.contains_key(email) {
            return Err(2004);
        }
        let code = format!("{:06}", rand::random::<u32>() % 1_000_000);
        let sent_at_secs = self.started.elapsed().as_secs();
        store.codes.insert(
            (pool.to_string(), email.to_string()),
            Code {
                code: code.clone(),
                issued: Instant::now(),
                verified: false,
            },
        );
        store.mailbox.push(Mail {
            to: email.to_string(),
            pool: pool.to_string(),
            code: code.clone(),
            sent_at_secs,
        });
        if self.print_codes {
            println!("[demo mailbox] reset code for {email}: {code} (also at /demo/mailbox)");
        }
        Ok(())
    }

    fn verify_code(&self, pool: &str, email: &str, code: &str) -> Result<(), i64> {
        check_pool(pool)?;
        let mut store = self.store();
        let entry = store
            .codes
            .get_mut(&(pool.to_string(), email.to_string()))
            .ok_or(2001)?;
        if entry.issued.elapsed() > CODE_LIFETIME {
            return Err(2300);
        }
        if entry.code != code {
            return Err(2001);
        }
        entry.verified = true;
        Ok(())
    }

    fn change_password(
        &self,
        pool: &str,
        email: &str,
        code: &str,
        sealed: &str,
    ) -> Result<(), i64> {
        check_pool(pool)?;
        let password = self.decrypt(sealed).ok_or(2016)?;
        let mut store = self.store();
        let key = (pool.to_string(), email.to_string());
        let entry = store.codes.get(&key).ok_or(2019)?;
        if entry.issued.elapsed() > CODE_LIFETIME {
            return Err(2300);
        }
        if entry.code != code {
            return Err(2001);
        }
        if !entry.verified {
            return Err(2019);
        }
        if password.chars().count() < 6 {
            return Err(2029);
        }
        store.codes.remove(&key);
        store.passwords.insert(email.to_string(), password);
        Ok(())
    }

    fn decrypt(&self, sealed: &str) -> Option<String> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        let plain = self.key.decrypt(rsa::Pkcs1v15Encrypt, &bytes).ok()?;
        String::from_utf8(plain).ok()
    }
}

fn check_pool(pool: &str) -> Result<(), i64> {
    if pool == DEMO_POOL_ID {
        Ok(())
    } else {
        Err(2011)
    }
}
