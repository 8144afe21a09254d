package changeledger.ingestion;

/** An event of the {@code ApiAccess} aggregate: one stream per observed call, {@code <hostId>/<eventId>}. */
public sealed interface ApiAccessEvent permits ApiChangeObserved {

    /** The aggregate type of access-log streams. */
    String AGGREGATE_TYPE = "ApiAccess";

    /** The host whose access log it is. */
    String hostId();
}
