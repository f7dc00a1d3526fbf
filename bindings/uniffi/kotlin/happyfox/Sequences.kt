/**
 * A sequence over a parallel export (`client.exportTickets(params, workers)`): tickets in the
 * listing's order; a page that fails throws its [HappyFoxException] (call `resume()` on the
 * export to go on from it).
 */
package happyfox

/** Every ticket of this export, in the listing's order. */
fun TicketExport.asSequence(): Sequence<Ticket> = generateSequence { next() }
