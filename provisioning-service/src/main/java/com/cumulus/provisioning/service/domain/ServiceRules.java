package com.cumulus.provisioning.service.domain;

import com.cumulus.common.errors.ApiException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation rules of seed 004's service fields; each failure is a 400 naming the field and the rule. */
public final class ServiceRules {

    public static final Map<String, List<String>> REGIONS = Map.of(
            "aws", List.of("ap-south-1", "ap-southeast-1", "eu-central-1", "eu-west-1", "eu-west-2", "us-east-1",
                    "us-east-2", "us-west-2", "ap-southeast-2", "ap-northeast-1"),
            "gcp", List.of("us-east1", "us-central1", "europe-west4", "asia-southeast1"),
            "azure", List.of("eastus", "eastus2", "westus3", "germanywestcentral"));
    public static final Set<String> TIERS = Set.of("development", "production", "dedicated_high_mem",
            "dedicated_high_cpu", "dedicated_standard", "dedicated_standard_n2d_standard_4",
            "dedicated_standard_n2d_standard_8", "dedicated_standard_n2d_standard_32",
            "dedicated_standard_n2d_standard_128");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ]{1,50}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public static final int MIN_TOTAL_MEMORY = 24;
    public static final int MAX_TOTAL_MEMORY = 720;
    public static final int MIN_REPLICA_MEMORY = 8;
    public static final int MAX_REPLICA_MEMORY = 240;
    public static final int MIN_REPLICAS = 3;
    public static final int MAX_REPLICAS = 20;
    public static final int MIN_IDLE_TIMEOUT = 5;

    private ServiceRules() {
    }

    public static void name(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalid(field, "must be alphanumerics and spaces, at most 50 characters");
        }
    }

    public static void providerAndRegion(String provider, String region) {
        providerAndRegion("provider", provider, "region", region);
    }

    public static void providerAndRegion(String providerField, String provider, String regionField, String region) {
        if (provider == null || provider.isBlank()) {
            throw ApiException.invalid(providerField, "is required (aws, gcp or azure)");
        }
        List<String> regions = REGIONS.get(provider);
        if (regions == null) {
            throw ApiException.invalid(providerField, "must be one of aws, gcp, azure");
        }
        if (region == null || region.isBlank()) {
            throw ApiException.invalid(regionField, "is required");
        }
        if (!regions.contains(region)) {
            throw ApiException.invalid(regionField, "region " + region + " is not available on " + provider
                    + " (one of " + String.join(", ", regions) + ")");
        }
    }

    public static void tier(String provider, String tier) {
        if (!TIERS.contains(tier)) {
            throw ApiException.invalid("tier", "must be one of " + String.join(", ", TIERS.stream().sorted().toList()));
        }
        if ("azure".equals(provider) && "development".equals(tier)) {
            throw ApiException.invalid("tier", "azure does not support the development tier");
        }
    }

    /** Total memory: a multiple of 12 in 24..720, at most {@code cap}, min <= max. */
    public static void totalMemory(Integer min, Integer max, int cap, boolean paid) {
        totalMemoryValue("minTotalMemoryGb", min);
        totalMemoryValue("maxTotalMemoryGb", max);
        if (max != null && max > cap) {
            throw ApiException.invalid("maxTotalMemoryGb", "must be at most " + cap + " for "
                    + (paid ? "paid" : "unpaid") + " organizations");
        }
        if (min != null && max != null && min > max) {
            throw ApiException.invalid("minTotalMemoryGb", "must not be greater than maxTotalMemoryGb");
        }
    }

    private static void totalMemoryValue(String field, Integer value) {
        if (value != null && (value % 12 != 0 || value < MIN_TOTAL_MEMORY || value > MAX_TOTAL_MEMORY)) {
            throw ApiException.invalid(field, "must be a multiple of 12 between 24 and 720");
        }
    }

    /** Memory per replica: a multiple of 4 in 8..240, at most {@code cap}, min <= max. */
    public static void replicaMemory(Integer min, Integer max, int cap, boolean paid) {
        replicaMemoryValue("minReplicaMemoryGb", min);
        replicaMemoryValue("maxReplicaMemoryGb", max);
        if (max != null && max > cap) {
            throw ApiException.invalid("maxReplicaMemoryGb", "must be at most " + cap + " for "
                    + (paid ? "paid" : "unpaid") + " organizations");
        }
        if (min != null && max != null && min > max) {
            throw ApiException.invalid("minReplicaMemoryGb", "must not be greater than maxReplicaMemoryGb");
        }
    }

    private static void replicaMemoryValue(String field, Integer value) {
        if (value != null && (value % 4 != 0 || value < MIN_REPLICA_MEMORY || value > MAX_REPLICA_MEMORY)) {
            throw ApiException.invalid(field, "must be a multiple of 4 between 8 and 240");
        }
    }

    public static void replicas(Integer numReplicas) {
        if (numReplicas != null && (numReplicas < MIN_REPLICAS || numReplicas > MAX_REPLICAS)) {
            throw ApiException.invalid("numReplicas", "must be between 3 and 20");
        }
    }

    public static void idleTimeout(Integer minutes) {
        if (minutes != null && minutes < MIN_IDLE_TIMEOUT) {
            throw ApiException.invalid("idleTimeoutMinutes", "must be at least 5 minutes");
        }
    }

    public static void ipAccessList(String field, List<IpAccessEntry> entries) {
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            IpAccessEntry entry = entries.get(i);
            String at = field + "[" + i + "].source";
            if (entry == null || entry.source() == null || !isCidr(entry.source())) {
                throw ApiException.invalid(at, "must be an IPv4/IPv6 address or CIDR block");
            }
            if (entry.description() != null && entry.description().length() > 255) {
                throw ApiException.invalid(field + "[" + i + "].description", "must be at most 255 characters");
            }
        }
    }

    public static void privateEndpointIds(String field, List<String> ids) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank() || id.length() > 255) {
                throw ApiException.invalid(field + "[" + i + "]", "must be a non-empty id of at most 255 characters");
            }
        }
    }

    /** An IPv4/IPv6 address, optionally with a prefix length valid for its family. */
    public static boolean isCidr(String value) {
        String trimmed = value.trim();
        String address = trimmed;
        Integer prefix = null;
        int slash = trimmed.indexOf('/');
        if (slash >= 0) {
            address = trimmed.substring(0, slash);
            String bits = trimmed.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) {
                return false;
            }
            prefix = Integer.parseInt(bits);
        }
        if (IPV4.matcher(address).matches()) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return prefix == null || prefix <= 32;
        }
        if (address.contains(":") && IPV6.matcher(address).matches()) {
            try {
                // a literal with only hex digits, colons and dots: parsed without any DNS lookup
                InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                return false;
            }
            return prefix == null || prefix <= 128;
        }
        return false;
    }
}
