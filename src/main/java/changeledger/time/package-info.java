/** Instants as ISO-8601 text, written and read by hand where the service does it for every event. */
package changeledger.time;
