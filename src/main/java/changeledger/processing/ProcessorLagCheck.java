package changeledger.processing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: down while a processor lags past the configured bound, with every processor's lag as data. */
@Readiness
@ApplicationScoped
public class ProcessorLagCheck implements HealthCheck {

    private final ProcessingRuntime runtime;

    /** Checks the runtime's processors. */
    public ProcessorLagCheck(ProcessingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("changeledger-processors");
        try {
            List<ProcessorStatus> statuses = runtime.engine().statuses();
            boolean up = true;
            for (ProcessorStatus status : statuses) {
                response.withData(status.name() + ".lagEvents", status.lagEvents());
                if (status.lagEventsAtLeast()) {
                    response.withData(status.name() + ".lagEventsAtLeast", true);
                }
                response.withData(status.name() + ".lagSeconds", String.valueOf(status.lagSeconds()));
                up &= !exceeds(status, runtime.config().readinessMaxLagEvents(),
                        runtime.config().readinessMaxLag().toMillis() / 1000.0);
            }
            return response.status(up).build();
        } catch (RuntimeException e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }

    /** Whether a processor lags past either bound. */
    static boolean exceeds(ProcessorStatus status, long maxLagEvents, double maxLagSeconds) {
        return status.lagEvents() > maxLagEvents || status.lagSeconds() > maxLagSeconds;
    }
}
