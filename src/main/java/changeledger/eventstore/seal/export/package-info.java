/** Exports seal checkpoints on a schedule to a file and a URL outside the database (ADR 0056). */
package changeledger.eventstore.seal.export;
