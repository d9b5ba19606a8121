package org.mallku.heartbeat.pulse;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The replicas that share this heartbeat's store: which one runs the rhythm, and one pulse at a time among all of
 * them. On the file store the service is its only replica ({@link #ALONE}); on PostgreSQL an advisory lock elects
 * the leader and a claim per due time lets one replica only run it.
 */
public interface Replicas {

    /** One replica alone: it always leads, and the engine's own single-flight rule is the whole rule. */
    Replicas ALONE = new Replicas() {
        @Override
        public boolean lead() {
            return true;
        }

        @Override
        public boolean leading() {
            return true;
        }

        @Override
        public Optional<PulseSkipped.Cause> depart(UUID pulse, Optional<Claim> claim) {
            return Optional.empty();
        }

        @Override
        public void landed(UUID pulse) {
        }
    };

    /** Takes or keeps the lead if it can, and says whether this replica leads; the rhythm asks every tick. */
    boolean lead();

    /** Whether this replica led at the last {@link #lead()}, without asking anyone. */
    boolean leading();

    /**
     * Lets {@code pulse} start, or says why not: {@link PulseSkipped.Cause#OVERLAP} while a pulse is in flight on
     * another replica, {@link PulseSkipped.Cause#CLAIMED} when another replica has run or runs its due time.
     */
    Optional<PulseSkipped.Cause> depart(UUID pulse, Optional<Claim> claim);

    /** {@code pulse} is kept (or given up): another may start, here or on another replica. */
    void landed(UUID pulse);

    /**
     * The due time a scheduled pulse serves, which no two replicas may run.
     *
     * @param due     the due time
     * @param catchUp a catch-up pulse, or one due before this replica took the lead: it may take over a claim whose
     *                replica died before recording its pulse, once
     */
    record Claim(Instant due, boolean catchUp) {
    }
}
