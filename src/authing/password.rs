//! The password's encryption for Authing: RSA PKCS#1 v1.5 under its public key, then base64.

use base64::Engine;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Encrypt, RsaPublicKey};

/// The key every legacy Authing SDK shipped.
pub const LEGACY_PUBLIC_KEY_PEM: &str = include_str!("legacy-public-key.pem");

/// Bytes of padding PKCS#1 v1.5 takes from each block.
const PKCS1_OVERHEAD: usize = 11;

/// A public key that passwords are encrypted under before they are sent.
#[derive(Clone, Debug)]
pub struct PasswordKey(RsaPublicKey);

impl PasswordKey {
    /// Reads a PEM public key, SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`).
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        let pem = pem.trim();
        RsaPublicKey::from_public_key_pem(pem)
            .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
            .map(Self)
            .map_err(|_| "not an RSA public key in PEM form".to_string())
    }

    /// The longest plaintext, in bytes, one block carries.
    pub fn max_plaintext_bytes(&self) -> usize {
        self.0.size().saturating_sub(PKCS1_OVERHEAD)
    }

    /// Encrypts and base64-encodes a password; `None` if it is too long for the key.
    pub fn encrypt(&self, password: &str) -> Option<String> {
        if password.len() > self.max_plaintext_bytes() {
            return None;
        }
        let mut rng = rand::thread_rng();
        let sealed = self
            .0
            .encrypt(&mut rng, Pkcs1v15Encrypt, password.as_bytes())
            .ok()?;
        Some(base64::engine::general_purpose::STANDARD.encode(sealed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::RsaPrivateKey;

    const TEST_PRIVATE: &str = include_str!("../emulator/demo-private-key.pem");
    const TEST_PUBLIC: &str = include_str!("../emulator/demo-public-key.pem");

    fn decrypt(b64: &str) -> String {
        let private = RsaPrivateKey::from_pkcs1_pem(TEST_PRIVATE).unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        String::from_utf8(private.decrypt(Pkcs1v15Encrypt, &bytes).unwrap()).unwrap()
    }

    #[test]
    fn a_password_round_trips_through_the_private_key() {
        let key = PasswordKey::from_pem(TEST_PUBLIC).unwrap();
        for password in [
            "correct horse battery",
            "密码很长很长的密码",
            &"x".repeat(117),
        ] {
            let sealed = key.encrypt(password).unwrap();
            assert_ne!(sealed, password);
            assert_eq!(decrypt(&sealed), password);
        }
    }

    #[test]
    fn encryption_is_randomised() {
        let key = PasswordKey::from_pem(TEST_PUBLIC).unwrap();
        assert_ne!(key.encrypt("same password"), key.encrypt("same password"));
    }

    #[test]
    fn a_1024_bit_key_carries_117_bytes_and_no_more() {
        let key = PasswordKey::from_pem(LEGACY_PUBLIC_KEY_PEM).unwrap();
        assert_eq!(key.max_plaintext_bytes(), 117);
        assert!(key.encrypt(&"a".repeat(117)).is_some());
        assert!(key.encrypt(&"a".repeat(118)).is_none());
    }

    #[test]
    fn garbage_is_not_a_key() {
        assert!(PasswordKey::from_pem("").is_err());
        assert!(PasswordKey::from_pem(
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"
        )
        .is_err());
        assert!(PasswordKey::from_pem(TEST_PRIVATE).is_err());
    }
}
