//! The lowered model of the API: what `spec/*.toml` says, validated and resolved, in terms no
//! target language owns. Every emitter reads this model and nothing else; each backend maps
//! its types once, in one table (`client/rust_types.rs` for Rust).

/// The whole API: named types, payloads, parameters, operations and the search language.
#[derive(Debug, Default)]
pub struct Api {
    /// String enums of answers, in spec order.
    pub enums: Vec<Enum>,
    /// Answer models, in spec order (a model's every-field-optional copy, for `fields=`
    /// answers, follows it when declared).
    pub models: Vec<Model>,
    /// Values of one of several shapes (status filter, note alert, custom-field value...).
    pub unions: Vec<Union>,
    /// Types defined outside the spec, with the shape a backend maps (query, sort, upload).
    pub externals: Vec<External>,
    /// Kinds of id (ticket, staff, status...), each its own type where a backend can say so.
    pub ids: Vec<IdKind>,
    /// Write payloads, in spec order.
    pub requests: Vec<Request>,
    /// Query-string parameter sets of reads, in spec order.
    pub params: Vec<Params>,
    /// Every operation, in spec order.
    pub operations: Vec<Operation>,
    /// The `q=` search language and the ticket list's sort options.
    pub search: Search,
    /// The capabilities the core adds by hand (`spec/capabilities.toml`), with their names
    /// in each surface.
    pub capabilities: Vec<Capability>,
    /// The rules an input can break before anything is sent (`spec/errors.toml`).
    pub input_rules: Vec<InputRule>,
}

/// A rule of `spec/errors.toml`: a variant of the core's `InputRule` and of the bindings'.
#[derive(Debug, Clone)]
pub struct InputRule {
    /// The variant (UpperCamelCase).
    pub name: String,
    /// Documentation, the same in every surface.
    pub doc: String,
    /// The data it carries, in order.
    pub fields: Vec<InputRuleField>,
}

/// A datum an [`InputRule`] carries.
#[derive(Debug, Clone)]
pub struct InputRuleField {
    /// Its name (snake case).
    pub name: String,
    /// Its type.
    pub ty: InputRuleType,
    /// Documentation.
    pub doc: String,
}

/// The types an [`InputRuleField`] can have, by their spelling in `spec/errors.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputRuleType {
    /// `u64`: a bound or a size.
    U64,
    /// `usize`: a position in a text.
    Usize,
    /// `strings`: a list of names.
    Strings,
}

/// A surface of the client: a language, the command line or the MCP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Surface {
    /// The Rust crate.
    Rust,
    /// The Python package.
    Python,
    /// The Kotlin bindings.
    Kotlin,
    /// The Swift bindings.
    Swift,
    /// The `happyfox` command.
    Cli,
    /// The MCP server (`happyfox mcp`).
    Mcp,
}

impl Surface {
    /// Every surface, in the table's order.
    pub const ALL: [Surface; 6] = [
        Surface::Rust,
        Surface::Python,
        Surface::Kotlin,
        Surface::Swift,
        Surface::Cli,
        Surface::Mcp,
    ];

    /// Its key in `spec/capabilities.toml` and in the generated lists.
    pub fn key(self) -> &'static str {
        match self {
            Surface::Rust => "rust",
            Surface::Python => "python",
            Surface::Kotlin => "kotlin",
            Surface::Swift => "swift",
            Surface::Cli => "cli",
            Surface::Mcp => "mcp",
        }
    }

    /// Its name in the table.
    pub fn title(self) -> &'static str {
        match self {
            Surface::Rust => "Rust",
            Surface::Python => "Python",
            Surface::Kotlin => "Kotlin",
            Surface::Swift => "Swift",
            Surface::Cli => "CLI",
            Surface::Mcp => "MCP",
        }
    }
}

/// A capability in one surface: its name there, or why the surface goes without.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    /// The name users call it by in that surface.
    Named(String),
    /// Out of scope for that surface, and why.
    Out(String),
}

/// One user-facing capability and where each surface has it.
#[derive(Debug, Clone)]
pub struct Capability {
    /// Its name in the table and in failures, e.g. `snapshot`.
    pub name: String,
    /// What it does, in one line.
    pub summary: String,
    /// Its presence in each surface, in [`Surface::ALL`] order.
    pub surfaces: Vec<(Surface, Availability)>,
}

/// What a value means. How it travels is its [`Encoding`], kept apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// A scalar.
    Scalar(Scalar),
    /// A list of values.
    List(Box<Type>),
    /// A named type of the spec.
    Named(Named),
}

