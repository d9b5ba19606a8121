package org.mallku.heartbeat.database;

/** The database store cannot be used at start-up: the service cannot know its history, so it does not start. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
