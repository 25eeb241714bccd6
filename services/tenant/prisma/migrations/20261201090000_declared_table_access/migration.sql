-- Every table erp_app reaches is declared through @erp/db's one definition (packages/db/README.md),
-- which records the declaration in the table's comment for the table-access tests. Nothing changes
-- for the application: these are the privileges and isolation the init migration gave by hand.
-- An organization sees only its own row: the policy is on id.
SELECT public.app_enable_tenant_isolation('tenant.organizations', organization_column => 'id');
SELECT public.app_enable_tenant_isolation('tenant.subscriptions');
SELECT public.app_enable_tenant_isolation('tenant.enabled_modules');
SELECT public.app_enable_tenant_isolation('tenant.organization_settings');
SELECT public.app_declare_cross_organization('tenant.pending_organizations',
    'the sweeper finds the registrations abandoned in every organization');
SELECT public.app_declare_cross_organization('tenant.plans',
    'subscription plans are reference data every organization reads; migrations own them', ARRAY['SELECT']);
SELECT public.app_create_outbox('tenant');
