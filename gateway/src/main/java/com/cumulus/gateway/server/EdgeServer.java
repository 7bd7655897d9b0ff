package com.cumulus.gateway.server;

import com.cumulus.gateway.config.GatewayConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's public HTTP/1.1 server: a Netty pipeline of its own ({@link HttpServerCodec}, an idle timer,
 * {@link ClientConnection}) on Vert.x's event loops, so a request and the upstream connection it is relayed on share
 * one loop ({@code upstream/RelayPool} keeps its pools per loop). No Vert.x HTTP server, router or request objects sit
 * in front of the edge pipeline. Quarkus' own HTTP server ({@code quarkus.http.port}) keeps {@code /q/}.
 */
@Singleton
public class EdgeServer {

    private static final Logger LOG = Logger.getLogger(EdgeServer.class);

    private final VertxInternal vertx;
    private final EdgeHandler handler;
    private final GatewayConfig.Server config;
    private Channel listening;

    public EdgeServer(Vertx vertx, EdgeHandler handler, GatewayConfig config) {
        this.vertx = (VertxInternal) vertx;
        this.handler = handler;
        this.config = config.server();
    }

    void start(@Observes StartupEvent started) {
        long maxBodySize = config.maxBodySize().asLongValue();
        // header validation off, as Vert.x's server has it: names and values come out of the decoder's own parsing
        HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxInitialLineLength(config.maxInitialLineLength())
                .setMaxHeaderSize(config.maxHeaderSize()).setMaxChunkSize(8192).setValidateHeaders(false);
        long idleMillis = config.idleTimeout().toMillis();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(vertx.getAcceptorEventLoopGroup(), vertx.getEventLoopGroup())
                .channelFactory(vertx.transport().serverChannelFactory(false))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(
                                new HttpServerCodec(decoding.clone()),
                                // reads only: no listener per write; re-armed lazily by Netty
                                new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                                new ClientConnection(handler, maxBodySize));
                    }
                });
        listening = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        LOG.infof("gateway listening on http://%s:%d", config.host(), port());
    }

    /** The bound port (the configured one, or the one the system chose for {@code 0}). */
    public int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (listening != null) {
            listening.close().syncUninterruptibly();
        }
    }
}