impl Type {
    /// Whether the type is an id: a `u64`, or a kind of id.
    pub fn is_id(&self) -> bool {
        matches!(self, Type::Scalar(Scalar::U64))
            || matches!(self, Type::Named(named) if named.kind == NamedKind::Id)
    }

    /// Whether the type is a list of ids.
    pub fn is_id_list(&self) -> bool {
        matches!(self, Type::List(item) if item.is_id())
    }

    /// The type with every kind of id read as `u64`, for backends that carry ids as numbers.
    pub fn ids_as_u64(&self) -> Type {
        match self {
            Type::Named(named) if named.kind == NamedKind::Id => Type::Scalar(Scalar::U64),
            Type::List(item) => Type::List(Box::new(item.ids_as_u64())),
            other => other.clone(),
        }
    }

    /// Whether the type is, or is a list of, a kind of id (not a plain `u64`).
    pub fn holds_id_kind(&self) -> bool {
        match self {
            Type::Named(named) => named.kind == NamedKind::Id,
            Type::List(item) => item.holds_id_kind(),
            Type::Scalar(_) => false,
        }
    }
}

/// The scalars of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// Text.
    String,
    /// `true` / `false`.
    Bool,
    /// An unsigned 64-bit integer (ids, counts).
    U64,
    /// A signed 64-bit integer.
    I64,
    /// A floating-point number.
    F64,
    /// Any JSON value.
    Json,
    /// A moment in UTC.
    Timestamp,
    /// A calendar day.
    Date,
    /// Raw bytes (file contents; externals' shapes only).
    Bytes,
}

/// A reference to a named type, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The type's name.
    pub name: String,
    /// What kind of declaration it names.
    pub kind: NamedKind,
}

/// The declaration a [`Named`] type refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A [`Model`] (or a partial model).
    Model,
    /// An [`Enum`].
    Enum,
    /// A [`Union`].
    Union,
    /// An [`External`].
    External,
    /// An [`IdKind`]: a `u64` on the wire.
    Id,
}

/// A kind of id: a number on the wire, its own type in code so two kinds cannot be swapped.
#[derive(Debug, Clone)]
pub struct IdKind {
    /// The type's name, e.g. `StaffId`.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// The models whose `id` field is of this kind (a backend may convert them into it).
    pub identifies: Vec<String>,
}

/// How a value is written on the wire, when that is not the plain JSON of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// The JSON value of the type (a list is an array; a timestamp `YYYY-MM-DD HH:MM:SS`;
    /// a date `YYYY-MM-DD`).
    #[default]
    Plain,
    /// A list as one comma-separated string (`tags`, `cc`).
    Csv,
    /// A number, or a string holding one.
    Lenient,
    /// A timestamp written `yyyy-mm-ddThh:mm:ss`.
    Iso,
}

/// Whether a field must be there, and whether it may be `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present (requests: a `new` argument).
    Required,
    /// Present or not (requests: not sent when unset).
    Optional,
    /// Not sent, sent as `null`, or sent with a value (e.g. unassigning).
    Nullable,
}

/// A field of a model, request or parameter set.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name on the wire.
    pub wire: String,
    /// The name in code, when the wire name cannot be one (`type`) or reads badly.
    pub ident: String,
    /// What the value means.
    pub ty: Type,
    /// How it travels.
    pub encoding: Encoding,
    /// Required, optional or nullable.
    pub presence: Presence,
    /// For a nullable field: the setter that sends `null` (e.g. `unassign`).
    pub null_setter: Option<String>,
    /// Other wire names accepted in answers.
    pub aliases: Vec<String>,
    /// The value sent when the caller set none (parameters).
    pub default: Option<String>,
    /// Inclusive bounds of a number.
    pub range: Option<Range>,
    /// Documentation.
    pub doc: String,
}

/// Inclusive bounds of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The smallest value allowed.
    pub min: u64,
    /// The largest value allowed, when bounded.
    pub max: Option<u64>,
}

/// A string enum of answers; unknown wire values are kept.
#[derive(Debug, Clone)]
pub struct Enum {
    /// The type's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// The known values.
    pub variants: Vec<EnumVariant>,
}

/// One known value of an [`Enum`].
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// The value on the wire.
    pub wire: String,
    /// The variant's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
}

/// An answer model; fields the spec does not know are kept.
#[derive(Debug, Clone)]
pub struct Model {
    /// The type's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// The fields, in spec order.
    pub fields: Vec<Field>,
}

