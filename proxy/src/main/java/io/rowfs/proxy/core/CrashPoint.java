package io.rowfs.proxy.core;

/**
 * Named points between the steps of a multi-step change where a test can make the proxy die as if
 * by {@code kill -9}: start the JVM with {@code -Drowfs.crash-at=NAME} and the process halts (no
 * shutdown hooks, no clean close) when it reaches that point. Without the property this is one
 * field read.
 */
public final class CrashPoint {
    private static final String AT = System.getProperty("rowfs.crash-at");

    private CrashPoint() {
    }

    public static void reach(String name) {
        if (AT != null && AT.equals(name)) {
            System.err.println("rowfs: crash point " + name + " reached, halting (rowfs.crash-at)");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
