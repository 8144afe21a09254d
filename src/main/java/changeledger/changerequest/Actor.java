package changeledger.changerequest;

/**
 * The API key that takes a step.
 *
 * @param keyId the key's id: the four-eyes rule compares it
 * @param name  the key's name, shown in the history
 */
public record Actor(String keyId, String name) {
}
