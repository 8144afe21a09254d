/** Manual entries: changes, incidents, maintenance and notes that people record by hand, retracted but never edited. */
package changeledger.journal;
