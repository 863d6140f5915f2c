//! Fuzz target: see `fuzz/src/lsp_stream.rs` for the property and the input layout.

#![no_main]

#[path = "../src/lsp_stream.rs"]
mod lsp_stream;

libfuzzer_sys::fuzz_target!(|data: &[u8]| lsp_stream::fuzz_lsp_stream(data));
