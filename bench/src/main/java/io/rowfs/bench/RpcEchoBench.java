package io.rowfs.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.client.RpcReply;
import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.RpcCall;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.rpc.RpcReplier;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the ONC RPC transport alone: an {@link RpcServer} and an {@link RpcClient} on 127.0.0.1,
 * one echo procedure that sends the call's opaque argument back. The server side echoes without
 * copying (the argument is a retained slice of the record and is appended to the composite reply,
 * as NFS READ data is), so the figures are what framing, buffering and thread handoffs cost.
 *
 * <pre>
 *   java -cp ... io.rowfs.bench.RpcEchoBench [seconds-per-case] [rounds]     (defaults 3 and 3)
 * </pre>
 *
 * Cases: 1 MiB and 4 KiB payloads, 1 and 8 calls in flight ({@code -Dbench.cases=1MiBx1,4KiBx8}
 * picks some). Each round runs every case once (a
 * short warm-up first); the table prints every round and the median. MiB/s counts the payload
 * once (it crosses the connection twice, once each way). "CPU us/call" is the whole process's CPU
 * time (client, server, GC) per call: steadier than throughput on a shared machine.
 */
public final class RpcEchoBench {
    static final int PROGRAM = 0x2000_1234;
    static final int VERSION = 1;
    static final int ECHO = 1;

    private RpcEchoBench() {
    }

    /** Echoes the opaque argument; answers on the event loop, as the transport delivers it. */
    static final class EchoProgram implements RpcProgram {
        @Override
        public int program() {
            return PROGRAM;
        }

        @Override
        public int lowVersion() {
            return VERSION;
        }

        @Override
        public int highVersion() {
            return VERSION;
        }

        @Override
        public boolean hasProcedure(int version, int procedure) {
            return procedure == ECHO || procedure == 0;
        }

        @Override
        public void call(RpcCall call, RpcReplier replier) {
            ByteBuf data = call.args().readOpaqueRetainedSlice("echo", Integer.MAX_VALUE);
            try {
                replier.success(out -> appendOpaque(out, data));
            } finally {
                data.release();
            }
        }
    }

    /** Opaque data appended as a component when the buffer is a composite, else copied. */
    static void appendOpaque(XdrEncoder out, ByteBuf data) {
        int len = data.readableBytes();
        if (out.buffer() instanceof CompositeByteBuf c && len >= 1024) {
            c.writeInt(len);
            c.capacity(c.writerIndex());
            c.addComponent(true, data.retainedDuplicate());
            c.writeZero((4 - (len & 3)) & 3);
        } else {
            out.writeOpaque(data);
        }
    }

    record Case(int size, int inFlight) {
        String name() {
            return (size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB") + " x" + inFlight;
        }
    }

    /** Throughput, and the whole process's CPU time (client and server) per call. */
    record Result(double mibPerSec, double callsPerSec, double cpuMicrosPerCall) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    public static void main(String[] argv) throws Exception {
        double seconds = argv.length > 0 ? Double.parseDouble(argv[0]) : 3;
        int rounds = argv.length > 1 ? Integer.parseInt(argv[1]) : 3;
        List<Case> cases = new ArrayList<>(List.of(new Case(1 << 20, 1), new Case(1 << 20, 8),
                new Case(4 << 10, 1), new Case(4 << 10, 8)));
        String only = System.getProperty("bench.cases");
        if (only != null) {
            cases.removeIf(c -> !List.of(only.split(",")).contains(c.name().replace(" ", "")));
        }
        try (RpcServer server = RpcServer.builder().udp(false).program(new EchoProgram()).build().start();
             RpcClient client = RpcClient.builder(server.localAddress()).build()) {
            List<List<Result>> results = new ArrayList<>();
            for (Case c : cases) {
                results.add(new ArrayList<>());
                run(client, c, 0.5);
            }
            for (int r = 1; r <= rounds; r++) {
                for (int i = 0; i < cases.size(); i++) {
                    Result res = run(client, cases.get(i), seconds);
                    results.get(i).add(res);
                    System.out.printf("round %d %-12s %9.1f MiB/s %10.0f calls/s %9.1f CPU us/call%n", r,
                            cases.get(i).name(), res.mibPerSec, res.callsPerSec, res.cpuMicrosPerCall);
                }
            }
            System.out.printf("%n%-12s %12s %12s %16s%n", "case", "MiB/s", "calls/s", "CPU us/call");
            for (int i = 0; i < cases.size(); i++) {
                System.out.printf("%-12s %12.1f %12.0f %16.1f%n", cases.get(i).name(),
                        median(results.get(i).stream().mapToDouble(Result::mibPerSec).toArray()),
                        median(results.get(i).stream().mapToDouble(Result::callsPerSec).toArray()),
                        median(results.get(i).stream().mapToDouble(Result::cpuMicrosPerCall).toArray()));
            }
        }
    }

    /** Keeps {@code c.inFlight} calls outstanding for {@code seconds}; checks every echo's length. */
    static Result run(RpcClient client, Case c, double seconds) throws Exception {
        ByteBuf payload = Unpooled.directBuffer(c.size).writeZero(c.size);
        for (int i = 0; i < c.size; i += 97) {
            payload.setByte(i, i);
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong calls = new AtomicLong();
        long t0 = System.nanoTime();
        long cpu0 = OS.getProcessCpuTime();
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        for (int s = 0; s < c.inFlight; s++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            streams.add(done);
            next(client, payload, deadline, calls, done);
        }
        for (CompletableFuture<Void> s : streams) {
            s.get(60, TimeUnit.SECONDS);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (OS.getProcessCpuTime() - cpu0) / 1e3;
        payload.release();
        long n = calls.get();
        return new Result(n * (double) c.size / (1 << 20) / secs, n / secs, cpuMicros / Math.max(1, n));
    }

    /** One stream: a call, and when it returns the next, until the deadline. */
    private static void next(RpcClient client, ByteBuf payload, long deadline, AtomicLong calls,
                             CompletableFuture<Void> done) {
        if (System.nanoTime() >= deadline) {
            done.complete(null);
            return;
        }
        client.call(PROGRAM, VERSION, ECHO, AuthNone.INSTANCE, out -> appendOpaque(out, payload))
                .whenComplete((RpcReply reply, Throwable failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                        return;
                    }
                    try (reply) {
                        int len = reply.isSuccess() ? reply.results().readInt() : -1;
                        if (len != payload.readableBytes()) {
                            done.completeExceptionally(new IllegalStateException(
                                    "bad echo: " + reply.status() + ", " + len + " bytes"));
                            return;
                        }
                    }
                    calls.incrementAndGet();
                    next(client, payload, deadline, calls, done);
                });
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
