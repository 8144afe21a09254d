/** Read models fed by tracking processors: the event index the audit query pages over. */
package changeledger.projection;
