//! The MCP server: the generated tools the settings offer (read-only unless writes are
//! allowed; delete, move and forward only when destructive writes are too) plus
//! `tickets_thread`, each call run on a blocking thread through the core client, HappyFox
//! failures answered as tool errors with their kind, served over stdio.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, JsonObject,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Value, json};

use crate::answer;
use crate::args::Args;
use crate::generated::{TOOLS, call};
use crate::tools::{Access, Answer, CallError, Tool};

/// What the server offers and how.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Offer the tools that write (`--allow-writes`).
    pub allow_writes: bool,
    /// Offer delete, move and forward too (`--allow-destructive`, with `--allow-writes`).
    pub allow_destructive: bool,
    /// The acting agent when a write names none (`--staff`): an id, a name or an email.
    pub staff: Option<String>,
    /// The most bytes of one answer.
    pub max_answer_bytes: usize,
    /// Only these tools (`tickets_list`) and groups (`tickets`: every `tickets_...` tool),
    /// when given (`--tools`); the access flags still apply.
    pub tools: Option<Vec<String>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            allow_writes: false,
            allow_destructive: false,
            staff: None,
            max_answer_bytes: answer::MAX_ANSWER_BYTES,
            tools: None,
        }
    }
}

/// The hand-written tool: one ticket's messages as text.
const THREAD: &str = "tickets_thread";

impl Settings {
    /// Whether a tool of this access is offered.
    pub fn offers(&self, access: Access) -> bool {
        self.refusal(access).is_none()
    }

    /// Whether `--tools` lets the tool `name` through (everything when it is not given).
    pub fn lists(&self, name: &str) -> bool {
        self.tools.as_ref().is_none_or(|allowed| {
            allowed.iter().any(|entry| {
                name == entry
                    || name
                        .strip_prefix(entry.as_str())
                        .is_some_and(|rest| rest.starts_with('_'))
            })
        })
    }

    /// Whether a tool of this access is offered, or the flag it needs.
    fn refusal(&self, access: Access) -> Option<&'static str> {
        match access {
            Access::Read => None,
            Access::Write if self.allow_writes => None,
            Access::Destructive if self.allow_writes && self.allow_destructive => None,
            Access::Write => Some("--allow-writes"),
            Access::Destructive => Some("--allow-writes and --allow-destructive"),
        }
    }
}

struct Server {
    client: happyfox::Client,
    settings: Settings,
}

fn schema(text: &str) -> Arc<JsonObject> {
    Arc::new(serde_json::from_str(text).unwrap_or_default())
}

fn listed(tool: &Tool) -> rmcp::model::Tool {
    let annotations = ToolAnnotations::new()
        .read_only(tool.access == Access::Read)
        .destructive(tool.access == Access::Destructive)
        .idempotent(tool.idempotent);
    rmcp::model::Tool::new(tool.name, tool.description, schema(tool.schema))
        .with_annotations(annotations)
}

fn thread_tool() -> rmcp::model::Tool {
    let input = json!({
        "type": "object",
        "properties": {
            "ticket": { "anyOf": [{ "type": "integer", "minimum": 0 }, { "type": "string" }], "description": "The ticket: number or display id" },
            "newest": { "type": "integer", "minimum": 1, "description": "How many messages, newest first (default 10)" },
        },
        "required": ["ticket"],
        "additionalProperties": false,
    });
    rmcp::model::Tool::new(
        THREAD,
        "One ticket's messages (replies and private notes), newest first, as plain text.",
        Arc::new(input.as_object().cloned().unwrap_or_default()),
    )
    .with_annotations(
        ToolAnnotations::new()
            .read_only(true)
            .destructive(false)
            .idempotent(true),
    )
}

fn text(content: String) -> CallToolResult {
    CallToolResult::success(vec![ContentBlock::text(content)])
}

fn failure(content: Value) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(content.to_string())])
}

impl Server {
    fn offered(&self) -> Vec<rmcp::model::Tool> {
        let mut tools: Vec<rmcp::model::Tool> = TOOLS
            .iter()
            .filter(|tool| self.settings.offers(tool.access) && self.settings.lists(tool.name))
            .map(listed)
            .collect();
        if self.settings.lists(THREAD) {
            tools.push(thread_tool());
        }
        tools
    }

