package org.mallku.heartbeat.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.mallku.heartbeat.config.HeartbeatConfig;

import io.quarkus.runtime.LaunchMode;

/**
 * The one decision on who may write: a request may change the heartbeat only with {@code Authorization: Bearer
 * <heartbeat.api.token>}. Without a token configured nobody may, except in dev mode.
 */
@ApplicationScoped
public class ApiToken {

    private final HeartbeatConfig config;

    public ApiToken(HeartbeatConfig config) {
        this.config = config;
    }

    /** Why a request with this {@code Authorization} header may not write; empty when it may. */
    Optional<Problem> refusal(String authorization) {
        Optional<String> token = config.api().token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return LaunchMode.current() == LaunchMode.DEVELOPMENT ? Optional.empty()
                    : Optional.of(new Problem(403, "Forbidden", "Manual pulses are disabled: set heartbeat.api.token"
                            + " (env HEARTBEAT_API_TOKEN) and send it as 'Authorization: Bearer <token>'"));
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : "";
        // constant time, so the answer's timing does not tell how much of a guess was right
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new Problem(401, "Unauthorized", "A valid 'Authorization: Bearer <token>' header is required",
                Map.of("WWW-Authenticate", "Bearer")));
    }
}
