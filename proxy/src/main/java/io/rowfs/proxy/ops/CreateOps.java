package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateMode;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.MknodArgs;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.WccAttr;
import io.rowfs.proxy.threading.NonBlocking;
import io.rowfs.proxy.core.NamesBehind;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectRecord;
import java.util.Optional;
import java.util.function.Function;

/**
 * CREATE, MKDIR, SYMLINK and MKNOD: the object is made in the shadow copy of the directory (created
 * with its missing ancestors first) and bound in the name index, so a name whited out on main comes
 * back as a new object with a new fileid. New objects belong to the caller unless it says otherwise.
 */
public final class CreateOps {
    private final ProxyFs fs;

    public CreateOps(ProxyFs fs) {
        this.fs = fs;
    }

    public NewObjectResult create(NfsContext ctx, CreateArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        if (args.how().mode() == CreateMode.EXCLUSIVE) {
            NonBlocking.check(); // the shadow keeps the verifier: always a shadow call
            return exclusive(ctx, args, dir, pre);
        }
        try (NamesBehind.Slot slot = fs.behind().reserve()) {
            NonBlocking.lock(fs.ns().lock());
            try {
                Optional<Resolved> existing = fs.ns().lookup(dir, args.name());
                if (existing.isPresent() && args.how().mode() == CreateMode.UNCHECKED
                        && existing.get().type() == FileType.REG) {
                    if (args.how().attributes().size() != null) {
                        NonBlocking.check(); // a truncate changes state before its shadow call
                        Permissions.requireWrite(ctx, fs.attrs().of(existing.get()));
                    }
                    return unchecked(existing.get(), args.how().attributes(), pre, dir);
                }
                Sattr3 attrs = owned(ctx, args.how().attributes());
                Resolved made;
                if (slot.usable() && NamesBehind.canCreate(attrs) && fs.behind().roomForCreate()) {
                    FileHandle dirFh = prepare(ctx, dir, args.name(), existing, pre);
                    made = fs.behind().create(slot, dir, dirFh, args.name(), attrs);
                } else {
                    NonBlocking.check();
                    made = make(ctx, dir, args.name(), existing, pre, FileType.REG,
                            fh -> fs.ns().shadow().create(fh, args.name(), attrs).object());
                }
                return NewObjectResult.ok(fs.ns().handle(made), fs.attrs().post(made), fs.attrs().wcc(pre, dir.id()));
            } finally {
                fs.ns().lock().unlock();
            }
        }
    }

    /**
     * EXCLUSIVE CREATE is passed to the shadow, which keeps the verifier: a retransmission (the name
     * exists, in the shadow, and the shadow accepts the same verifier for it) answers the same object
     * instead of EXIST. The new file gets the caller as owner; the client sets the rest with SETATTR.
     */
    private NewObjectResult exclusive(NfsContext ctx, CreateArgs args, Resolved dir, WccAttr pre) {
        fs.ns().lock().lock();
        try {
            Optional<Resolved> existing = fs.ns().lookup(dir, args.name());
            if (existing.isPresent()) {
                Resolved e = existing.get();
                if (e.type() == FileType.REG && e.record().inShadow()) {
                    NewObjectResult again = fs.ns().shadow().createExclusive(fs.ns().ensureShadowDir(dir), args.name(),
                            args.how().verifier());
                    if (again.status().isOk() && fs.ns().shadowHandle(e).equals(again.object())) {
                        return NewObjectResult.ok(fs.ns().handle(e), fs.attrs().post(e.id()), fs.attrs().wcc(pre, dir.id()));
                    }
                }
                throw new NfsException(Nfs3Status.EXIST, "'" + args.name() + "' exists").withWcc(fs.attrs().wcc(pre, dir.id()));
            }
            Resolved made = make(ctx, dir, args.name(), existing, pre, FileType.REG, fh -> {
                NewObjectResult r = fs.ns().shadow().createExclusive(fh, args.name(), args.how().verifier());
                if (!r.status().isOk()) {
                    throw new NfsException(r.status(), "shadow CREATE EXCLUSIVE: " + r.status());
                }
                FileHandle file = r.object() != null ? r.object() : fs.ns().shadow().lookup(fh, args.name()).object();
                fs.ns().shadow().setattr(file, new Sattr3(null, ctx.uid(), ctx.gid(), null,
                        SetTime.DONT_CHANGE, SetTime.DONT_CHANGE));
                return file;
            });
            return NewObjectResult.ok(fs.ns().handle(made), fs.attrs().post(made), fs.attrs().wcc(pre, dir.id()));
        } finally {
            fs.ns().lock().unlock();
        }
    }

