import { ApiError, domainRefusals, type ErrorCode, type RefusalParams } from '../errors';

/** Every rule a customer operation refuses by (`customers.<rule>`); the renderer's customers i18n has a text for each. */
export const customersRules = [
  'noSuchCustomer', // customerId | keepId | mergeId | customer.id: no such customer
  'merged', // …: this record was merged into {into}
  'sameRecord', // mergeId: the same record as keepId
  'hostNotStaff', // vip.hostId: not an active staff member of this clinic
  'memberSinceFuture', // memberSince: cannot be in the future
  'mayNotEdit', // customerId: a {role} may not correct a customer's record
  'directedNotAllowed', // changes.directed: the signed-in role may not fill the directed registration
  'nothingChanged', // changes: nothing differs from the record
  'ageOrBirth', // changes.age: age or birth date is required
  'phoneTaken', // changes.phone: already registered to {name}
  'changedMeanwhile', // customerId: the record changed meanwhile
  'phoneSearchRationed', // query: at most {max} phone searches per {per}
  'indexLoading', // query: the customer records are still loading ({percent}%); try again in a moment
  'notMerged', // mergedId: this record was not merged (nothing to undo)
  'mergeNotFound', // mergedId: no merge record for it (merged before merges were recorded)
  'keptMergedAway', // mergedId: the kept record was itself merged into {into} since
  'foldNotSameDay', // fold.N: the two visits are not of one clinic day
  'foldNotVisit', // fold.N.keepVisitId | fold.N.mergeVisitId: not a visit of the kept / merged record
  'foldTwice', // fold.N: a visit is listed twice
] as const;
export type CustomersRule = (typeof customersRules)[number];

export const customersRefusals = domainRefusals('customers', customersRules);

/** A refusal that also carries facts for the form (e.g. the customer already on file for a phone). */
export function refuseWith(code: ErrorCode, field: string, rule: CustomersRule, params: RefusalParams, message: string, detail: Record<string, string>): ApiError {
  return new ApiError({ ...customersRefusals.refuse(code, field, rule, params, message).toBody(), detail });
}
