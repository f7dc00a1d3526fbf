/**
 * What the core adds by hand, through Kotlin: the triage loop over a snapshot (names for the
 * agent and the status), options and per-call options, request logs, raw calls, bulk create
 * workers, typed custom-field values, sync as a sequence, and the emulator's extras.
 */

import happyfox.*
import java.time.Duration
import java.util.Collections

/**
 * The scenario of `tests/suite/e2e_snapshot.rs`: assign every unassigned ticket while iterating
 * them. The agent is named by email, the status by name; `iterTickets` would skip some.
 */
fun snapshotTriage() {
    HappyFoxEmulator(tickets = 200, seed = 14).use { emulator ->
        val client = emulator.client()
        val unassigned = ListTickets(q = Query().unassigned(true))
        val before = client.listTickets(unassigned.copy(size = 1)).total
        check(before != null && before > 10) { "the emulator has unassigned tickets: $before" }

        val lookups = client.lookups()
        val agent = lookups.staff("jane@emulator.test")
        val inProgress = lookups.status("in progress") // names match ignoring case
        val snapshot = client.snapshotTickets(unassigned)
        var visited = 0
        for (ticket in snapshot.asSequence()) {
            val category = ticket.category?.name ?: throw AssertionError("a category")
            val update = StaffUpdate(
                staff = agent.id, assignee = Assignee.Staff(agent.id), status = inProgress.id,
                timeSpent = if (lookups.requiresTimeSpent(category)) 5 else null,
            )
            client.staffUpdate(ticket.id, update)
            visited += 1
        }
        check(visited.toLong() == before) { "visited $visited of $before" }
        check(snapshot.missing() == 0L && snapshot.missingIds().isEmpty() && !snapshot.failed()) { "snapshot state" }
        val left = client.listTickets(unassigned.copy(size = 1)).total
        check(left == 0L) { "$left tickets left unassigned" }
        val assigned = client.snapshotTickets().asSequence().count { it.assignedTo?.id == agent.id && it.status?.id == inProgress.id }
        check(assigned >= visited) { "assigned to the agent, in progress: $assigned" }
    }
}

fun lookupsByName(client: HappyFoxClient) {
    val lookups = client.lookups()
    check(lookups.statuses().map { it.name } == listOf("New", "In Progress", "On Hold", "Closed", "Resolved")) { "statuses" }
    check(lookups.priority("High").id == lookups.priorities().first { it.name == "High" }.id) { "priority" }
    check(lookups.category("Billing").name == "Billing") { "category" }
    check(lookups.requiresTimeSpent("Internal IT") && !lookups.requiresTimeSpent("Support")) { "time spent" }
    check(lookups.staff("2").email == "jane@emulator.test") { "staff by id" }
    check(lookups.staffMembers().size == 5) { "staff members" }
    for (field in lookups.ticketCustomFields()) {
        check(lookups.ticketCustomField(field.name ?: "").id == field.id) { "ticket custom field ${field.name}" }
    }
    for (field in lookups.contactCustomFields()) {
        check(lookups.contactCustomField(field.name ?: "").id == field.id) { "contact custom field ${field.name}" }
    }
    check(client.refreshLookups().categories().size == lookups.categories().size) { "refresh" }
}

