package io.rowfs.tests.proxy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folders every proxy peer test starts from, each a fresh temporary folder: main's export,
 * the shadow's export, and work (back-end and proxy state, logs, files to upload). {@link #rig()}
 * builds the back ends over them.
 */
abstract class ProxyPeerTestBase {
    @TempDir
    Path mainDir;
    @TempDir
    Path shadowDir;
    @TempDir
    Path work;

    /** The default rig over this test's folders (nfs-ganesha main, shadow server), to adjust and start. */
    ProxyRig.Builder rig() {
        return ProxyRig.builder(mainDir, shadowDir, work);
    }
}
