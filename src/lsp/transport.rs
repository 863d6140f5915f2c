//! The LSP wire format: `Content-Length` framed JSON-RPC messages. Written here rather than
//! taken from `lsp-server`'s stdio threads because those stop the server at the first
//! malformed message; this reader reports a bad frame or bad JSON as data and reads on, so a
//! broken client message costs one error response, never the session.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{Message, RequestId};
use serde_json::Value;

/// Frames larger than this are skipped unread (no catalog is near it).
const MAX_FRAME: usize = 256 << 20;
/// Header lines longer than this are not headers.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// What one frame of input held.
#[derive(Debug)]
pub(crate) enum Incoming {
    Message(Message),
    /// Not a message: why, with the JSON-RPC error code to answer with and the request id
    /// when one could be read.
    Malformed {
        code: i32,
        reason: String,
        id: Option<RequestId>,
    },
    /// The input ended.
    End,
}

/// Reads the next frame. I/O errors are returned; everything the peer got wrong is
/// [`Incoming::Malformed`].
pub(crate) fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(Incoming::End);
        }
        if !line.ends_with(b"\n") && read as u64 == MAX_HEADER_LINE {
            // Skip the rest of an overlong line.
            let mut rest = Vec::new();
            input.read_until(b'\n', &mut rest)?;
            problem.get_or_insert_with(|| String::from("header line too long"));
            saw_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between frames
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => {
                        problem.get_or_insert_with(|| format!("bad Content-Length: {value:?}"));
                    }
                }
            }
            Some(_) => {} // Content-Type and unknown headers are allowed
            None => {
                problem.get_or_insert_with(|| format!("malformed header line: {text:?}"));
            }
        }
    }
    let Some(length) = length else {
        return Ok(malformed(
            -32700,
            problem.unwrap_or_else(|| String::from("no Content-Length header")),
            None,
        ));
    };
    if length > MAX_FRAME {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(malformed(
            -32600,
            format!("message of {length} bytes is over the limit"),
            None,
        ));
    }
    let mut body = vec![0; length];
    if let Err(error) = input.read_exact(&mut body) {
        if error.kind() == io::ErrorKind::UnexpectedEof {
            return Ok(Incoming::End);
        }
        return Err(error);
    }
    if let Some(problem) = problem {
        return Ok(malformed(-32700, problem, None));
    }
    Ok(decode(&body))
}

fn malformed(code: i32, reason: String, id: Option<RequestId>) -> Incoming {
    Incoming::Malformed { code, reason, id }
}

/// A frame's body as a message.
fn decode(body: &[u8]) -> Incoming {
    let Ok(text) = std::str::from_utf8(body) else {
        return malformed(-32700, String::from("message is not UTF-8"), None);
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return malformed(-32700, format!("invalid JSON: {error}"), None),
    };
    let id = value
        .get("id")
        .cloned()
        .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
    if !value.is_object() {
        return malformed(-32600, String::from("a message must be a JSON object"), id);
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(error) => malformed(-32600, format!("not a JSON-RPC message: {error}"), id),
    }
}

/// Writes one message (any serializable JSON-RPC object) with its header.
pub(crate) fn write(output: &mut impl Write, message: &Value) -> io::Result<()> {
    let mut value = message.clone();
    if let Value::Object(map) = &mut value {
        map.insert(String::from("jsonrpc"), Value::from("2.0"));
    }
    let body = serde_json::to_string(&value)?;
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<String> {
        let mut reader = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read(&mut reader) {
                Ok(Incoming::End) => return out,
                Ok(Incoming::Message(m)) => out.push(format!("message {m:?}")),
                Ok(Incoming::Malformed { code, .. }) => out.push(format!("malformed {code}")),
                Err(e) => {
                    out.push(format!("io {e}"));
                    return out;
                }
            }
        }
    }

    #[test]
    fn bad_frames_are_reported_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            frame("[1,2]"),
            frame(r#"{"jsonrpc":"2.0","id":7}"#),
            String::from("Content-Length: nope\r\n\r\n"),
            String::from("X-Nothing\r\n\r\n"),
            frame(good),
        ]
        .concat();
        let got = all(&input);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(
            &got[..5],
            [
                "malformed -32700",
                "malformed -32600",
                "malformed -32600",
                "malformed -32700",
                "malformed -32700"
            ]
        );
        assert!(got[5].starts_with("message Notification"), "{got:?}");
    }

    #[test]
    fn a_truncated_frame_ends_the_input() {
        assert!(all("Content-Length: 50\r\n\r\n{}").is_empty());
    }

    #[test]
    fn non_utf8_bodies_are_parse_errors() {
        let mut input = b"Content-Length: 2\r\n\r\n".to_vec();
        input.extend([0xff, 0xfe]);
        let mut reader = io::BufReader::new(input.as_slice());
        assert!(matches!(
            read(&mut reader),
            Ok(Incoming::Malformed { code: -32700, .. })
        ));
    }
}
