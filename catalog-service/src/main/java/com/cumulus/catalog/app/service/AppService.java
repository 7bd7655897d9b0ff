package com.cumulus.catalog.app.service;

import com.cumulus.catalog.app.domain.App;
import com.cumulus.catalog.app.domain.Credential;
import com.cumulus.catalog.events.CatalogEvents;
import com.cumulus.catalog.subscription.domain.Subscription;
import com.cumulus.catalog.web.Access;
import com.cumulus.catalog.web.Json;
import com.cumulus.catalog.web.Secrets;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Applications and their credentials. Client secrets are generated here, returned once and stored as SHA-256;
 * every credential change is an event carrying the hash (identity's client_credentials grant, the gateway).
 */
@ApplicationScoped
public class AppService {
    private final CatalogEvents events;
    private final Json json;

    public AppService(CatalogEvents events, Json json) {
        this.events = events;
        this.json = json;
    }

    public record NewApp(String name, String title, String summary, String state, String appType,
                         String applicationType, List<String> redirectEndpoints, JsonNode metadata) {
    }

    public record AppChange(String name, String title, String summary, String state, String appType,
                            String applicationType, List<String> redirectEndpoints, JsonNode metadata) {
    }

    public record CredentialChange(String name, String title, String summary, JsonNode metadata) {
    }

    /** A credential with its clear secret, which exists only in the response that created it. */
    public record IssuedCredential(App app, Credential credential, String clientSecret) {
    }

    @WithTransaction
    public Uni<IssuedCredential> create(Caller caller, String org, NewApp input) {
        Access.writer(caller, org, "organization");
        return App.count("organizationId = ?1 and name = ?2", org, input.name()).chain(existing -> {
            if (existing > 0) {
                throw ApiException.conflict("app " + input.name() + " already exists");
            }
            Instant now = now();
            App app = new App();
            app.id = UUID.randomUUID();
            app.organizationId = org;
            app.name = input.name();
            app.title = input.title() == null ? input.name() : input.title();
            app.summary = input.summary();
            app.state = input.state() == null ? App.ENABLED : input.state();
            app.appType = input.appType() == null ? "production" : input.appType();
            app.applicationType = input.applicationType() == null ? "confidential" : input.applicationType();
            app.redirectEndpoints = json.write(input.redirectEndpoints() == null ? List.of() : input.redirectEndpoints());
            app.metadata = json.write(input.metadata());
            app.createdAt = now;
            app.updatedAt = now;
            return app.persist().chain(() -> issue(caller, app, new CredentialChange(null, null, null, null)));
        });
    }

    @WithSession
    public Uni<App> get(Caller caller, String org, String appRef) {
        Access.member(caller, org, "app");
        return load(org, appRef);
    }

    @WithTransaction
    public Uni<App> update(Caller caller, String org, String appRef, AppChange change) {
        Access.writer(caller, org, "app");
        return load(org, appRef).chain(app -> rename(app, change.name()).chain(() -> {
            boolean stateChanged = change.state() != null && !change.state().equals(app.state);
            if (change.title() != null) {
                app.title = change.title();
            }
            if (change.summary() != null) {
                app.summary = change.summary();
            }
            if (change.state() != null) {
                app.state = change.state();
            }
            if (change.appType() != null) {
                app.appType = change.appType();
            }
            if (change.applicationType() != null) {
                app.applicationType = change.applicationType();
            }
            if (change.redirectEndpoints() != null) {
                app.redirectEndpoints = json.write(change.redirectEndpoints());
            }
            if (change.metadata() != null) {
                app.metadata = json.write(change.metadata());
            }
            app.updatedAt = now();
            if (!stateChanged) {
                return Uni.createFrom().item(app);
            }
            // enabling or disabling an app enables or disables every credential of it
            return Credential.ofApp(app.id)
                    .chain(creds -> CatalogEvents.sequence(creds,
                            c -> events.credential(CatalogEvents.CREDENTIAL_UPDATED, c, app, caller.subject())))
                    .replaceWith(app);
        }));
    }

    private Uni<Void> rename(App app, String name) {
        if (name == null || name.equals(app.name)) {
            return Uni.createFrom().voidItem();
        }
        return App.count("organizationId = ?1 and name = ?2", app.organizationId, name).map(n -> {
            if (n > 0) {
                throw ApiException.conflict("app " + name + " already exists");
            }
            app.name = name;
            return null;
        });
    }

    /** Deletes the app; its credentials are revoked and its subscriptions deleted, by event. */
    @WithTransaction
    public Uni<App> delete(Caller caller, String org, String appRef) {
        Access.writer(caller, org, "app");
        return load(org, appRef).chain(app -> removeApp(app, caller.subject()).replaceWith(app));
    }

    /** Removes an app with its credentials and subscriptions, publishing their revocation (inside a transaction). */
    public Uni<Void> removeApp(App app, String actor) {
        return Credential.ofApp(app.id)
                .chain(creds -> CatalogEvents.sequence(creds,
                        c -> events.credential(CatalogEvents.CREDENTIAL_REVOKED, c, app, actor)))
                .chain(() -> Subscription.ofApp(app.id))
                .chain(subs -> CatalogEvents.sequence(subs, s -> events.subscriptionDeleted(s, actor)))
                .chain(() -> Subscription.delete("appId", app.id))
                .chain(() -> Credential.delete("appId", app.id))
                .chain(app::delete);
    }

    // ---- credentials ----

    @WithTransaction
    public Uni<IssuedCredential> createCredential(Caller caller, String org, String appRef, CredentialChange input) {
        Access.writer(caller, org, "app");
        return load(org, appRef).chain(app -> issue(caller, app, input));
    }

    private Uni<IssuedCredential> issue(Caller caller, App app, CredentialChange input) {
        Instant now = now();
        Credential credential = new Credential();
        credential.id = UUID.randomUUID();
        credential.appId = app.id;
        credential.organizationId = app.organizationId;
        credential.name = input.name() == null ? "credential-" + credential.id.toString().substring(0, 8) : input.name();
        credential.title = input.title() == null ? credential.name : input.title();
        credential.summary = input.summary();
        credential.metadata = json.write(input.metadata());
        credential.clientId = Secrets.randomHex(16);
        String secret = Secrets.randomHex(32);
        credential.clientSecretHash = Secrets.sha256Hex(secret);
        credential.createdAt = now;
        credential.updatedAt = now;
        return Credential.count("appId = ?1 and name = ?2", app.id, credential.name)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("credential " + credential.name + " already exists");
                    }
                    return credential.persist();
                })
                .chain(() -> events.credential(CatalogEvents.CREDENTIAL_ISSUED, credential, app, caller.subject()))
                .chain(() -> events.appSubscriptionsChanged(app, caller.subject()))
                .replaceWith(new IssuedCredential(app, credential, secret));
    }

    @WithSession
    public Uni<List<Credential>> credentials(Caller caller, String org, String appRef) {
        Access.member(caller, org, "app");
        return load(org, appRef).chain(app -> Credential.ofApp(app.id));
    }

    public record AppCredential(App app, Credential credential) {
    }

    @WithSession
    public Uni<AppCredential> credential(Caller caller, String org, String appRef, String credentialRef) {
        Access.member(caller, org, "app");
        return loadCredential(org, appRef, credentialRef);
    }

    @WithTransaction
    public Uni<AppCredential> updateCredential(Caller caller, String org, String appRef, String credentialRef,
                                               CredentialChange change) {
        Access.writer(caller, org, "app");
        return loadCredential(org, appRef, credentialRef).chain(ac -> {
            Credential c = ac.credential();
            Uni<Void> renamed = Uni.createFrom().voidItem();
            if (change.name() != null && !change.name().equals(c.name)) {
                renamed = Credential.count("appId = ?1 and name = ?2", c.appId, change.name()).map(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("credential " + change.name() + " already exists");
                    }
                    c.name = change.name();
                    return null;
                });
            }
            return renamed.chain(() -> {
                if (change.title() != null) {
                    c.title = change.title();
                }
                if (change.summary() != null) {
                    c.summary = change.summary();
                }
                if (change.metadata() != null) {
                    c.metadata = json.write(change.metadata());
                }
                c.updatedAt = now();
                return events.credential(CatalogEvents.CREDENTIAL_UPDATED, c, ac.app(), caller.subject());
            }).replaceWith(ac);
        });
    }

    @WithTransaction
    public Uni<AppCredential> deleteCredential(Caller caller, String org, String appRef, String credentialRef) {
        Access.writer(caller, org, "app");
        return loadCredential(org, appRef, credentialRef).chain(ac -> ac.credential().delete()
                .chain(() -> events.credential(CatalogEvents.CREDENTIAL_REVOKED, ac.credential(), ac.app(),
                        caller.subject()))
                .chain(() -> events.appSubscriptionsChanged(ac.app(), caller.subject()))
                .replaceWith(ac));
    }

    /** New client id and secret: the old pair stops working once the event is applied. */
    @WithTransaction
    public Uni<IssuedCredential> reset(Caller caller, String org, String appRef, String credentialRef,
                                       boolean newClientId) {
        Access.writer(caller, org, "app");
        return loadCredential(org, appRef, credentialRef).chain(ac -> {
            Credential c = ac.credential();
            if (newClientId) {
                c.clientId = Secrets.randomHex(16);
            }
            String secret = Secrets.randomHex(32);
            c.clientSecretHash = Secrets.sha256Hex(secret);
            c.updatedAt = now();
            Uni<Void> published = events.credential(CatalogEvents.CREDENTIAL_UPDATED, c, ac.app(), caller.subject());
            if (newClientId) {
                published = published.chain(() -> events.appSubscriptionsChanged(ac.app(), caller.subject()));
            }
            return published.replaceWith(new IssuedCredential(ac.app(), c, secret));
        });
    }

    /** Constant-time comparison of SHA-256 hashes. */
    @WithSession
    public Uni<Boolean> verify(Caller caller, String org, String appRef, String credentialRef, String secret) {
        Access.member(caller, org, "app");
        return loadCredential(org, appRef, credentialRef)
                .map(ac -> Secrets.matches(secret, ac.credential().clientSecretHash));
    }

    private Uni<App> load(String org, String appRef) {
        return App.findInOrg(org, appRef).map(app -> {
            if (app == null) {
                throw ApiException.notFound("app");
            }
            return app;
        });
    }

    /** One query for app and credential (the verify-client-secret path); any miss is 404. */
    private Uni<AppCredential> loadCredential(String org, String appRef, String credentialRef) {
        UUID appId = App.uuid(appRef);
        UUID credentialId = App.uuid(credentialRef);
        String hql = "select a, c from App a, Credential c where c.appId = a.id and a.organizationId = :org"
                + (appId != null ? " and (a.id = :appId or a.name = :appRef)" : " and a.name = :appRef")
                + (credentialId != null ? " and (c.id = :credId or c.name = :credRef)" : " and c.name = :credRef");
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class)
                    .setParameter("org", org)
                    .setParameter("appRef", appRef)
                    .setParameter("credRef", credentialRef);
            if (appId != null) {
                query.setParameter("appId", appId);
            }
            if (credentialId != null) {
                query.setParameter("credId", credentialId);
            }
            return query.setMaxResults(1).getResultList();
        }).map(rows -> {
            if (rows.isEmpty()) {
                throw ApiException.notFound("credential");
            }
            Object[] row = rows.get(0);
            return new AppCredential((App) row[0], (Credential) row[1]);
        });
    }

    public List<String> redirectEndpoints(App app) {
        return json.read(app.redirectEndpoints, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {
        });
    }

    public JsonNode metadata(String metadata) {
        return json.tree(metadata);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
