/** The host registry aggregate: hosts, their roles, change policies and cluster membership. */
package changeledger.host;
