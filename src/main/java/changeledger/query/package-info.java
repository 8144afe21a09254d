/** The audit query API: filtered pages of events and their export as NDJSON or CSV. */
package changeledger.query;
