package changeledger.report;

import changeledger.projection.ChangeCounts;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The monthly stability report (DESIGN "Shapes"): per host, the verdict and the evidence behind it.
 *
 * @param month       {@code yyyy-MM}
 * @param timeZone    the zone the month is cut in
 * @param partial     whether the month is still running
 * @param generatedAt when this report was made (the only field that differs between two reports of the same events)
 * @param hosts       one section per host the caller may read, by host id
 * @param cluster     with {@code ?cluster=}: the whole cluster's month (ADR 0062); else absent
 */
public record StabilityReport(String month, String timeZone, boolean partial, Instant generatedAt,
                              List<HostReport> hosts,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ClusterReport cluster) {

    /** A report of hosts alone. */
    public StabilityReport(String month, String timeZone, boolean partial, Instant generatedAt,
                           List<HostReport> hosts) {
        this(month, timeZone, partial, generatedAt, hosts, null);
    }

    /** This report with its host sections replaced and a cluster section. */
    public StabilityReport with(List<HostReport> sections, ClusterReport clusterReport) {
        return new StabilityReport(month, timeZone, partial, generatedAt, sections, clusterReport);
    }

    /**
     * A whole cluster's month: its visible members' figures for the time each was a member, its windows without
     * quorum once (ADR 0062).
     *
     * @param name              the cluster
     * @param members           the visible members with the part of the month each was a member
     * @param byClass           their counts by class in those parts, a loss of quorum counted once
     * @param disruptions       the windows that count: the members' in their parts, and the quorum windows
     * @param disruptionMinutes their minutes inside the month (and the members' parts)
     * @param quorumWindows     the windows without quorum that overlap the month
     * @param quorumMinutes     their minutes inside the month
     * @param zonesMixed        whether members of different zones were in the cluster together in the month
     * @param mixedZones        those zones
     * @param notes             what a reader must know, in words (mixed trust zones)
     */
    public record ClusterReport(String name, List<ClusterMember> members, ChangeCounts byClass, int disruptions,
                                double disruptionMinutes, int quorumWindows, double quorumMinutes,
                                boolean zonesMixed, List<String> mixedZones, List<String> notes) {
    }

    /**
     * A member's part of the month.
     *
     * @param hostId the host
     * @param from   the first instant it counts
     * @param to     the first instant it no longer counts
     */
    public record ClusterMember(String hostId, Instant from, Instant to) {
    }

    /**
     * One host's month.
     *
     * @param hostId                  the host
     * @param name                    its name
     * @param role                    {@code infrastructure} or {@code lab}
     * @param verdict                 the verdict
     * @param reasons                 why, in words
     * @param policy                  the budgets applied
     * @param changes                 the observed changes and the budget units
     * @param disruptions             the disruption windows inside the month
     * @param failedTasks             tasks that finished with a failure in the month
     * @param changeRequests          the change requests whose planned window lies in the month
     * @param daysSinceLastChange     whole days from the last budgeted change up to the end of the report's span, or
     *                                null when there was none
     * @param daysSinceLastDisruption 0 while a window of the host is open at the end of the report's span, else whole
     *                                days from the start of the last disruption up to that end, or null when there
     *                                was none
     * @param trend                   this month and the five before it
     * @param unplanned               changes no request covers, on a host that requires requests
     * @param gaps                    the month's collection gaps (DESIGN "Evidence")
     * @param securityChanges         the month's security changes (users, ACLs, tokens, firewall, notifications),
     *                                planned or not, listed apart; also among {@code changes.items}
     * @param notes                   what a reader must know beyond the verdict, in words: e.g. that the host was in
     *                                a cluster with hosts of another trust zone (ADR 0062)
     * @param replicationLags         the replication jobs that lagged behind their schedule at a reading in the month
     *                                (ADR 0066), by job id
     */
    public record HostReport(String hostId, String name, String role, Verdict verdict, List<String> reasons,
                             Policy policy, Changes changes, Disruptions disruptions, List<FailedTask> failedTasks,
                             ChangeRequests changeRequests, Long daysSinceLastChange, Long daysSinceLastDisruption,
                             List<TrendMonth> trend, List<UnplannedChange> unplanned, List<CollectionGap> gaps,
                             List<ChangeItem> securityChanges, List<String> notes,
                             List<ReplicationLag> replicationLags) {

        /** A section without notes. */
        public HostReport(String hostId, String name, String role, Verdict verdict, List<String> reasons,
                          Policy policy, Changes changes, Disruptions disruptions, List<FailedTask> failedTasks,
                          ChangeRequests changeRequests, Long daysSinceLastChange, Long daysSinceLastDisruption,
                          List<TrendMonth> trend, List<UnplannedChange> unplanned, List<CollectionGap> gaps,
                          List<ChangeItem> securityChanges, List<ReplicationLag> replicationLags) {
            this(hostId, name, role, verdict, reasons, policy, changes, disruptions, failedTasks, changeRequests,
                    daysSinceLastChange, daysSinceLastDisruption, trend, unplanned, gaps, securityChanges, List.of(),
                    replicationLags);
        }

        /** This section with notes added. */
        public HostReport withNotes(List<String> added) {
            List<String> all = new java.util.ArrayList<>(notes);
            all.addAll(added);
            return new HostReport(hostId, name, role, verdict, reasons, policy, changes, disruptions, failedTasks,
                    changeRequests, daysSinceLastChange, daysSinceLastDisruption, trend, unplanned, gaps,
                    securityChanges, List.copyOf(all), replicationLags);
        }
    }

    /**
     * A replication job that lagged behind its schedule in the month (ADR 0066): at a reading of its node's replication
     * status its last run had failed ({@code fail_count > 0}), or its {@code next_sync} had passed by more than the
     * grace ({@code changeledger.proxmox.replication-grace}).
     *
     * @param jobId             the job, {@code <vmid>-<jobnum>}
     * @param guest             the replicated guest
     * @param guestName         its name when first seen lagging; absent when none is known
     * @param target            the node it replicates to
     * @param failing           whether a reading found its last run failed
     * @param overdue           whether a reading found its next sync passed by more than the grace
     * @param readings          the readings in the month that found it lagging (each a state of the job seen once)
     * @param firstSeen         the first of them
     * @param lastSeen          the last of them
     * @param lastSync          the last successful sync at the reading with the longest lag; null when none was known
     * @param longestLagMinutes the longest lag seen: a reading's time less the job's last sync, in whole minutes; null
     *                          when no sync of the job ever succeeded
     * @param maxFailCount      the most failed runs in a row a reading saw
     * @param lastError         the error of the last failed run seen, or null
     */
    public record ReplicationLag(String jobId, String guest, @JsonInclude(JsonInclude.Include.NON_NULL) String guestName,
                                 String target, boolean failing, boolean overdue, int readings, Instant firstSeen,
                                 Instant lastSeen, Instant lastSync, Long longestLagMinutes, int maxFailCount,
                                 String lastError) {
    }

    /**
     * The budgets applied.
     *
     * @param requireChangeRequests    whether changes need a covering request
     * @param monthlyChangeBudget      changes allowed, or null
     * @param monthlyDisruptionMinutes disruption minutes allowed, or null
     */
    public record Policy(boolean requireChangeRequests, Integer monthlyChangeBudget, Integer monthlyDisruptionMinutes) {
    }

    /**
     * The month's changes. The report names two numbers: changes ({@code observed}, the observed changes) and budget
     * units ({@code budgetCount}, what counts against the budget).
     *
     * @param budgetCount the budget units: one per covering request, one per target and hour when unplanned
     *                    ({@link BudgetCount})
     * @param byClass     counts by class as the statistics count them
     * @param planned     observed changes a request covers
     * @param unplanned   observed changes no request covers (on any host)
     * @param items       every observed change, in time order
     * @param observed    the changes: every observed change ({@code planned + unplanned}, the size of {@code items})
     */
    public record Changes(int budgetCount, ChangeCounts byClass, int planned, int unplanned,
                          List<ChangeItem> items, int observed) {
    }

    /**
     * One observed change.
     *
     * @param eventId         the event that shows it
     * @param occurredAt      when
     * @param eventClass      change, disruptive or manual
     * @param target          the guest id or node
     * @param actor           who
     * @param summary         what
     * @param changeRequestId the covering request, or null
     * @param windowStart     a configuration drift's window start (it happened after it, up to {@code occurredAt});
     *                        absent for a change seen when it happened
     * @param security        true for a security change; absent otherwise
     * @param guestName       the name of the guest it changed, then; absent when none is known
     * @param evidence        the configuration drifts that show this change (ids of {@code ConfigDriftObserved}
     *                        events it explains, not counted again); absent when none
     */
    public record ChangeItem(String eventId, Instant occurredAt, @JsonProperty("class") String eventClass,
                             String target, String actor, String summary, String changeRequestId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Instant windowStart,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean security,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String guestName,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> evidence) {
    }

    /**
     * Disruption inside the month: windows crossing its boundaries are cut at them.
     *
     * @param count          windows (failed tasks excluded)
     * @param minutes        their minutes inside the month, to one decimal
     * @param longestMinutes the longest part inside the month
     * @param windows        the windows, with the minutes inside the month
     */
    public record Disruptions(int count, double minutes, double longestMinutes, List<Window> windows) {
    }

    /**
     * A disruption window as the report shows it.
     *
     * @param guest            the guest, or null
     * @param target           what was disrupted
     * @param start            when it began
     * @param end              when it ended, or null while open
     * @param open             whether it is still open
     * @param durationMinutes  its minutes inside the month
     * @param cause            the task type, or manual
     * @param causeUpid        the causing task's UPID, or null
     * @param failed           a failed task, listed for evidence
     * @param migration        a migration
     * @param planned          whether a change request covers its start
     * @param changeRequestId  that request, or null
     * @param openSince        its start while it is still open, else null
     * @param stoppedBy        who caused it: the user of the causing task, or null for a manual entry
     * @param guestName        the guest's name when it began; absent when none is known
     */
    public record Window(String guest, String target, Instant start, Instant end, boolean open, double durationMinutes,
                         String cause, String causeUpid, boolean failed, boolean migration, boolean planned,
                         String changeRequestId, Instant openSince, String stoppedBy,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String guestName) {
    }

    /**
     * A task that failed.
     *
     * @param position   the global position of its finish event
     * @param occurredAt when it finished
     * @param guest      its guest, or null
     * @param summary    type, guest and status
     */
    public record FailedTask(long position, Instant occurredAt, String guest, String summary) {
    }

    /**
     * Change requests planned in the month.
     *
     * @param total        how many
     * @param byStatus     how many in each status
     * @param selfApproved approved by the key that submitted them
     * @param retroactive  approved after their window ended
     * @param items        the requests
     */
    public record ChangeRequests(int total, Map<String, Integer> byStatus, int selfApproved, int retroactive,
                                 List<RequestItem> items) {
    }

    /**
     * One change request.
     *
     * @param id           its id
     * @param title        its title
     * @param target       its target
     * @param status       its status
     * @param plannedStart the planned window's start
     * @param plannedEnd   the planned window's end
     * @param selfApproved approved by its submitter
     * @param retroactive  approved after its window
     */
    public record RequestItem(String id, String title, String target, String status, Instant plannedStart,
                              Instant plannedEnd, boolean selfApproved, boolean retroactive) {
    }

    /**
     * One month of the trend.
     *
     * @param month             {@code yyyy-MM}
     * @param changes           the observed changes of that month, as the month's own report counts them
     * @param disruptionMinutes disruption minutes inside that month
     * @param budgetUnits       the budget units of that month, as the month's own report counts them
     */
    public record TrendMonth(String month, long changes, double disruptionMinutes, int budgetUnits) {
    }
}
