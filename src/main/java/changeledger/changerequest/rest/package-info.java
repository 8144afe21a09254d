/** {@code /api/v1/change-requests}: submit, read, list and step change requests over HTTP. */
package changeledger.changerequest.rest;
