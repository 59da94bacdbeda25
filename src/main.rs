//! The server binary.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    authing_reset::server::startup::main().await
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The binary is built with `ssr`; the `hydrate` build is the library only.
}
