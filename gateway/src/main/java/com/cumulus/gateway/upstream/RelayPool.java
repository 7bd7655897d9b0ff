package com.cumulus.gateway.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.impl.VertxInternal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive connections of one upstream on one event loop. Every method runs on that loop's thread, so there is
 * no locking: a request arriving on the loop is relayed on a connection of the same loop.
 */
final class RelayPool {

    private final UpstreamTarget target;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private int open;

    RelayPool(UpstreamTarget target, EventLoop loop, VertxInternal vertx, SslContext ssl) {
        this.target = target;
        this.ssl = ssl;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(vertx.transport().channelFactory(false))
                .resolver(vertx.nettyAddressResolverGroup())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, target.connectTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    private ChannelInitializer<Channel> pipeline(UpstreamConnection connection) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (ssl != null) {
                    channel.pipeline().addLast(ssl.newHandler(channel.alloc(), target.host(), target.port()));
                }
                // header validation off: the headers come from a parsed request or from the gateway itself
                channel.pipeline().addLast(
                        new HttpClientCodec(4096, 8192, 8192, false, false),
                        // silence of the upstream: one timer per connection, re-armed lazily (no timer per request);
                        // reads only, so writes carry no extra promise and listener
                        new IdleStateHandler(target.responseTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS),
                        connection);
            }
        };
    }

    UpstreamTarget target() {
        return target;
    }

    /** Starts the exchange on an idle connection, a new one, or queues it until one is released. */
    void acquire(Exchange exchange) {
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.channel().isActive()) {
                connection.start(exchange);
                return;
            }
        }
        if (open < target.maxConnections()) {
            connect(exchange);
        } else {
            waiting.addLast(exchange);
        }
    }

    private void connect(Exchange exchange) {
        open++;
        UpstreamConnection connection = new UpstreamConnection(this);
        ChannelFuture connecting = bootstrap.clone().handler(pipeline(connection)).connect(target.host(), target.port());
        connecting.channel().closeFuture().addListener(closed -> closed(connection));
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                connection.start(exchange);
            } else {
                exchange.connectFailed(done.cause());
            }
        });
    }

    /** A connection whose exchange finished cleanly: next waiting exchange, else most-recently-used first. */
    void release(UpstreamConnection connection) {
        Exchange next = waiting.pollFirst();
        if (next != null) {
            connection.start(next);
            return;
        }
        idle.addFirst(connection);
    }

    private void closed(UpstreamConnection connection) {
        open--;
        idle.remove(connection);
        Exchange next = waiting.pollFirst();
        if (next != null) {
            connect(next);
        }
    }
}