fun options(emulator: HappyFoxEmulator) {
    val configured = emulator.client(
        ClientOptions(
            timeout = Duration.ofSeconds(20), connectTimeout = Duration.ofSeconds(2), maxRetries = 1,
            backoffCap = Duration.ofSeconds(1), deadline = Duration.ofSeconds(30),
            pacing = Pacing(getPerMinute = 100, postPerMinute = 50), userAgent = "kotlin-test/1",
            maxResponseBytes = 8_000_000, noProxy = true, logBodies = false,
        ),
    )
    check(configured.listStatuses().size == 5) { "a client with every option" }
    check(emulator.client(ClientOptions(pacingOff = true)).listPriorities().isNotEmpty()) { "no pacing" }
    val both = expect<HappyFoxException.InvalidInput> {
        emulator.client(ClientOptions(pacing = Pacing(1, 1), pacingOff = true))
    }
    check(both.field == "pacing" && both.rule == InputRule.Format) { "pacing and pacingOff: $both" }
    val zero = expect<HappyFoxException.InvalidInput> { emulator.client(ClientOptions(pacing = Pacing(0, 1))) }
    check(zero.rule is InputRule.OutOfRange) { "pacing 0: $zero" }
    val negative = expect<HappyFoxException.InvalidInput> { emulator.client(ClientOptions(maxRetries = -1)) }
    check(negative.field == "max_retries" && negative.rule is InputRule.OutOfRange) { "negative retries: $negative" }
    val proxyAndNone = expect<HappyFoxException.InvalidInput> {
        emulator.client(ClientOptions(proxy = "http://127.0.0.1:3128", noProxy = true))
    }
    check(proxyAndNone.rule == InputRule.Proxy) { "proxy and noProxy: $proxyAndNone" }
    val hosted = HappyFoxClient.forAccount("acme", Region.EU, "k", "c")
    check(hosted.url().startsWith("https://acme.happyfox.net/")) { "forAccount: ${hosted.url()}" }
    val hostedDry = HappyFoxClient.forAccount("acme", Region.US, "k", "c", ClientOptions(dryRun = true))
    val prepared = expect<HappyFoxException.DryRun> { hostedDry.createTicket(createPayload()) }.request
    check(prepared.url.startsWith("https://acme.happyfox.com/")) { "forAccount with options: ${prepared.url}" }
}

fun requestOptions(emulator: HappyFoxEmulator) {
    val client = emulator.client()
    client.lookups()
    val dry = client.withRequestOptions(RequestOptions(dryRun = true))
    expect<HappyFoxException.DryRun> { dry.createTicket(createPayload("not sent")) }
    check(client.createTicket(createPayload("sent")) is AppliedTicket.Answer) { "the first client still writes" }

    emulator.resetStats()
    val quick = client.withRequestOptions(RequestOptions(timeout = Duration.ofMillis(300), maxRetries = 0))
    check(quick.lookups().statuses().isNotEmpty()) { "shared lookups" }
    check(emulator.stats().requests.isEmpty()) { "the derived client used the cached lookups: ${emulator.stats().requests}" }
    emulator.planFault(PlannedFault("/ticket/2/", FaultKind.SlowAnswer(Duration.ofSeconds(2)), FaultMethod.GET))
    expect<HappyFoxException.Timeout> { quick.getTicket(2) }
    check(client.getTicket(2).id == 2L) { "the first client keeps its timeout" }
}

/** Collects the records a test asks for. */
class Collector : HappyFoxLogger {
    val lines: MutableList<Triple<LogLevel, String, String>> = Collections.synchronizedList(mutableListOf())
    override fun log(level: LogLevel, target: String, message: String) {
        lines.add(Triple(level, target, message))
    }
}

fun requestLogs(emulator: HappyFoxEmulator) {
    val collector = Collector()
    val client = emulator.client()
    setLogger(collector, LogLevel.INFO)
    try {
        client.listStatuses()
        client.getTicket(1)
        client.listTickets(ListTickets(size = 3))
    } finally {
        clearLogger()
    }
    val requests = collector.lines.filter { it.second == "happyfox::request" }
    check(requests.size == 3) { "one line per request: $requests" }
    check(requests.all { it.first == LogLevel.INFO && it.third.contains("HTTP 200") }) { "request lines: $requests" }
    check(requests[1].third.startsWith("GET /ticket/1/")) { "the path: ${requests[1]}" }
    check(collector.lines.none { it.third.contains(emulator.authCode()) }) { "no credentials" }
    val seen = collector.lines.size
    client.listStatuses()
    check(collector.lines.size == seen) { "nothing reaches a cleared logger" }
}

fun rawCalls(client: HappyFoxClient) {
    val ticket = client.rawGet("/ticket/1/")
    check(ticket.startsWith("{") && ticket.contains("\"id\":1")) { "rawGet: ${ticket.take(80)}" }
    val page = client.rawGet("/tickets/", mapOf("size" to "2", "page" to "1"))
    check(page.contains("\"page_info\"")) { "rawGet with a query: ${page.take(80)}" }
    val created = client.rawPost(
        "/tickets/",
        """{"category": 1, "subject": "raw post", "text": "x", "name": "Raw", "email": "raw@example.com"}""",
    )
    check(created.contains("\"raw post\"")) { "rawPost: ${created.take(80)}" }
    val notJson = expect<HappyFoxException.InvalidInput> { client.rawPost("/tickets/", "{not json") }
    check(notJson.rule == InputRule.Format) { "rawPost of no JSON: $notJson" }
}

