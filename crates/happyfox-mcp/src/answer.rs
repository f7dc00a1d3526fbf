//! Answers made for an agent's context: nulls dropped, long texts cut with a marker, a
//! listing's tickets reduced to what triage needs, every answer under a byte cap (a listing
//! then shows fewer items and says which page to ask for next), and one ticket's thread as
//! plain text.

use serde_json::{Map, Value, json};

/// The most bytes of one answer by default.
pub const MAX_ANSWER_BYTES: usize = 24 * 1024;
/// The longest text kept whole in an answer.
const MAX_TEXT_CHARS: usize = 1_000;
/// What stands for the rest of a cut text.
pub const CUT: &str = " [...cut]";

/// What a ticket of a listing keeps, its keys in order.
const TICKET_KEYS: &str =
    "id display_id subject status priority category assigned_to user last_modified created_at tags";

/// `value` without nulls, empty lists and objects, with long texts cut.
pub fn tidy(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let kept: Map<String, Value> = map
                .iter()
                .map(|(key, value)| (key.clone(), tidy(value)))
                .filter(|(_, value)| !is_empty(value))
                .collect();
            Value::Object(kept)
        }
        Value::Array(items) => Value::Array(items.iter().map(tidy).collect()),
        Value::String(text) if text.chars().count() > MAX_TEXT_CHARS => {
            let kept: String = text.chars().take(MAX_TEXT_CHARS).collect();
            Value::String(format!("{kept}{CUT}"))
        }
        other => other.clone(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// A lookup reference (`{"id": 1, "name": "New", ...}`) as its name, a contact as
/// `Name <email>`.
fn named(value: &Value) -> Value {
    match value {
        Value::Object(map) => match (map.get("name"), map.get("email")) {
            (Some(Value::String(name)), Some(Value::String(email))) => {
                Value::String(format!("{name} <{email}>"))
            }
            (Some(Value::String(name)), _) => Value::String(name.clone()),
            _ => value.clone(),
        },
        other => other.clone(),
    }
}

/// A listing's item as triage needs it: a ticket's own fields and the names of what it
/// refers to; any other item tidied.
fn compact_item(item: &Value) -> Value {
    let Some(map) = item.as_object() else {
        return tidy(item);
    };
    if !map.contains_key("display_id") {
        return tidy(item);
    }
    let kept: Map<String, Value> = TICKET_KEYS
        .split_whitespace()
        .filter_map(|key| map.get(key).map(|value| (key.to_owned(), named(value))))
        .collect();
    tidy(&Value::Object(kept))
}

/// One page of a listing, compact and under `cap` bytes: its items, where it sits, and the
/// page to ask for next.
pub fn page(value: &Value, cap: usize) -> Value {
    let items: Vec<Value> = value["data"]
        .as_array()
        .map(|items| items.iter().map(compact_item).collect())
        .unwrap_or_default();
    let info = &value["page_info"];
    let total = info["last_index"].as_u64();
    let count = items.len();
    let mut shown = items;
    let mut answer = json!({ "total": total, "items": shown });
    while answer.to_string().len() > cap && !shown.is_empty() {
        shown.pop();
        answer = json!({
            "total": total,
            "items": shown,
            "cut": format!(
                "{} of this page's {count} items shown (answer cap {cap} bytes): ask for a smaller `size`",
                shown.len()
            ),
        });
    }
    if let (Some(start), Some(pages)) = (info["start_index"].as_u64(), info["page_count"].as_u64())
    {
        let size = count.max(1) as u64;
        let this_page = start.saturating_sub(1) / size + 1;
        if this_page < pages {
            answer["next_page"] = json!(this_page + 1);
        }
    }
    answer
}

/// Any other answer, tidied and kept valid JSON under `cap` bytes: its longest list loses
/// its first (oldest) entries, saying how many it shows, until it fits; only what still
/// does not fit is cut as text with a marker.
pub fn whole(value: &Value, cap: usize) -> String {
    let mut tidied = tidy(value);
    let mut shown = tidied.to_string();
    while shown.len() > cap && shorten_longest_list(&mut tidied, shown.len() - cap) {
        shown = tidied.to_string();
    }
    capped(shown, cap)
}

/// Drops first entries of the top level's longest list (or of the list itself), enough to
/// save about `excess` bytes and at least one, noting the count under `cut`; false when
/// there is no list left to shorten.
fn shorten_longest_list(value: &mut Value, excess: usize) -> bool {
    match value {
        Value::Array(items) if !items.is_empty() => {
            drop_first(items, excess);
            true
        }
        Value::Object(map) => {
            let longest = map
                .iter()
                .filter(|(_, entry)| entry.as_array().is_some_and(|items| !items.is_empty()))
                .max_by_key(|(_, entry)| entry.to_string().len())
                .map(|(key, _)| key.clone());
            let Some(key) = longest else {
                return false;
            };
            let Some(Value::Array(items)) = map.get_mut(&key) else {
                return false;
            };
            let dropped = drop_first(items, excess) as u64;
            let before = map.get("cut").and_then(|cut| cut[&key].as_u64());
            let cut = map.entry("cut").or_insert_with(|| json!({}));
            cut[&key] = json!(before.unwrap_or(0) + dropped);
            cut["why"] = json!(
                "answer cap: this many first (oldest) entries of each list named here are left out"
            );
            true
        }
        _ => false,
    }
}

/// Removes the first entries of `items` until about `excess` bytes are saved (at least one
/// entry, while there is one); how many it removed.
fn drop_first(items: &mut Vec<Value>, excess: usize) -> usize {
    let mut saved = 0;
    let count = items
        .iter()
        .take_while(|item| {
            let keep_going = saved < excess;
            saved += item.to_string().len() + 1;
            keep_going
        })
        .count()
        .max(1)
        .min(items.len());
    items.drain(..count);
    count
}

/// `text`, cut to `cap` bytes with a marker when it is longer.
pub fn capped(text: String, cap: usize) -> String {
    if text.len() <= cap {
        return text;
    }
    let mut end = cap;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{CUT} (answer cap {cap} bytes)", &text[..end])
}

/// The most characters of an error's message (a huge argument is not echoed whole).
const MAX_MESSAGE_CHARS: usize = 300;

/// `text` cut to a message's length, with a marker when it is longer.
pub fn brief(text: &str) -> String {
    if text.chars().count() <= MAX_MESSAGE_CHARS {
        return text.to_owned();
    }
    let kept: String = text.chars().take(MAX_MESSAGE_CHARS).collect();
    format!("{kept}{CUT}")
}

/// A ticket's messages, newest first, at most `newest` of them, as plain text.
pub fn thread(ticket: &Value, newest: usize) -> String {
    let mut lines = vec![format!(
        "{} {}",
        ticket["display_id"].as_str().unwrap_or_default(),
        ticket["subject"].as_str().unwrap_or_default()
    )];
    let updates = ticket["updates"].as_array().cloned().unwrap_or_default();
    let messages: Vec<&Value> = updates
        .iter()
        .rev()
        .filter(|update| update["message"].is_object())
        .take(newest)
        .collect();
    for update in messages {
        let message = &update["message"];
        let who = named(&update["by"]);
        let kind = update["by"]["type"].as_str().unwrap_or("someone");
        let private = if message["message_type"] == "p" {
            " (private note)"
        } else {
            ""
        };
        let text = message["text"]
            .as_str()
            .or_else(|| message["html"].as_str())
            .unwrap_or_default();
        let text = match tidy(&Value::String(text.to_owned())) {
            Value::String(text) => text,
            _ => String::new(),
        };
        lines.push(format!(
            "\n{} {} ({kind}){private}:\n{}",
            update["timestamp"].as_str().unwrap_or_default(),
            who.as_str().unwrap_or("unknown"),
            text.trim()
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_go_and_long_texts_are_cut() {
        let long = "x".repeat(MAX_TEXT_CHARS + 5);
        let tidied = tidy(&json!({ "a": null, "b": [], "c": long, "d": 1 }));
        assert_eq!(tidied["d"], 1);
        assert!(tidied.get("a").is_none() && tidied.get("b").is_none());
        assert!(tidied["c"].as_str().is_some_and(|c| c.ends_with(CUT)));
    }

    #[test]
    fn a_page_over_the_cap_shows_fewer_items_and_says_so() {
        let items: Vec<Value> = (1..=50)
            .map(|n| json!({ "id": n, "display_id": format!("#T{n}"), "subject": "s".repeat(200), "status": { "id": 1, "name": "New" }, "updates": [1, 2, 3] }))
            .collect();
        let page_value = json!({ "data": items, "page_info": { "start_index": 1, "page_count": 3, "last_index": 150 } });
        let answer = page(&page_value, 4_000);
        assert!(answer.to_string().len() <= 4_000);
        assert!(
            answer["cut"]
                .as_str()
                .is_some_and(|c| c.contains("smaller `size`"))
        );
        assert_eq!(answer["next_page"], 2);
        assert_eq!(answer["items"][0]["status"], "New");
        assert!(answer["items"][0].get("updates").is_none());
    }

    #[test]
    fn a_whole_answer_over_the_cap_stays_json_and_drops_its_oldest_entries() {
        let updates: Vec<Value> = (1..=40)
            .map(|n| json!({ "n": n, "text": "t".repeat(100) }))
            .collect();
        let ticket = json!({ "id": 7, "subject": "disk full", "updates": updates });
        let shown: Value = serde_json::from_str(&whole(&ticket, 2_000)).unwrap();
        assert_eq!(shown["id"], 7);
        let kept = shown["updates"].as_array().unwrap();
        assert_eq!(kept.last().unwrap()["n"], 40);
        assert_eq!(shown["cut"]["updates"], 40 - kept.len());
        assert!(shown.to_string().len() <= 2_000);
    }
}
