//! The MCP server: the generated tools the settings offer (read-only unless writes are
//! allowed; delete, move and forward only when destructive writes are too) plus
//! `tickets_thread`, each call run on a blocking thread through the core client, HappyFox
//! failures answered as tool errors with their kind; the lookups as resources; served over
//! stdio here (HTTP in `http`).

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    JsonObject, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, Resource,
    ResourceContents, ServerCapabilities, ServerConfig, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Value, json};

use crate::answer;
use crate::args::Args;
use crate::generated::call;
use crate::resources::{self, RESOURCES, ReadError};
use crate::tools::{Access, Answer, CallError, THREAD, Tool};

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

fn text(content: String) -> CallToolResult {
    CallToolResult::success(vec![ContentBlock::text(content)])
}

fn failure(content: Value) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(content.to_string())])
}

/// The first argument of `arguments` that the tool `name` does not take, refused.
fn unknown_argument(name: &str, takes: &[&str], arguments: &JsonObject) -> Option<CallError> {
    let unknown = arguments
        .keys()
        .find(|key| !takes.contains(&key.as_str()))?;
    Some(CallError::Argument {
        name: unknown.clone(),
        why: format!(
            "is not an argument of `{name}`, which takes: {}",
            takes.join(", ")
        ),
    })
}

fn unknown_tool(name: &str) -> CallToolResult {
    failure(json!({
        "kind": "unknown_tool",
        "message": answer::brief(&format!("there is no tool `{name}`: tools/list names them")),
    }))
}

impl Server {
    fn offered(&self) -> Vec<rmcp::model::Tool> {
        crate::offered(&self.settings)
            .into_iter()
            .map(listed)
            .collect()
    }

    /// Runs a call of `tool` on this thread (the caller put it on a blocking one).
    fn run(&self, tool: &Tool, mut arguments: JsonObject) -> CallToolResult {
        let name = tool.name;
        if !self.settings.lists(name) {
            return failure(json!({
                "kind": "not_allowed",
                "message": answer::brief(&format!("`{name}` is not among the tools the server was started with (--tools)")),
            }));
        }
        if let Some(flag) = self.settings.refusal(tool.access) {
            return failure(json!({
                "kind": "not_allowed",
                "message": format!("`{name}` writes to HappyFox; the server offers it only when started with {flag}"),
            }));
        }
        if let Some(refusal) = unknown_argument(name, tool.arguments, &arguments) {
            return self.refused(refusal);
        }
        if name == THREAD.name {
            return self.thread(&arguments);
        }
        let dry_run = arguments
            .remove("dry_run")
            .is_some_and(|value| value == Value::Bool(true));
        if let (Some(staff), Some(key)) = (&self.settings.staff, tool.acting_staff) {
            arguments
                .entry(key)
                .or_insert_with(|| Value::String(staff.clone()));
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
                    "message": answer::brief(&error.to_string()),
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
                "argument": answer::brief(&name),
                "message": answer::brief(&format!("`{name}` {why}")),
            })),
            CallError::UnknownTool(name) => unknown_tool(&name),
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

/// An error that stops the server.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The handler rmcp drives: the server shared with the blocking threads calls run on.
#[derive(Clone)]
pub(crate) struct Handler(Arc<Server>);

impl Handler {
    /// The handler serving `client` as `settings` say.
    pub(crate) fn new(client: happyfox::Client, settings: Settings) -> Self {
        Handler(Arc::new(Server { client, settings }))
    }

    /// Runs `work` with the server on a blocking thread (the core client blocks).
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Server) -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let server = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || work(&server)).await
    }
}

impl ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        let settings = &self.0.settings;
        let mode = match (settings.allow_writes, settings.allow_destructive) {
            (false, _) => "read-only: no tool writes",
            (true, false) => "writes allowed, but not delete, move or forward",
            (true, true) => "writes allowed, delete, move and forward too",
        };
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .build();
        let named = Implementation::new("happyfox-mcp", env!("CARGO_PKG_VERSION"));
        ServerConfig::new(capabilities).with_server_info(named).with_instructions(format!(
            "HappyFox help desk ({mode}). Ids may be given as names: statuses, priorities, categories, staff (name or email), contacts (email), custom fields (by name); the resources happyfox://statuses, happyfox://staff, ... list them. Every write takes `dry_run` to see the request without sending it; a write whose outcome is unknown may have been applied: read before retrying."
        ))
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
        // An unknown tool is a protocol error (MCP spec); a known one refused by the
        // server's flags is a tool error naming the flag.
        let Some(tool) = crate::find(&request.name) else {
            return Err(McpError::invalid_params(
                answer::brief(&format!(
                    "unknown tool `{}`: tools/list names them",
                    request.name
                )),
                None,
            ));
        };
        let arguments = request.arguments.unwrap_or_default();
        let result = self
            .blocking(move |server| server.run(tool, arguments))
            .await
            .unwrap_or_else(|panic| {
                failure(json!({ "kind": "internal", "message": panic.to_string() }))
            });
        Ok(CallToolResponse::Complete(result))
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let listed = RESOURCES
            .iter()
            .map(|resource| {
                Resource::new(resource.uri, resource.name)
                    .with_description(resource.description)
                    .with_mime_type("application/json")
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(listed))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let uri = request.uri;
        let asked = uri.clone();
        let read = self
            .blocking(move |server| {
                resources::read(&server.client, &asked, server.settings.max_answer_bytes)
            })
            .await
            .map_err(|panic| McpError::internal_error(panic.to_string(), None))?;
        match read {
            Ok(text) => {
                let contents = ResourceContents::text(text, uri).with_mime_type("application/json");
                Ok(ReadResourceResult::new(vec![contents]).into())
            }
            Err(ReadError::Unknown) => Err(McpError::resource_not_found(
                format!("there is no resource `{uri}`"),
                Some(json!({ "resources": RESOURCES.iter().map(|r| r.uri).collect::<Vec<_>>() })),
            )),
            Err(ReadError::Api(error)) => Err(McpError::internal_error(
                format!("cannot read the lookups: {error}"),
                Some(json!({ "kind": error.kind().name(), "outcome_unknown": false })),
            )),
        }
    }
}

/// The runtime the server's transports run on.
pub(crate) fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

/// Serves `client` over stdio until the client closes it.
pub fn serve_stdio(client: happyfox::Client, settings: Settings) -> Result<(), BoxError> {
    runtime()?.block_on(async move {
        let service = Handler::new(client, settings)
            .serve(rmcp::transport::stdio())
            .await?;
        service.waiting().await?;
        Ok(())
    })
}