fun bulkWorkers(emulator: HappyFoxEmulator) {
    val client = emulator.client()
    emulator.resetStats()
    val payloads = (1..250).map { createPayload("bulk $it") }
    val outcomes = client.createTickets(payloads, workers = 3)
    check(outcomes.size == 250 && outcomes.all { it is BulkOutcome.Created }) { "bulk: ${outcomes.filterNot { it is BulkOutcome.Created }}" }
    val posts = emulator.stats().requests.filterKeys { it.startsWith("POST ") }.values.sumOf { it.applied }
    check(posts == 3L) { "three chunks of at most 100: $posts" }
}

fun typedValues(client: HappyFoxClient) {
    var typed = 0
    for (ticket in client.iterTickets(ListTickets(size = 50)).asSequence()) {
        for (field in ticket.customFields) {
            val value = field.typedValue() ?: continue
            typed += 1
            val fits = when (field.fieldType) {
                CustomFieldType.Text, CustomFieldType.TextArea -> value is FieldValue.Text
                CustomFieldType.Number -> value is FieldValue.Number
                CustomFieldType.Choice -> value is FieldValue.Choice
                CustomFieldType.MultipleChoice -> value is FieldValue.Choices
                CustomFieldType.Date -> value is FieldValue.Date && Regex("""\d{4}-\d{2}-\d{2}""").matches(value.value)
                else -> false
            }
            check(fits) { "${field.name} (${field.fieldType}): $value" }
        }
    }
    check(typed > 0) { "some custom fields have values" }
}

fun syncAsSequence(client: HappyFoxClient) {
    val run = client.syncTickets()
    val ids = run.asSequence().map { it.id }.toList()
    check(ids.size == ids.toSet().size && ids.isNotEmpty()) { "sync: ${ids.size}" }
    check(run.checkpoint() != null) { "a checkpoint once the sequence is over" }
}

fun emulatorExtras() {
    HappyFoxEmulator.withFaults(EmulatorFaults(errorRate = 1.0), tickets = 3).use { failing ->
        val http = expect<HappyFoxException.Http> { noRetries(failing).listStatuses() }
        check(http.status >= 500) { "random 5xx: $http" }
        check(failing.stats().of("GET", "/statuses/").faulted == 1L) { "counted as faulted" }
    }
    val limit = EmulatorFaults(rateLimit = EmulatorRateLimit(getPerMinute = 2, postPerMinute = 2))
    HappyFoxEmulator.withFaults(limit, tickets = 3).use { limited ->
        val client = noRetries(limited, ClientOptions(pacingOff = true))
        client.listStatuses()
        client.listStatuses()
        expect<HappyFoxException.RateLimited> { client.listStatuses() }
        check(limited.stats().of("GET", "/statuses/").throttled == 1L) { "throttled" }
        limited.advanceClock(Duration.ofSeconds(61))
        check(client.listStatuses().isNotEmpty()) { "a new window after advanceClock" }
        limited.planFault(PlannedFault("/staff/", FaultKind.Status(500), times = 2))
        check(limited.plannedLeft() == 2L) { "planned: ${limited.plannedLeft()}" }
        limited.resetStats()
        check(limited.stats().requests.isEmpty() && limited.stats().peakInFlight == 0L) { "reset" }
    }
}

/** The ticket listings `emulator` received since its counts were reset. */
fun listings(emulator: HappyFoxEmulator): Long = emulator.stats().of("GET", "/tickets/").received

