package changeledger.bench;

import java.util.List;
import java.util.function.Supplier;

/** A {@link MeasuredPath} without an untimed step that hands the runner the figures of its last run. */
record FiguredPath(String name, String unit, String label, TimedPath.Work work,
                   Supplier<List<MeasuredPath.Figure>> figures) implements MeasuredPath {

    @Override
    public void prepare() {
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
