/**
 * Proxmox sources turned into events: UPIDs, task files, task API JSON and the pveproxy access log,
 * parsed line by line, classified, decided as pure functions and appended in one transaction.
 */
package changeledger.ingestion;