/** Pagers ask for 50 a page when the caller sets no size, and read one page ahead. */
fun defaultPageSize() {
    HappyFoxEmulator(tickets = 120, seed = 4).use { emulator ->
        val client = emulator.client()
        check(client.listTickets(ListTickets()).data.size == 10) { "one list call keeps HappyFox's default" }
        emulator.resetStats()
        check(client.iterTickets(ListTickets()).asSequence().count() == 120) { "every ticket" }
        check(listings(emulator) == 3L) { "pages of 50: ${listings(emulator)}" }
        emulator.resetStats()
        check(client.iterTicketIds(ListTickets()).asSequence().count() == 120) { "every id" }
        check(listings(emulator) == 3L) { "id pages of 50: ${listings(emulator)}" }
        emulator.resetStats()
        check(client.iterTickets(ListTickets(size = 25)).asSequence().count() == 120) { "size 25" }
        check(listings(emulator) == 5L) { "a size the caller sets is kept: ${listings(emulator)}" }

        // Read-ahead: page 2 arrives while page 1 is read, page 3 only once page 2 is.
        emulator.resetStats()
        val ahead = client.iterTickets(ListTickets())
        repeat(50) { checkNotNull(ahead.next()) }
        val waitUntil = System.nanoTime() + 10_000_000_000
        while (listings(emulator) < 2L) {
            check(System.nanoTime() < waitUntil) { "no read-ahead request" }
            Thread.sleep(5)
        }
        check(listings(emulator) == 2L) { "one page ahead, no further: ${listings(emulator)}" }

        emulator.resetStats()
        val plain = emulator.client(ClientOptions(readAhead = false)).iterTickets(ListTickets())
        repeat(50) { checkNotNull(plain.next()) }
        check(listings(emulator) == 1L) { "without read-ahead, one page at a time: ${listings(emulator)}" }
    }
}

/** Custom-field values and contacts from what people type, read by the core. */
fun textInputs(client: HappyFoxClient) {
    val lookups = client.lookups()
    val hours = lookups.ticketCustomField("Estimated Hours")
    val input = lookups.ticketFieldValue("estimated hours", " 7.5")
    check(input == FieldInput(hours.id, FieldValue.Number(7.5))) { "number: $input" }
    val product = lookups.ticketCustomField("Product")
    val option = product.choices[1]
    val chosen = lookups.ticketFieldValue(product.id.toString(), option.text!!.uppercase())
    check(chosen.value == FieldValue.Choice(option.id)) { "option by text: $chosen" }
    val format = expect<HappyFoxException.InvalidInput> { lookups.ticketFieldValue("Estimated Hours", "lots") }
    check(format.rule == InputRule.Format) { "format: $format" }
    val unknown = expect<HappyFoxException.UnknownName> { lookups.ticketFieldValue("Product", "Fax machine") }
    check(option.text in unknown.candidates) { "options listed: $unknown" }

    val contacts = client.iterContacts(ListContacts()).asSequence().toList()
    val unique = contacts.first { one -> contacts.count { it.name == one.name } == 1 }
    check(client.findContact(unique.email!!).id == unique.id) { "by email" }
    check(client.findContact(unique.id.toString()).id == unique.id) { "by id" }
    check(client.findContact("  ${unique.name!!.lowercase()} ").id == unique.id) { "by name" }
    expect<HappyFoxException.UnknownName> { client.findContact("nobody@nowhere.example") }
}

/** Requests name the bindings in their User-Agent, unless the options name another. */
fun userAgent() {
    val seen = Collections.synchronizedList(mutableListOf<String>())
    val server = com.sun.net.httpserver.HttpServer.create(java.net.InetSocketAddress("127.0.0.1", 0), 0)
    server.createContext("/") { exchange ->
        seen.add(exchange.requestHeaders.getFirst("User-Agent") ?: "")
        val body = "[]".toByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.sendResponseHeaders(200, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }
    server.start()
    try {
        val url = "http://127.0.0.1:${server.address.port}"
        check(HappyFoxClient(url, "k", "c").listStatuses().isEmpty()) { "statuses" }
        HappyFoxClient.withOptions(url, "k", "c", ClientOptions(userAgent = "ops-bot/1")).listStatuses()
    } finally {
        server.stop(0)
    }
    check(seen.size == 2 && seen[0].startsWith("happyfox-kotlin/") && seen[1] == "ops-bot/1") { "user agents: $seen" }
}
