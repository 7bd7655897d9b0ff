package com.cumulus.provisioning.service.api;

import com.cumulus.provisioning.config.ProvisioningConfig;
import com.cumulus.provisioning.service.api.ServiceDtos.EndpointResult;
import com.cumulus.provisioning.service.api.ServiceDtos.PrivateEndpointConfigResult;
import com.cumulus.provisioning.service.api.ServiceDtos.ServiceResult;
import com.cumulus.provisioning.service.domain.ManagedService;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Maps services to seed 004 bodies; endpoint host names are derived from the id, region and provider. */
@ApplicationScoped
public class ServiceViews {

    private final String dnsSuffix;

    public ServiceViews(ProvisioningConfig config) {
        this.dnsSuffix = config.dnsSuffix();
    }

    public ServiceResult of(ManagedService s) {
        String host = host(s);
        List<EndpointResult> endpoints = List.of(
                new EndpointResult("https", host, 8443),
                new EndpointResult("nativesecure", host, 9440));
        return new ServiceResult(s.id.toString(), s.name, s.provider, s.region, s.state, endpoints, s.tier,
                s.minTotalMemoryGb, s.maxTotalMemoryGb, s.numReplicas, s.idleScaling, s.idleTimeoutMinutes,
                s.ipAccessList(), s.createdAt.atZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT),
                s.encryptionKey, s.encryptionAssumedRoleIdentifier, iamRole(s), s.privateEndpointIds(),
                s.id.toString(), "true", s.minReplicaMemoryGb, s.maxReplicaMemoryGb);
    }

    public List<ServiceResult> of(List<ManagedService> services) {
        return services.stream().map(this::of).toList();
    }

    public PrivateEndpointConfigResult privateEndpoint(ManagedService s) {
        return new PrivateEndpointConfigResult(endpointServiceId(s.provider, s.region),
                shortId(s.id) + "." + s.region + "." + s.provider + ".vpce." + dnsSuffix);
    }

    /** The provider-specific endpoint service of a region, the same for every service there. */
    public static String endpointServiceId(String provider, String region) {
        String digest = HexFormat.of().formatHex(sha(provider + "/" + region)).substring(0, 17);
        return switch (provider) {
            case "aws" -> "com.amazonaws.vpce." + region + ".vpce-svc-" + digest;
            case "gcp" -> "projects/cumulus-" + region + "/regions/" + region
                    + "/serviceAttachments/cumulus-" + digest;
            default -> "/subscriptions/cumulus/resourceGroups/" + region + "/providers/Microsoft.Network/privateLinkServices/cumulus-" + digest;
        };
    }

    private String host(ManagedService s) {
        return shortId(s.id) + "." + s.region + "." + s.provider + "." + dnsSuffix;
    }

    private static String iamRole(ManagedService s) {
        return "aws".equals(s.provider) ? "arn:aws:iam::000000000000:role/cumulus-service-" + shortId(s.id) : null;
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static byte[] sha(String value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
