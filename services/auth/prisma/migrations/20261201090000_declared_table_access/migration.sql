-- Every table erp_app reaches is declared through @erp/db's one definition (packages/db/README.md),
-- which records the declaration in the table's comment for the table-access tests. Nothing changes
-- for the application: these are the privileges and isolation the init migration gave by hand.
SELECT public.app_declare_cross_organization('auth.refresh_tokens',
    'a refresh token is found by its hash before its organization is known, and reuse revokes its whole family');
SELECT public.app_declare_cross_organization('auth.users',
    'an identity (email, password hash) is global: one user belongs to many organizations');
SELECT public.app_declare_cross_organization('auth.signing_keys',
    'the service''s token signing keys, published as JWKS, are not organization data');
SELECT public.app_create_outbox('auth');
