/** HTTP endpoint of configuration snapshots pushed by the collector. */
package changeledger.config.rest;
