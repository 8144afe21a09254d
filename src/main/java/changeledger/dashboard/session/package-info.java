/** Dashboard sign-in: server-side sessions behind a cookie, their CSRF tokens, and the mechanism that turns a session into the identity of its API key. */
package changeledger.dashboard.session;
