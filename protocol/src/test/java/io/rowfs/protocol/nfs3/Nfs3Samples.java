package io.rowfs.protocol.nfs3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/** Sample NFSv3 values with every optional field both present and absent. */
public final class Nfs3Samples {
    private Nfs3Samples() {}

    public static FileHandle handle(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return FileHandle.of(b);
    }

    public static FileHandle handle() {
        return handle(28, 1);
    }

    public static Fattr3 fattr(FileType type, long fileId) {
        return new Fattr3(type, 0644, 1, 1000, 1000, 123456789L, 131072L, new SpecData3(8, 1),
                0x1234_5678_9abc_def0L, fileId, new NfsTime3(1_700_000_000, 1),
                new NfsTime3(1_700_000_001, 999_999_999), new NfsTime3(-1, 0));
    }

    public static PostOpAttr attrs() {
        return PostOpAttr.of(fattr(FileType.REG, 42));
    }

    public static WccData wcc() {
        return new WccData(PreOpAttr.of(new WccAttr(10, new NfsTime3(1, 2), new NfsTime3(3, 4))),
                PostOpAttr.of(fattr(FileType.DIR, 7)));
    }

    public static Sattr3 sattrAll() {
        return Sattr3.EMPTY.withMode(0755).withUid(0).withGid(-2).withSize(-1L)
                .withAtime(SetTime.SERVER_TIME).withMtime(SetTime.client(new NfsTime3(5, 6)));
    }

    public static Filename name(String s) {
        return Filename.of(s);
    }

    public static ByteBuf data(int length) {
        ByteBuf b = Unpooled.buffer(length);
        for (int i = 0; i < length; i++) {
            b.writeByte(i * 7);
        }
        return b;
    }

    public static List<DirEntry> entries(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new DirEntry(100 + i, Filename.of("file-" + "x".repeat(i % 5) + i), i + 1L))
                .toList();
    }

    public static List<DirEntryPlus> entriesPlus(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new DirEntryPlus(100 + i, Filename.of("e" + i), i + 1L,
                        i % 2 == 0 ? PostOpAttr.of(fattr(FileType.REG, 100 + i)) : PostOpAttr.ABSENT,
                        i % 3 == 0 ? null : handle(i % 65, i)))
                .toList();
    }
}
