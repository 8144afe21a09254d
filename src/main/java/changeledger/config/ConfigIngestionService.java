package changeledger.config;

import changeledger.api.LimitsConfig;
import changeledger.evidence.EvidenceSource;
import changeledger.eventstore.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Takes a snapshot pushed by the collector: the tar read and checked, its files parsed, then recorded. */
@ApplicationScoped
public class ConfigIngestionService {

    private final ConfigLedger ledger;
    private final LimitsConfig limits;

    /** Wires the service. */
    public ConfigIngestionService(ConfigLedger ledger, LimitsConfig limits) {
        this.ledger = ledger;
        this.limits = limits;
    }

    /**
     * Records a pushed snapshot: every target it holds, and the targets it no longer holds as gone (the collector
     * sends all the files each time).
     *
     * @throws changeledger.domain.ProblemException (400) for a body that is not a tar of the documented files in UTF-8,
     *                                           (413) for one over {@code changeledger.limits.upload-bytes}
     */
    public ConfigIngestionResult ingest(String hostId, byte[] body, EventMetadata metadata) {
        Map<String, String> files = TarArchive.files(body, limits.uploadBytes());
        List<LineFault> faults = new ArrayList<>();
        int[] count = new int[1];
        Map<String, Map<String, String>> targets = ConfigParser.parse(files, fault -> {
            count[0]++;
            if (faults.size() < ConfigIngestionResult.MAX_LISTED) {
                faults.add(fault);
            }
        });
        ConfigLedger.Outcome outcome = ledger.record(hostId, EvidenceSource.CONFIG, targets, target -> true,
                metadata);
        return new ConfigIngestionResult(files.size(), outcome.baselines(), outcome.drifts(), outcome.unchanged(),
                faults, count[0]);
    }
}
