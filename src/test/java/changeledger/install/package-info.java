/** Tests of the install scripts under docker/ that need no packaged app. */
package changeledger.install;
