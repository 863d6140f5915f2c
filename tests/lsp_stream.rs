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
