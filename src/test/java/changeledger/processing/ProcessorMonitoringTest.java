package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Lag shows in readiness and /q/metrics while an open transaction holds the safe head back. */
@QuarkusTest
class ProcessorMonitoringTest {

    @Inject
    EventStore store;

    @Test
    void givenOpenTransactionHoldingBackTheSafeHead_thenLagAndItsAgeShowUntilItEnds() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            append("held");
            appended.countDown();
            awaitQuietly(release);
        }));
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            QuarkusTransaction.requiringNew().run(() -> append("waiting"));

            await().atMost(Duration.ofSeconds(20)).until(() -> readinessLag() >= 1);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    metric("changeledger_processor_lag_events\\{processor=\"seal-chain\"}") >= 1
                            && metric("changeledger_safehead_oldest_transaction_seconds") > 0);
        } finally {
            release.countDown();
            open.get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> readinessLag() == 0);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private void append(String note) {
        store.append(new AppendRequest(uniqueAggregate("Monitored"), AppendRequest.NEW_STREAM,
                List.of(event("Noted", note))), metadata("monitoring"));
    }

    private static long readinessLag() {
        return given().when().get("/q/health/ready").then().extract().jsonPath()
                .getLong("checks.find { it.name == 'changeledger-processors' }.data.'seal-chain.lagEvents'");
    }

    private static double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+|NaN)$").matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
