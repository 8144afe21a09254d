/** The integrity API of the event store: seal chain verification and checkpoints. */
package changeledger.eventstore.rest;
