/** The monthly stability report, the unplanned-changes list and the budget rules behind them. */
package changeledger.report;
