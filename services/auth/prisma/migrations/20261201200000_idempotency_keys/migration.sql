-- Idempotency-Key answers for POST /register (kept per key and route: a registration has no
-- organization yet); the one definition from the migration bootstrap (@erp/db).
SELECT public.app_create_idempotency_keys('auth');
