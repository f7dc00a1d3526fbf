//! Writing results to stdout (or `--out`): pretty JSON (the API's shape), NDJSON (one compact
//! object a line), tables that fit the terminal, CSV with a header row. Cells are sanitised
//! (`sanitize`); JSON never carries raw C1 or bidi controls (`json`).

mod columns;
pub mod json;
mod sanitize;
mod table;

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;
use serde_json::Value;

use columns::Column;
pub use columns::RowKind;

/// An output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Pretty JSON in the API's shape: a page for `list`, an object for `get`.
    Json,
    /// One compact JSON object a line (the items of a page or list).
    Ndjson,
    /// A table for people, fit to the terminal (`COLUMNS` overrides its width).
    Table,
    /// CSV with a header row; formula-like cells are neutralised with a leading `'`.
    Csv,
}

/// Where results go, in which format.
pub struct Output {
    format: Format,
    width: Option<usize>,
    out: Box<dyn Write>,
}

impl Output {
    /// Results written to `out`; tables are fit to `width` columns (`None`: not cut).
    pub fn new(format: Format, out: Box<dyn Write>, width: Option<usize>) -> Self {
        Self { format, width, out }
    }

    /// Results on stdout; tables fit `COLUMNS`, else the terminal, else are not cut.
    pub fn stdout(format: Format) -> Self {
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|c| *c > 0);
        let width = from_env.or_else(|| {
            io::stdout()
                .is_terminal()
                .then(|| usize::from(console::Term::stdout().size().1))
        });
        Self::new(format, Box::new(io::stdout().lock()), width)
    }

    /// The format in use.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes one result: an object, a list, or a page (`{"page_info", "data"}`). JSON
    /// keeps its shape; the other formats show its items (a page's `data`, a list's
    /// items, or the object itself) as rows of `kind`.
    pub fn value(&mut self, kind: RowKind, value: &impl Serialize) -> io::Result<()> {
        if self.format == Format::Json {
            json::write_pretty(&mut self.out, value)?;
            writeln!(self.out)?;
            return self.out.flush();
        }
        let value = to_value(value)?;
        let items: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(map) if map.contains_key("page_info") => map
                .get("data")
                .and_then(Value::as_array)
                .map(|data| data.iter().collect())
                .unwrap_or_default(),
            other => vec![other],
        };
        let mut rows = self.rows(kind);
        for item in items {
            rows.push(item)?;
        }
        rows.finish()
    }

    /// A stream of rows of `kind`, written as they come (a table waits for the last row to
    /// size its columns; JSON is one array).
    pub fn rows(&mut self, kind: RowKind) -> Rows<'_> {
        Rows {
            output: self,
            kind,
            columns: None,
            table: Vec::new(),
            count: 0,
        }
    }
}

/// Rows being written (see [`Output::rows`]); call [`Rows::finish`] at the end.
pub struct Rows<'a> {
    output: &'a mut Output,
    kind: RowKind,
    columns: Option<Vec<Column>>,
    table: Vec<Vec<String>>,
    count: u64,
}

impl Rows<'_> {
    /// Writes (or, for a table, keeps) one row.
    pub fn push(&mut self, row: &impl Serialize) -> io::Result<()> {
        let row = &to_value(row)?;
        let out = &mut self.output.out;
        match self.output.format {
            Format::Json => {
                out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                json::write_pretty(out, row)?;
            }
            Format::Ndjson => {
                json::write_compact(out, row)?;
                out.write_all(b"\n")?;
            }
            Format::Csv => {
                if self.columns.is_none() {
                    let columns = self.kind.columns(true, Some(row));
                    write_csv_line(out, columns.iter().map(|c| c.header.clone()))?;
                    self.columns = Some(columns);
                }
                let columns = self.columns.as_deref().unwrap_or_default();
                write_csv_line(out, columns.iter().map(|c| c.cell(row)))?;
            }
            Format::Table => {
                let columns = self
                    .columns
                    .get_or_insert_with(|| self.kind.columns(false, Some(row)));
                self.table.push(
                    columns
                        .iter()
                        .map(|c| sanitize::table_cell(&c.cell(row)))
                        .collect(),
                );
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the output: closes a JSON array, writes a table, or a CSV header when no row
    /// came.
    pub fn finish(mut self) -> io::Result<()> {
        let out = &mut self.output.out;
        match self.output.format {
            Format::Json if self.count == 0 => out.write_all(b"[]\n")?,
            Format::Json => out.write_all(b"\n]\n")?,
            Format::Ndjson => {}
            Format::Csv => {
                if self.columns.is_none() {
                    let headers = self.kind.columns(true, None).into_iter().map(|c| c.header);
                    write_csv_line(out, headers)?;
                }
            }
            Format::Table => {
                let columns = self
                    .columns
                    .take()
                    .unwrap_or_else(|| self.kind.columns(false, None));
                let headers: Vec<String> = columns
                    .into_iter()
                    .map(|c| sanitize::table_cell(&c.header))
                    .collect();
                if !headers.is_empty() {
                    out.write_all(
                        table::render(&headers, &self.table, self.output.width).as_bytes(),
                    )?;
                }
            }
        }
        out.flush()
    }
}

/// `item` as a JSON value.
fn to_value(item: &impl Serialize) -> io::Result<Value> {
    serde_json::to_value(item).map_err(io::Error::other)
}

/// One CSV record: cells sanitised, quoted when they hold `,`, `"`, CR or LF (RFC 4180),
/// ended by LF. An empty header list writes nothing.
fn write_csv_line(out: &mut dyn Write, cells: impl Iterator<Item = String>) -> io::Result<()> {
    let fields: Vec<String> = cells
        .map(|cell| {
            let cell = sanitize::csv_cell(&cell);
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell
            }
        })
        .collect();
    if fields.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", fields.join(","))
}
