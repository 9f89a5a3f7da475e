package io.rowfs.proxy.ops;

import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.row.Attributes;
import io.rowfs.proxy.row.Changes;
import io.rowfs.proxy.row.FileData;
import io.rowfs.proxy.row.Room;

/**
 * What every procedure works on: handles, merged names (LOOKUP, listings), virtual attributes,
 * file data, the room's {@link Changes}, and the limits agreed with both back ends. Immutable; the
 * parts are thread-safe.
 */
public record ProxyFs(Handles handles, MergedNames names, Attributes attrs, FileData data, Changes changes,
                      FsLimits limits) {
    /** The parts of {@code room}, with {@code limits}. */
    public ProxyFs(Room room, FsLimits limits) {
        this(room.handles(), room.names(), room.attributes(), room.data(), room.changes(), limits);
    }
}
