//! A tiny HTTP/1.1 server on loopback (plain, or TLS with a certificate made by the test)
//! that records every request it receives verbatim and answers each with a canned response.
//! Used to pin the client's exact wire format without mocking its transport.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`, `POST`...
    pub method: String,
    /// Path and query, exactly as sent.
    pub target: String,
    /// Header lines in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A stable text rendering for snapshots: request line, headers other than the
    /// Authorization value (shown as present) and Host (its port varies), then the body
    /// (pretty JSON, or text with CRLF shown).
    pub fn render(&self) -> String {
        let mut out = format!("{} {}\n", self.method, self.target);
        for (name, value) in &self.headers {
            let value = match name.as_str() {
                "authorization" => "Basic <redacted>",
                "host" => "127.0.0.1:<port>",
                _ => value.as_str(),
            };
            out.push_str(&format!("{name}: {value}\n"));
        }
        out.push('\n');
        let is_json = self
            .header("content-type")
            .is_some_and(|ct| ct.starts_with("application/json"));
        if is_json {
            match serde_json::from_slice::<serde_json::Value>(&self.body) {
                Ok(value) => {
                    out.push_str(&serde_json::to_string_pretty(&value).unwrap_or_default());
                    out.push_str("\n\n(raw) ");
                    out.push_str(&String::from_utf8_lossy(&self.body));
                }
                Err(_) => out.push_str(&String::from_utf8_lossy(&self.body)),
            }
        } else {
            out.push_str(&String::from_utf8_lossy(&self.body).replace("\r\n", "\\r\\n\n"));
        }
        out
    }
}

/// A canned answer.
#[derive(Debug, Clone)]
pub struct Canned {
    /// HTTP status.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: String,
}

impl Canned {
    /// 200 with a JSON body.
    pub fn json(body: &str) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// Any status with a body.
    pub fn status(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// The listener; requests are recorded until it is dropped.
pub struct CaptureServer {
    scheme: &'static str,
    port: u16,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    answers: Arc<Mutex<Vec<Canned>>>,
}

impl CaptureServer {
    /// Starts on a free loopback port, answering every request with `default` unless answers
    /// were queued with [`CaptureServer::queue`].
    pub fn start(default: Canned) -> Self {
        Self::listen(default, None)
    }

    /// As [`CaptureServer::start`], over TLS with this server configuration (see
    /// [`TestCa::server_config`](crate::tls::TestCa::server_config)).
    pub fn start_tls(default: Canned, tls: Arc<rustls::ServerConfig>) -> Self {
        Self::listen(default, Some(tls))
    }

    fn listen(default: Canned, tls: Option<Arc<rustls::ServerConfig>>) -> Self {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let answers: Arc<Mutex<Vec<Canned>>> = Arc::new(Mutex::new(Vec::new()));
        let (rec, ans) = (Arc::clone(&recorded), Arc::clone(&answers));
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (rec, ans, default) = (Arc::clone(&rec), Arc::clone(&ans), default.clone());
                let tls = tls.clone();
                thread::spawn(move || match tls {
                    None => serve(stream, &rec, &ans, &default),
                    Some(config) => {
                        // A refused handshake (a client that does not trust the CA) ends here.
                        let Ok(session) = rustls::ServerConnection::new(config) else {
                            return;
                        };
                        serve(
                            rustls::StreamOwned::new(session, stream),
                            &rec,
                            &ans,
                            &default,
                        );
                    }
                });
            }
        });
        Self {
            scheme,
            port,
            recorded,
            answers,
        }
    }

    /// Queues answers used (in order) before the default one.
    pub fn queue(&self, answer: Canned) {
        self.answers.lock().expect("lock").push(answer);
    }

    /// The base URL of the server.
    pub fn url(&self) -> String {
        format!("{}://127.0.0.1:{}", self.scheme, self.port)
    }

    /// The loopback port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Takes the requests recorded so far.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.recorded.lock().expect("lock"))
    }

    /// Takes exactly one recorded request.
    pub fn take_one(&self) -> Recorded {
        let mut all = self.take();
        assert_eq!(all.len(), 1, "expected one request, got {all:#?}");
        all.remove(0)
    }
}

fn serve(
    stream: impl Read + Write,
    recorded: &Mutex<Vec<Recorded>>,
    answers: &Mutex<Vec<Canned>>,
    default: &Canned,
) {
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        recorded.lock().expect("lock").push(request);
        let answer = {
            let mut queue = answers.lock().expect("lock");
            if queue.is_empty() {
                default.clone()
            } else {
                queue.remove(0)
            }
        };
        let mut head = format!(
            "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            answer.status,
            answer.body.len()
        );
        for (name, value) in &answer.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let writer = reader.get_mut();
        if writer.write_all(head.as_bytes()).is_err()
            || writer.write_all(answer.body.as_bytes()).is_err()
            || writer.flush().is_err()
        {
            return;
        }
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Recorded> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}
