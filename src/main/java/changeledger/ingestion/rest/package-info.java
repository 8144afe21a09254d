/** The ingestion endpoints: task files, task API JSON and the pveproxy access log, per host. */
package changeledger.ingestion.rest;
