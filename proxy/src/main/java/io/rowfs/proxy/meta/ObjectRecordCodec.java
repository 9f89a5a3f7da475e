package io.rowfs.proxy.meta;

import java.nio.ByteBuffer;

/**
 * Serialises {@link ObjectRecord}s as the values of the persistent object table. Layout, big-endian:
 *
 * <pre>
 *  0        1       2       4              8               16              24
 *  +--------+-------+-------+--------------+---------------+---------------+
 *  | format | type  | flags |  generation  |   parent id   | logical size  |
 *  +--------+-------+-------+--------------+---------------+---------------+
 *  24       25            25+m     26+m            26+m+s   28+m+s
 *  +--------+-------------+--------+---------------+--------+-------------+
 *  | m (u8) | main handle | s (u8) | shadow handle | n (u16)| name bytes  |
 *  +--------+-------------+--------+---------------+--------+-------------+
 * </pre>
 *
 * {@code format} is {@link #FORMAT}; a record with another format byte is refused rather than misread.
 */
final class ObjectRecordCodec {
    static final int FORMAT = 1;
    private static final int FIXED = 24 + 1 + 1 + 2;

    private ObjectRecordCodec() {
    }

    static byte[] encode(ObjectRecord r) {
        ByteBuffer out = ByteBuffer.allocate(FIXED + r.mainHandle().length + r.shadowHandle().length + r.name().length);
        out.put((byte) FORMAT).put((byte) r.type()).putShort((short) r.flags()).putInt(r.generation())
                .putLong(r.parentId()).putLong(r.logicalSize());
        out.put((byte) r.mainHandle().length).put(r.mainHandle());
        out.put((byte) r.shadowHandle().length).put(r.shadowHandle());
        out.putShort((short) r.name().length).put(r.name());
        return out.array();
    }

    static ObjectRecord decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int format = in.get() & 0xFF;
        if (format != FORMAT) {
            throw new IllegalStateException("object record format " + format + ", this proxy reads " + FORMAT);
        }
        int type = in.get() & 0xFF;
        int flags = in.getShort() & 0xFFFF;
        int generation = in.getInt();
        long parent = in.getLong();
        long size = in.getLong();
        byte[] main = new byte[in.get() & 0xFF];
        in.get(main);
        byte[] shadow = new byte[in.get() & 0xFF];
        in.get(shadow);
        byte[] name = new byte[in.getShort() & 0xFFFF];
        in.get(name);
        return new ObjectRecord(parent, name, type, flags, generation, size, main, shadow);
    }
}
