package changeledger.dashboard.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Sessions end after the idle timeout, after the maximum age however busy, at sign-out, and with their key. */
class DashboardSessionsTest {

    private final MovableClock clock = new MovableClock();
    private final DashboardSessions sessions = new DashboardSessions(new DashboardConfig() {
        @Override
        public Duration sessionIdleTimeout() {
            return Duration.ofMinutes(30);
        }

        @Override
        public Duration sessionMaxAge() {
            return Duration.ofHours(12);
        }

        @Override
        public int maxSessions() {
            return 2;
        }
    }, clock);

    @Test
    void givenSession_whenIdleLongerThanTheTimeout_thenEnded() {
        DashboardSession session = sessions.open("clk_key", "key_1");
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.use(session.id())).isEmpty();
    }

    @Test
    void givenBusySession_whenOlderThanTheMaximumAge_thenEnded() {
        DashboardSession session = sessions.open("clk_key", "key_1");
        for (int i = 0; i < 71; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.use(session.id())).as("after %d minutes", (i + 1) * 10).isPresent();
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.use(session.id())).isEmpty();
    }

    @Test
    void givenSessions_whenClosedOrTheirKeyEnds_thenGoneAndTheOldestMakesRoom() {
        DashboardSession first = sessions.open("clk_a", "key_a");
        clock.advance(Duration.ofSeconds(1));
        DashboardSession second = sessions.open("clk_b", "key_b");
        clock.advance(Duration.ofSeconds(1));
        DashboardSession third = sessions.open("clk_c", "key_c");
        assertThat(sessions.use(first.id())).isEmpty();
        assertThat(first.csrf()).isNotEqualTo(second.csrf()).hasSize(43);
        sessions.close(second.id());
        sessions.closeAllOf("key_c");
        assertThat(sessions.use(second.id())).isEmpty();
        assertThat(sessions.use(third.id())).isEmpty();
        assertThat(third.acceptsCsrf(third.csrf())).isTrue();
        assertThat(third.acceptsCsrf(second.csrf())).isFalse();
        assertThat(third.acceptsCsrf(null)).isFalse();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
