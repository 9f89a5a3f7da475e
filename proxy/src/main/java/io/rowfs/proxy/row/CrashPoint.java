package io.rowfs.proxy.row;

/**
 * Named points between the steps of a multi-step change (after the shadow step, before the tables
 * change) where a test can make the proxy die as if by {@code kill -9}. {@link #fromProperty()}: start
 * the JVM with {@code -Drowfs.crash-at=NAME} and the process halts (no shutdown hooks, no clean
 * close) when it reaches that point; without the property this costs nothing. Unit tests pass their
 * own, which throws an {@link Error} (an Error leaves the change's intent pending, as a halt does).
 */
@FunctionalInterface
public interface CrashPoint {
    /** No crash points. */
    CrashPoint NONE = name -> { };

    void reach(String name);

    /** The crash point named by the system property {@code rowfs.crash-at}, or {@link #NONE}. */
    static CrashPoint fromProperty() {
        String at = System.getProperty("rowfs.crash-at");
        if (at == null) {
            return NONE;
        }
        return name -> {
            if (at.equals(name)) {
                System.err.println("rowfs: crash point " + name + " reached, halting (rowfs.crash-at)");
                System.err.flush();
                Runtime.getRuntime().halt(137);
            }
        };
    }
}
