//! `tickets list` and `tickets get`, and the listing filters `list` and `export` share.

use clap::Args;
use happyfox::{Client, GetTicket, ListTickets, Sort, StatusFilter};

use super::args::parse_ticket;
use super::walk::drain;
use crate::failure::Failure;
use crate::output::{Format, RowKind};
use crate::paging::PageArgs;
use crate::resolve;
use crate::session::Session;

/// Which tickets a listing covers: search, status, category.
#[derive(Args, Debug)]
pub struct SelectArgs {
    /// Search string (`q=`), e.g. 'status:"New","In Progress" tag:"vip"' (see `happyfox
    /// query check`).
    #[arg(long)]
    pub query: Option<String>,
    /// Only this status: a name or id, `all` (the default) or `pending`.
    #[arg(long)]
    pub status: Option<String>,
    /// Only this category (name or id).
    #[arg(long)]
    pub category: Option<String>,
}

impl SelectArgs {
    /// The listing parameters, names resolved.
    pub fn params(&self, client: &Client) -> Result<ListTickets, Failure> {
        let status = match self.status.as_deref().map(str::trim) {
            None => StatusFilter::All,
            Some(s) if s.eq_ignore_ascii_case("all") || s == "_all" => StatusFilter::All,
            Some(s) if s.eq_ignore_ascii_case("pending") || s == "_pending" => {
                StatusFilter::Pending
            }
            Some(name) => StatusFilter::Id(resolve::status(client, name)?),
        };
        let mut params = ListTickets::new().status(status);
        if let Some(category) = &self.category {
            params = params.category(resolve::category(client, category)?);
        }
        if let Some(query) = &self.query {
            params = params.q(query.as_str());
        }
        Ok(params)
    }
}

/// Which tickets a listing covers, and in which order.
#[derive(Args, Debug)]
pub struct FilterArgs {
    #[command(flatten)]
    select: SelectArgs,
    /// Sort order, e.g. `created`, `createa`, `ticketa`, `priorityd` (HappyFox's names).
    #[arg(long, value_parser = |s: &str| s.parse::<Sort>().map_err(|e| e.to_string()))]
    pub sort: Option<Sort>,
}

impl FilterArgs {
    /// The listing parameters, names resolved.
    pub fn params(&self, client: &Client) -> Result<ListTickets, Failure> {
        let mut params = self.select.params(client)?;
        if let Some(sort) = self.sort {
            params = params.sort(sort);
        }
        Ok(params)
    }
}

/// Options of `tickets list`.
#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    paging: PageArgs,
}

impl ListArgs {
    /// The format when `--format` is not given.
    pub fn default_format(&self) -> Format {
        self.paging.default_format()
    }
}

/// Runs `tickets list`.
pub fn list(session: &mut Session, args: &ListArgs) -> Result<(), Failure> {
    let mut params = args.filter.params(&session.client)?;
    params.size = args.paging.size;
    params.page = args.paging.page;
    if !args.paging.all {
        let page = session.client.list_tickets(&params)?;
        return Ok(session.out.value(RowKind::Ticket, &page)?);
    }
    let mut tickets = session.client.iter_tickets(&params);
    let mut rows = session.out.rows(RowKind::Ticket);
    drain(&mut tickets, None, |ticket| Ok(rows.push(&ticket)?))?;
    Ok(rows.finish()?)
}

/// Options of `tickets get`.
#[derive(Args, Debug)]
pub struct GetArgs {
    /// The ticket: number or display id.
    #[arg(value_parser = parse_ticket)]
    ticket: u64,
    /// Include custom-field changes in the updates.
    #[arg(long)]
    show_cf_changes: bool,
}

/// Runs `tickets get`.
pub fn get(session: &mut Session, args: &GetArgs) -> Result<(), Failure> {
    let mut params = GetTicket::new();
    if args.show_cf_changes {
        params = params.show_cf_changes(true);
    }
    let ticket = session.client.get_ticket(args.ticket, &params)?;
    Ok(session.out.value(RowKind::Ticket, &ticket)?)
}
