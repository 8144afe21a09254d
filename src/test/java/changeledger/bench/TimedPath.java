package changeledger.bench;

/** A {@link MeasuredPath} made of an untimed step and the timed work. */
record TimedPath(String name, String unit, String label, Step prepareStep, Work work) implements MeasuredPath {

    /** Untimed set-up before a round. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** The timed work; returns the events or rows handled. */
    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    @Override
    public void prepare() throws Exception {
        prepareStep.run();
    }

    @Override
    public long run() throws Exception {
        return work.run();
    }

    /** Fails the run when a path handled other than the expected count (a wrong count is a wrong number). */
    static long expect(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": " + actual + ", expected " + expected);
        }
        return actual;
    }
}
