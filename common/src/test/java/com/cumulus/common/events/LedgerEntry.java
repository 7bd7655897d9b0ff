package com.cumulus.common.events;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A minimal aggregate for the backbone tests. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {
    @Id
    public UUID id;
    public String account;
    public long amount;

    public static LedgerEntry of(String account, long amount) {
        LedgerEntry entry = new LedgerEntry();
        entry.id = UUID.randomUUID();
        entry.account = account;
        entry.amount = amount;
        return entry;
    }
}
