package changeledger.dashboard.session;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this instance, in memory: a restart signs everyone out, and two instances behind one proxy need
 * sticky sessions (ADR 0037). Sessions end after the idle timeout, the maximum age, or sign-out.
 */
@ApplicationScoped
public class DashboardSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final DashboardConfig config;
    private final Clock clock;

    /** Uses the configured timeouts. */
    @Inject
    public DashboardSessions(DashboardConfig config) {
        this(config, Clock.systemUTC());
    }

    DashboardSessions(DashboardConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Opens a session for a key that has just been checked. */
    public DashboardSession open(String apiKey, String keyId) {
        if (sessions.size() >= config.maxSessions()) {
            sessions.entrySet().stream().min((a, b) -> a.getValue().lastSeen.compareTo(b.getValue().lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        Instant now = clock.instant();
        DashboardSession session = new DashboardSession(random(), apiKey, keyId, random(), now);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session of a cookie value, marked as used now; empty when unknown or expired (and then ended). */
    public Optional<DashboardSession> use(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        entry.lastSeen = now;
        return Optional.of(entry.session);
    }

    /** Ends a session (sign-out, or its key was refused). */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a key, e.g. after it was revoked. */
    public void closeAllOf(String keyId) {
        sessions.values().removeIf(entry -> entry.session.keyId().equals(keyId));
    }

    /** Drops expired sessions every minute, so memory does not hold sessions nobody uses. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(entry -> expired(entry, now));
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastSeen.plus(config.sessionIdleTimeout()))
                || !now.isBefore(entry.session.createdAt().plus(config.sessionMaxAge()));
    }

    /** A new random value of 256 bits, base64url. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class Entry {
        private final DashboardSession session;
        private volatile Instant lastSeen;

        private Entry(DashboardSession session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }
}
