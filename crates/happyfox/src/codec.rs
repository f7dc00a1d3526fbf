//! The wire format's rules, shared with the emulator, the test suites and the benchmarks: how
//! an answer body is decoded (naming the JSON path of a mismatch), how list bodies, error
//! bodies, tags and timestamps are read, how a multipart upload is encoded. The client uses exactly
//! these, so a server or test that reads the wire with them reads it as the client does.
//!
//! Nothing here is needed to use the client: its methods decode for you.

pub use crate::multipart::{MultipartBody, encode as encode_multipart};
pub use crate::wire::decode;
pub use crate::wire::errors::field_errors;
pub use crate::wire::lists::ListBody;
pub use crate::wire::tags::split as split_tags;
pub use crate::wire::time::parse_timestamp;
