/**
 * Every error kind of the core as its own `HappyFoxException` case, each produced for real:
 * through the in-process emulator (planned faults for 409, 429, 5xx, slow answers and HTML),
 * a closed port, a local server that redirects, and local refusals (input, insecure write,
 * dry run, names, files).
 */

import com.sun.net.httpserver.HttpServer
import happyfox.*
import java.io.File
import java.net.InetSocketAddress
import java.time.Duration

/** A client of `emulator` that never retries, with `options` on top. */
fun noRetries(emulator: HappyFoxEmulator, options: ClientOptions = ClientOptions()): HappyFoxClient =
    emulator.client(options.copy(maxRetries = 0))

fun createPayload(subject: String = "kinds") =
    CreateTicket(category = 1, subject = subject, text = "x", name = "K", email = "k@example.com")

fun httpKinds(emulator: HappyFoxEmulator) {
    val client = noRetries(emulator)
    val validation = expect<HappyFoxException.Validation> { client.createTicket(createPayload().copy(category = 999)) }
    check(validation.status == 400 && validation.errors.any { it.field == "category" }) { "validation: $validation" }
    val auth = expect<HappyFoxException.Authentication> {
        HappyFoxClient(emulator.url(), "wrong", "credentials").listStatuses()
    }
    check(auth.status == 401) { "authentication: $auth" }
    val notFound = expect<HappyFoxException.NotFound> { client.getTicket(999_999) }
    check(notFound.path.contains("/ticket/999999/")) { "not found: ${notFound.path}" }

    emulator.planFault(PlannedFault("/ticket/1/staff_update/", FaultKind.Status(409), FaultMethod.POST))
    val staff = client.lookups().staff("jane@emulator.test")
    val conflict = expect<HappyFoxException.Conflict> {
        client.staffUpdate(1, StaffUpdate(staff = staff.id, plaintext = "collides"))
    }
    check(conflict.description.contains("409")) { "conflict: ${conflict.description}" }

    emulator.planFault(PlannedFault("/statuses/", FaultKind.RateLimited(retryAfter = 7, bodyWait = null)))
    val limited = expect<HappyFoxException.RateLimited> { client.listStatuses() }
    check(limited.retryAfter == Duration.ofSeconds(7)) { "rate limited: ${limited.retryAfter}" }

    emulator.planFault(PlannedFault("/staff/", FaultKind.Status(503)))
    val http = expect<HappyFoxException.Http> { client.listStaff() }
    check(http.status == 503 && !http.outcomeUnknown) { "http: $http" }

    emulator.resetStats()
    emulator.planFault(PlannedFault("/tickets/", FaultKind.StatusAfterApplying(502), FaultMethod.POST))
    val unknown = expect<HappyFoxException.Http> { client.createTicket(createPayload("applied, answer lost")) }
    check(unknown.status == 502 && unknown.outcomeUnknown) { "outcome unknown: $unknown" }
    check(emulator.stats().of("POST", "/tickets/").applied == 1L) { "the write was applied" }

    emulator.planFault(PlannedFault("/categories/", FaultKind.NotJson, FaultMethod.GET))
    val decode = expect<HappyFoxException.Decode> { client.listCategories() }
    check(decode.bodyStart.contains("<")) { "decode: ${decode.bodyStart}" }
    check(emulator.plannedLeft() == 0L) { "every planned fault was met: ${emulator.plannedLeft()}" }
}

fun timeoutKinds(emulator: HappyFoxEmulator) {
    emulator.planFault(PlannedFault("/priorities/", FaultKind.SlowAnswer(Duration.ofSeconds(2)), FaultMethod.GET))
    val slow = noRetries(emulator, ClientOptions(timeout = Duration.ofMillis(300)))
    val timeout = expect<HappyFoxException.Timeout> { slow.listPriorities() }
    check(timeout.deadline == null && !timeout.outcomeUnknown) { "timeout: $timeout" }

    // A 503 asks for a retry after 500 ms: past a deadline of 200 ms, so the call gives up.
    emulator.planFault(PlannedFault("/statuses/", FaultKind.Status(503), FaultMethod.GET))
    val deadline = emulator.client(ClientOptions(deadline = Duration.ofMillis(200), maxRetries = 3))
    val passed = expect<HappyFoxException.Timeout> { deadline.listStatuses() }
    check(passed.deadline == Duration.ofMillis(200)) { "deadline: $passed" }
}

