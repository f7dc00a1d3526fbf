/// A `Sequence` over a pager's items: each element is the next item, or the error of the
/// page that failed, after which the sequence ends (call `resume()` on the pager and iterate
/// again to fetch that page once more). Items are fetched page by page as it is consumed.
///
///     for item in client.iterTickets(params: ListTickets(size: 50)).results() {
///         let ticket = try item.get()
///         print(ticket.id, ticket.subject ?? "")
///     }
public struct PagerResults<Item>: Sequence, IteratorProtocol {
    private let fetch: () throws -> Item?
    private var finished = false

    /// A sequence calling `next` until it returns nil or throws.
    public init(next: @escaping () throws -> Item?) {
        self.fetch = next
    }

    /// The next item, the error that ended the sequence, or nil at its end.
    public mutating func next() -> Result<Item, Error>? {
        if finished {
            return nil
        }
        do {
            guard let item = try fetch() else {
                finished = true
                return nil
            }
            return .success(item)
        } catch {
            finished = true
            return .failure(error)
        }
    }
}
