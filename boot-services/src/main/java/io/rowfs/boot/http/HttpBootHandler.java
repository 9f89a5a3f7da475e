package io.rowfs.boot.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.rowfs.boot.BootClients;
import io.rowfs.boot.dhcp.Mac;
import io.rowfs.boot.files.BadNameException;
import io.rowfs.boot.files.BootRoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP connection: GET and HEAD of files in the boot root, a single Range per request
 * (206, or 416 when it cannot be satisfied), file bodies sent with {@link DefaultFileRegion}
 * ({@code sendfile}), and {@code *.ipxe} scripts rendered per client. Owned by its event loop.
 */
final class HttpBootHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpBootHandler.class);
    /** Largest iPXE script rendered in memory. */
    private static final long MAX_SCRIPT = 1 << 20;
    /** What {@code ?arch=} may hold: a name such as bios, efi64, efi64-http or arch11. */
    private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    static final String BAD_MAC = "mac must look like 52:54:00:12:34:56";
    static final String BAD_ARCH = "arch must be 1 to 32 of A-Z a-z 0-9 - _";

    private final BootRoot root;
    private final BootClients clients;
    private final int port;

    HttpBootHandler(BootRoot root, BootClients clients, int port) {
        this.root = root;
        this.clients = clients;
        this.port = port;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws IOException {
        if (!(msg instanceof HttpRequest req)) {
            return; // request bodies (none expected for GET and HEAD) are dropped
        }
        String who = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        if (!req.decoderResult().isSuccess()) {
            sendStatus(ctx, req, HttpResponseStatus.BAD_REQUEST, who, "?");
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        if (!head && !req.method().equals(HttpMethod.GET)) {
            sendStatus(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, who, req.uri());
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        Path file;
        try {
            file = root.resolve(uri.path());
        } catch (BadNameException e) {
            LOG.warn("http: {} {} {}: refused: {}", who, req.method(), BootRoot.printable(req.uri()), e.getMessage());
            sendStatus(ctx, req, HttpResponseStatus.FORBIDDEN, who, null);
            return;
        } catch (NoSuchFileException e) {
            sendStatus(ctx, req, HttpResponseStatus.NOT_FOUND, who, req.uri());
            return;
        }
        if (file.getFileName().toString().endsWith(ScriptTemplate.SUFFIX) && Files.size(file) <= MAX_SCRIPT) {
            sendScript(ctx, req, head, file, uri, who);
            return;
        }
        sendFile(ctx, req, head, file, who);
    }

    private void sendFile(ChannelHandlerContext ctx, HttpRequest req, boolean head, Path file, String who)
            throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        long size = ch.size();
        ByteRange range;
        try {
            range = ByteRange.parse(req.headers().get(HttpHeaderNames.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            ch.close();
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            finish(ctx, req, res, who, req.uri() + " (" + e.getMessage() + ")");
            return;
        }
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        res.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (range != null) {
            res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        LOG.info("http: {} {} {} -> {} ({} of {} bytes)", who, req.method(), req.uri(), res.status().code(),
                head ? 0 : length, size);
        ctx.write(res);
        if (!head && length > 0) {
            ctx.write(new DefaultFileRegion(ch, first, length));
        } else {
            ch.close();
        }
        ChannelFuture last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void sendScript(ChannelHandlerContext ctx, HttpRequest req, boolean head, Path file,
                            QueryStringDecoder uri, String who) throws IOException {
        String template = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> vars = new HashMap<>();
        String server = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
        vars.put("ip", who);
        vars.put("server", server);
        vars.put("http", "http://" + server + ":" + port);
        BootClients.Client c = clients.byIp(who).orElse(null);
        vars.put("mac", c == null ? "" : c.mac());
        vars.put("arch", c == null ? "" : c.arch());
        String mac = first(uri, "mac");
        if (mac != null) {
            try {
                vars.put("mac", Mac.parse(mac));
            } catch (IllegalArgumentException e) {
                sendBadRequest(ctx, req, who, BAD_MAC);
                return;
            }
        }
        String arch = first(uri, "arch");
        if (arch != null) {
            if (!ARCH.matcher(arch).matches()) {
                sendBadRequest(ctx, req, who, BAD_ARCH);
                return;
            }
            vars.put("arch", arch);
        }
        String rendered;
        try {
            rendered = ScriptTemplate.render(template, vars);
        } catch (IllegalArgumentException e) {
            LOG.error("http: {} {} {}: cannot render: {}", who, req.method(), BootRoot.printable(req.uri()),
                    e.getMessage());
            sendStatus(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, who, null);
            return;
        }
        byte[] body = rendered.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        LOG.info("http: {} {} {} -> 200 (script for mac {} arch {}, {} bytes)", who, req.method(), req.uri(),
                vars.get("mac"), vars.get("arch"), body.length);
        finish(ctx, req, res, null, null);
    }

    private static String first(QueryStringDecoder uri, String key) {
        List<String> v = uri.parameters().get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** 400 with a one-line reason in the body, e.g. "400 Bad Request: mac must look like ...". */
    private void sendBadRequest(ChannelHandlerContext ctx, HttpRequest req, String who, String reason) {
        LOG.info("http: {} {} {} -> 400 ({})", who, req.method(), BootRoot.printable(req.uri()), reason);
        sendStatus(ctx, req, HttpResponseStatus.BAD_REQUEST, reason, null, null);
    }

    private void sendStatus(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String who,
                            String what) {
        sendStatus(ctx, req, status, null, who, what);
    }

    private void sendStatus(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String reason,
                            String who, String what) {
        ByteBuf body = Unpooled.copiedBuffer(status + (reason == null ? "" : ": " + reason) + "\n",
                StandardCharsets.US_ASCII);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        finish(ctx, req, res, who, what);
    }

    private void finish(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse res, String who, String what) {
        if (who != null && what != null) {
            LOG.info("http: {} {} {} -> {}", who, req.method(), BootRoot.printable(what), res.status().code());
        }
        if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(res, res.content().readableBytes());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("http: connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
