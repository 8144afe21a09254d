package changeledger.ingestion;

import changeledger.eventstore.AppendResult;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import java.util.List;

/** The steps every ingestion shares: append a plan's events, count its lines, refuse an all-rejected upload. */
final class IngestionSources {

    private IngestionSources() {
    }

    /** The caller's metadata, with {@code source} set when the caller left it out. */
    static EventMetadata orDefault(EventMetadata metadata, String source) {
        if (metadata == null) {
            return EventMetadata.system(source);
        }
        return metadata.source() != null ? metadata : new EventMetadata(metadata.actorKeyId(), metadata.actorName(),
                source, metadata.correlationId(), metadata.causationId(), metadata.requestId(),
                metadata.clientAddress());
    }

    /** Appends a plan's events in the caller's transaction and counts its lines into {@code tally}. */
    static void append(EventStore store, IngestionPlan plan, EventMetadata metadata, IngestionTally tally) {
        AppendResult appended = plan.appends().isEmpty() ? new AppendResult(List.of(), List.of())
                : store.appendAll(plan.appends(), metadata);
        tally.add(plan, appended);
    }

    /**
     * The answer to an upload from its counts, rejected lines in line order.
     *
     * @throws UnprocessableUploadException (422) when every line was rejected: the caller's transaction
     *                                      rolls back what was appended
     */
    static IngestionResult finish(IngestionTally tally) {
        IngestionResult result = tally.result();
        if (result.unprocessable()) {
            throw new UnprocessableUploadException(result);
        }
        return result;
    }
}
