package com.cumulus.identity.web;

import com.cumulus.common.web.YamlBodies;
import jakarta.ws.rs.ext.Provider;

/** Seed 002's YAML bodies for this service's endpoints. */
@Provider
public class YamlBodyProvider extends YamlBodies {
}
