/**
 * Error codes every transport understands. A service throws an AppError with a code and the
 * values its message needs; the edge (IPC, web host, CLI) turns it into text in the user's language.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_procedure',
  'not_sqlite',
  'not_ksbb_database',
  'newer_schema',
  'database_unreadable',
  'database_not_empty',
  'not_found',
  'forbidden',
  'usage',
  'internal',
  'field_required',
  'field_invalid',
  'already_exists',
  'partner_merged',
  'merge_refused',
  'unmerge_refused',
  'aggregator_not_authorised',
  'partner_inactive',
  'partner_not_collaborator',
  'item_type_archived',
  'date_out_of_range',
  'distribution_place_required',
  'pledge_destination_required',
  'target_region_mismatch',
  'rupiah_value_mismatch',
  'agreement_number_taken',
  'agreement_dates_invalid',
  'agreement_signed_on_required',
  'agreement_parent_other_partner',
  'agreement_parent_cycle',
  'document_type_not_allowed',
  'document_content_mismatch',
  'document_too_large',
  'document_missing',
  'document_corrupt',
  'import_file_unusable',
  'import_not_ready',
  'import_already_imported',
  'import_cancelled',
  'import_rollback_refused',
  'import_needs_choice',
  'recap_level_invalid',
  'export_too_large',
  'map_geometry_invalid',
  'map_region_without_geometry',
  'report_program_unknown',
  'report_printer_missing',
  'backup_not_archive',
  'backup_truncated',
  'backup_damaged',
  'backup_checksum_mismatch',
  'backup_newer_version',
  'backup_integrity_failed',
  'backup_target_unwritable',
  'database_in_use',
  'role_required',
  'program_out_of_scope',
  'sign_in_required',
  'sign_in_failed',
  'account_locked',
  'session_expired',
  'admin_exists',
  'password_too_short',
  'cli_not_database_owner',
  'audit_log_append_only',
  'skpd_agency_required',
  'verification_wrong_status',
  'verification_nothing_selected',
  'verification_four_eyes',
  'verification_reset_confirm',
  'distribution_rejected_correct',
  'distribution_not_rejected',
  'distribution_already_corrected',
  'assignment_beyond_pledge',
  'assignment_beyond_need',
  'sync_not_enrolled',
  'sync_unreachable',
  'sync_refused',
  'sync_update_required',
  'sync_device_revoked',
  'hub_data_in_use',
  'sync_conflict_resolved',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(`${code} ${JSON.stringify(params)}`, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** What every procedure answers, on every transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
