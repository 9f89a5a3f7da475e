package io.rowfs.tests.proxy;

import java.util.Locale;

/**
 * Which shadow the proxy scenarios run against: the shadow server over NFS on loopback, or the
 * shadow directory served in the proxy's process ({@code --shadow-dir}). Every scenario runs with
 * both: the tests module's surefire runs this package a second time with
 * {@code -Drowfs.tests.shadow=local} (execution {@code proxy-local-shadow}).
 */
enum ShadowKind {
    NFS,
    LOCAL;

    static final String PROPERTY = "rowfs.tests.shadow";

    /** The kind this test JVM runs (default NFS). */
    static ShadowKind current() {
        return valueOf(System.getProperty(PROPERTY, "nfs").toUpperCase(Locale.ROOT));
    }
}
