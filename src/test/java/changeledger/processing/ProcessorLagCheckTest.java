package changeledger.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessorLagCheckTest {

    @Test
    void givenLagWithinBothBounds_thenNotExceeded() {
        assertThat(ProcessorLagCheck.exceeds(status(100, 5.0), 100, 5.0)).isFalse();
    }

    @Test
    void givenTooManyEventsOrTooOldAnEvent_thenExceeded() {
        assertThat(ProcessorLagCheck.exceeds(status(101, 0), 100, 5.0)).isTrue();
        assertThat(ProcessorLagCheck.exceeds(status(1, 5.1), 100, 5.0)).isTrue();
    }

    private static ProcessorStatus status(long events, double seconds) {
        return new ProcessorStatus("p", 0, 1, events, false, seconds, null, false, null);
    }
}
