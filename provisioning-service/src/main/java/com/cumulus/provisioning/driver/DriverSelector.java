package com.cumulus.provisioning.driver;

import com.cumulus.provisioning.config.ProvisioningConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Picks the driver named by {@code cumulus.provisioning.driver} among the {@link ServiceDriver} beans. */
@ApplicationScoped
public class DriverSelector {

    private final ServiceDriver driver;

    public DriverSelector(ProvisioningConfig config, Instance<ServiceDriver> drivers) {
        ServiceDriver chosen = null;
        for (ServiceDriver candidate : drivers) {
            if (candidate.name().equals(config.driver())) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no service driver named " + config.driver());
        }
        this.driver = chosen;
    }

    public ServiceDriver driver() {
        return driver;
    }
}
