package io.rowfs.proxy.backend;

import java.net.InetSocketAddress;

/**
 * Where a back end is: {@code HOST:NFSPORT[/MOUNTPORT]:/export}. Without a MOUNT port, MOUNT is
 * asked on the NFS port (the project's shadow server serves both on one port); nfs-ganesha needs
 * both, e.g. {@code 127.0.0.1:2049/20048:/srv/image}. IPv6 literals go in brackets.
 */
public record BackendSpec(String host, int nfsPort, int mountPort, String exportPath) {
    public BackendSpec {
        checkPort(nfsPort);
        checkPort(mountPort);
        if (!exportPath.startsWith("/")) {
            throw new IllegalArgumentException("export path must be absolute, got '" + exportPath + "'");
        }
    }

    public static BackendSpec parse(String spec) {
        int pathStart = spec.indexOf(":/");
        if (pathStart < 0) {
            throw new IllegalArgumentException("back end wants HOST:NFSPORT[/MOUNTPORT]:/export, got '" + spec + "'");
        }
        String hostPort = spec.substring(0, pathStart);
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("back end wants HOST:NFSPORT[/MOUNTPORT]:/export, got '" + spec + "'");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String ports = hostPort.substring(colon + 1);
        int slash = ports.indexOf('/');
        try {
            int nfs = Integer.parseInt(slash < 0 ? ports : ports.substring(0, slash));
            int mount = slash < 0 ? nfs : Integer.parseInt(ports.substring(slash + 1));
            return new BackendSpec(host, nfs, mount, spec.substring(pathStart + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + spec + "': " + e.getMessage());
        }
    }

    public InetSocketAddress nfsAddress() {
        return new InetSocketAddress(host, nfsPort);
    }

    public InetSocketAddress mountAddress() {
        return new InetSocketAddress(host, mountPort);
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + nfsPort + (mountPort == nfsPort ? "" : "/" + mountPort) + ":" + exportPath;
    }
}
