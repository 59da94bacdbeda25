//! Benchmark: does step 1 take longer for an address with an account?
//!
//! The emulator is made slow (300 ms) only for addresses that have an account, the leak a
//! probing attacker would time. The app answers every send after its fixed send budget, so the
//! two distributions should be the same. Run: `cargo run --example timing --features ssr`
//! (`TIMING_ROUNDS` sets the number of sends of each kind, default 40).

use std::time::{Duration, Instant};

use authing_reset::emulator::{Emulator, Fault, DEMO_POOL_ID, PUBLIC_KEY_PEM};
use authing_reset::server::config::Config;
use authing_reset::server::startup::build;
use leptos::config::LeptosOptions;

#[tokio::main]
async fn main() {
    let rounds: usize = std::env::var("TIMING_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let emulator = Emulator::with_demo_accounts(false);
    for i in 0..rounds {
        emulator.add_account(&format!("user{i}@example.com"), "old password");
    }
    emulator.set_fault(Fault::SlowForAccounts { millis: 300 });
    let url = emulator.serve().await.expect("emulator");
    let vars = [
        ("AUTHING_GRAPHQL_URL", url.as_str()),
        ("AUTHING_CLIENT_ID", DEMO_POOL_ID),
        ("AUTHING_PASSWORD_PUBLIC_KEY", PUBLIC_KEY_PEM),
        ("RESET_COOKIE_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="),
        ("RESET_SENDS_PER_IP_PER_10_MIN", "100000"),
    ];
    let config = Config::from_lookup(|name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
    .expect("config");
    let options = LeptosOptions::builder()
        .output_name("authing-reset")
        .build();
    let (router, _) = build(&config, options).await.expect("app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let (mut with_account, mut without) = (Vec::new(), Vec::new());
    for i in 0..rounds {
        for (email, times) in [
            (format!("user{i}@example.com"), &mut with_account),
            (format!("ghost{i}@example.com"), &mut without),
        ] {
            let started = Instant::now();
            let answer = http
                .post(format!("{base}/api/reset/send"))
                .header("accept", "text/html")
                .header("sec-fetch-site", "same-origin")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("email={}", email.replace('@', "%40")))
                .send()
                .await
                .expect("answer");
            times.push(started.elapsed());
            assert_eq!(answer.headers()["location"], "/reset/code");
        }
    }
    // Let the slow calls still running finish before the emulator goes away.
    tokio::time::sleep(Duration::from_millis(400)).await;
    report("with an account   ", &mut with_account);
    report("without an account", &mut without);
}

fn report(label: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
    println!(
        "{label}: n={} min={:.1} ms p50={:.1} ms p90={:.1} ms max={:.1} ms",
        times.len(),
        ms(times[0]),
        at(0.5),
        at(0.9),
        ms(times[times.len() - 1])
    );
}
