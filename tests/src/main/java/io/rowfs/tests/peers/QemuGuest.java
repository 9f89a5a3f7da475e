package io.rowfs.tests.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a QEMU guest (TCG) on a tap device of a {@link Netns}, through
 * {@code tests/peers/run-guest.sh}. Two ways to boot:
 * <pre>
 *   // the Linux kernel NFS client against a server listening on 10.0.2.1 in ns
 *   try (Netns ns = Netns.create("shadow", "tap0", "10.0.2.1/24")) {
 *       ManagedProcess server = ns.startJava("server", List.of(), "io.rowfs.app.Rowfs",
 *               "shadow-server", "--export", dir.toString(), "--listen", "10.0.2.1:2049");
 *       server.awaitLog("...ready line...", Duration.ofSeconds(30));
 *       QemuGuest.Result r = QemuGuest.kernel(ns, "tap0", GuestImage.build())
 *               .staticIp("10.0.2.15/24")
 *               .nfsMount("10.0.2.1", dir.toString(), 2049, 2049)
 *               .script("echo hi > /mnt/f && test -s /mnt/f")
 *               .run();
 *       r.assertOk();                                     // ROWFS-GUEST-OK on the serial console
 *   }
 *   // PXE: iPXE in the NIC ROM, DHCP/TFTP served by the test inside ns
 *   QemuGuest.pxe(ns, "tap0").timeout(Duration.ofSeconds(90)).start()  // async, see Running
 * </pre>
 * {@link #run()} blocks until the guest powers off or the timeout; {@link #start()} returns a
 * {@link Running} guest whose serial log a test can watch with {@link Running#awaitSerial}.
 */
public final class QemuGuest {
    private final Netns netns;
    private final String tap;
    private final GuestImage image;
    private final List<String> append = new ArrayList<>();
    private String script;
    private Duration timeout = Duration.ofSeconds(120);
    private String mac = "52:54:00:12:34:56";
    private String nic = "virtio-net-pci";
    private int memoryMb = 512;

    private QemuGuest(Netns netns, String tap, GuestImage image) {
        this.netns = netns;
        this.tap = tap;
        this.image = image;
    }

    /** Direct kernel boot of {@code image} (no firmware, fastest: ~8 s to ROWFS-GUEST-OK under TCG). */
    public static QemuGuest kernel(Netns netns, String tap, GuestImage image) {
        return new QemuGuest(netns, tap, image);
    }

    /** Network boot with iPXE; BIOS and iPXE output also reach the serial log. */
    public static QemuGuest pxe(Netns netns, String tap) {
        return new QemuGuest(netns, tap, null);
    }

    /** Adds kernel parameters (kernel boot only), e.g. {@code "rowfs.dhcp=1"}. */
    public QemuGuest append(String... params) {
        append.addAll(List.of(params));
        return this;
    }

    public QemuGuest staticIp(String cidr) {
        return append("rowfs.ip=" + cidr);
    }

    public QemuGuest dhcp() {
        return append("rowfs.dhcp=1");
    }

    /** Mounts {@code server:exportPath} on /mnt over NFSv3/TCP with fixed ports (no portmapper). */
    public QemuGuest nfsMount(String server, String exportPath, int nfsPort, int mountPort) {
        return append("rowfs.nfs=" + server + ":" + exportPath, "rowfs.mntopts=vers=3,proto=tcp,nolock,port="
                + nfsPort + ",mountport=" + mountPort + ",mountproto=tcp");
    }

    /** Same, with the full mount option string (addr= is added by /init). */
    public QemuGuest nfsMount(String server, String exportPath, String mountOptions) {
        return append("rowfs.nfs=" + server + ":" + exportPath, "rowfs.mntopts=" + mountOptions);
    }

    /** A busybox sh script run after the mount (cwd /mnt); a non-zero exit makes ROWFS-GUEST-FAIL. */
    public QemuGuest script(String shellScript) {
        this.script = shellScript;
        return this;
    }

    public QemuGuest timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public QemuGuest mac(String m) {
        this.mac = m;
        return this;
    }

    /** {@code virtio-net-pci} (default) or {@code e1000}. */
    public QemuGuest nic(String n) {
        this.nic = n;
        return this;
    }

    public QemuGuest memoryMb(int mb) {
        this.memoryMb = mb;
        return this;
    }

    /** Runs the guest to power-off or timeout and returns the serial log and verdict. */
    public Result run() {
        try (Running r = start()) {
            return r.await();
        }
    }

    /** Starts the guest in the background; close the returned {@link Running} to kill it. */
    public Running start() {
        Path dir;
        try {
            dir = Files.createTempDirectory(netns.workDir(), "guest-");
        } catch (IOException e) {
            throw new PeerException("cannot create a guest work directory", e);
        }
        Path serial = dir.resolve("serial.log");
        List<String> cmd = new ArrayList<>(List.of("bash", PeerScripts.script("run-guest.sh"),
                "--netns", netns.name(), "--tap", tap, "--timeout", Long.toString(timeout.toSeconds()),
                "--serial-log", serial.toString(), "--quiet", "--mac", mac, "--nic", nic, "--mem", Integer.toString(memoryMb)));
        if (image == null) {
            cmd.add("--pxe");
        } else {
            cmd.addAll(List.of("--kernel", image.kernel().toString(), "--initrd", image.initrd().toString(),
                    "--append", String.join(" ", append)));
        }
        if (script != null) {
            Path s = dir.resolve("script.sh");
            try {
                Files.writeString(s, script + "\n");
            } catch (IOException e) {
                throw new PeerException("cannot write the guest script", e);
            }
            cmd.addAll(List.of("--script", s.toString()));
        }
        ManagedProcess p = ManagedProcess.start(cmd, dir.resolve("run-guest.log"));
        return new Running(p, serial, timeout);
    }

    /** A guest that is booting or running. */
    public static final class Running implements AutoCloseable {
        private final ManagedProcess process;
        private final Path serial;
        private final Duration timeout;

        Running(ManagedProcess process, Path serial, Duration timeout) {
            this.process = process;
            this.serial = serial;
            this.timeout = timeout;
        }

        /** The serial console output so far. */
        public String serialLog() {
            try {
                return Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /** Waits until the serial log contains {@code text}; fails with the log if the guest ends first. */
        public Running awaitSerial(String text, Duration max) {
            long deadline = System.nanoTime() + max.toNanos();
            while (!serialLog().contains(text)) {
                if (!process.isAlive()) {
                    throw new PeerException("guest ended before printing '" + text + "'; serial log:\n"
                            + tail(serialLog()) + "\nrun-guest.sh: " + process.logText());
                }
                if (System.nanoTime() > deadline) {
                    throw new PeerException("guest did not print '" + text + "' within " + max + "; serial log:\n"
                            + tail(serialLog()));
                }
                ManagedProcess.sleep(100);
            }
            return this;
        }

        /** Waits for power-off (or run-guest.sh's timeout) and returns the verdict. */
        public Result await() {
            int rc = process.waitFor(timeout.plusSeconds(30));
            if (rc == -1) {
                process.close();
            }
            return new Result(rc, serialLog(), process.logText());
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * A finished guest: {@code status} as run-guest.sh defines it (0 OK marker, 1 FAIL marker, 3 no
     * marker, 124 timeout, -1 killed), the serial log, and run-guest.sh's own stderr.
     */
    public record Result(int status, String serialLog, String runnerLog) {
        public boolean ok() {
            return status == 0;
        }

        public boolean timedOut() {
            return status == 124 || status == -1;
        }

        /** The text after {@code ROWFS-GUEST-FAIL }, or null. */
        public String failReason() {
            for (String line : serialLog.split("\r?\n")) {
                if (line.startsWith("ROWFS-GUEST-FAIL")) {
                    return line.substring("ROWFS-GUEST-FAIL".length()).trim();
                }
            }
            return null;
        }

        public Result assertOk() {
            if (!ok()) {
                throw new PeerException("guest failed (status " + status + (failReason() != null ? ": "
                        + failReason() : "") + ")\n--- serial log:\n" + tail(serialLog) + "\n--- run-guest.sh:\n"
                        + runnerLog);
            }
            return this;
        }
    }

    static String tail(String s) {
        return s.length() <= 8000 ? s : "..." + s.substring(s.length() - 8000);
    }
}
