package changeledger.alert;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import changeledger.processing.ProcessingRuntime;
import changeledger.processing.SealingHandler;
import changeledger.support.PlainDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conditions no single event decides: a month over budget, pulls failing longer than the bound, a broken seal
 * chain. Each raises one alert per occurrence however often it is checked.
 */
@QuarkusTest
@TestProfile(AlertTestProfile.class)
class AlertConditionsTest {

    @Inject
    AlertConditions conditions;
    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ProcessingRuntime processing;

    @Test
    void givenAMonthOverItsBudget_thenOneAlertForTheHostAndMonth() {
        // given: a budget of one change a month, no requests required; two changes this month
        String host = register(AlertTestProfile.BUDGET_HOST, "pve-bud");
        asAdmin().contentType(ContentType.JSON).body(Map.of("requireChangeRequests", false, "monthlyChangeBudget", 1,
                "monthlyDisruptionMinutes", 30)).put("/api/v1/hosts/" + host + "/policy").then().statusCode(200);
        AlertFixture fixture = new AlertFixture(host, "pve-bud");
        Instant now = Instant.now();
        Instant monthStart = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Instant t = now.minus(Duration.ofMinutes(10)).isBefore(monthStart) ? monthStart
                : now.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        fixture.tasks(fixture.task("qmconfig", "101", t, "OK"), fixture.task("qmconfig", "102", t.plusSeconds(60),
                "OK"));
        settle();

        // when: checked twice
        List<AlertEvent.AlertRaised> first = conditions.check(now);
        List<AlertEvent.AlertRaised> again = conditions.check(now.plusSeconds(60));

        // then: one alert, naming the month and the reason
        assertThat(first).filteredOn(a -> host.equals(a.hostId())).hasSize(1);
        assertThat(again).filteredOn(a -> host.equals(a.hostId())).isEmpty();
        List<Map<String, Object>> alerts = fixture.alerts("budget");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("message").toString()).contains(YearMonth.from(now.atZone(ZoneOffset.UTC))
                .toString()).contains("2");
    }

    @Test
    void givenPullsFailingLongerThanTheBound_thenOneAlertPerFailingSpell() {
        // given: the host's API cannot be reached; the rule's bound is 30 minutes
        String host = register(AlertTestProfile.SYNC_HOST, "pve-syn");
        asAdmin().post("/api/v1/hosts/" + host + "/sync").then().statusCode(502);

        // when: checked within the bound, after it, and again
        Instant now = Instant.now();
        List<AlertEvent.AlertRaised> within = conditions.check(now.plus(Duration.ofMinutes(10)));
        List<AlertEvent.AlertRaised> after = conditions.check(now.plus(Duration.ofHours(1)));
        List<AlertEvent.AlertRaised> again = conditions.check(now.plus(Duration.ofHours(2)));

        // then: one alert, once the failing lasted longer than the bound
        assertThat(within).filteredOn(a -> host.equals(a.hostId())).isEmpty();
        assertThat(after).filteredOn(a -> host.equals(a.hostId())).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("no pull ever succeeded").contains("30 min"));
        assertThat(again).filteredOn(a -> host.equals(a.hostId())).isEmpty();
        assertThat(new AlertFixture(host, "pve-syn").alerts("sync")).hasSize(1);
    }

    @Test
    void givenASealedEventChangedBehindTheService_thenOneSealAlertUntilItIsRepaired() throws Exception {
        // given: a sealed event whose transaction id a superuser moved (as the seal resource's test does)
        long victim = QuarkusTransaction.requiringNew().call(() -> store.append(new AppendRequest(
                uniqueAggregate("Moved"), AppendRequest.NEW_STREAM, List.of(event("Noted", "moved"))),
                metadata("alerts"))).appended().get(0).position();
        await().atMost(Duration.ofSeconds(20)).until(() -> processing.engine().statuses().stream()
                .anyMatch(s -> s.name().equals(SealingHandler.NAME) && s.lagEvents() == 0 && s.position() >= victim));
        superuser("update domain_event set tx_id = (tx_id::text::bigint + 1000000000)::text::xid8 where position = "
                + victim);
        List<AlertEvent.AlertRaised> first;
        List<AlertEvent.AlertRaised> again;
        try {
            // when: checked twice
            first = conditions.check(Instant.now());
            again = conditions.check(Instant.now());
        } finally {
            superuser("update domain_event set tx_id = (tx_id::text::bigint - 1000000000)::text::xid8 where position = "
                    + victim);
        }

        // then: one alert of no host, naming the position
        assertThat(first).filteredOn(a -> a.rule().equals("seal")).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("seal position").contains("safe head"));
        assertThat(again).filteredOn(a -> a.rule().equals("seal")).isEmpty();
    }

    private static String register(String id, String node) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "name", id, "role", "infrastructure",
                "node", node)).post("/api/v1/hosts").then().statusCode(201);
        return id;
    }

    private static void settle() {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
    }

    private void superuser(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            PlainDatabase.tamper(connection, sql);
        }
    }
}
