package changeledger.processing;

import changeledger.eventstore.EventReader;
import changeledger.eventstore.Upcaster;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.net.InetAddress;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The processor engine inside Quarkus: discovers the handler beans, starts at startup, stops at shutdown. */
@ApplicationScoped
public class ProcessingRuntime {

    private static final Logger LOG = Logger.getLogger(ProcessingRuntime.class);

    private final ProcessingConfig config;
    private final ProcessorEngine engine;

    /** Builds the engine from the configuration and every {@link TrackingHandler} bean. */
    public ProcessingRuntime(ProcessingConfig config, AgroalDataSource dataSource, ObjectMapper mapper,
                             Instance<Upcaster> upcasters, @Any Instance<TrackingHandler> handlers) {
        this.config = config;
        EngineSettings settings = new EngineSettings(config.instanceId().orElseGet(ProcessingRuntime::defaultId),
                config.batchSize(), config.pollInterval(), config.heldBackPollInterval(), config.leaseTimeout(),
                config.listen());
        this.engine = new ProcessorEngine(dataSource, new JtaTransactions(dataSource),
                new EventReader(mapper, upcasters.stream().toList()), handlers.stream().toList(), settings);
        // the lag is counted one past the readiness bound, so readiness can tell, and at least 10,000 far
        engine.countLagUpTo(Math.max(10_000, config.readinessMaxLagEvents() + 1));
    }

    /** Starts the processors after the other start-up observers, which check configuration (priority 2500 and below). */
    void start(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1000) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Tracking processors are disabled on this instance (changeledger.processing.enabled=false)");
            return;
        }
        engine.start();
        LOG.infof("Tracking processors %s run as %s", engine.names(), engine.instanceId());
    }

    void stop(@Observes ShutdownEvent event) {
        engine.stop();
    }

    /** The engine, for the admin API, metrics and readiness. */
    public ProcessorEngine engine() {
        return engine;
    }

    /** The configuration in use. */
    public ProcessingConfig config() {
        return config;
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "instance";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
