package changeledger.processing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Pauses every scheduled job first thing when the service stops. The scheduler itself stops only when its bean is
 * destroyed, after the shutdown observers ran, so without this a delivery, an export or a metrics read could fire while
 * the processors stop and the container is being torn down, and fail on beans that are gone.
 */
@ApplicationScoped
public class SchedulerStop {

    void pause(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event, Scheduler scheduler) {
        scheduler.pause();
    }
}
