package changeledger.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Marker class that registers the PostgreSQL test resource for every Quarkus test. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
public final class DatabaseTestProfile {

    private DatabaseTestProfile() {
    }
}
