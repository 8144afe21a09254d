/** Where the service's PostgreSQL comes from: an external server, or an embedded one for a first run. */
package changeledger.database;
