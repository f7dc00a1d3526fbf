//! A loopback HTTP proxy written for the tests: it answers `CONNECT host:port` (which ureq
//! sends for https and for plain http targets alike) by tunnelling to one loopback
//! address, whatever host was asked for, and records every `CONNECT` it saw.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// One `CONNECT` the proxy received.
#[derive(Debug, Clone)]
pub struct Tunnel {
    /// The `host:port` asked for.
    pub target: String,
    /// The `Proxy-Authorization` header, if any.
    pub authorization: Option<String>,
}

/// The proxy; it runs until the test process ends.
pub struct CountingProxy {
    addr: SocketAddr,
    tunnels: Arc<Mutex<Vec<Tunnel>>>,
}

impl CountingProxy {
    /// Starts on a free loopback port, tunnelling every `CONNECT` to `upstream`.
    pub fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let tunnels = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&tunnels);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let seen = Arc::clone(&seen);
                thread::spawn(move || tunnel(stream, upstream, &seen));
            }
        });
        Self { addr, tunnels }
    }

    /// The proxy's URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The proxy's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The tunnels opened so far.
    pub fn tunnels(&self) -> Vec<Tunnel> {
        self.tunnels.lock().expect("lock").clone()
    }
}

fn tunnel(client: TcpStream, upstream: SocketAddr, seen: &Mutex<Vec<Tunnel>>) {
    let mut reader = BufReader::new(client.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    let mut authorization = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("proxy-authorization")
        {
            authorization = Some(value.trim().to_owned());
        }
    }
    let mut parts = request_line.split_whitespace();
    let (Some("CONNECT"), Some(target)) = (parts.next(), parts.next()) else {
        let _ = (&client).write_all(b"HTTP/1.1 405 Only CONNECT\r\ncontent-length: 0\r\n\r\n");
        return;
    };
    seen.lock().expect("lock").push(Tunnel {
        target: target.to_owned(),
        authorization,
    });
    let Ok(server) = TcpStream::connect(upstream) else {
        let _ = (&client).write_all(b"HTTP/1.1 502 Upstream down\r\ncontent-length: 0\r\n\r\n");
        return;
    };
    if (&client)
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .is_err()
    {
        return;
    }
    // What the client sent after the CONNECT head and the reader already took.
    let early = reader.buffer().to_vec();
    let (mut to_server, mut from_server) = (server.try_clone().expect("clone"), server);
    let mut from_client = client.try_clone().expect("clone");
    let mut to_client = client;
    let upload = thread::spawn(move || {
        let _ = to_server.write_all(&early);
        let _ = std::io::copy(&mut from_client, &mut to_server);
        let _ = to_server.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut from_server, &mut to_client);
    let _ = to_client.shutdown(std::net::Shutdown::Write);
    let _ = upload.join();
}
