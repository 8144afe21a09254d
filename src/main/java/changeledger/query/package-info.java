/**
 * The audit query API (filtered pages of events, exported as NDJSON or CSV), a host's change statistics, and the
 * reader of its disruption windows and of the requests that plan them.
 */
package changeledger.query;
