//! The language server never goes down: proptest over the fuzz target's property
//! (`fuzz/src/lsp_stream.rs`, included here so CI runs it without cargo-fuzz) — generated
//! client streams on a real project with fuzzed catalog text, positions and ranges, mixed with
//! garbage frames, and raw bytes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed property"
)]

mod common;

#[path = "../fuzz/src/lsp_stream.rs"]
#[allow(dead_code, reason = "the fuzz entry point is for cargo-fuzz only")]
mod lsp_stream;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_streams_are_served_to_the_end(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        lsp_stream::check_stream(&lsp_stream::stream(&data), true);
    }

    #[test]
    fn raw_bytes_are_served_to_the_end(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        lsp_stream::check_stream(&data, false);
    }
}

/// Hand-written hostile frames, each followed by a request that must still be answered.
#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let framed = |body: &[u8]| {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    };
    let mut input = Vec::new();
    input.extend(framed(b"{not json"));
    input.extend(framed(b"\xff\xfe"));
    input.extend(framed(b"[1,2]"));
    input.extend_from_slice(b"Content-Length: x\r\n\r\n");
    input.extend_from_slice(b"garbage\r\n\r\n");
    input.extend(framed(br#"{"jsonrpc":"2.0","id":{"a":1}}"#));
    input.extend(framed(br#"{"jsonrpc":"2.0","id":9,"method":"no/such"}"#));
    input.extend(framed(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
    let mut output = Vec::new();
    let code = honyaku::lsp::serve(&mut std::io::Cursor::new(&input), &mut output).unwrap();
    let output = String::from_utf8(output).unwrap();
    // Six framing or JSON errors answered with null ids, then "not initialized" for the
    // unknown method and for shutdown (no initialize was sent); the input's end is not an
    // `exit` after `shutdown`, so the exit code is 1.
    assert_eq!(output.matches("\"code\":-32700").count(), 4, "{output}");
    assert_eq!(output.matches("\"code\":-32600").count(), 2, "{output}");
    assert_eq!(output.matches("\"code\":-32002").count(), 2, "{output}");
    assert!(output.contains("\"id\":9"), "{output}");
    assert_eq!(code, 1);
    lsp_stream::check_stream(&input, false);
}

/// The stand-in for `scripts/fuzz.sh lsp_stream` where cargo-fuzz cannot run: random
/// streams for `LSP_FUZZ_SECONDS` — generated ones, the same with bytes flipped (nearly valid
/// frames), and raw bytes — printing how many it served.
/// `LSP_FUZZ_SECONDS=600 cargo test --test lsp_stream -- --ignored --nocapture`
#[test]
#[ignore = "long-running: set LSP_FUZZ_SECONDS"]
fn random_streams_for_a_while() {
    let seconds: u64 = std::env::var("LSP_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed = std::env::var("LSP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = common::rng::Lcg(seed);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut streams = 0u64;
    while std::time::Instant::now() < deadline {
        let len = rng.below(1200);
        let data: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let generated = lsp_stream::stream(&data);
        lsp_stream::check_stream(&generated, true);
        let mut mutated = generated;
        for _ in 0..=rng.below(8) {
            let at = rng.below(mutated.len());
            mutated[at] = rng.below(256) as u8;
        }
        lsp_stream::check_stream(&mutated, false);
        lsp_stream::check_stream(&data, false);
        streams += 3;
    }
    println!(
        "{streams} streams served in {seconds} s (seed {seed}), no crash, hang or internal error"
    );
}
