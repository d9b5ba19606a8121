package org.mallku.heartbeat.database;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A replica's name for people: the host (a pod's name in Kubernetes) and the process id. */
final class ReplicaName {

    private ReplicaName() {
    }

    static String get() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
