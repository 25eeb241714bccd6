-- Every table erp_app reaches is declared through @erp/db's one definition (packages/db/README.md),
-- which records the declaration in the table's comment for the table-access tests. Nothing changes
-- for the application: these are the privileges and isolation the init migration gave by hand.
SELECT public.app_enable_tenant_isolation('master_data.organization_settings');
SELECT public.app_enable_tenant_isolation('master_data.code_sequences');
SELECT public.app_enable_tenant_isolation('master_data.parties');
SELECT public.app_enable_tenant_isolation('master_data.categories');
SELECT public.app_enable_tenant_isolation('master_data.products');
SELECT public.app_enable_tenant_isolation('master_data.warehouses');
SELECT public.app_enable_tenant_isolation('master_data.stock_levels');
-- The stock ledger is append-only: a correction is a new movement, never an edit.
SELECT public.app_enable_tenant_isolation('master_data.stock_movements', ARRAY['SELECT', 'INSERT']);
SELECT public.app_create_outbox('master_data');