/// A value of one of several shapes (a tagged union).
#[derive(Debug, Clone)]
pub struct Union {
    /// The type's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// The shapes, in spec order.
    pub variants: Vec<UnionVariant>,
}

/// One shape of a [`Union`]: a constant, or a value of a type.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The variant's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// A constant written as this text, or a carried value.
    pub shape: VariantShape,
}

/// What a [`UnionVariant`] is on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantShape {
    /// The constant text.
    Constant(String),
    /// A value of this type, written as the type is.
    Value(Type),
}

/// A type defined outside the spec (in hand-written code of each backend), with its shape.
#[derive(Debug, Clone)]
pub struct External {
    /// The type's name.
    pub name: String,
    /// Documentation, including how it is written on the wire.
    pub doc: String,
    /// What a backend must carry: a string, or named parts.
    pub shape: ExternalShape,
}

/// The shape of an [`External`].
#[derive(Debug, Clone)]
pub enum ExternalShape {
    /// Written as one string (e.g. a query's canonical text, a sort option's name).
    Text {
        /// The values it can take, when they are listed (sort options).
        values: Vec<TextValue>,
    },
    /// A record of fields (e.g. an upload's file name, content type and bytes).
    Record(Vec<Field>),
}

/// A write payload.
#[derive(Debug, Clone)]
pub struct Request {
    /// The type's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// The fields, in spec order.
    pub fields: Vec<Field>,
    /// Custom-field value maps (id to value).
    pub custom_fields: Vec<CustomFieldGroup>,
    /// Groups of fields of which at least one must be set, by wire name (validated).
    pub one_of: Vec<Vec<String>>,
    /// Whether it takes files (then it travels as multipart/form-data).
    pub attachments: bool,
}

/// Custom-field values of one kind in a payload: a map from field id to value.
#[derive(Debug, Clone)]
pub struct CustomFieldGroup {
    /// `ticket` or `contact`.
    pub kind: String,
    /// The wire key prefixes; each value is sent under every one (`t-cf-` + id).
    pub key_prefixes: Vec<String>,
    /// The type of one value.
    pub value: Type,
    /// Whether at least one value must be set.
    pub required: bool,
    /// A note on the keys (where the reference disagrees with itself).
    pub doc: Option<String>,
}

/// The query-string parameters of a read.
#[derive(Debug, Clone)]
pub struct Params {
    /// The type's name.
    pub name: String,
    /// Documentation.
    pub doc: String,
    /// The fields, all optional, in spec order.
    pub fields: Vec<Field>,
    /// Whether it has `page` and `size` (so listings using it can be iterated).
    pub paged: bool,
}

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A read.
    Get,
    /// A write.
    Post,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text.
    Literal(String),
    /// A path parameter, by name.
    Param(String),
}

/// What a write sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Nothing (reads).
    None,
    /// One payload of the named request (JSON, or multipart with files).
    Request(String),
    /// A JSON array of payloads of the named request (bulk).
    RequestList(String),
    /// One file under this multipart field name.
    File(String),
}

/// The shape of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerShape {
    /// One value.
    One,
    /// A list (sent bare or wrapped in `data`).
    List,
    /// A page: `page_info` and `data`.
    Page,
}

/// One operation of the API.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Its name (the client method).
    pub name: String,
    /// Where bindings that group operations by resource put it: the resource
    /// (`tickets`) and the action (`staff_update`), e.g. Python's
    /// `client.tickets.staff_update(...)`.
    pub grouping: Option<Grouping>,
    /// GET or POST.
    pub method: Method,
    /// The path as written in the spec, e.g. `/ticket/{ticket}/staff_update/`.
    pub path: String,
    /// The path, split into literals and parameters.
    pub segments: Vec<Segment>,
    /// The path parameters, in order of appearance.
    pub path_params: Vec<Field>,
    /// The parameter set it takes, by name.
    pub params: Option<String>,
    /// Query pairs always sent.
    pub fixed_query: Vec<(String, String)>,
    /// Query parameters of this operation alone.
    pub extra_query: Vec<Field>,
    /// What it sends.
    pub body: Body,
    /// The type of the answer's items (the answer itself for [`AnswerShape::One`]).
    pub answer: Type,
    /// How the answer is shaped.
    pub answer_shape: AnswerShape,
    /// For a paged listing, the name of the iterator over every item.
    pub iterator: Option<String>,
    /// Whether it is part of the public API (else crate-internal).
    pub public: bool,
    /// A write that destroys or moves away what it touches (delete, move, forward).
    pub destructive: bool,
    /// A write that, repeated with the same arguments, changes nothing more; reads are.
    pub idempotent: bool,
    /// Its CLI command (`tickets list`), or why the CLI has none; `None` when the spec says
    /// neither (the parity table refuses that for a public, grouped operation).
    pub cli: Option<Availability>,
    /// The reference sections it implements.
    pub reference: String,
    /// Documentation.
    pub doc: String,
}