    /** UNCHECKED CREATE of an existing file: it is opened, truncated if the attributes ask for a size. */
    private NewObjectResult unchecked(Resolved file, Sattr3 attrs, WccAttr pre, Resolved dir) {
        if (attrs.size() != null) {
            fs.data().truncate(file, attrs.size());
        }
        return NewObjectResult.ok(fs.ns().handle(file), fs.attrs().post(file.id()), fs.attrs().wcc(pre, dir.id()));
    }

    public NewObjectResult mkdir(NfsContext ctx, MkdirArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        Sattr3 attrs = owned(ctx, args.attributes().mode() == null ? withMode(args.attributes(), 0755) : args.attributes());
        fs.ns().lock().lock();
        try {
            Resolved made = make(ctx, dir, args.name(), fs.ns().lookup(dir, args.name()), pre, FileType.DIR,
                    fh -> fs.ns().shadow().mkdir(fh, args.name(), attrs).object());
            return NewObjectResult.ok(fs.ns().handle(made), fs.attrs().post(made), fs.attrs().wcc(pre, dir.id()));
        } finally {
            fs.ns().lock().unlock();
        }
    }

    public NewObjectResult symlink(NfsContext ctx, SymlinkArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        Sattr3 attrs = owned(ctx, args.attributes());
        fs.ns().lock().lock();
        try {
            Resolved made = make(ctx, dir, args.name(), fs.ns().lookup(dir, args.name()), pre, FileType.LNK,
                    fh -> fs.ns().shadow().symlink(fh, args.name(), attrs, args.data()).object());
            return NewObjectResult.ok(fs.ns().handle(made), fs.attrs().post(made), fs.attrs().wcc(pre, dir.id()));
        } finally {
            fs.ns().lock().unlock();
        }
    }

    public NewObjectResult mknod(NfsContext ctx, MknodArgs args) {
        Resolved dir = fs.ns().resolve(args.dir());
        WccAttr pre = fs.attrs().pre(dir);
        if (args.type() == FileType.REG || args.type() == FileType.DIR || args.type() == FileType.LNK) {
            throw new NfsException(Nfs3Status.BADTYPE, "MKNOD of a " + args.type()).withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        Sattr3 attrs = owned(ctx, args.attributes() == null ? Sattr3.EMPTY : args.attributes());
        fs.ns().lock().lock();
        try {
            Resolved made = make(ctx, dir, args.name(), fs.ns().lookup(dir, args.name()), pre, args.type(),
                    fh -> fs.ns().shadow().mknod(fh, args.name(), args.type(), attrs, args.spec()).object());
            return NewObjectResult.ok(fs.ns().handle(made), fs.attrs().post(made), fs.attrs().wcc(pre, dir.id()));
        } finally {
            fs.ns().lock().unlock();
        }
    }

    /** Makes the object in the shadow and binds it. Caller holds the namespace lock. */
    private Resolved make(NfsContext ctx, Resolved dir, Filename name, Optional<Resolved> existing, WccAttr pre,
                          FileType type, Function<FileHandle, FileHandle> create) {
        FileHandle dirFh = prepare(ctx, dir, name, existing, pre);
        FileHandle fh = fs.ns().createInShadow(dirFh, name, () -> create.apply(dirFh), false);
        boolean file = type == FileType.REG;
        ObjectRecord record = new ObjectRecord(dir.id(), name.bytes(), type.value(),
                file ? ObjectRecord.FLAG_SIZE_OWNED : 0, 0, file ? fs.ns().shadow().getattr(fh).size() : -1,
                new byte[0], fh.bytes());
        return fs.ns().bindNew(dir.id(), name, record);
    }

    /**
     * Checks that {@code name} may be created in {@code dir} (a valid new name, not taken, the
     * caller may change the directory) and returns the directory's shadow handle (made if need be).
     */
    private FileHandle prepare(NfsContext ctx, Resolved dir, Filename name, Optional<Resolved> existing, WccAttr pre) {
        Names.checkNew(name);
        if (existing.isPresent()) {
            throw new NfsException(Nfs3Status.EXIST, "'" + name + "' exists").withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        try {
            Permissions.requireDirChange(ctx, fs.attrs().of(dir));
        } catch (NfsException e) {
            throw e.withWcc(fs.attrs().wcc(pre, dir.id()));
        }
        return fs.ns().ensureShadowDir(dir);
    }

    private static Sattr3 owned(NfsContext ctx, Sattr3 s) {
        return new Sattr3(s.mode(), s.uid() != null ? s.uid() : ctx.uid(), s.gid() != null ? s.gid() : ctx.gid(),
                s.size(), s.atime(), s.mtime());
    }

    private static Sattr3 withMode(Sattr3 s, int mode) {
        return new Sattr3(mode, s.uid(), s.gid(), s.size(), s.atime(), s.mtime());
    }
}
