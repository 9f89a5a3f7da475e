package io.rowfs.tests.peers;

/**
 * libnfs URLs: {@code nfs://HOST/EXPORT/PATH?version=3&nfsport=P&mountport=M}. With explicit ports
 * libnfs asks no portmapper. libnfs finds the export by the longest MOUNT export-list match, so the
 * export path and the path inside it are simply joined.
 */
public final class NfsUrl {
    private NfsUrl() {
    }

    public static String v3(String host, String exportPath, String relPath, int nfsPort, int mountPort) {
        String export = exportPath.startsWith("/") ? exportPath : "/" + exportPath;
        String rel = relPath.startsWith("/") ? relPath.substring(1) : relPath;
        String path = export.endsWith("/") ? export + rel : rel.isEmpty() ? export : export + "/" + rel;
        return "nfs://" + host + path + "?version=3&nfsport=" + nfsPort + "&mountport=" + mountPort;
    }
}
