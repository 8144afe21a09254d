package changeledger.dashboard;

import changeledger.query.TaskResource;
import changeledger.query.TaskView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The task view on a host page: a page of {@code GET /api/v1/hosts/{id}/tasks} read in-process within the page's
 * range, filtered by type, class and status, and the query of the next page.
 *
 * @param items  the tasks of this page
 * @param next   the UPID to continue after, or null on the last page
 * @param type   the type filter, blank for any
 * @param taskClass the class filter, blank for any
 * @param status the status filter, blank for any
 */
public record HostTasks(List<TaskView> items, String next, String type, String taskClass, String status) {

    private static final List<String> CLASSES = List.of("change", "disruptive", "start", "routine", "access",
            "unknown");
    private static final List<String> STATUSES = List.of("ok", "failed", "running");

    static final int PAGE = 50;

    /** Reads a page of the host's tasks from {@code from} to {@code to} with the page's filters. */
    static HostTasks read(TaskResource tasks, String hostId, String from, String to, String type, String taskClass,
                          String status, String after) {
        String limit = Integer.toString(PAGE);
        TaskResource.TaskQuery query = new TaskResource.TaskQuery(ApiQuery.value(type), ApiQuery.value(taskClass),
                ApiQuery.value(status), null, null, ApiQuery.value(from), ApiQuery.value(to), ApiQuery.value(after),
                limit);
        TaskResource.TaskPage body = (TaskResource.TaskPage) tasks.page(hostId, query, ApiQuery.of("/api/v1/hosts/"
                + hostId + "/tasks", "from", from, "to", to, "type", type, "class", taskClass, "status", status,
                "after", after, "limit", limit)).getEntity();
        return new HostTasks(body.items(), body.next(), blank(type), blank(taskClass), blank(status));
    }

    /** The classes the class filter offers, as the API names them. */
    public List<String> classes() {
        return CLASSES;
    }

    /** The statuses the status filter offers, as the API names them. */
    public List<String> statuses() {
        return STATUSES;
    }

    /** The task filters as a query string (for the next-page link). */
    public String query() {
        return "taskType=" + encode(type) + "&taskClass=" + encode(taskClass) + "&taskStatus=" + encode(status);
    }

    /** The next page's {@code taskAfter}, URL-encoded. */
    public String nextEncoded() {
        return next == null ? "" : encode(next);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blank(String value) {
        return value == null ? "" : value.trim();
    }
}
