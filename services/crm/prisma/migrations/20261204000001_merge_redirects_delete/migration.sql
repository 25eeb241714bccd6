-- Deleting a contact deletes the redirects of the contacts merged into it (they go with it), which
-- the first migration did not grant: every DELETE /contacts/{id} failed with 500.
SELECT public.app_enable_tenant_isolation('crm.merge_redirects', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
