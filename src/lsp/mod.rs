//! `honyaku lsp`: a Language Server Protocol server for translators' editors. It shows, as
//! they type, what `sync` and `check` would say about the catalog being edited — stale and
//! missing entries, QA findings, syntax errors — with the source texts on hover, quick fixes
//! as workspace edits (never a write behind the editor's back), term completion, go to
//! definition and to the source text, and an outline.
//!
//! [`transport`] frames JSON-RPC, [`server::Server`] turns each message into the messages to
//! send, [`analysis`] computes an open catalog's problems from the editor's text and the
//! document's plan, and [`position`] converts offsets for the client's position encoding.

mod analysis;
mod position;
mod server;
mod transport;

use std::io::{self, BufRead, Write};

pub use server::{Server, Step};

use crate::error::{Error, Outcome, Result};

/// Serves one client over a byte stream until it says `exit` or the input ends. Returns the
/// exit code the protocol asks for: 0 after `shutdown` then `exit`, 1 otherwise.
pub fn serve(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<i32> {
    let mut server = Server::new();
    loop {
        let step = match transport::read(input)? {
            transport::Incoming::End => return Ok(1),
            transport::Incoming::Malformed { code, reason, id } => Step {
                out: vec![Server::malformed(code, &reason, id)],
                exit: None,
            },
            transport::Incoming::Message(message) => server.handle(message),
        };
        for message in &step.out {
            transport::write(output, message)?;
        }
        if let Some(code) = step.exit {
            return Ok(code);
        }
    }
}

/// `honyaku lsp`: serves the editor on standard input and output.
pub fn run_stdio() -> Result<Outcome> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut output = stdout.lock();
    let code = serve(&mut input, &mut output)
        .map_err(|e| Error::io(std::path::Path::new("<stdio>"), e))?;
    Ok(Outcome {
        diagnostics: Vec::new(),
        problems: code != 0,
    })
}
