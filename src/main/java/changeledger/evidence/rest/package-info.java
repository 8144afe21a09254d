/** The heartbeat a collector sends and the evidence a reader sees. */
package changeledger.evidence.rest;
