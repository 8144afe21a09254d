package changeledger.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The API keys that authenticate requests; written by {@link ApiKeyService} with each key event. */
@Entity
@Table(name = "api_key")
public class ApiKeyReadModel extends PanacheEntityBase {

    @Id
    @Column(name = "key_id")
    public String keyId;

    public String name;

    public String role;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> hosts;

    @Column(name = "token_sha256")
    public String tokenSha256;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;
}
