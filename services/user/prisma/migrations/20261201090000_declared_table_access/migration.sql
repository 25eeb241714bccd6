-- Every table erp_app reaches is declared through @erp/db's one definition (packages/db/README.md),
-- which records the declaration in the table's comment for the table-access tests. Nothing changes
-- for the application: these are the privileges and isolation the init migration gave by hand
-- (the extra read policies member_self_read and invitation_token_read stay as they are).
SELECT public.app_enable_tenant_isolation('users.roles');
SELECT public.app_enable_tenant_isolation('users.memberships');
SELECT public.app_enable_tenant_isolation('users.membership_roles');
SELECT public.app_enable_tenant_isolation('users.departments');
SELECT public.app_enable_tenant_isolation('users.invitations');
SELECT public.app_create_outbox('users');
