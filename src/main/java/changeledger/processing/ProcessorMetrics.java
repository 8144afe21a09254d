package changeledger.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Lag gauges per processor and the age of the oldest open transaction, refreshed on a schedule. */
@ApplicationScoped
public class ProcessorMetrics {

    private static final Logger LOG = Logger.getLogger(ProcessorMetrics.class);

    private final ProcessingRuntime runtime;
    private final MeterRegistry registry;
    private final Map<String, ProcessorStatus> latest = new ConcurrentHashMap<>();
    private volatile double oldestOpenTransactionSeconds;

    /** Reads the runtime's engine into the registry. */
    public ProcessorMetrics(ProcessingRuntime runtime, MeterRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        for (String name : runtime.engine().names()) {
            Gauge.builder("changeledger.processor.lag.events", latest, m -> value(m, name, ProcessorStatus::lagEvents))
                    .description("Committed events the processor has not processed yet, counted up to the readiness bound plus one")
                    .tag("processor", name).register(registry);
            Gauge.builder("changeledger.processor.lag.seconds", latest, m -> value(m, name, ProcessorStatus::lagSeconds))
                    .description("How long the processor's oldest unprocessed event has waited")
                    .tag("processor", name).register(registry);
            Gauge.builder("changeledger.processor.position", latest, m -> value(m, name, ProcessorStatus::position))
                    .description("Position of the last event the processor's active generation processed")
                    .tag("processor", name).register(registry);
        }
        Gauge.builder("changeledger.safehead.oldest.transaction.seconds", this, m -> m.oldestOpenTransactionSeconds)
                .description("Age of the oldest open transaction with an xid: it holds back the safe head")
                .register(registry);
        refresh();
    }

    /** Refreshes the gauges' values. */
    @Scheduled(every = "${changeledger.processing.metrics-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            runtime.engine().statuses().forEach(s -> latest.put(s.name(), s));
            oldestOpenTransactionSeconds = runtime.engine().oldestOpenTransaction().toMillis() / 1000.0;
        } catch (RuntimeException e) {
            LOG.warnf("Could not refresh processor metrics: %s", e.getMessage());
        }
    }

    private static double value(Map<String, ProcessorStatus> statuses, String name,
                                java.util.function.ToDoubleFunction<ProcessorStatus> metric) {
        ProcessorStatus status = statuses.get(name);
        return status == null ? Double.NaN : metric.applyAsDouble(status);
    }
}
