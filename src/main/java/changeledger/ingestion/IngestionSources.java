package changeledger.ingestion;

import changeledger.eventstore.AppendResult;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import java.util.List;

/** The last step every ingestion shares: append a plan's events, count its lines, refuse an all-rejected upload. */
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

    /** Appends the plan in one statement (in the caller's transaction) and counts its lines. */
    static IngestionResult finish(EventStore store, IngestionPlan plan, EventMetadata metadata) {
        AppendResult appended = plan.appends().isEmpty() ? new AppendResult(List.of(), List.of())
                : store.appendAll(plan.appends(), metadata);
        IngestionResult result = IngestionResult.tally(plan, appended);
        if (result.unprocessable()) {
            throw new UnprocessableUploadException(result);
        }
        return result;
    }
}
