/** The change request aggregate, its four-eyes workflow, its list read model and the coverage rule for observed changes. */
package changeledger.changerequest;
