/** What every HTTP resource shares: problem details (RFC 9457) for every error, request ids. */
package changeledger.api;
