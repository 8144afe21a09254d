/** Read models fed by tracking processors: the event index the audit query pages over, and the change statistics. */
package changeledger.projection;
