package io.rowfs.shadow;

import io.rowfs.protocol.mount.MountProgram;
import io.rowfs.protocol.nfs3.Nfs3Program;
import io.rowfs.protocol.portmap.EmbeddedPortmapper;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.shadow.fs.IoExecutor;
import io.rowfs.shadow.fs.ShadowFs;
import io.rowfs.shadow.nfs.ShadowMountService;
import io.rowfs.shadow.nfs.ShadowNfs3Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The shadow server: NFSv3 and MOUNT v3 over a local directory on one TCP+UDP port, plus an
 * optional embedded portmapper that advertises both. Build with {@link #builder()}, then
 * {@link #start()}; {@link #close()} stops everything.
 */
public final class ShadowServer implements AutoCloseable {
    /** Portmapper choice: try 111, then an ephemeral port. */
    public static final int PORTMAP_DEFAULT = EmbeddedPortmapper.DEFAULT_PORT;
    /** Portmapper choice: none. */
    public static final int PORTMAP_NONE = EmbeddedPortmapper.NONE;

    private final Builder config;
    private ShadowFs fs;
    private IoExecutor io;
    private ShadowNfs3Service service;
    private RpcServer nfs;
    private RpcServer portmap;

    private ShadowServer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized ShadowServer start() throws IOException {
        try {
            fs = new ShadowFs(config.export, config.stateDir, config.readOnly, config.exportId,
                    config.openFiles, config.pooledInodes, config.clock);
            io = new IoExecutor(config.ioThreads);
            nfs = RpcServer.builder().bind(config.listen)
                    .program(new Nfs3Program(service = new ShadowNfs3Service(fs, io, config.clock, config.attrTtlMillis)))
                    .program(new MountProgram(new ShadowMountService(fs, io, config.export.toString())))
                    .build().start();
            portmap = EmbeddedPortmapper.advertise(nfs, config.listen.getAddress(), config.portmapPort);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public ShadowFs fs() {
        return fs;
    }

    /** The NFS and MOUNT port. */
    public int port() {
        return nfs.port();
    }

    public InetSocketAddress address() {
        return nfs.localAddress();
    }

    /** The portmapper port, or -1 without one. */
    public int portmapPort() {
        return portmap == null ? -1 : portmap.port();
    }

    @Override
    public synchronized void close() {
        if (portmap != null) {
            portmap.close();
        }
        if (nfs != null) {
            nfs.close();
        }
        if (io != null) {
            io.close();
        }
        if (service != null) {
            service.close(); // after the executor: no read-ahead can arrive any more
        }
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }

    /** Configuration. */
    public static final class Builder {
        private Path export;
        private Path stateDir;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 2049);
        private boolean readOnly;
        private int portmapPort = PORTMAP_NONE;
        private int exportId = 1;
        private int ioThreads = 4;
        private int openFiles = 256;
        private int pooledInodes = ShadowFs.DEFAULT_POOLED_INODES;
        private Clock clock = Clock.systemUTC();
        private long attrTtlMillis = ShadowNfs3Service.ATTR_TTL_MILLIS;

        public Builder export(Path dir) {
            this.export = dir;
            return this;
        }

        /** State directory; default {@code EXPORT/.rowfs-shadow}. */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder listen(InetSocketAddress where) {
            this.listen = where;
            return this;
        }

        public Builder readOnly(boolean ro) {
            this.readOnly = ro;
            return this;
        }

        /** A port, {@link #PORTMAP_DEFAULT} or {@link #PORTMAP_NONE} (the default). */
        public Builder portmap(int port) {
            this.portmapPort = port;
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        public Builder openFiles(int n) {
            this.openFiles = n;
            return this;
        }

        /**
         * Most inodes of removed files kept for new files (default
         * {@value ShadowFs#DEFAULT_POOLED_INODES}; 0 turns reuse off). See {@code InodePool}.
         */
        public Builder pooledInodes(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("pooled inodes must not be negative, got " + n);
            }
            this.pooledInodes = n;
            return this;
        }

        /**
         * How long attributes and names seen by the server answer GETATTR, LOOKUP and ACCESS from
         * memory (default 10 s; 0 turns the cache off). Changes through the server are seen at
         * once; the time bounds how late a change made behind the server's back is seen.
         */
        public Builder attrCacheTtl(java.time.Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("attribute cache TTL must not be negative, got " + ttl);
            }
            this.attrTtlMillis = ttl.toMillis();
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public ShadowServer build() {
            Objects.requireNonNull(export, "export");
            return new ShadowServer(this);
        }
    }
}
