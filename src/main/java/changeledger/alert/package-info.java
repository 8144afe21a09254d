/** Alerts: rules from configuration decided from events through an outbox, delivered to webhook, ntfy and Gotify. */
package changeledger.alert;
