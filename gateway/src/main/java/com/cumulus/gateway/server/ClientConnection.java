package com.cumulus.gateway.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The last handler of a client connection: turns the decoded HTTP/1.1 messages into {@link ClientRequest}s, one at a
 * time. Pipelined requests wait, decoded, until the answer before them is complete; body chunks wait until the
 * request's relay takes them, and the socket is not read while anything waits (backpressure towards the client).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private final EdgeHandler handler;
    private final long maxBodySize;
    private final ArrayDeque<HttpObject> inbound = new ArrayDeque<>(4);
    private ChannelHandlerContext context;
    private ClientRequest current;
    private String peerAddress;
    private boolean closing;
    private boolean skipEmptyLast;

    ClientConnection(EdgeHandler handler, long maxBodySize) {
        this.handler = handler;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext added) {
        context = added;
    }

    String peerAddress() {
        if (peerAddress == null) {
            peerAddress = context.channel().remoteAddress() instanceof InetSocketAddress address
                    && address.getAddress() != null ? address.getAddress().getHostAddress() : "unknown";
        }
        return peerAddress;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof HttpObject object) || closing) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (skipEmptyLast && object instanceof LastHttpContent last && !last.content().isReadable()) {
            // the end marker of the bodyless request in progress: nothing to queue (and no reason to stop reading)
            skipEmptyLast = false;
            last.release();
            return;
        }
        inbound.add(object);
        drain();
    }

    /** Hands queued messages on as far as the current request lets them go. */
    void drain() {
        HttpObject next;
        while (!closing && (next = inbound.peek()) != null) {
            if (next.decoderResult().isFailure()) {
                malformed(next.decoderResult());
                return;
            }
            if (current == null) {
                inbound.poll();
                if (next instanceof HttpRequest head) {
                    begin(head);
                } else {
                    // the rest of a body nobody waits for (its request was answered and discarded)
                    ReferenceCountUtil.release(next);
                }
            } else if (current.takesBody() && next instanceof HttpContent content) {
                inbound.poll();
                current.bodyContent(content, maxBodySize);
                if (current != null && current.bodyComplete() && current.responseEnded()) {
                    // a discarded rest of a body is over: the next request may begin
                    current = null;
                }
            } else {
                break;
            }
        }
        updateReading();
    }

    private void begin(HttpRequest head) {
        DecoderResult result = head.decoderResult();
        if (result.isFailure()) {
            malformed(result);
            return;
        }
        ClientRequest request = new ClientRequest(this, context, head);
        current = request;
        long length = ClientRequest.contentLength(head.headers());
        if (length > maxBodySize) {
            tooLarge(request);
            return;
        }
        if (!request.hasBody()) {
            // the empty last chunk the decoder emits after a bodyless request's head: queued behind it already, or
            // the very next message
            HttpObject last = inbound.peek();
            if (last instanceof HttpContent) {
                inbound.poll();
                ReferenceCountUtil.release(last);
            } else {
                skipEmptyLast = true;
            }
        }
        handler.handle(request);
    }

    /** Reads from the socket only while nothing decoded is waiting and the current body may flow. */
    void updateReading() {
        boolean read = inbound.isEmpty() && (current == null || !current.bodyWaits());
        if (context.channel().config().isAutoRead() != read) {
            context.channel().config().setAutoRead(read);
        }
    }

    void tooLarge(ClientRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        closing = true;
        request.answer(413, headers, (byte[]) null);
    }

    /** An undecodable request: 400 (414, 431 for a too long line or head) and the connection is closed. */
    private void malformed(DecoderResult result) {
        int status = 400;
        Throwable cause = result == null ? null : result.cause();
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            status = 431;
        }
        closing = true;
        releaseInbound();
        if (current != null && current.responseStarted()) {
            current.reset();
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        context.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The answer to the current request is complete. */
    void completed(ClientRequest request, boolean keepAlive) {
        if (request != current) {
            return;
        }
        handler.completed(request);
        if (!keepAlive || closing) {
            closing = true;
            releaseInbound();
            context.flush();
            context.close();
            return;
        }
        if (request.bodyComplete()) {
            current = null;
            drain();
        }
        // otherwise the rest of the body is being discarded; the next request waits for its end
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (current == null) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        releaseInbound();
        ClientRequest request = current;
        current = null;
        if (request != null) {
            request.closed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset by the peer and the like: the connection is over
        ctx.close();
    }

    private void releaseInbound() {
        HttpObject left;
        while ((left = inbound.poll()) != null) {
            ReferenceCountUtil.release(left);
        }
    }
}
