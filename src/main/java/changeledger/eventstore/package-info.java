/**
 * The append-only event store on PostgreSQL: append with expected sequence, idempotent event ids,
 * gap-safe global order up to the safe head, immutability and upcasting. Imports no feature package.
 */
package changeledger.eventstore;
