/** API keys, cumulative roles, host scoping, and who made each request (metadata for events). */
package changeledger.security;
