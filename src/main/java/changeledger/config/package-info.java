/**
 * Configuration snapshots (pushed by the collector or read by the pull connector) and the drift between them
 * (DESIGN "Evidence"): files parsed into keyed entries per target, the latest snapshot kept per target, and
 * {@code ConfigBaselineRecorded} / {@code ConfigDriftObserved} events in the stream {@code Config / <hostId>}.
 */
package changeledger.config;
