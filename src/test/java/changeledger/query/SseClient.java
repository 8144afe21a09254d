package changeledger.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of a server-sent-event stream over {@link HttpClient}: lines are read as they arrive and parsed into
 * events ({@code id} and {@code data}) and comments; {@link #close()} drops the connection, as a client that goes away.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One event: its id and its data line. */
    public record Event(String id, String data) {
    }

    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private String id;
    private final StringBuilder data = new StringBuilder();

    private SseClient() {
    }

    /** Opens {@code uri} with a bearer token and, when not null, {@code Last-Event-ID}; returns once headers came. */
    static SseClient open(URI uri, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return open(request);
    }

    /** Opens {@code uri} with a dashboard session's cookie instead of a key; returns once headers came. */
    public static SseClient withCookie(URI uri, String name, String value) throws Exception {
        return open(HttpRequest.newBuilder(uri).header("Cookie", name + "=" + value));
    }

    private static SseClient open(HttpRequest.Builder request) throws Exception {
        SseClient client = new SseClient();
        request.header("Accept", "text/event-stream");
        HTTP.sendAsync(request.build(), info -> {
            client.status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(client.new Lines());
        });
        int code = client.status.get(20, TimeUnit.SECONDS);
        if (code != 200) {
            client.close();
            throw new IllegalStateException("the stream answered " + code);
        }
        return client;
    }

    /** The next event, skipping comments; null when none came within {@code timeout}. */
    public Event nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null || next instanceof Event) {
                return (Event) next;
            }
        }
    }

    /** The comments that arrive within {@code timeout}, until {@code wanted} came. */
    List<String> comments(Duration timeout, String wanted) throws InterruptedException {
        List<String> comments = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!comments.contains(wanted)) {
            Object next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            if (next instanceof String comment) {
                comments.add(comment);
            }
        }
        return comments;
    }

    @Override
    public void close() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (id != null || !data.isEmpty()) {
                received.add(new Event(id, data.toString()));
            }
            id = null;
            data.setLength(0);
        } else if (line.startsWith(":")) {
            received.add(line.substring(1).trim());
        } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
            data.append(line.substring(5).stripLeading());
        }
    }

    private final class Lines implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            line(item);
        }

        @Override
        public void onError(Throwable throwable) {
            received.add("error: " + throwable.getMessage());
        }

        @Override
        public void onComplete() {
            received.add("end");
        }
    }
}
