package io.rowfs.proxy.cache;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.rpc.Credentials;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MainSource} over NFSv3 READ. A server may return fewer bytes than asked (its rtmax is
 * smaller, or it simply chose to); the rest is requested again until {@code count} bytes or EOF.
 * Reads are made with the proxy's own credentials: main is read-only and the proxy does access
 * checks itself.
 */
public final class NfsMainSource implements MainSource {
    private final Nfs3Client main;
    private final Credentials credentials;

    public NfsMainSource(Nfs3Client main, Credentials credentials) {
        this.main = main;
        this.credentials = credentials;
    }

    @Override
    public CompletableFuture<byte[]> read(byte[] mainHandle, long offset, int count) {
        return readFrom(FileHandle.of(mainHandle), offset, count, new ByteArrayOutputStream(count));
    }

    private CompletableFuture<byte[]> readFrom(FileHandle file, long offset, int remaining, ByteArrayOutputStream acc) {
        return main.read(credentials, new ReadArgs(file, offset, remaining)).thenCompose(result -> {
            int got;
            boolean eof;
            try {
                if (!result.status().isOk()) {
                    throw new NfsException(result.status(), "main READ at " + offset + " failed: " + result.status());
                }
                got = result.data().readableBytes();
                eof = result.eof();
                byte[] bytes = new byte[got];
                result.data().readBytes(bytes);
                acc.writeBytes(bytes);
            } finally {
                result.release();
            }
            if (eof || got == 0 || got >= remaining) {
                return CompletableFuture.completedFuture(acc.toByteArray());
            }
            return readFrom(file, offset + got, remaining - got, acc);
        });
    }

}
