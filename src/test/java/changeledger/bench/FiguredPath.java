package changeledger.bench;

import java.util.List;
import java.util.function.Supplier;

/** A {@link MeasuredPath} that hands the runner the figures of its last run, with an untimed step before each run. */
record FiguredPath(String name, String unit, String label, TimedPath.Step prepareStep, TimedPath.Work work,
                   Supplier<List<MeasuredPath.Figure>> figures) implements MeasuredPath {

    /** A path with nothing to do before a run. */
    FiguredPath(String name, String unit, String label, TimedPath.Work work,
                Supplier<List<MeasuredPath.Figure>> figures) {
        this(name, unit, label, () -> { }, work, figures);
    }

    @Override
    public void prepare() throws Exception {
        prepareStep.run();
    }

    @Override
    public long run() throws Exception {
        return work.run();
    }

    @Override
    public List<MeasuredPath.Figure> lastRunFigures() {
        return figures.get();
    }
}
