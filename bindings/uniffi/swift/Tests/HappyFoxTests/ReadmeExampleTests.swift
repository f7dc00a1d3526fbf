// The README's Swift example (README.md, "Swift"), run against the in-process emulator.
//
// It needs the XCFramework built with the emulator, which the shipped one leaves out:
//
//     bindings/uniffi/swift/scripts/build-xcframework.sh --with-emulator
//     cd bindings/uniffi/swift && swift test
//
// Keep the body of testReadmeExample the README's example: only the assertions are added
// (and `fatalError` became `XCTFail`).
import Foundation
import HappyFox
import XCTest

final class ReadmeExampleTests: XCTestCase {
    func testReadmeExample() throws {
        let emulator = try HappyFoxEmulator(tickets: 25, seed: 7)
        defer { emulator.shutdown() }
        // Or try HappyFoxClient(url:apiKey:authCode:) / HappyFoxClient.forAccount(account:region:apiKey:authCode:options:).
        let options = ClientOptions(timeout: 20, maxRetries: 5, deadline: 120) // seconds
        let client = try HappyFoxClient.withOptions(url: emulator.url(), apiKey: emulator.apiKey(), authCode: emulator.authCode(), options: options)

        // Statuses, priorities, categories, staff and custom fields by name (staff also by email), fetched once.
        let lookups = try client.lookups()
        let agent = try lookups.staff(nameOrEmail: "jane@emulator.test")
        let inProgress = try lookups.status(name: "In Progress")

        let query = try Query().status(values: ["New", "In Progress"])
        var listed = 0
        for item in try client.iterTickets(params: ListTickets(q: query, size: 10)).results() {
            let ticket = try item.get()
            print(ticket.displayId ?? "", ticket.subject ?? "", ticket.createdAt ?? Date())
            listed += 1
        }
        XCTAssertGreaterThan(listed, 0, "the emulator has tickets in New or In Progress")

        // A loop that changes what it walks iterates a snapshot: every matching ticket once.
        for item in try client.snapshotTickets(params: ListTickets(q: try Query().unassigned(value: true))).results() {
            let ticket = try item.get()
            let timeSpent: Int64? = try lookups.requiresTimeSpent(category: ticket.category?.name ?? "") ? 5 : nil
            _ = try client.staffUpdate(ticket: ticket.id, request: StaffUpdate(
                staff: agent.id, status: inProgress.id, assignee: .staff(id: agent.id), timeSpent: timeSpent
            ))
        }

        let created = try client.createTicket(request: CreateTicket(
            category: 1, subject: "Disk full on db-1", text: "Alert fired at 03:12", name: "Ops bot",
            email: "ops@example.com", tags: ["alert", "disk"],
            attachments: [UploadFile(filename: "df.txt", contentType: "text/plain", data: Data("98% used".utf8))]
        ))
        guard case .answer(let ticket) = created else {
            XCTFail("applied; HappyFox answered another shape")
            return
        }
        XCTAssertEqual(ticket.subject, "Disk full on db-1")

        // Some calls with other settings (sharing the pacing and lookups): quick, or a dry run.
        let quick = try client.withRequestOptions(options: RequestOptions(timeout: 5, maxRetries: 0))
        print(try quick.getTicket(ticket: ticket.id).subject ?? "")
        XCTAssertEqual(try quick.getTicket(ticket: ticket.id).subject, "Disk full on db-1")
        var dryRunThrew = false
        do {
            let dryRun = try client.withRequestOptions(options: RequestOptions(dryRun: true))
            _ = try dryRun.staffUpdate(ticket: ticket.id, request: StaffUpdate(staff: agent.id, plaintext: "On it"))
            XCTFail("a dry run sent the update")
        } catch HappyFoxError.DryRun(let request, _, _) {
            print("not sent:", request.method, request.url, request.body)
            dryRunThrew = true
        }
        XCTAssertTrue(dryRunThrew, "the dry run threw HappyFoxError.DryRun")
        var parseThrew = false
        do {
            _ = try Query.parseRaw(text: "status:\"In+Progress\"")
            XCTFail("Query.parseRaw accepted a malformed search string")
        } catch HappyFoxError.InvalidInput(let field, let rule, let description, _) {
            print(field ?? "", rule, description)
            parseThrew = true
        }
        XCTAssertTrue(parseThrew, "Query.parseRaw threw HappyFoxError.InvalidInput")
    }
}
