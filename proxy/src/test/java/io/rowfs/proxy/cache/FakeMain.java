package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A main file in memory, served through a gate the test opens (open from the start unless
 * {@link #hold} is called), counting the READs asked of it and tracking every buffer it hands out.
 */
final class FakeMain implements MainSource {
    final byte[] file;
    final AtomicInteger reads = new AtomicInteger();
    final List<long[]> asked = Collections.synchronizedList(new ArrayList<>()); // {offset, count}
    final List<ByteBuf> handedOut = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    FakeMain(int length) {
        file = new byte[length];
        for (int i = 0; i < length; i++) file[i] = (byte) (i * 31 + 7);
    }

    /** Holds back every answer until {@link #release} (fetches stay in flight). */
    FakeMain hold() {
        gate = new CompletableFuture<>();
        return this;
    }

    void release() {
        gate.complete(null);
    }

    @Override
    public CompletableFuture<ByteBuf> read(byte[] mainHandle, long offset, int count) {
        reads.incrementAndGet();
        asked.add(new long[] {offset, count});
        return gate.thenApplyAsync(v -> {
            int end = (int) Math.min(file.length, offset + count);
            ByteBuf b = Unpooled.directBuffer(count).writeBytes(file, (int) Math.min(offset, file.length),
                    end - (int) Math.min(offset, file.length));
            handedOut.add(b);
            return b;
        });
    }

    byte[] range(long from, long to) {
        return Arrays.copyOfRange(file, (int) from, (int) Math.min(to, file.length));
    }

    /** Reads and releases, returning the bytes. */
    static byte[] bytes(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    void assertAllReleased() {
        for (ByteBuf b : handedOut) assertEquals(0, b.refCnt(), "a main buffer was not released");
    }

    static void waitIdle(ChunkFetcher f) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (f.inFlightCount() > 0 && System.nanoTime() < deadline) Thread.sleep(2);
    }
}
