package changeledger.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The service's memory after a phase (issue 6, item 7), as figures of the path that just ran: VmRSS from {@code /proc}
 * and the heap in use from Micrometer ({@code /q/metrics}, no collection forced, so it includes garbage not yet
 * collected). Read after the timed work, so it costs the path nothing.
 */
final class ServiceMemory {

    private ServiceMemory() {
    }

    /** {@code <prefix>_rss} and {@code <prefix>_heap} of the service now, in KiB. */
    static List<MeasuredPath.Figure> after(String prefix, String phase, ServiceProcess service) {
        List<MeasuredPath.Figure> figures = new ArrayList<>();
        ProcessMemory memory = ProcessMemory.of(service.pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/" + service.pid() + "/status"));
        figures.add(new MeasuredPath.Figure(prefix + "_rss", "KiB", "service VmRSS after " + phase,
                memory.rssKib()));
        try {
            figures.add(new MeasuredPath.Figure(prefix + "_heap", "KiB", "service heap in use after " + phase
                    + " (Micrometer, no GC forced)", service.heapUsedBytes() / 1024.0));
        } catch (Exception e) {
            throw new IllegalStateException("reading the service's heap after " + phase + " failed", e);
        }
        return figures;
    }

    /** Both lists in one. */
    static List<MeasuredPath.Figure> plus(List<MeasuredPath.Figure> first, List<MeasuredPath.Figure> second) {
        List<MeasuredPath.Figure> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
