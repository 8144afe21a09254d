package changeledger.eventstore;

import java.time.Instant;
import java.util.UUID;

/** One row of the event table with its JSON columns still as the UTF-8 text PostgreSQL sent. */
record EventRow(long position, UUID id, AggregateRef aggregate, long sequence, String type, int revision,
                byte[] payload, byte[] metadata, Instant occurredAt, Instant recordedAt, long txId) {

    GlobalCursor cursor() {
        return new GlobalCursor(txId, position);
    }
}
