package io.rowfs.protocol.testsupport;

import io.netty.buffer.ByteBuf;
import io.rowfs.protocol.rpc.AuthStat;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.RpcCall;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.rpc.RpcReplier;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small RPC program for tests, versions 1..2:
 * 0 NULL; 1 ECHO opaque (replied later from another thread); 2 reads an int (GARBAGE_ARGS when
 * absent) and returns it plus one; 3 throws a RuntimeException (SYSTEM_ERR); 4 never replies;
 * 5 returns the caller's AUTH_SYS uid (AUTH_TOOWEAK without AUTH_SYS); 6 returns the caller's
 * source port and transport ordinal; 7 is not a procedure (PROC_UNAVAIL); 8 FILL reads an int n
 * and returns n zero bytes as an opaque (a small call for a large reply), counting its calls.
 */
public final class TestProgram implements RpcProgram {
    public static final int PROGRAM = 0x2000_0101;
    public static final int NULL = 0;
    public static final int ECHO = 1;
    public static final int INCREMENT = 2;
    public static final int CRASH = 3;
    public static final int SILENT = 4;
    public static final int WHOAMI = 5;
    public static final int PEER_PORT = 6;
    public static final int MISSING = 7;
    public static final int FILL = 8;

    /** FILL calls received (dispatched to the program) so far. */
    public final java.util.concurrent.atomic.AtomicInteger fills = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public int program() {
        return PROGRAM;
    }

    @Override
    public int lowVersion() {
        return 1;
    }

    @Override
    public int highVersion() {
        return 2;
    }

    @Override
    public boolean hasProcedure(int version, int procedure) {
        return procedure >= NULL && procedure <= PEER_PORT || procedure == FILL;
    }

    @Override
    public void call(RpcCall call, RpcReplier replier) {
        switch (call.procedure()) {
            case NULL -> replier.success(XdrWriter.VOID);
            case ECHO -> {
                ByteBuf data = call.args().readOpaqueRetainedSlice("echo data", 1 << 20);
                CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS).execute(() -> {
                    try {
                        replier.success(out -> out.writeOpaque(data));
                    } finally {
                        data.release();
                    }
                });
            }
            case INCREMENT -> {
                int v = call.args().readInt();
                replier.success(out -> out.writeInt(v + 1));
            }
            case CRASH -> throw new IllegalStateException("test program crashes on purpose");
            case FILL -> {
                fills.incrementAndGet();
                int n = call.args().readInt();
                replier.success(out -> out.writeOpaque(new byte[n]));
            }
            case SILENT -> { }
            case WHOAMI -> {
                if (call.credentials() instanceof AuthSys sys) {
                    replier.success(out -> out.writeInt(sys.uid()));
                } else {
                    replier.authError(AuthStat.AUTH_TOOWEAK);
                }
            }
            case PEER_PORT -> {
                int port = call.remoteAddress().getPort();
                int transport = call.transport().ordinal();
                replier.success(out -> out.writeInt(port).writeInt(transport));
            }
            default -> replier.procUnavailable();
        }
    }
}
