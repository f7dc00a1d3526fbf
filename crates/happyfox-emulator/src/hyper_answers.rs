//! Messages for the answers hyper writes by itself. A request whose head hyper cannot parse
//! never reaches the emulator's code: hyper answers 400, 414 (a URI over 64 KB) or 431 (more
//! than 100 headers, or a head over its buffer) with an empty body and closes the
//! connection. This connection wrapper recognises those automatic answers as they are
//! written (a 400, 414 or 431 head with `content-length: 0` and nothing after it, which the
//! emulator's own answers never are: they all carry a JSON message) and writes them with a
//! JSON `{"error": "..."}` body instead.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use hyper::rt::{Read, ReadBufCursor, Write};

/// A connection whose automatic hyper answers carry a message.
#[derive(Debug)]
pub struct WithMessages<T> {
    inner: T,
    /// A rewritten answer being written: its bytes, how many are written, and the length of
    /// the original that hyper handed over (reported once all is written).
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<T> WithMessages<T> {
    /// Wraps a connection.
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            pending: None,
        }
    }
}

/// The message of an automatic answer with `status`.
fn message(status: &str) -> Option<&'static str> {
    Some(match status {
        "400" => {
            "The request could not be read as HTTP/1.1: its request line, a header or the version is malformed."
        }
        "414" => "The request URI is too long: at most 65534 bytes.",
        "431" => {
            "The request headers are too large: at most 100 headers, and at most about 400 KB for the request line and headers together."
        }
        _ => return None,
    })
}

/// `buf` rewritten with a JSON body, when it is one of hyper's automatic answers.
fn with_message(buf: &[u8]) -> Option<Vec<u8>> {
    let head = std::str::from_utf8(buf).ok()?;
    let rest = head.strip_prefix("HTTP/1.1 ")?;
    let message = message(rest.get(..3)?)?;
    let head = head.strip_suffix("\r\n\r\n")?;
    if head.contains("\r\n\r\n") {
        return None;
    }
    let mut lines: Vec<&str> = head.split("\r\n").collect();
    let empty = lines
        .iter()
        .position(|line| line.eq_ignore_ascii_case("content-length: 0"))?;
    lines.remove(empty);
    let body = serde_json::json!({ "error": message }).to_string();
    let mut out = lines.join("\r\n");
    out.push_str(&format!(
        "\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    ));
    Some(out.into_bytes())
}

impl<T: Read + Unpin> Read for WithMessages<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin> Write for WithMessages<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            match with_message(buf) {
                Some(rewritten) => this.pending = Some((rewritten, 0, buf.len())),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        while let Some((bytes, written, original)) = this.pending.as_mut() {
            if *written == bytes.len() {
                let original = *original;
                this.pending = None;
                return Poll::Ready(Ok(original));
            }
            match ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..])) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => *written += n,
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    /// Not vectored, so hyper hands over each answer's head as one buffer.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automatic_answers_get_a_message_and_others_pass() {
        let automatic = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Thu, 01 Jan 2026 00:00:00 GMT\r\n\r\n";
        let rewritten = String::from_utf8(with_message(automatic).expect("rewritten")).unwrap();
        assert!(rewritten.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\ndate: "));
        let (head, body) = rewritten.split_once("\r\n\r\n").expect("a head");
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        assert!(body.contains("at most 100 headers"), "{body}");
        let own =
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 32\r\n\r\nCannot find the requested object";
        assert_eq!(with_message(own), None);
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(with_message(with_body), None);
    }
}
