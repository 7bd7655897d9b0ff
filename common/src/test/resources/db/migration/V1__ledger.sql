create table ledger_entry (
    id      uuid primary key,
    account text   not null,
    amount  bigint not null
);
