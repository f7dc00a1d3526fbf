//! A raw POST with Basic auth, for bodies the client refuses to build (too many tickets,
//! oversized uploads, other content types).

use serde_json::Value;

/// POSTs `body` as `content_type` to `<base_url>/api/1.1/json<path>`; answers the status and
/// the body as JSON (or as a JSON string when it is not JSON).
pub fn raw_post(
    base_url: &str,
    (api_key, auth_code): (&str, &str),
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let auth = format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{api_key}:{auth_code}")
        )
    );
    let mut response = agent
        .post(format!("{base_url}/api/1.1/json{path}"))
        .header("Authorization", &auth)
        .header("Content-Type", content_type)
        .send(body)
        .expect("raw post");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}
