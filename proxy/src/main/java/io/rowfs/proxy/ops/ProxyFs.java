package io.rowfs.proxy.ops;

import io.rowfs.proxy.core.Attributes;
import io.rowfs.proxy.core.FileData;
import io.rowfs.proxy.core.Namespace;

/**
 * What every procedure works on: the namespace, virtual attributes, file data and the limits
 * agreed with both back ends. Immutable; the parts are thread-safe.
 */
public record ProxyFs(Namespace ns, Attributes attrs, FileData data, FsLimits limits) {
}
