/** Errors that cross the contract boundary. Every one has a stable code; input errors name the field. */
export const errorCodes = [
  'invalid_input', // the input does not match the operation's schema
  'unknown_operation', // no such operation in the contract
  'not_signed_in', // the operation needs an operator (who is at the desk)
  'forbidden', // the operator's role may not do this
  'not_found',
  'conflict', // e.g. a duplicate phone, a second set-up
  'locked', // too many wrong PINs
  'too_large', // the request body is over the limit
  'unauthorized', // the browser host's per-run secret is missing or wrong
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. `customer.phone`. Empty for the whole input. */
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** The first field at fault, for a form to focus. */
  field?: string;
  issues?: FieldIssue[];
  /** Extra facts for the UI, e.g. the id of the existing customer on a duplicate phone. */
  detail?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];
  readonly detail: Record<string, string> | undefined;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.field = body.field;
    this.issues = body.issues ?? (body.field ? [{ field: body.field, message: body.message }] : []);
    this.detail = body.detail;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.issues.length) body.issues = this.issues;
    if (this.detail) body.detail = this.detail;
    return body;
  }
}

/** What every transport carries back: a result or an error, never a thrown stack. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };
