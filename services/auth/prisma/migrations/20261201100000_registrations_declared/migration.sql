-- The registration saga's log (20261130040000_registrations) declared through @erp/db's one
-- definition (packages/db/README.md): read across organizations by the reconciler, so no RLS;
-- erp_app keeps the privileges that migration granted.
SELECT public.app_declare_cross_organization('auth.registrations',
    'the registration saga''s log: a crashed registration is found and settled before any organization context exists');