fun transportAndRedirect() {
    val closed = HappyFoxClient.withOptions("http://127.0.0.1:1", "k", "c", ClientOptions(maxRetries = 0))
    val transport = expect<HappyFoxException.Transport> { closed.listStatuses() }
    check(!transport.outcomeUnknown) { "transport: $transport" }

    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    server.createContext("/") { exchange ->
        exchange.responseHeaders.add("Location", "https://elsewhere.example/api/1.1/json/statuses/")
        exchange.sendResponseHeaders(301, -1)
        exchange.close()
    }
    server.start()
    try {
        val client = HappyFoxClient.withOptions("http://127.0.0.1:${server.address.port}", "k", "c", ClientOptions(maxRetries = 0))
        val redirect = expect<HappyFoxException.Redirect> { client.listStatuses() }
        check(redirect.status == 301 && redirect.location.startsWith("https://elsewhere.example/")) { "redirect: $redirect" }
    } finally {
        server.stop(0)
    }
}

fun localKinds(emulator: HappyFoxEmulator) {
    val range = expect<HappyFoxException.InvalidInput> { emulator.client().listTickets(ListTickets(size = 51)) }
    check(range.field == "size" && range.rule == InputRule.OutOfRange(1, 50)) { "invalid input: $range" }
    val insecure = expect<HappyFoxException.InsecureWrite> {
        HappyFoxClient("http://helpdesk.example.com", "k", "c").createTicket(createPayload())
    }
    check(insecure.url.startsWith("http://helpdesk.example.com/") && !insecure.outcomeUnknown) { "insecure write: $insecure" }
    val small = noRetries(emulator, ClientOptions(maxResponseBytes = 64))
    val large = expect<HappyFoxException.ResponseTooLarge> { small.listTickets(ListTickets(size = 10)) }
    check(large.limit == 64L) { "too large: $large" }
    val io = expect<HappyFoxException.Io> { uploadFileFromPath("/nonexistent/happyfox-kt.txt") }
    check(io.path == "/nonexistent/happyfox-kt.txt") { "io: $io" }
}

fun dryRunKind(emulator: HappyFoxEmulator) {
    val dry = emulator.client(ClientOptions(dryRun = true))
    check(dry.listStatuses().isNotEmpty()) { "reads are sent in dry-run mode" }
    emulator.resetStats()
    val json = expect<HappyFoxException.DryRun> { dry.createTicket(createPayload("dry")) }
    val request = json.request
    check(request.method == "POST" && request.url.endsWith("/api/1.1/json/tickets/")) { "dry run: $request" }
    check(request.headers.none { it.name.equals("Authorization", ignoreCase = true) }) { "no credentials: ${request.headers}" }
    check((request.body as PreparedBody.Json).json.contains("\"subject\":\"dry\"")) { "body: ${request.body}" }
    val file = File.createTempFile("happyfox-dry", ".txt").apply { writeText("hello") }
    try {
        val attached = createPayload("with a file").copy(attachments = listOf(uploadFileFromPath(file.path)))
        val multipart = expect<HappyFoxException.DryRun> { dry.createTicket(attached) }.request.body as PreparedBody.Multipart
        check(multipart.files.single().filename == file.name && multipart.files.single().size == 5L) { "files: ${multipart.files}" }
        check(multipart.fields.any { it.name == "subject" && it.value == "with a file" }) { "fields: ${multipart.fields}" }
    } finally {
        file.delete()
    }
    check(emulator.stats().of("POST", "/tickets/").received == 0L) { "nothing was sent" }
}

fun nameKinds(emulator: HappyFoxEmulator) {
    val lookups = emulator.client().lookups()
    val unknown = expect<HappyFoxException.UnknownName> { lookups.status("Nope") }
    check(unknown.kind == "status" && unknown.name == "Nope" && "In Progress" in unknown.candidates) { "unknown: $unknown" }
    val fixture = File.createTempFile("happyfox-names", ".json")
    try {
        emulator.dump(fixture.path)
        fixture.writeText(fixture.readText().replace("Priya Sharma", "Jane Agent"))
        HappyFoxEmulator.fromFixture(fixture.path).use { twins ->
            val ambiguous = expect<HappyFoxException.AmbiguousName> { twins.client().lookups().staff("Jane Agent") }
            check(ambiguous.kind == "staff member" && ambiguous.matches.size == 2) { "ambiguous: $ambiguous" }
            check(twins.client().lookups().staff("priya@emulator.test").name == "Jane Agent") { "an email still finds one" }
        }
    } finally {
        fixture.delete()
    }
}

/** Every kind, each its own case. */
fun errorKinds() {
    HappyFoxEmulator(tickets = 12, seed = 3).use { emulator ->
        httpKinds(emulator)
        timeoutKinds(emulator)
        transportAndRedirect()
        localKinds(emulator)
        dryRunKind(emulator)
        nameKinds(emulator)
    }
}
