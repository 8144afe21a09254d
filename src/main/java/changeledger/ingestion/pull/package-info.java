/** The pull connector: fetches a host's tasks from its Proxmox API over pinned TLS and ingests them. */
package changeledger.ingestion.pull;
