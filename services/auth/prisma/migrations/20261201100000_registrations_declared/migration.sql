-- auth.registrations (20261130040000) was granted by hand, before tables were declared through
-- @erp/db's one definition: declare it, with the same privileges, so the table-access tests know
-- why it has an organization column and no row level security.
SELECT public.app_declare_cross_organization('auth.registrations',
    'the registration saga''s log: a crashed registration is found and settled before any organization context exists');
