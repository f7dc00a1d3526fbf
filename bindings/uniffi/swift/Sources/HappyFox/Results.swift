/// `Sequence`s over the ticket iterations that are not pagers: a parallel export
/// (`client.exportTickets(params:workers:)`), a snapshot (`client.snapshotTickets(params:)`)
/// and a sync run (`client.syncTickets(checkpoint:params:)`). Each element is the next ticket,
/// or the error of the request that failed, after which the sequence ends (call `resume()` on
/// the iteration and iterate again).
extension TicketExport {
    /// Every ticket of the export, in the listing's order.
    public func results() -> PagerResults<Ticket> {
        PagerResults(next: self.next)
    }
}

extension TicketSnapshot {
    /// Every ticket of the snapshot, each once, in the listing's order.
    public func results() -> PagerResults<Ticket> {
        PagerResults(next: self.next)
    }
}

extension TicketSync {
    /// Every ticket of the sync run; `checkpoint()` is there once the sequence is over.
    public func results() -> PagerResults<Ticket> {
        PagerResults(next: self.next)
    }
}
