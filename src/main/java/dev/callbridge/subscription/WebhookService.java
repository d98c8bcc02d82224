package dev.callbridge.subscription;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.PageSize;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Creates, reads and deletes the subscriptions of an owner, and lists their deliveries. */
@ApplicationScoped
public class WebhookService {

    private final SubscriptionStore store;
    private final WebhookTargets targets;
    private final WebhookConfig config;
    private final Vertx vertx;
    private final SubscribedEvents subscribed;
    /** Made per instance, not in a static initialiser: a native image would build its seed in. */
    private final SecureRandom random = new SecureRandom();

    WebhookService(SubscriptionStore store, WebhookConfig config, Vertx vertx, SubscribedEvents subscribed) {
        this.store = store;
        this.subscribed = subscribed;
        this.config = config;
        this.targets = new WebhookTargets(config.allowPrivateTargets(), config.maxUrlLength());
        this.vertx = vertx;
    }

    /** Validates and stores a subscription; the answer holds its secret. */
    public Uni<Webhook> create(String owner, CreateWebhookRequest request) {
        List<FieldError> problems = WebhookRequestCheck.problems(request, targets);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ApiProblemException.validation(problems));
        }
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), owner, request.url(),
                request.events(), request.secret() == null ? generatedSecret() : request.secret(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return checkTarget(request.url())
                .flatMap(ok -> store.create(subscription, config.maxSubscriptions()))
                .invoke(stored -> subscribed.changed(owner))
                .map(stored -> {
                    if (!stored) {
                        throw new ApiProblemException(422, "webhook-limit", "Too many webhook subscriptions",
                                "This API key already holds " + config.maxSubscriptions()
                                        + " webhook subscriptions; delete one first.");
                    }
                    return Webhook.created(subscription);
                });
    }

    /** Every subscription of the owner. */
    public Uni<WebhookList> list(String owner) {
        return store.list(owner).map(all -> new WebhookList(all.stream().map(Webhook::shown).toList()));
    }

    /** One subscription of the owner, without its secret. */
    public Uni<Webhook> get(String owner, String id) {
        return find(owner, id).map(Webhook::shown);
    }

    /** Deletes a subscription of the owner; its pending deliveries are dropped. */
    public Uni<Void> delete(String owner, String id) {
        return store.delete(owner, id).invoke(deleted -> subscribed.changed(owner)).map(deleted -> {
            if (!deleted) {
                throw ApiProblemException.notFound("webhook", id);
            }
            return null;
        });
    }

    /** One page of a subscription's deliveries, newest first. */
    public Uni<DeliveryPage> deliveries(String owner, String id, String state, String cursor, String pageSize) {
        List<FieldError> errors = new java.util.ArrayList<>();
        DeliveryState wanted = state == null || state.isEmpty() ? null : DeliveryState.fromWire(state);
        if (state != null && !state.isEmpty() && wanted == null) {
            errors.add(new FieldError("state", "must be pending, delivered or dead"));
        }
        Long before = cursor == null || cursor.isEmpty() ? null : DeliveryCursor.parse(cursor);
        if (cursor != null && !cursor.isEmpty() && before == null) {
            errors.add(new FieldError("cursor", "is not a cursor this API gave out"));
        }
        int size = PageSize.read(pageSize, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiProblemException.validation(errors));
        }
        return find(owner, id).flatMap(found -> store.deliveries(found.id(), wanted, before, size + 1))
                .map(rows -> page(rows, size));
    }

    private static DeliveryPage page(List<Delivery> rows, int size) {
        List<Delivery> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? DeliveryCursor.of(shown.get(shown.size() - 1).seq()) : null;
        return new DeliveryPage(shown.stream().map(WebhookDelivery::of).toList(), next);
    }

    private Uni<Subscription> find(String owner, String id) {
        return store.find(owner, id).map(found -> found.orElseThrow(() -> ApiProblemException.notFound("webhook", id)));
    }

    /** Resolves the host on the worker pool (DNS blocks) and refuses a non-public address: 422. */
    private Uni<Boolean> checkTarget(String url) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> {
            targets.resolve(url);
            return true;
        }, false).toCompletionStage()).onFailure(WebhookTargets.RefusedTarget.class).transform(refused ->
                new ApiProblemException(422, "webhook-target-refused", "Webhook target refused",
                        refused.getMessage(), List.of(new FieldError("url", refused.getMessage())), null));
    }

    /** 32 random bytes, base64url, behind a prefix that tells a reader what it is. */
    private String generatedSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
