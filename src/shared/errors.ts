/**
 * Error codes that cross the bridge. They are stable: the UI maps each one to a message in English and French, and
 * scripts match on them. Never rename one; add a new code instead.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_OPERATION',
  'NOT_AUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'JIRA_UNAVAILABLE',
  'STORAGE_UNAVAILABLE',
  'INTERNAL',
  /** A workflow step the request's stage does not allow (issue 6). */
  'ILLEGAL_STEP',
  /** Consultant assignment blocked by the partner's overdue invoices (issue 6). */
  'FINANCE_HOLD',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorBody {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: which fields failed and why, so a form can show them beside the field. */
  issues?: Array<{ path: string; message: string }>;
}

/** What every resolver answers: a typed envelope, never a thrown error (Forge would hide its message). */
export type Envelope<T> = { ok: true; body: T } | { ok: false; error: AppErrorBody };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: AppErrorBody['issues'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}
