/** Readiness details: which database the service uses. */
package changeledger.health;
