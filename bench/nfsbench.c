/*
 * nfsbench: the libnfs client the rowfs benchmarks drive every NFS server with, so that a server
 * and its peer are measured through the same client, one request in flight (as nfs-cp does).
 *
 *   nfsbench URL write NAME MIB     sequential write of MIB MiB in writemax-sized pwrites, then fsync
 *   nfsbench URL read NAME          sequential read of the whole file in readmax-sized preads
 *   nfsbench URL meta N             create N empty files, stat each, remove each
 *   nfsbench URL walk DIR           list DIR recursively (READDIRPLUS), stat every entry (GETATTR by
 *                                   path) and read every regular file whole: "ls -R", "stat" and
 *                                   "smallread" phases
 *
 * URL names a directory: nfs://127.0.0.1/export?version=3&nfsport=P&mountport=M.
 * Output, one line per phase: "PHASE seconds=S rate=R UNIT" (MiB/s or ops/s). Exit 1 on any error.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <nfsc/libnfs.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(struct nfs_context *nfs, const char *what, const char *path) {
    fprintf(stderr, "nfsbench: %s %s: %s\n", what, path ? path : "", nfs ? nfs_get_error(nfs) : "");
    exit(1);
}

static void report(const char *phase, double secs, double amount, const char *unit) {
    printf("%s seconds=%.3f rate=%.1f %s\n", phase, secs, amount / secs, unit);
    fflush(stdout);
}

static int bench_write(struct nfs_context *nfs, const char *name, long mib) {
    uint64_t block = nfs_get_writemax(nfs);
    if (block > (1 << 20)) block = 1 << 20;
    char *buf = malloc(block);
    for (uint64_t i = 0; i < block; i++) buf[i] = (char) (i * 31 + 7);
    struct nfsfh *fh;
    if (nfs_open(nfs, name, O_WRONLY | O_CREAT | O_TRUNC, &fh) != 0) fail(nfs, "open", name);
    uint64_t total = (uint64_t) mib << 20;
    double t0 = now();
    for (uint64_t off = 0; off < total; off += block) {
        uint64_t n = total - off < block ? total - off : block;
        if (nfs_pwrite(nfs, fh, off, n, buf) != (int) n) fail(nfs, "pwrite", name);
    }
    if (nfs_fsync(nfs, fh) != 0) fail(nfs, "fsync", name);
    double t1 = now();
    nfs_close(nfs, fh);
    report("write", t1 - t0, (double) total / (1 << 20), "MiB/s");
    free(buf);
    return 0;
}

static int bench_read(struct nfs_context *nfs, const char *name) {
    uint64_t block = nfs_get_readmax(nfs);
    if (block > (1 << 20)) block = 1 << 20;
    char *buf = malloc(block);
    struct nfsfh *fh;
    if (nfs_open(nfs, name, O_RDONLY, &fh) != 0) fail(nfs, "open", name);
    uint64_t total = 0;
    double t0 = now();
    for (;;) {
        int n = nfs_pread(nfs, fh, total, block, buf);
        if (n < 0) fail(nfs, "pread", name);
        if (n == 0) break;
        total += n;
    }
    double t1 = now();
    nfs_close(nfs, fh);
    report("read", t1 - t0, (double) total / (1 << 20), "MiB/s");
    free(buf);
    return 0;
}

static int bench_meta(struct nfs_context *nfs, long n) {
    char path[64];
    struct nfs_stat_64 st;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        struct nfsfh *fh;
        snprintf(path, sizeof path, "m%06ld", i);
        if (nfs_creat(nfs, path, 0644, &fh) != 0) fail(nfs, "create", path);
        nfs_close(nfs, fh);
    }
    double t1 = now();
    report("create", t1 - t0, n, "ops/s");
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "m%06ld", i);
        if (nfs_stat64(nfs, path, &st) != 0) fail(nfs, "stat", path);
    }
    double t2 = now();
    report("stat", t2 - t1, n, "ops/s");
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "m%06ld", i);
        if (nfs_unlink(nfs, path) != 0) fail(nfs, "remove", path);
    }
    double t3 = now();
    report("remove", t3 - t2, n, "ops/s");
    return 0;
}

/* Appends every path under dir (depth first) to paths[]; returns the new count. */
static int collect(struct nfs_context *nfs, const char *dir, char ***paths, int *n, int *cap, int **isreg) {
    struct nfsdir *d;
    if (nfs_opendir(nfs, dir, &d) != 0) fail(nfs, "opendir", dir);
    struct nfsdirent *e;
    while ((e = nfs_readdir(nfs, d)) != NULL) {
        if (!strcmp(e->name, ".") || !strcmp(e->name, "..")) continue;
        char *path = malloc(strlen(dir) + strlen(e->name) + 2);
        sprintf(path, "%s/%s", strcmp(dir, "/") ? dir : "", e->name);
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 1024;
            *paths = realloc(*paths, *cap * sizeof(char *));
            *isreg = realloc(*isreg, *cap * sizeof(int));
        }
        (*paths)[*n] = path;
        (*isreg)[*n] = (e->mode & 0170000) == 0100000;
        (*n)++;
        if ((e->mode & 0170000) == 0040000) collect(nfs, path, paths, n, cap, isreg);
    }
    nfs_closedir(nfs, d);
    return *n;
}

