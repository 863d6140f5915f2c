//! The `honyaku` binary: everything happens in the library (`honyaku::run`).

fn main() {
    std::process::exit(honyaku::run(std::env::args_os()));
}
