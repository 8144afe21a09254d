package changeledger.changerequest.rest;

import changeledger.api.TimeRange;
import changeledger.changerequest.ChangeRequestCommand;
import changeledger.changerequest.Outcome;
import changeledger.changerequest.Risk;
import changeledger.domain.ProblemException;
import changeledger.host.ChangeTarget;
import java.time.Instant;
import java.time.ZoneId;

/** The request bodies of the change request API and their checks: every fault a 400 that names the field. */
public final class Bodies {

    static final int TITLE_LENGTH = 200;
    static final int TEXT_LENGTH = 20_000;
    static final int COMMENT_LENGTH = 5_000;

    private Bodies() {
    }

    /** Body of a submission; the instants are ISO-8601 text (an offset, or a date at midnight in the service's zone). */
    public record SubmitBody(String hostId, String target, String title, String description, String plannedStart,
                             String plannedEnd, Risk risk, String rollbackPlan) {
    }

    /** Body of approve, reject, start and cancel: an optional comment (required to reject). */
    public record CommentBody(String comment) {
    }

    /** Body of a completion. */
    public record CompleteBody(Outcome outcome, String note) {
    }

    /** Body of a reschedule: the new window, and an optional comment. */
    public record RescheduleBody(String plannedStart, String plannedEnd, String comment) {
    }

    static ChangeRequestCommand.SubmitChangeRequest submit(SubmitBody body, String id, ZoneId zone) {
        if (body == null) {
            throw ProblemException.badRequest("Send {\"hostId\", \"target\", \"title\", \"plannedStart\", "
                    + "\"plannedEnd\", \"risk\"} (and optionally \"description\", \"rollbackPlan\") as JSON.");
        }
        if (body.hostId() == null || body.hostId().isBlank()) {
            throw ProblemException.badRequest("Field 'hostId' is required: the host the change is on.");
        }
        ChangeTarget.require("target", body.target());
        if (body.title() == null || body.title().isBlank() || body.title().length() > TITLE_LENGTH) {
            throw ProblemException.badRequest("Field 'title' must be 1 to " + TITLE_LENGTH + " characters.");
        }
        if (body.risk() == null) {
            throw ProblemException.badRequest("Field 'risk' is required: low, medium or high.");
        }
        Window window = window(body.plannedStart(), body.plannedEnd(), zone);
        return new ChangeRequestCommand.SubmitChangeRequest(id, body.hostId(), body.target(), body.title().trim(),
                text("description", body.description(), TEXT_LENGTH), window.start(), window.end(), body.risk(),
                text("rollbackPlan", body.rollbackPlan(), TEXT_LENGTH));
    }

    static String comment(CommentBody body, boolean required) {
        String comment = body == null ? null : text("comment", body.comment(), COMMENT_LENGTH);
        if (required && comment == null) {
            throw ProblemException.badRequest("Field 'comment' is required: say why the request is rejected.");
        }
        return comment;
    }

    static ChangeRequestCommand.CompleteChangeRequest complete(String id, CompleteBody body) {
        if (body == null || body.outcome() == null) {
            throw ProblemException.badRequest("Field 'outcome' is required: succeeded, failed or rolled-back "
                    + "(and optionally a 'note').");
        }
        return new ChangeRequestCommand.CompleteChangeRequest(id, body.outcome(), text("note", body.note(), TEXT_LENGTH));
    }

    static ChangeRequestCommand.RescheduleChangeRequest reschedule(String id, RescheduleBody body, ZoneId zone) {
        if (body == null) {
            throw ProblemException.badRequest("Send the new window: {\"plannedStart\", \"plannedEnd\"}.");
        }
        Window window = window(body.plannedStart(), body.plannedEnd(), zone);
        return new ChangeRequestCommand.RescheduleChangeRequest(id, window.start(), window.end(),
                text("comment", body.comment(), COMMENT_LENGTH));
    }

    private static Window window(String start, String end, ZoneId zone) {
        Instant from = required("plannedStart", start, zone);
        Instant to = required("plannedEnd", end, zone);
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("'plannedStart' (" + start + ") must be before 'plannedEnd' (" + end
                    + "): the planned window starts inclusive and ends exclusive.");
        }
        return new Window(from, to);
    }

    private static Instant required(String name, String value, ZoneId zone) {
        Instant instant = TimeRange.instant(name, value, zone);
        if (instant == null) {
            throw ProblemException.badRequest("Field '" + name + "' is required: an ISO-8601 instant such as "
                    + "2026-11-28T20:00:00Z.");
        }
        return instant;
    }

    /** Optional free text: null when absent or blank, 400 when too long. */
    private static String text(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.badRequest("Field '" + name + "' has " + value.length() + " characters; at most "
                    + max + " are allowed.");
        }
        return value;
    }

    private record Window(Instant start, Instant end) {
    }
}
