package io.rowfs.proxy.ops;

import io.rowfs.proxy.core.Attributes;
import io.rowfs.proxy.core.FileData;
import io.rowfs.proxy.core.NamesBehind;
import io.rowfs.proxy.core.Namespace;

/**
 * What every procedure works on: the namespace, virtual attributes, file data, the limits agreed
 * with both back ends, and namespace write-behind. Immutable; the parts are thread-safe.
 */
public record ProxyFs(Namespace ns, Attributes attrs, FileData data, FsLimits limits, NamesBehind behind) {
    /** Without namespace write-behind: every change reaches the shadow before its reply. */
    public ProxyFs(Namespace ns, Attributes attrs, FileData data, FsLimits limits) {
        this(ns, attrs, data, limits, NamesBehind.off(ns));
    }
}
