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
  'unavailable', // not ready yet (the lookup index still loading at start): try again in a moment; nothing was written
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. `customer.phone`. Empty for the whole input. */
  field: string;
  message: string;
  /** A schema error's zod issue code and its parameters: the desk writes its own language from these, not from `message`. */
  issue?: SchemaIssue;
}

/** The parts of a zod issue a desk needs to say it again in its language (no input values, no prose). */
export interface SchemaIssue {
  code: string;
  origin?: string;
  expected?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
}

/** The code and bounds of a zod issue (any version's shape), without its input or its English text. */
export function schemaIssueOf(issue: { code: string }): SchemaIssue {
  const i = issue as { code: string; origin?: unknown; expected?: unknown; format?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: unknown };
  const out: SchemaIssue = { code: i.code };
  if (typeof i.origin === 'string') out.origin = i.origin;
  if (typeof i.expected === 'string') out.expected = i.expected;
  if (typeof i.format === 'string') out.format = i.format;
  if (typeof i.minimum === 'number' || typeof i.minimum === 'bigint') out.minimum = Number(i.minimum);
  if (typeof i.maximum === 'number' || typeof i.maximum === 'bigint') out.maximum = Number(i.maximum);
  if (typeof i.inclusive === 'boolean') out.inclusive = i.inclusive;
  return out;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** The first field at fault, for a form to focus. */
  field?: string;
  issues?: FieldIssue[];
  /** Extra facts for the UI, e.g. the id of the existing customer on a duplicate phone. */
  detail?: Record<string, string>;
  /**
   * Which rule refused, e.g. `tea.alreadyServed` (`<domain>.<rule>`): the renderer shows the text of
   * the domain's `errors` table for it, filled from `params`. `message` stays English, for logs.
   */
  rule?: string;
  params?: RefusalParams;
}

/** The facts a refusal's text is filled from (numbers, dates, names), never prose. */
export type RefusalParams = Record<string, string | number>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];
  readonly detail: Record<string, string> | undefined;
  readonly rule: string | undefined;
  readonly params: RefusalParams | undefined;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.field = body.field;
    this.issues = body.issues ?? (body.field ? [{ field: body.field, message: body.message }] : []);
    this.detail = body.detail;
    this.rule = body.rule;
    this.params = body.params;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.issues.length) body.issues = this.issues;
    if (this.detail) body.detail = this.detail;
    if (this.rule !== undefined) body.rule = this.rule;
    if (this.params) body.params = this.params;
    return body;
  }
}

/**
 * A refusal keyed by its rule: `code` for the program, `field` for the form to focus (undefined
 * when no one field is at fault), `rule` (`<domain>.<name>`, one of the domain's rule union in
 * shared/<domain>/refusals.ts) and `params` for the text the desk reads, and `message` in English
 * for logs (the rule's name when none is given).
 */
export function refuse(code: ErrorCode, field: string | undefined, rule: string, params?: RefusalParams, message?: string): ApiError {
  const text = message ?? (field ? `${field}: ${rule}` : rule);
  return new ApiError({ code, message: text, rule, ...(field !== undefined ? { field } : {}), ...(params ? { params } : {}) });
}

/** What every transport carries back: a result or an error, never a thrown stack. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/**
 * A domain's refusals: its rule names (the union its i18n `errors` tables are typed by) and a
 * `refuse` that takes only those names and prefixes them with the domain (`tea.alreadyServed`).
 */
export function domainRefusals<R extends string>(domain: string, rules: readonly R[]) {
  return {
    domain,
    rules,
    refuse: (code: ErrorCode, field: string | undefined, rule: R, params?: RefusalParams, message?: string): ApiError => refuse(code, field, `${domain}.${rule}`, params, message),
  };
}

/**
 * The same refusal under another field: an operation that runs another's checks answers at its own
 * input's field (appointment.checkIn's `id` for desk.checkIn's `visit.appointmentId`, a tea round's
 * `members.2.visitId` for one visit's `visitId`). Code, rule, params and detail are kept, so the
 * desk reads the rule's own text; the English message, for logs, is the original one under the new
 * field (`id: visit.appointmentId: …`), composed, never cut.
 */
export function atField(err: ApiError, field: string): ApiError {
  const { issues: _issues, field: _field, ...body } = err.toBody();
  return new ApiError({ ...body, field, message: `${field}: ${err.message}` });
}

/** A refusal that also carries facts for the form (e.g. the record already on file for a phone, the visit already open). */
export function withDetail(err: ApiError, detail: Record<string, string>): ApiError {
  return new ApiError({ ...err.toBody(), detail });
}
