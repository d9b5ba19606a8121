package org.mallku.heartbeat.testing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import org.mallku.heartbeat.pulse.PulseSkipped;
import org.mallku.heartbeat.pulse.Replicas;

/**
 * Replicas a test steers: whether this one leads, and which claims the others have taken; it remembers every claim
 * asked for. Enabled by a test profile only ({@code getEnabledAlternatives}).
 */
@Alternative
@Singleton // no client proxy: the test sets its fields
public class SwitchableReplicas implements Replicas {

    public volatile boolean leads;
    /** When set, every claimed departure is refused with this cause. */
    public volatile PulseSkipped.Cause refuseClaims;
    public final List<Claim> claims = new CopyOnWriteArrayList<>();

    @Override
    public boolean lead() {
        return leads;
    }

    @Override
    public boolean leading() {
        return leads;
    }

    @Override
    public Optional<PulseSkipped.Cause> depart(UUID pulse, Optional<Claim> claim) {
        claim.ifPresent(claims::add);
        return claim.isPresent() ? Optional.ofNullable(refuseClaims) : Optional.empty();
    }

    @Override
    public void landed(UUID pulse) {
    }
}
