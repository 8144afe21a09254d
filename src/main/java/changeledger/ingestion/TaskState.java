package changeledger.ingestion;

/** What the store knows of one task: nothing, its start, or its start and its finish. */
public sealed interface TaskState {

    /** A task with no event yet. */
    TaskState UNSEEN = new Unseen();

    /** No event yet. */
    record Unseen() implements TaskState {
    }

    /** Started, not finished. */
    record Running(ProxmoxTaskStarted started) implements TaskState {
    }

    /** Started and finished. */
    record Finished(ProxmoxTaskStarted started, ProxmoxTaskFinished finished) implements TaskState {
    }

    /**
     * The state after one more event.
     *
     * @throws IllegalStateException when the event cannot follow the state (a corrupt stream)
     */
    static TaskState evolve(TaskState state, ProxmoxTaskEvent event) {
        if (state instanceof Unseen && event instanceof ProxmoxTaskStarted started) {
            return new Running(started);
        }
        if (state instanceof Running running && event instanceof ProxmoxTaskFinished finished) {
            return new Finished(running.started(), finished);
        }
        throw new IllegalStateException(event.getClass().getSimpleName() + " cannot follow "
                + state.getClass().getSimpleName() + " of task " + event.upid());
    }
}
