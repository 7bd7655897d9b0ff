package com.cumulus.identity.config;

import com.cumulus.common.sql.SqlTransactions;
import com.cumulus.identity.account.domain.User;
import com.cumulus.identity.account.repository.UserRepository;
import com.cumulus.identity.account.service.PasswordHasher;
import com.cumulus.identity.oauth.domain.OAuthClient;
import com.cumulus.identity.oauth.repository.OAuthClientRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/** Idempotent startup seeding: the first platform administrator and the configured OAuth clients. */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    private final IdentityConfig config;
    private final PasswordHasher hasher;
    private final SqlTransactions tx;
    private final UserRepository users;
    private final OAuthClientRepository clients;

    public Bootstrap(IdentityConfig config, PasswordHasher hasher, SqlTransactions tx, UserRepository users,
                     OAuthClientRepository clients) {
        this.config = config;
        this.hasher = hasher;
        this.tx = tx;
        this.users = users;
        this.clients = clients;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        Uni<String> adminHash = config.bootstrap().adminPassword().isPresent()
                ? hasher.hashAsync(config.bootstrap().adminPassword().get()) : Uni.createFrom().nullItem();
        VertxContextSupport.subscribeAndAwait(() -> adminHash.chain(hash -> tx.inTransaction(() -> admin(hash)
                .chain(this::localClient).chain(this::serviceClient))));
    }

    private Uni<Void> admin(String hash) {
        if (config.bootstrap().adminEmail().isEmpty() || config.bootstrap().adminPassword().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String email = User.normalize(config.bootstrap().adminEmail().get());
        return users.byEmail(email).chain(existing -> {
            if (existing != null) {
                if (!existing.platformAdmin) {
                    existing.platformAdmin = true;
                    return users.update(existing).replaceWithVoid();
                }
                return Uni.createFrom().voidItem();
            }
            User admin = new User();
            admin.id = UUID.randomUUID();
            admin.email = email;
            admin.firstName = "Platform";
            admin.lastName = "Admin";
            admin.passwordHash = hash;
            admin.platformAdmin = true;
            admin.createdAt = Instant.now();
            admin.updatedAt = admin.createdAt;
            LOG.infof("bootstrap platform administrator %s created", email);
            return users.insert(admin).replaceWithVoid();
        });
    }

    private Uni<Void> localClient() {
        String id = config.localClient().id();
        String uris = String.join(" ", config.localClient().redirectUris());
        return clients.findById(id).chain(existing -> {
            OAuthClient client = existing != null ? existing : new OAuthClient();
            client.clientId = id;
            client.name = "Cumulus local public client";
            client.idTokenSignedResponseAlg = alg(config.localClient().idTokenSignedResponseAlg());
            client.kind = OAuthClient.KIND_OAUTH;
            client.publicClient = true;
            client.secretHash = null;
            client.redirectUris = uris;
            client.state = "enabled";
            if (existing == null) {
                client.createdAt = Instant.now();
                return clients.insert(client).replaceWithVoid();
            }
            return clients.update(client).replaceWithVoid();
        });
    }

    private Uni<Void> serviceClient() {
        if (config.serviceClient().id().isEmpty() || config.serviceClient().secretHash().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String id = config.serviceClient().id().get();
        return clients.findById(id).chain(existing -> {
            OAuthClient client = existing != null ? existing : new OAuthClient();
            client.clientId = id;
            client.name = "Cumulus service client";
            client.idTokenSignedResponseAlg = alg(config.serviceClient().idTokenSignedResponseAlg());
            client.kind = OAuthClient.KIND_OAUTH;
            client.publicClient = false;
            client.secretHash = config.serviceClient().secretHash().get().toLowerCase();
            client.redirectUris = String.join(" ", config.localClient().redirectUris());
            client.state = "enabled";
            if (existing == null) {
                client.createdAt = Instant.now();
                return clients.insert(client).replaceWithVoid();
            }
            return clients.update(client).replaceWithVoid();
        });
    }

    private static String alg(String configured) {
        if (!com.cumulus.identity.keys.KeyService.ALGORITHMS.contains(configured)) {
            throw new IllegalStateException("id-token-signed-response-alg must be one of "
                    + com.cumulus.identity.keys.KeyService.ALGORITHMS);
        }
        return configured;
    }
}
