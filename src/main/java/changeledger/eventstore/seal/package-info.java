/**
 * The seal chain: a hash chain over every event in gap-safe order, its checkpoints, and the
 * verification that detects changed, deleted or rewritten history (ADR 0006).
 */
package changeledger.eventstore.seal;