impl Operation {
    /// Whether it writes.
    pub fn is_write(&self) -> bool {
        self.method == Method::Post
    }

    /// Its documentation for bindings: the doc, then the route and the reference sections.
    pub fn doc_with_route(&self) -> String {
        format!(
            "{}\n\n`{} {}` ({}).",
            self.doc,
            self.method.as_str(),
            self.path,
            self.reference
        )
    }
}

/// An operation's place in a resource-grouped binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouping {
    /// The resource, e.g. `tickets`.
    pub resource: String,
    /// The action, e.g. `list`; an iterator over a listing is named by replacing a leading
    /// `list` with `iter` (`list_ids` -> `iter_ids`).
    pub action: String,
}

/// The `q=` search language: the kinds of values, system fields and sort options.
#[derive(Debug, Default)]
pub struct Search {
    /// The kinds of values, in the spec's order (the variants of `happyfox_query::ValueKind`).
    pub kinds: Vec<DeclaredKind>,
    /// The system fields, in the reference's order.
    pub fields: Vec<SearchField>,
    /// The sort options, in the reference's order.
    pub sorts: Vec<SortOption>,
}

/// A system field of the search language.
#[derive(Debug, Clone)]
pub struct SearchField {
    /// Its name in a query.
    pub wire: String,
    /// The type of its values.
    pub kind: SearchKind,
    /// For a date field, the moment of the ticket it tests and the comparison.
    pub date: Option<(String, String)>,
    /// Documentation.
    pub doc: String,
}

/// A `[[kind]]` of `spec/search.toml`: a variant of the generated `happyfox_query::ValueKind`.
#[derive(Debug, Clone)]
pub struct DeclaredKind {
    /// Which kind it is.
    pub kind: SearchKind,
    /// The variant's documentation.
    pub doc: String,
}

/// The kinds of search-field values the generator can write builders for, by their `name`
/// in `spec/search.toml` (see [`SearchKind::from_name`]); the spec declares and documents
/// the ones it uses, which become `happyfox_query::ValueKind`. The generator keeps its own
/// enum because `happyfox-query` holds generated code: depending on it would stop the
/// generator from building whenever that code is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    /// `text`.
    Text,
    /// `id`.
    Id,
    /// `date`.
    Date,
    /// `bool`.
    Bool,
    /// `duedate`.
    DueDate,
    /// `keyword`.
    Keyword,
}

impl SearchKind {
    /// The kind spelled `name` in `spec/search.toml`, if the generator knows it.
    pub fn from_name(name: &str) -> Option<SearchKind> {
        Some(match name {
            "text" => SearchKind::Text,
            "id" => SearchKind::Id,
            "date" => SearchKind::Date,
            "bool" => SearchKind::Bool,
            "duedate" => SearchKind::DueDate,
            "keyword" => SearchKind::Keyword,
            _ => return None,
        })
    }
}

/// A value of the ticket list's `sort=`.
#[derive(Debug, Clone)]
pub struct SortOption {
    /// Its name on the wire.
    pub wire: String,
    /// Its name in code (what it does, e.g. `CreatedNewestFirst`).
    pub name: String,
    /// Documentation.
    pub doc: String,
}

/// One listed value of a text external: its text on the wire and its name in code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextValue {
    /// The text sent.
    pub wire: String,
    /// The name of the value in code (an enum variant).
    pub name: String,
}

impl Api {
    /// The parameter set called `name`.
    pub fn params_named(&self, name: &str) -> Option<&Params> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The request called `name`.
    pub fn request_named(&self, name: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.name == name)
    }

    /// The union called `name`.
    pub fn union_named(&self, name: &str) -> Option<&Union> {
        self.unions.iter().find(|u| u.name == name)
    }
}

/// UpperCamelCase of the words of `wire` separated by `-` or `_`.
pub fn camel(wire: &str) -> String {
    wire.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The snake-case form of a type's name (`CreateTicket` -> `create_ticket`).
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