static int bench_walk(struct nfs_context *nfs, const char *dir) {
    char **paths = NULL;
    int *isreg = NULL, n = 0, cap = 0;
    double t0 = now();
    collect(nfs, dir, &paths, &n, &cap, &isreg);
    double t1 = now();
    report("ls-R", t1 - t0, n, "entries/s");
    struct nfs_stat_64 st;
    for (int i = 0; i < n; i++) {
        if (nfs_stat64(nfs, paths[i], &st) != 0) fail(nfs, "stat", paths[i]);
    }
    double t2 = now();
    report("stat", t2 - t1, n, "ops/s");
    char buf[65536];
    int files = 0;
    for (int i = 0; i < n; i++) {
        if (!isreg[i]) continue;
        struct nfsfh *fh;
        if (nfs_open(nfs, paths[i], O_RDONLY, &fh) != 0) fail(nfs, "open", paths[i]);
        uint64_t off = 0;
        int got;
        while ((got = nfs_pread(nfs, fh, off, sizeof buf, buf)) > 0) off += got;
        if (got < 0) fail(nfs, "pread", paths[i]);
        nfs_close(nfs, fh);
        files++;
    }
    double t3 = now();
    report("smallread", t3 - t2, files, "files/s");
    for (int i = 0; i < n; i++) free(paths[i]);
    free(paths);
    free(isreg);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: nfsbench URL write NAME MIB | read NAME | meta N | walk DIR\n");
        return 2;
    }
    struct nfs_context *nfs = nfs_init_context();
    if (!nfs) fail(NULL, "init", NULL);
    struct nfs_url *url = nfs_parse_url_dir(nfs, argv[1]);
    if (!url) fail(nfs, "parse url", argv[1]);
    if (nfs_mount(nfs, url->server, url->path) != 0) fail(nfs, "mount", argv[1]);
    int rc = 2;
    if (!strcmp(argv[2], "write") && argc == 5) rc = bench_write(nfs, argv[3], atol(argv[4]));
    else if (!strcmp(argv[2], "read") && argc == 4) rc = bench_read(nfs, argv[3]);
    else if (!strcmp(argv[2], "meta") && argc == 4) rc = bench_meta(nfs, atol(argv[3]));
    else if (!strcmp(argv[2], "walk") && argc == 4) rc = bench_walk(nfs, argv[3]);
    else fprintf(stderr, "nfsbench: unknown operation %s\n", argv[2]);
    nfs_destroy_url(url);
    nfs_destroy_context(nfs);
    return rc;
}
