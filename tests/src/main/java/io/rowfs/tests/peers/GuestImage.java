package io.rowfs.tests.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Linux guest of {@code tests/peers/build-guest.sh}: Debian's kernel and a busybox initramfs with
 * the kernel NFS client, an /init driven by {@code rowfs.*} kernel parameters and the
 * {@code ROWFS-GUEST-OK} / {@code ROWFS-GUEST-FAIL <reason>} serial markers. Built once per kernel
 * version and script version, cached under {@code ~/.cache/rowfs-guest} (first build ~2 s).
 * A PXE test can serve {@link #kernel()} and {@link #initrd()} over TFTP/HTTP.
 */
public record GuestImage(String kernelVersion, Path kernel, Path initrd) {

    /** Builds (or finds in the cache) the guest; {@code extraModules} are added with their dependencies. */
    public static GuestImage build(String... extraModules) {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", PeerScripts.script("build-guest.sh")));
        if (extraModules.length > 0) {
            cmd.addAll(List.of("--modules", String.join(" ", extraModules)));
        }
        ProcessResult r = Processes.run(cmd, Duration.ofMinutes(3)).checkOk();
        Map<String, String> kv = Ganesha.parseKeyValues(r.stdoutText());
        for (String k : List.of("kver", "kernel", "initrd")) {
            if (!kv.containsKey(k)) {
                throw new PeerException("build-guest.sh printed no '" + k + "': " + r.stdoutText());
            }
        }
        return new GuestImage(kv.get("kver"), Path.of(kv.get("kernel")), Path.of(kv.get("initrd")));
    }
}
