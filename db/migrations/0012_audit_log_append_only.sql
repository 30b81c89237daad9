-- The audit trail is append-only (issue 9): no code path may change or remove an entry. The hash
-- chain (electron/core/audit/verify-chain.ts) still catches a change made outside the app, by
-- someone who drops these triggers first.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
