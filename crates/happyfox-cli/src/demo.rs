//! `happyfox demo`: the main job. Starts the emulator in-process and walks through the API
//! with the Rust client, printing a short account of each step.

use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use chrono::{Duration, Utc};
use clap::Args;
use happyfox::{
    Applied, BulkOutcome, CategoryId, Client, CreateTicket, CustomFieldId, CustomFieldType,
    DeleteTicket, FieldValue, GetTicket, ListTickets, MoveTicket, NoteAlert, Query, Sort, StaffId,
    StaffPrivateNote, StaffUpdate, StatusBehavior, StatusId, Ticket, TicketCustomField, TicketId,
    UpdateCustomFields, UpdateTags, UploadFile,
};
use happyfox_emulator::{Emulator, EmulatorConfig};

/// Options of the demo.
#[derive(Args)]
pub struct DemoArgs {
    /// Number of tickets the emulator is seeded with.
    #[arg(long, default_value_t = 60)]
    tickets: usize,
    /// Seed of the emulator's data.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

/// Runs the demo.
pub fn run(args: &DemoArgs) -> Result<ExitCode> {
    let config = EmulatorConfig {
        tickets: args.tickets,
        seed: args.seed,
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(config).context("starting the emulator")?;
    println!(
        "HappyFox emulator running at {} (seed {}, {} tickets)\n",
        emulator.url(),
        args.seed,
        args.tickets
    );
    let client = emulator.client();
    walk_through(&client)?;
    println!("\nDone: every step went through the real client over HTTP on loopback.");
    Ok(ExitCode::SUCCESS)
}

/// Ids the writes need, looked up the way a user would.
struct Lookups {
    staff: StaffId,
    mover: StaffId,
    pending: StatusId,
    completed: StatusId,
    category: CategoryId,
    other_category: CategoryId,
    text_field: Option<CustomFieldId>,
    compulsory: Vec<TicketCustomField>,
}

fn lookups(client: &Client) -> Result<Lookups> {
    let staff = client.list_staff()?;
    let statuses = client.list_statuses()?;
    let categories = client.list_categories()?;
    let fields = client.list_ticket_custom_fields()?;
    let status_with = |behavior: StatusBehavior| {
        statuses
            .iter()
            .filter(|s| s.behavior.as_ref() == Some(&behavior))
            .min_by_key(|s| s.default == Some(true))
            .map(|s| s.id)
            .ok_or_else(|| anyhow!("no {behavior} status"))
    };
    let public: Vec<_> = categories
        .iter()
        .filter(|c| c.public == Some(true))
        .collect();
    let mover = staff
        .iter()
        .find(|s| s.permissions.iter().any(|p| p == "move_tickets"))
        .or(staff.first())
        .ok_or_else(|| anyhow!("no staff"))?;
    println!(
        "1. Lookups: {} staff, {} statuses, {} categories ({} public), {} ticket custom fields",
        staff.len(),
        statuses.len(),
        categories.len(),
        public.len(),
        fields.len()
    );
    Ok(Lookups {
        staff: mover.id,
        mover: mover.id,
        pending: status_with(StatusBehavior::Pending)?,
        completed: status_with(StatusBehavior::Completed)?,
        category: public
            .first()
            .map(|c| c.id)
            .ok_or_else(|| anyhow!("no public category"))?,
        other_category: categories
            .iter()
            .map(|c| c.id)
            .find(|id| Some(*id) != public.first().map(|c| c.id))
            .ok_or_else(|| anyhow!("only one category"))?,
        text_field: fields
            .iter()
            .find(|f| {
                f.field_type == Some(CustomFieldType::Text)
                    && f.compulsory_on_completed != Some(true)
            })
            .map(|f| f.id),
        compulsory: fields
            .iter()
            .filter(|f| f.compulsory_on_completed == Some(true))
            .cloned()
            .collect(),
    })
}

fn walk_through(client: &Client) -> Result<()> {
    let ids = lookups(client)?;

    let query = Query::new()
        .status(["New", "In Progress"])
        .created_on_or_after((Utc::now() - Duration::days(90)).date_naive());
    let page = client.list_tickets(
        &ListTickets::new()
            .q(query.clone())
            .sort(Sort::CreatedNewestFirst)
            .size(5),
    )?;
    println!(
        "2. Search `{query}`: {} matching tickets, showing {}:",
        page.total().unwrap_or_default(),
        page.data.len()
    );
    for ticket in &page.data {
        println!(
            "     {} {}",
            ticket.display_id.as_deref().unwrap_or("?"),
            ticket.subject.as_deref().unwrap_or("")
        );
    }

    let first = page.data.first().map(|t| t.id).unwrap_or(TicketId(1));
    let detail = client.get_ticket(first, &GetTicket::new())?;
    println!(
        "3. Detail of {}: status {}, {} updates, tags {:?}",
        detail.display_id.as_deref().unwrap_or("?"),
        detail
            .status
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .unwrap_or("?"),
        detail.updates.len(),
        detail.tags
    );

    let created = answer(
        client.create_ticket(
            &CreateTicket::new(ids.category, "Disk almost full on db-1")
                .name("Ops Bot")
                .email("ops-bot@example.com")
                .text("Alert: /var is 93% full on db-1.")
                .tags(["alert", "disk"])
                .attach(UploadFile::from_bytes(
                    "df.txt",
                    b"/dev/sda1  93%  /var\n".to_vec(),
                )),
        )?,
    )?;
    println!(
        "4. Created {} with {} attachment(s)",
        created.display_id.as_deref().unwrap_or("?"),
        created.attachments_count.unwrap_or_default()
    );

    let replied = answer(
        client.staff_update(
            created.id,
            &StaffUpdate::new(ids.staff)
                .plaintext("Looking into it: rotating the logs now.")
                .status(ids.pending)
                .time_spent(10),
        )?,
    )?;
    println!(
        "5. Staff reply: status is now {}",
        replied
            .status
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .unwrap_or("?")
    );

    answer(
        client.staff_private_note(
            created.id,
            &StaffPrivateNote::new(ids.staff)
                .plaintext("Root cause: debug logging left on after the last deploy.")
                .alert(NoteAlert::Subscribers),
        )?,
    )?;
    println!("6. Private note added (visible to staff only)");

    let tagged = answer(
        client.update_tags(
            created.id,
            &UpdateTags::new(ids.staff)
                .add_tags(["logs"])
                .remove_tags(["disk"]),
        )?,
    )?;
    println!("7. Tags now {:?}", tagged.tags);

    if let Some(field) = ids.text_field {
        let updated = answer(
            client.update_custom_fields(
                created.id,
                &UpdateCustomFields::new(ids.staff)
                    .ticket_custom_field(field, FieldValue::Text("db-1".into())),
            )?,
        )?;
        let value = updated
            .custom_fields
            .iter()
            .find(|f| f.id == field)
            .and_then(|f| f.value.clone());
        println!(
            "8. Custom field {field} set to {}",
            value.unwrap_or_default()
        );
    }

    let moved = answer(client.move_ticket(
        created.id,
        &MoveTicket::new(ids.mover, ids.other_category).move_note("Infra owns disks"),
    )?)?;
    println!("9. Move: {}", moved.message.unwrap_or_default());

    close(client, &ids, created.id)?;

    let batch: Vec<CreateTicket> = (1..=3)
        .map(|n| {
            CreateTicket::new(ids.category, format!("Nightly check {n} failed"))
                .name("Monitor")
                .email("monitor@example.com")
                .text("See the monitoring dashboard.")
        })
        .chain([CreateTicket::new(999_999, "Bad category")
            .name("Monitor")
            .email("monitor@example.com")
            .text("x")])
        .collect();
    let outcomes = client.create_tickets(&batch);
    let created_count = outcomes
        .iter()
        .filter(|o| matches!(o, BulkOutcome::Created { .. }))
        .count();
    println!(
        "12. Bulk create: {created_count} created, {} rejected",
        outcomes.len() - created_count
    );

    let deleted = answer(client.delete_ticket(created.id, &DeleteTicket::new(ids.staff))?)?;
    println!("13. Deleted {}", deleted.deleted_ticket.unwrap_or_default());
    Ok(())
}

/// Closes the ticket: HappyFox refuses while compulsory-on-completion fields are empty, so
/// the refusal is shown, then the fields are filled in the same update that closes it.
fn close(client: &Client, ids: &Lookups, ticket: TicketId) -> Result<()> {
    let close = StaffUpdate::new(ids.staff)
        .plaintext("Fixed: logs rotated, debug logging off.")
        .status(ids.completed);
    match client.staff_update(ticket, &close).map(answer) {
        Ok(closed) => {
            let closed = closed?;
            println!("10. Closed: status {}", status_name(&closed));
            return Ok(());
        }
        Err(error) => println!("10. Closing was refused, as HappyFox would: {error}"),
    }
    let today = Utc::now().date_naive();
    let filled = ids.compulsory.iter().fold(close, |update, field| {
        let first_choice = field.choices.first().map(|c| c.id).unwrap_or_default();
        let value = match field.field_type {
            Some(CustomFieldType::Number) => FieldValue::Number(1.0),
            Some(CustomFieldType::Choice) => FieldValue::Choice(first_choice),
            Some(CustomFieldType::MultipleChoice) => FieldValue::Choices(vec![first_choice]),
            Some(CustomFieldType::Date) => FieldValue::Date(today),
            _ => FieldValue::Text("resolved by the demo".into()),
        };
        update.ticket_custom_field(field.id, value)
    });
    let closed = answer(client.staff_update(ticket, &filled)?)?;
    println!(
        "11. Filled {} compulsory field(s) and closed: status {}",
        ids.compulsory.len(),
        status_name(&closed)
    );
    Ok(())
}

/// The documented answer of a write; the demo talks to the emulator, which always sends it.
fn answer<T>(applied: Applied<T>) -> Result<T> {
    match applied {
        Applied::Answer(answer) => Ok(answer),
        Applied::Unrecognized(raw) => Err(anyhow!(
            "the write was applied, but its answer was not the documented shape ({}): {}",
            raw.problem,
            raw.text()
        )),
    }
}

fn status_name(ticket: &Ticket) -> &str {
    ticket
        .status
        .as_ref()
        .and_then(|s| s.name.as_deref())
        .unwrap_or("?")
}
