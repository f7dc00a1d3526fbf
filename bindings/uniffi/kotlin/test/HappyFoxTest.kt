/**
 * The Kotlin test program of `cargo xtask test`: the generated bindings against the
 * in-process emulator. Each scenario is a function; the first is the README's example.
 * Error kinds are in `ErrorKinds.kt`, the hand-written capabilities in `ClientExtras.kt`.
 * Prints one line per scenario and `N passed, N failed`; exits 1 when any failed.
 */

import happyfox.*
import java.io.File
import java.time.Instant

/** The README's Kotlin example: options, lookups, search, a snapshot loop, create, per-call options, dry run. */
fun readmeExample() {
    HappyFoxEmulator(tickets = 25, seed = 7).use { emulator ->
        // Or HappyFoxClient(url, apiKey, authCode) / HappyFoxClient.forAccount("acme", Region.US, apiKey, authCode, options).
        val options = ClientOptions(timeout = java.time.Duration.ofSeconds(20), maxRetries = 5, deadline = java.time.Duration.ofMinutes(2))
        val client = HappyFoxClient.withOptions(emulator.url(), emulator.apiKey(), emulator.authCode(), options)

        // Statuses, priorities, categories, staff and custom fields by name (staff also by email), fetched once.
        val lookups = client.lookups()
        val agent = lookups.staff("jane@emulator.test")
        val inProgress = lookups.status("In Progress")

        val query = Query().status(listOf("New", "In Progress"))
        for (ticket in client.iterTickets(ListTickets(q = query, size = 10)).asSequence()) {
            println("  ${ticket.displayId} ${ticket.subject} ${ticket.createdAt}")
        }

        // A loop that changes what it walks iterates a snapshot: every matching ticket once.
        for (ticket in client.snapshotTickets(ListTickets(q = Query().unassigned(true))).asSequence()) {
            val timeSpent = if (lookups.requiresTimeSpent(ticket.category?.name ?: "")) 5L else null
            client.staffUpdate(ticket.id, StaffUpdate(staff = agent.id, status = inProgress.id, assignee = Assignee.Staff(agent.id), timeSpent = timeSpent))
        }

        val created = client.createTicket(
            CreateTicket(
                category = 1, subject = "Disk full on db-1", name = "Ops bot",
                email = "ops@example.com", text = "Alert fired at 03:12", tags = listOf("alert", "disk"),
                attachments = listOf(UploadFile("df.txt", "text/plain", "98% used".toByteArray())),
            ),
        )
        val ticket = (created as AppliedTicket.Answer).value // Unrecognized: applied, other shape

        // Some calls with other settings (sharing the pacing and lookups): quick, or a dry run.
        val quick = client.withRequestOptions(RequestOptions(timeout = java.time.Duration.ofSeconds(5), maxRetries = 0))
        println("  ${quick.getTicket(ticket.id).subject}")
        try {
            client.withRequestOptions(RequestOptions(dryRun = true)).staffUpdate(ticket.id, StaffUpdate(staff = agent.id, plaintext = "On it"))
        } catch (error: HappyFoxException.DryRun) {
            println("  not sent: ${error.request.method} ${error.request.url} ${error.request.body}")
        }
        try {
            client.listTickets(ListTickets(q = Query.parseRaw("status:\"In+Progress\"")))
        } catch (error: HappyFoxException.InvalidInput) {
            println("  ${error.field} ${error.rule} ${error.description}")
        }
    }
}

fun check(condition: Boolean, what: () -> String) {
    if (!condition) throw AssertionError(what())
}

