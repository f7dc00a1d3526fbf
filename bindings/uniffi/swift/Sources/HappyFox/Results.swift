/// A `Sequence` over a parallel export (`client.exportTickets(params:workers:)`): each
/// element is the next ticket in the listing's order, or the error of the page that failed,
/// after which the sequence ends (call `resume()` on the export and iterate again).
extension TicketExport {
    /// Every ticket of the export, in the listing's order.
    public func results() -> PagerResults<Ticket> {
        PagerResults(next: self.next)
    }
}
