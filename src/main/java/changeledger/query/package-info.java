/** The audit query API (filtered pages of events, exported as NDJSON or CSV) and a host's change statistics. */
package changeledger.query;
