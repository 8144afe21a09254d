package changeledger.alert;

import java.net.URI;

/**
 * A configured target, checked and with its token read. Its secrets never leave it but on the wire: {@link #toString}
 * names none.
 *
 * @param name       its name in configuration
 * @param type       webhook, ntfy or gotify
 * @param url        where to send
 * @param token      the ntfy or Gotify token, or null
 * @param hmacSecret the webhook's signing secret, or null
 * @param priority   the priority on ntfy or Gotify, or null for the default
 */
public record AlertTarget(String name, TargetType type, URI url, String token, String hmacSecret, Integer priority) {

    @Override
    public String toString() {
        return "AlertTarget[" + name + ", " + type + ", " + url + "]";
    }
}
