//! Fuzz target: see `honyaku_fuzz::fuzz_align` for the property and the input layout.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| honyaku_fuzz::fuzz_align(data));
