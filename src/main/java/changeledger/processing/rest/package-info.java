/** The admin API of the tracking processors: listing with lag and owner, replay. */
package changeledger.processing.rest;
