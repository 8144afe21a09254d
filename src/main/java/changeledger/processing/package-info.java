/**
 * Tracking processors (Axon-style): a token per processor in gap-safe order, exactly-once batches,
 * claims shared across instances, live wake-up, replay into a new generation, lag monitoring
 * (ADR 0005). Generic infrastructure: imports no feature package.
 */
package changeledger.processing;
