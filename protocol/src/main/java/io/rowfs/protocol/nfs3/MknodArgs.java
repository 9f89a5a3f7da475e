package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * MKNOD3args (RFC 1813 section 3.3.11): {@code diropargs3 where; mknoddata3 what;} with
 * <pre>
 *   union mknoddata3 switch (ftype3 type) {
 *     case NF3CHR: case NF3BLK: sattr3 dev_attributes; specdata3 spec;
 *     case NF3SOCK: case NF3FIFO: sattr3 pipe_attributes;
 *     default: void;
 *   }
 * </pre>
 * {@code attributes} is null for the void arm, {@code spec} is null unless CHR or BLK.
 */
public record MknodArgs(FileHandle dir, Filename name, FileType type, Sattr3 attributes,
        SpecData3 spec) implements Nfs3Args {
    public MknodArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (hasAttributes(type) != (attributes != null) || isDevice(type) != (spec != null)) {
            throw new IllegalArgumentException("mknoddata3 arm does not match type " + type);
        }
    }

    public static MknodArgs decode(XdrDecoder in) {
        FileHandle dir = FileHandle.decode(in);
        Filename name = Filename.decode(in);
        FileType type = FileType.decode(in);
        Sattr3 attributes = hasAttributes(type) ? Sattr3.decode(in) : null;
        SpecData3 spec = isDevice(type) ? SpecData3.decode(in) : null;
        return new MknodArgs(dir, name, type, attributes, spec);
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        name.encode(out);
        type.encode(out);
        if (attributes != null) {
            attributes.encode(out);
        }
        if (spec != null) {
            spec.encode(out);
        }
    }

    private static boolean isDevice(FileType t) {
        return t == FileType.CHR || t == FileType.BLK;
    }

    private static boolean hasAttributes(FileType t) {
        return isDevice(t) || t == FileType.SOCK || t == FileType.FIFO;
    }
}
