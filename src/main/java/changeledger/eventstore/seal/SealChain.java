package changeledger.eventstore.seal;

import changeledger.eventstore.StoredEvent;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Appends links to the seal chain, reads its head as a checkpoint, and verifies it (ADR 0006).
 * Works on the caller's connection; usable without CDI (the offline verifier uses it).
 */
public final class SealChain {

    static final byte[] GENESIS = new byte[32];
    private static final int VERIFY_PAGE = 1000;

    private final SealRepository repository = new SealRepository();
    private final EventHasher hasher = new EventHasher();

    /**
     * Seals these events, in the given order, after the current head; in the caller's transaction. They must be
     * as stored (read from the store, never upcast): their hashes are what {@link #verify} recomputes from the
     * table. The caller (the sealer processor, with the events of its batch) is the chain's only writer.
     *
     * @return the new head, or empty when nothing is sealed at all
     */
    public Optional<Checkpoint> seal(Connection connection, List<StoredEvent> storedInOrder) throws SQLException {
        Optional<SealRepository.Link> head = repository.head(connection);
        if (storedInOrder.isEmpty()) {
            return head.map(SealChain::checkpointOf);
        }
        long seal = head.map(SealRepository.Link::sealPosition).orElse(0L);
        byte[] previous = head.map(SealRepository.Link::chainHash).orElse(GENESIS);
        List<SealRepository.Link> links = new ArrayList<>(storedInOrder.size());
        for (StoredEvent event : storedInOrder) {
            byte[] eventHash = hasher.hash(event, EventHasher.CURRENT_FORM);
            byte[] chain = link(previous, ++seal, event.position(), eventHash);
            links.add(new SealRepository.Link(seal, event.position(), event.id(), eventHash, previous, chain, null,
                    EventHasher.CURRENT_FORM));
            previous = chain;
        }
        repository.insert(connection, links);
        SealRepository.Link last = links.get(links.size() - 1);
        return Optional.of(new Checkpoint(last.sealPosition(), last.eventPosition(), hex(last.chainHash()), null));
    }

    /** The head of the chain, if anything is sealed. */
    public Optional<Checkpoint> checkpoint(Connection connection) throws SQLException {
        return repository.head(connection).map(SealChain::checkpointOf);
    }

    /** The link at a seal position as a checkpoint, if the chain has it (to compare with one exported earlier). */
    public Optional<Checkpoint> checkpointAt(Connection connection, long sealPosition) throws SQLException {
        return repository.at(connection, sealPosition).map(SealChain::checkpointOf);
    }

    /**
     * {@link #verify} in one repeatable-read transaction of its own on {@code dataSource}: a consistent answer while
     * the sealer keeps appending.
     */
    public Verification verifyConsistently(DataSource dataSource, Long checkpointPosition, String checkpointHash)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return verify(connection, checkpointPosition, checkpointHash);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Recomputes the whole chain from the events as stored, each link under the canonical form it was sealed with,
     * and checks that every sealed event lies below the safe head and that the seal order is the
     * {@code (tx_id, position)} order readers read in (ADR 0034). With a checkpoint, also requires the
     * chain to reach it with the same hash. Reads in pages; run it in one repeatable-read
     * transaction for a consistent answer while the sealer keeps appending.
     *
     * @param checkpointPosition a saved checkpoint's seal position, or null
     * @param checkpointHash     its hash (hex), or null; both or neither
     * @throws InvalidCheckpointException when only one of the two is given or they are malformed
     */
    public Verification verify(Connection connection, Long checkpointPosition, String checkpointHash)
            throws SQLException {
        byte[] expected = checkedCheckpoint(checkpointPosition, checkpointHash);
        long sealedUpTo = repository.head(connection).map(SealRepository.Link::sealPosition).orElse(0L);
        boolean withForms = repository.hasForms(connection);
        ChainWalk walk = new ChainWalk(hasher, checkpointPosition, expected, sealedUpTo,
                repository.safeBound(connection));
        List<SealRepository.Link> page;
        long after = 0;
        while (!(page = repository.page(connection, after, VERIFY_PAGE, withForms)).isEmpty()
                && after < sealedUpTo) {
            Map<Long, StoredEvent> events = repository.events(connection,
                            page.stream().map(SealRepository.Link::eventPosition).toList()).stream()
                    .collect(Collectors.toMap(StoredEvent::position, Function.identity()));
            for (SealRepository.Link link : page) {
                if (link.sealPosition() > sealedUpTo) {
                    break;
                }
                Optional<Verification> broken = walk.check(link, events.get(link.eventPosition()));
                if (broken.isPresent()) {
                    return broken.get();
                }
            }
            after = page.get(page.size() - 1).sealPosition();
        }
        Optional<Verification> end = walk.finish();
        if (end.isPresent()) {
            return end.get();
        }
        if (walk.lastEventPosition() != null) {
            Optional<Long> unsealed = repository.firstUnsealedInside(connection, walk.lastEventPosition());
            if (unsealed.isPresent()) {
                return Verification.broken(walk.checked(), sealedUpTo, unsealed.get(), null,
                        "event " + unsealed.get() + " lies inside the sealed range but has no seal: it was inserted "
                                + "afterwards or its seal was removed");
            }
        }
        return Verification.ok(walk.checked(), sealedUpTo);
    }

    static byte[] link(byte[] previous, long sealPosition, long eventPosition, byte[] eventHash) {
        byte[] positions = ByteBuffer.allocate(16).putLong(sealPosition).putLong(eventPosition).array();
        return EventHasher.sha256(previous, positions, eventHash);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] checkedCheckpoint(Long position, String hash) {
        if (position == null && hash == null) {
            return null;
        }
        if (position == null || hash == null) {
            throw new InvalidCheckpointException("Give both checkpointPosition and checkpointHash, or neither.");
        }
        if (position < 1) {
            throw new InvalidCheckpointException("checkpointPosition must be 1 or more (a seal position).");
        }
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidCheckpointException("checkpointHash must be 64 hex digits (a SHA-256), as "
                    + "GET /api/v1/events/checkpoint returns it.");
        }
        return HexFormat.of().parseHex(hash.toLowerCase());
    }

    private static Checkpoint checkpointOf(SealRepository.Link link) {
        return new Checkpoint(link.sealPosition(), link.eventPosition(), hex(link.chainHash()),
                link.sealedAt() == null ? null : link.sealedAt().toInstant());
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
