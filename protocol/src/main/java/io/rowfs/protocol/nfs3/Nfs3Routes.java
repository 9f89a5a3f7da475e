package io.rowfs.protocol.nfs3;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Nfs3Service} assembled from one route per procedure of the {@link Nfs3Procedure}
 * table: the only place where procedure numbers meet server code. A server supplies, for each
 * procedure, either a whole {@link Route} (when it decides per call where to run, as the shadow
 * server's stripes do) or a {@link Runner} (its threading policy, shared by many procedures) and a
 * {@link Handler} (the procedure's body). {@link Builder#build()} refuses a table with a procedure
 * missing. Immutable and thread-safe once built (if the routes are).
 */
public final class Nfs3Routes implements Nfs3Service {
    /** Serves the calls of one procedure, threading included (see {@link Nfs3Service} for the contract). */
    @FunctionalInterface
    public interface Route<A extends Nfs3Args, R extends Nfs3Result> {
        CompletionStage<R> call(NfsContext ctx, A args);
    }

    /** The body of one procedure: decoded arguments in, result out, on whatever thread a {@link Runner} chose. */
    @FunctionalInterface
    public interface Handler<A extends Nfs3Args, R extends Nfs3Result> {
        R handle(NfsContext ctx, A args);
    }

    /** A server's way of running handlers (on the event loop, on a worker, once per request...). */
    @FunctionalInterface
    public interface Runner {
        <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> run(Nfs3Procedure<A, R> proc, NfsContext ctx,
                A args, Handler<A, R> handler);
    }

    private final Route<?, ?>[] routes;

    private Nfs3Routes(Route<?, ?>[] routes) {
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> call(Nfs3Procedure<A, R> proc,
            NfsContext ctx, A args) {
        return ((Route<A, R>) routes[proc.number()]).call(ctx, args);
    }

    /** Collects the routes; each procedure exactly once. */
    public static final class Builder {
        private final Route<?, ?>[] routes = new Route<?, ?>[Nfs3Procedure.all().size() + 1];

        private Builder() {
        }

        public <A extends Nfs3Args, R extends Nfs3Result> Builder route(Nfs3Procedure<A, R> proc, Route<A, R> route) {
            Objects.requireNonNull(route, "route");
            if (routes[proc.number()] != null) {
                throw new IllegalStateException(proc + " is routed twice");
            }
            routes[proc.number()] = route;
            return this;
        }

        /** Routes {@code proc} to {@code handler}, run by {@code runner}. */
        public <A extends Nfs3Args, R extends Nfs3Result> Builder route(Nfs3Procedure<A, R> proc, Runner runner,
                Handler<A, R> handler) {
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(handler, "handler");
            return route(proc, (ctx, args) -> runner.run(proc, ctx, args, handler));
        }

        /** The service; every procedure of {@link Nfs3Procedure#all()} must have its route. */
        public Nfs3Routes build() {
            List<Nfs3Procedure<?, ?>> missing = new ArrayList<>();
            for (Nfs3Procedure<?, ?> p : Nfs3Procedure.all()) {
                if (routes[p.number()] == null) {
                    missing.add(p);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("no route for " + missing);
            }
            return new Nfs3Routes(routes.clone());
        }
    }
}
