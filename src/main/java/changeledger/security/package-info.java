/** API keys, cumulative roles, host scoping, who made each request (metadata for events), and the service's own TLS. */
package changeledger.security;
