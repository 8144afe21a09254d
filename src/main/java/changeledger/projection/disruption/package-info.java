/** Disruption windows of each host: task facts kept per target, windows recomputed from them, read by the API and the report. */
package changeledger.projection.disruption;
