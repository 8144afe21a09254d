/**
 * Proxmox clusters over time: which hosts were members when (with the join tasks as evidence), what their journals
 * logged of quorum, membership and fencing, and the figures of a whole cluster (ADR 0062, ADR 0063).
 */
package changeledger.cluster;
