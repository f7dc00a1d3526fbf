/**
 * Sequences over the ticket iterations that are not pagers: a parallel export
 * (`client.exportTickets(params, workers)`), a snapshot (`client.snapshotTickets(params)`) and a
 * sync run (`client.syncTickets(checkpoint, params)`). Tickets come one by one as the sequence
 * is consumed; a failed request throws its [HappyFoxException] (call `resume()` on the
 * iteration to go on from it).
 */
package happyfox

/** Every ticket of this export, in the listing's order. */
fun TicketExport.asSequence(): Sequence<Ticket> = generateSequence { next() }

/** Every ticket of this snapshot, each once, in the listing's order. */
fun TicketSnapshot.asSequence(): Sequence<Ticket> = generateSequence { next() }

/** Every ticket of this sync run; `checkpoint()` is there once the sequence is over. */
fun TicketSync.asSequence(): Sequence<Ticket> = generateSequence { next() }
