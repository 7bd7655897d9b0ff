package com.cumulus.tenancy.project.service;

import java.util.List;

/** A project to create or the fields to change (null = unchanged on update). */
public record ProjectDraft(String name, String description, String customerId, String status, String plan,
                           String templateId, Integer userLimit, List<String> groupIds, String tags) {

    public static ProjectDraft named(String name, String description) {
        return new ProjectDraft(name, description, null, null, null, null, null, null, null);
    }
}
