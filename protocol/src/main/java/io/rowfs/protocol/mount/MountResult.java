package io.rowfs.protocol.mount;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.rpc.AuthFlavor;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.Arrays;

/**
 * The MNT result {@code mountres3} (RFC 1813 appendix I): a status and, on MNT3_OK, the root file
 * handle and the auth flavors the export accepts. The handle is available both as a
 * {@link FileHandle} and as raw bytes.
 * <pre>
 *   MNT3_OK:  status(0) | fhandle3 (opaque&lt;64&gt;) | auth_flavors (int&lt;&gt;: count, flavor...)
 *   error:    status
 * </pre>
 */
public final class MountResult {
    /** Auth flavors any MOUNT reply carries at most; real servers list one to four. */
    static final int MAX_FLAVORS = 32;

    private final MountStat status;
    private final byte[] handle;
    private final int[] authFlavors;

    private MountResult(MountStat status, byte[] handle, int[] authFlavors) {
        this.status = status;
        this.handle = handle;
        this.authFlavors = authFlavors;
    }

    /** Success with the export's root handle (at most {@link Mount#FHSIZE3} bytes). */
    public static MountResult ok(byte[] handle, int... authFlavors) {
        if (handle.length > Mount.FHSIZE3) {
            throw new IllegalArgumentException("file handle of " + handle.length + " bytes, at most "
                    + Mount.FHSIZE3 + " allowed");
        }
        int[] flavors = authFlavors.length == 0 ? new int[] {AuthFlavor.AUTH_SYS} : authFlavors.clone();
        return new MountResult(MountStat.MNT3_OK, handle.clone(), flavors);
    }

    /** Success with the export's root handle. */
    public static MountResult ok(FileHandle handle, int... authFlavors) {
        return ok(handle.bytes(), authFlavors);
    }

    public static MountResult error(MountStat status) {
        if (status == MountStat.MNT3_OK) throw new IllegalArgumentException("an error needs an error status");
        return new MountResult(status, null, null);
    }

    public MountStat status() {
        return status;
    }

    public boolean isOk() {
        return status == MountStat.MNT3_OK;
    }

    /** The root handle (a copy); only on MNT3_OK. */
    public byte[] handle() {
        if (handle == null) throw new IllegalStateException("no handle in a " + status + " result");
        return handle.clone();
    }

    /** The root handle as an NFSv3 file handle; only on MNT3_OK. */
    public FileHandle fileHandle() {
        return FileHandle.of(handle());
    }

    public int[] authFlavors() {
        if (authFlavors == null) throw new IllegalStateException("no flavors in a " + status + " result");
        return authFlavors.clone();
    }

    public void encode(XdrEncoder out) {
        out.writeInt(status.code());
        if (isOk()) {
            out.writeOpaque(handle).writeInt(authFlavors.length);
            for (int f : authFlavors) {
                out.writeInt(f);
            }
        }
    }

    public static MountResult decode(XdrDecoder in) {
        int code = in.readInt();
        MountStat status = MountStat.of(code)
                .orElseThrow(() -> new XdrException("unknown mountstat3 " + code));
        if (status != MountStat.MNT3_OK) {
            return error(status);
        }
        byte[] handle = in.readOpaque("fhandle3", Mount.FHSIZE3);
        int n = in.readArrayLength("auth_flavors", MAX_FLAVORS);
        int[] flavors = new int[n];
        for (int i = 0; i < n; i++) {
            flavors[i] = in.readInt();
        }
        return new MountResult(status, handle, flavors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MountResult r && r.status == status && Arrays.equals(r.handle, handle)
                && Arrays.equals(r.authFlavors, authFlavors);
    }

    @Override
    public int hashCode() {
        return status.hashCode() * 31 + Arrays.hashCode(handle);
    }

    @Override
    public String toString() {
        return isOk() ? "MountResult[OK, " + handle.length + "-byte handle, flavors "
                + Arrays.toString(authFlavors) + "]" : "MountResult[" + status + "]";
    }
}