inline fun <reified E : HappyFoxException> expect(call: () -> Unit): E {
    try {
        call()
    } catch (error: HappyFoxException) {
        check(error is E) { "expected ${E::class.simpleName}, got $error" }
        return error as E
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

fun listWithAQuery(client: HappyFoxClient) {
    val all = client.listTickets(ListTickets(size = 50))
    check(all.total == 25L) { "total ${all.total}" }
    val statuses = client.listStatuses()
    val name = all.data.first().status?.name ?: throw AssertionError("a status")
    val page = client.listTickets(ListTickets(q = Query().status(listOf(name)), size = 50))
    check(page.data.isNotEmpty() && page.data.all { it.status?.name == name }) { "filtered by $name: ${page.data.size}" }
    check(statuses.any { it.name == name }) { "statuses list $name" }
    val sorted = client.listTickets(ListTickets(sort = Sort.TICKET_ID_ASCENDING, size = 5))
    check(sorted.data.map { it.id } == sorted.data.map { it.id }.sorted()) { "sorted ascending" }
}

fun iterateEveryPage(client: HappyFoxClient) {
    val pager = client.iterTickets(ListTickets(size = 7))
    val ids = pager.asSequence().map { it.id }.toList()
    check(ids.size == 25 && ids.toSet().size == 25) { "iterated ${ids.size} tickets" }
    check(pager.nextPage() == null) { "the pager is over" }
    val onlyIds = client.iterTicketIds(ListTickets(size = 10)).asSequence().toList()
    check(onlyIds.toSet() == ids.toSet()) { "ids listing" }
    val contacts = client.iterContacts(ListContacts(size = 3)).asSequence().count()
    check(contacts > 0) { "contacts" }
}

fun exportInOrder(client: HappyFoxClient) {
    val expected = client.iterTickets(ListTickets(size = 7)).asSequence().map { it.id }.toList()
    val export = client.exportTickets(ListTickets(size = 7), 3)
    check(export.total() == null) { "nothing read before the first next()" }
    val ids = export.asSequence().map { it.id }.toList()
    check(ids == expected && ids.size == 25) { "export ${ids.size} vs ${expected.size}" }
    check(export.total() == 25L && export.repeated() == 0L && !export.failed()) { "export state" }
    val defaults = client.exportTickets().asSequence().count()
    check(defaults == 25) { "default export: $defaults" }
}

fun detail(client: HappyFoxClient) {
    val first = client.listTickets(ListTickets(size = 1)).data.first()
    val ticket = client.getTicket(first.id)
    check(ticket.id == first.id && ticket.subject == first.subject) { "detail of ${first.id}" }
    check(ticket.updates.isNotEmpty()) { "updates" }
    check(ticket.createdAt?.isBefore(Instant.now().plusSeconds(60)) == true) { "createdAt ${ticket.createdAt}" }
    check(ticket.extra.startsWith("{")) { "extra is a JSON object: ${ticket.extra}" }
    val partial = client.listTicketFields(listOf("id", "subject"), ListTickets(size = 2))
    check(partial.data.all { it.id != null && it.status == null }) { "fields= projection" }
    val contact = client.getContact(ContactKey.Id(ticket.user?.id ?: throw AssertionError("a contact")))
    check(contact.email == ticket.user?.email) { "contact by id" }
}

fun createWithAnAttachment(client: HappyFoxClient) {
    val created = client.createTicket(
        CreateTicket(
            category = 1, subject = "With a file", name = "Kotlin", email = "kotlin@example.com",
            text = "see attached", tags = listOf("kotlin"), dueDate = "2030-01-31",
            attachments = listOf(UploadFile("notes.txt", "text/plain", "hello".toByteArray())),
        ),
    )
    val ticket = (created as? AppliedTicket.Answer)?.value ?: throw AssertionError("created: $created")
    check(ticket.subject == "With a file" && ticket.tags == listOf("kotlin")) { "created ${ticket.subject} ${ticket.tags}" }
    check(ticket.dueDate == "2030-01-31") { "due date ${ticket.dueDate}" }
    val files = client.getTicket(ticket.id).updates.flatMap { it.message?.attachments ?: emptyList() }
    check(files.any { it.filename == "notes.txt" }) { "attachment: $files" }
    val bulk = client.createTickets(listOf(CreateTicket(category = 1, subject = "bulk", text = "x", email = "b@example.com", name = "B")))
    check(bulk.single() is BulkOutcome.Created) { "bulk: $bulk" }
}

fun staffUpdate(client: HappyFoxClient) {
    val staff = client.listStaff().first()
    val statuses = client.listStatuses()
    val ticket = client.listTickets(ListTickets(size = 1)).data.first()
    val target = statuses.first { it.behavior == StatusBehavior.Pending && it.id != ticket.status?.id }
    val updated = client.staffUpdate(
        ticket.id,
        StaffUpdate(staff = staff.id, plaintext = "On it", status = target.id, assignee = Assignee.Staff(staff.id)),
    )
    val after = (updated as? AppliedTicket.Answer)?.value ?: throw AssertionError("updated: $updated")
    check(after.status?.id == target.id && after.assignedTo?.id == staff.id) { "status ${after.status} assignee ${after.assignedTo}" }
    val unassigned = client.staffUpdate(ticket.id, StaffUpdate(staff = staff.id, assignee = Assignee.Unassign))
    check((unassigned as AppliedTicket.Answer).value.assignedTo == null) { "unassigned" }
}

fun exceptionCases(emulator: HappyFoxEmulator, client: HappyFoxClient) {
    val validation = expect<HappyFoxException.Validation> {
        client.createTicket(CreateTicket(category = 999, subject = "x", text = "x", email = "v@example.com", name = "V"))
    }
    check(validation.status == 400 && validation.errors.any { it.field == "category" }) { "validation: $validation" }
    check(!validation.outcomeUnknown) { "a 400 is a definite answer" }
    val notFound = expect<HappyFoxException.NotFound> { client.getTicket(999_999) }
    check(notFound.description.contains("404")) { "not found: ${notFound.description}" }
    val wrong = HappyFoxClient(emulator.url(), "wrong", "credentials")
    val auth = expect<HappyFoxException.Authentication> { wrong.listStaff() }
    check(auth.status == 401) { "authentication: ${auth.status}" }
    val range = expect<HappyFoxException.InvalidInput> { client.listTickets(ListTickets(size = 51)) }
    check(range.field == "size" && range.rule == InputRule.OutOfRange(1, 50)) { "range: $range" }
    check(range.description == "invalid input: `size` must be between 1 and 50, got 51") { range.description }
    val query = expect<HappyFoxException.InvalidInput> { Query.parseRaw("status:\"In+Progress\"") }
    check((query.rule as? InputRule.Query)?.offset == 10L) { "query: ${query.rule}" }
    val negative = expect<HappyFoxException.InvalidInput> { client.getTicket(-1) }
    check(negative.field == "ticket") { "negative id: $negative" }
    val date = expect<HappyFoxException.InvalidInput> {
        client.createTicket(CreateTicket(category = 1, subject = "x", text = "x", email = "d@example.com", dueDate = "31/01/2030"))
    }
    check(date.rule == InputRule.Format) { "date: $date" }
    val bundle = expect<HappyFoxException.InvalidInput> {
        HappyFoxClient.withOptions(emulator.url(), "k", "c", ClientOptions(caBundle = "/nonexistent/ca.pem"))
    }
    check(bundle.rule == InputRule.Trust && bundle.field == "ca_bundle") { "ca bundle: $bundle" }
    val proxy = expect<HappyFoxException.InvalidInput> {
        HappyFoxClient.withOptions(emulator.url(), "k", "c", ClientOptions(proxy = "socks5://u:kt-secret@127.0.0.1:1080"))
    }
    check(proxy.rule == InputRule.Proxy && !proxy.description.contains("kt-secret")) { "proxy: $proxy" }
}

/** Every ticket of one sync run, then its checkpoint (only there once the run is over). */
fun syncAll(client: HappyFoxClient, checkpoint: String?): Pair<List<Long>, String> {
    val run = client.syncTickets(checkpoint)
    check(run.checkpoint() == null) { "no checkpoint before the run is over" }
    val ids = generateSequence { run.next() }.map { it.id }.toList()
    check(!run.failed()) { "the run ended without an error" }
    return ids to (run.checkpoint() ?: throw AssertionError("a finished run has a checkpoint"))
}

fun incrementalSync() {
    HappyFoxEmulator(tickets = 12, seed = 15).use { emulator ->
        val client = emulator.client()
        val (first, checkpoint) = syncAll(client, null)
        check(first.sorted() == (1L..12L).toList()) { "the first run is every ticket: $first" }
        check(checkpoint.contains("\"version\":1")) { "a versioned JSON checkpoint: $checkpoint" }
        val staff = client.listStaff().first()
        client.staffPrivateNote(4, StaffPrivateNote(staff = staff.id, plaintext = "looked at it"))
        client.staffPrivateNote(9, StaffPrivateNote(staff = staff.id, plaintext = "and this one"))
        val (changed, next) = syncAll(client, checkpoint)
        check(changed.sorted() == listOf(4L, 9L)) { "only the changed tickets: $changed" }
        val (nothing, _) = syncAll(client, next)
        check(nothing.isEmpty()) { "nothing changed since: $nothing" }
        val refused = expect<HappyFoxException.InvalidInput> { client.syncTickets("{\"version\":2}") }
        check(refused.rule == InputRule.Checkpoint && refused.field == "checkpoint") { "refused: $refused" }
    }
}

fun unknownEnumValues(emulator: HappyFoxEmulator) {
    val fixture = File.createTempFile("happyfox-fixture", ".json")
    try {
        emulator.dump(fixture.path)
        fixture.writeText(fixture.readText().replace("\"completed\"", "\"archived\""))
        HappyFoxEmulator.fromFixture(fixture.path).use { changed ->
            val statuses = changed.client().listStatuses()
            check(statuses.any { it.behavior == StatusBehavior.Unknown("archived") }) { "statuses: ${statuses.map { it.behavior }}" }
            check(statuses.any { it.behavior == StatusBehavior.Pending }) { "known values stay known" }
        }
    } finally {
        fixture.delete()
    }
}

/** A scenario run on an emulator shared with others: its name and body. */
typealias Shared = Pair<String, (HappyFoxEmulator, HappyFoxClient) -> Unit>

/** A shared scenario that needs only the emulator's client. */
fun onClient(name: String, body: (HappyFoxClient) -> Unit): Shared = name to { _, client -> body(client) }

/** A shared scenario that needs only the emulator. */
fun onEmulator(name: String, body: (HappyFoxEmulator) -> Unit): Shared = name to { emulator, _ -> body(emulator) }

fun main() {
    var passed = 0
    var failed = 0
    fun scenario(name: String, body: () -> Unit) {
        try {
            body()
            passed += 1
            println("ok   $name")
        } catch (error: Throwable) {
            failed += 1
            println("FAIL $name: $error")
            error.printStackTrace()
        }
    }
    /** Runs `scenarios` on one emulator of 25 tickets from `seed`, shared with its client. */
    fun sharing(seed: Long, vararg scenarios: Shared) {
        HappyFoxEmulator(tickets = 25, seed = seed).use { emulator ->
            val client = emulator.client()
            for ((name, body) in scenarios) scenario(name) { body(emulator, client) }
        }
    }
    scenario("the README example", ::readmeExample)
    scenario("incremental sync", ::incrementalSync)
    sharing(
        7,
        onClient("list with a query", ::listWithAQuery),
        onClient("iterate every page", ::iterateEveryPage),
        onClient("export in order", ::exportInOrder),
        onClient("detail", ::detail),
        onClient("staff update", ::staffUpdate),
        "exception cases" to ::exceptionCases,
        onEmulator("unknown enum values", ::unknownEnumValues),
        onClient("create with an attachment", ::createWithAnAttachment),
    )
    scenario("snapshot triage by names", ::snapshotTriage)
    scenario("error kinds", ::errorKinds)
    sharing(
        9,
        onClient("lookups by name", ::lookupsByName),
        onEmulator("client options", ::options),
        onEmulator("request options", ::requestOptions),
        onEmulator("request logs", ::requestLogs),
        onClient("raw calls", ::rawCalls),
        onEmulator("bulk create workers", ::bulkWorkers),
        onClient("typed custom-field values", ::typedValues),
        onClient("sync as a sequence", ::syncAsSequence),
        onClient("custom-field values and contacts from text", ::textInputs),
    )
    scenario("emulator extras", ::emulatorExtras)
    scenario("pages of 50 when no size is set", ::defaultPageSize)
    scenario("user agent", ::userAgent)
    scenario("parity with SURFACES.md", ::checkParity)
    println("$passed passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}
