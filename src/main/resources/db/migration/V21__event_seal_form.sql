-- The canonical form each seal's event hash was computed with (ADR 0034). Seals written before this migration use
-- form 1 (ADR 0006: no position, no transaction id); the sealer writes form 2 from now on, naming it explicitly.
-- Adding a column with a constant default rewrites no row and fires no row trigger.
alter table event_seal
    add column form smallint not null default 1 check (form in (1, 2));
