package io.rowfs.proxy.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Client;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.rpc.Credentials;
import java.util.concurrent.CompletableFuture;

/**
 * {@link MainSource} over NFSv3 READ. A server may return fewer bytes than asked (its rtmax is
 * smaller, or it simply chose to); the rest is requested again until {@code count} bytes or EOF.
 * The data is the reply's own buffer (a retained slice, no copy); several short replies are joined
 * in a composite buffer. Reads are made with the proxy's own credentials: main is read-only and the
 * proxy does access checks itself.
 */
public final class NfsMainSource implements MainSource {
    private final Nfs3Client main;
    private final Credentials credentials;

    public NfsMainSource(Nfs3Client main, Credentials credentials) {
        this.main = main;
        this.credentials = credentials;
    }

    @Override
    public CompletableFuture<ByteBuf> read(byte[] mainHandle, long offset, int count) {
        return readFrom(FileHandle.of(mainHandle), offset, count, null);
    }

    /** {@code acc} (owned here, may be null) holds what earlier short replies returned. */
    private CompletableFuture<ByteBuf> readFrom(FileHandle file, long offset, int remaining, CompositeByteBuf acc) {
        CompletableFuture<ReadResult> call;
        try {
            call = main.read(credentials, new ReadArgs(file, offset, remaining));
        } catch (RuntimeException e) {
            release(acc);
            return CompletableFuture.failedFuture(e);
        }
        return call.handle((result, error) -> {
            if (error != null) {
                release(acc);
                return CompletableFuture.<ByteBuf>failedFuture(error);
            }
            if (!result.status().isOk()) {
                result.release();
                release(acc);
                return CompletableFuture.<ByteBuf>failedFuture(
                        new NfsException(result.status(), "main READ at " + offset + " failed: " + result.status()));
            }
            ByteBuf data = result.data(); // the result's one reference passes to us
            int got = data.readableBytes();
            boolean done = result.eof() || got == 0 || got >= remaining;
            if (acc == null && done) {
                return CompletableFuture.completedFuture(data);
            }
            CompositeByteBuf joined = acc != null ? acc : ByteBufAllocator.DEFAULT.compositeDirectBuffer(64);
            joined.addComponent(true, data);
            if (done) {
                return CompletableFuture.<ByteBuf>completedFuture(joined);
            }
            return readFrom(file, offset + got, remaining - got, joined);
        }).thenCompose(f -> f);
    }

    private static void release(ByteBuf b) {
        if (b != null) {
            b.release();
        }
    }
}
