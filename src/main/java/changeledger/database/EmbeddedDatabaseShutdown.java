package changeledger.database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Orders a clean stop: the embedded PostgreSQL stops only after every other shutdown observer (the processors,
 * which release their claims) has run. Its observer comes last; the server's own shutdown hook waits for it.
 */
@ApplicationScoped
public class EmbeddedDatabaseShutdown {

    /** After the application's observers (default priority {@code APPLICATION + 500}) and the libraries'. */
    static final int LAST = Interceptor.Priority.LIBRARY_AFTER + 1_000;

    void started(@Observes StartupEvent event) {
        if (EmbeddedDatabase.isRunning()) {
            EmbeddedDatabase.inUse(true);
        }
    }

    void stopped(@Observes @Priority(LAST) ShutdownEvent event) {
        EmbeddedDatabase.inUse(false);
    }
}