    /// Runs a call on this thread (the caller put it on a blocking one).
    fn run(&self, name: &str, mut arguments: JsonObject) -> CallToolResult {
        if !self.settings.lists(name) {
            return failure(json!({
                "kind": "not_allowed",
                "message": format!("`{name}` is not among the tools the server was started with (--tools)"),
            }));
        }
        if name == THREAD {
            return self.thread(&arguments);
        }
        let Some(tool) = TOOLS.iter().find(|tool| tool.name == name) else {
            return failure(
                json!({ "kind": "unknown_tool", "message": format!("there is no tool `{name}`") }),
            );
        };
        if let Some(flag) = self.settings.refusal(tool.access) {
            return failure(json!({
                "kind": "not_allowed",
                "message": format!("`{name}` writes to HappyFox; the server offers it only when started with {flag}"),
            }));
        }
        let dry_run = arguments
            .remove("dry_run")
            .is_some_and(|value| value == Value::Bool(true));
        if let Some(staff) = &self.settings.staff {
            for key in ["staff", "staff_id"] {
                if tool.schema.contains(&format!("\"{key}\"")) && !arguments.contains_key(key) {
                    arguments.insert(key.to_owned(), Value::String(staff.clone()));
                }
            }
        }
        let client = if dry_run {
            self.client
                .with_options(&happyfox::RequestOptions::default().dry_run(true))
        } else {
            self.client.clone()
        };
        let args = Args::new(&arguments, &self.client);
        match call(name, &args, &client) {
            Ok(Answer::Value(value)) if tool.page => {
                text(answer::page(&value, self.settings.max_answer_bytes).to_string())
            }
            Ok(Answer::Value(value)) => text(answer::whole(&value, self.settings.max_answer_bytes)),
            Ok(Answer::Unrecognized(raw)) => text(
                json!({ "applied": true, "note": "HappyFox accepted the write and answered another shape", "answer": raw })
                    .to_string(),
            ),
            Err(error) => self.refused(error),
        }
    }

    fn refused(&self, error: CallError) -> CallToolResult {
        match error {
            CallError::Api(error) => {
                if let Some(request) = error.dry_run() {
                    return text(
                        json!({ "dry_run": true, "sent": false, "request": request }).to_string(),
                    );
                }
                let mut body = json!({
                    "kind": error.kind().name(),
                    "message": error.to_string(),
                    "outcome_unknown": error.outcome_unknown(),
                });
                if error.outcome_unknown() {
                    body["advice"] = json!(
                        "the write may have been applied: read the ticket before sending it again"
                    );
                }
                if let happyfox::Error::UnknownName { candidates, .. } = &error {
                    body["candidates"] = json!(candidates);
                }
                failure(body)
            }
            CallError::Argument { name, why } => failure(json!({
                "kind": "invalid_argument",
                "argument": name,
                "message": format!("`{name}` {why}"),
            })),
            CallError::UnknownTool(name) => failure(
                json!({ "kind": "unknown_tool", "message": format!("there is no tool `{name}`") }),
            ),
        }
    }

    fn thread(&self, arguments: &JsonObject) -> CallToolResult {
        let args = Args::new(arguments, &self.client);
        let ticket = match args.need("ticket", Args::ticket) {
            Ok(ticket) => ticket,
            Err(error) => return self.refused(error),
        };
        let newest = match args.number("newest") {
            Ok(newest) => newest.unwrap_or(10).max(1) as usize,
            Err(error) => return self.refused(error),
        };
        match self.client.get_ticket(ticket, &happyfox::GetTicket::new()) {
            Ok(found) => {
                let value = serde_json::to_value(&found).unwrap_or(Value::Null);
                let shown = answer::thread(&value, newest);
                text(answer::capped(shown, self.settings.max_answer_bytes))
            }
            Err(error) => self.refused(CallError::Api(error)),
        }
    }
}

/// The handler rmcp drives: the server shared with the blocking threads calls run on.
#[derive(Clone)]
struct Handler(Arc<Server>);

impl ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        let settings = &self.0.settings;
        let mode = match (settings.allow_writes, settings.allow_destructive) {
            (false, _) => "read-only: no tool writes",
            (true, false) => "writes allowed, but not delete, move or forward",
            (true, true) => "writes allowed, delete, move and forward too",
        };
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build()).with_instructions(
            format!(
                "HappyFox help desk ({mode}). Ids may be given as names: statuses, priorities, categories, staff (name or email), contacts (email), custom fields (by name). Every write takes `dry_run` to see the request without sending it; a write whose outcome is unknown may have been applied: read before retrying."
            ),
        )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        Ok(ListToolsResult::with_all_items(self.0.offered()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let server = Arc::clone(&self.0);
        let name = request.name.to_string();
        let arguments = request.arguments.unwrap_or_default();
        let result = tokio::task::spawn_blocking(move || server.run(&name, arguments))
            .await
            .unwrap_or_else(|panic| {
                failure(json!({ "kind": "internal", "message": panic.to_string() }))
            });
        Ok(CallToolResponse::Complete(result))
    }
}

/// Serves `client` over stdio until the client closes it.
pub fn serve_stdio(
    client: happyfox::Client,
    settings: Settings,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let handler = Handler(Arc::new(Server { client, settings }));
        let service = handler.serve(rmcp::transport::stdio()).await?;
        service.waiting().await?;
        Ok(())
    })
}
