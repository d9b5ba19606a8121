package org.mallku.heartbeat.config;

import java.util.List;

/** The configuration breaks a rule of {@link ConfigValidator}; its message has one line per problem. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems), null, false, false);
    }
}
