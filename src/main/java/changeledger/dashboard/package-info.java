/** The dashboard at {@code /}: server-rendered Qute pages that read and act through the API's own resources, with the rights of the signed-in key. */
package changeledger.dashboard;
