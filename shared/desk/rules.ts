/** Pure rules of the guide desk: no I/O, no clock of their own. */

/**
 * Keys a customer is found by while the guide types: the normalised name and its pinyin initials
 * (张晓梅 → zxm; computed in the main process, src-main/desk/pinyin.ts). Phones need no keys: the
 * lookup index matches 4+ digits anywhere in the phone itself (src-main/desk/customerIndex.ts).
 */
export function customerSearchKeys(name: string, initials: string): string[] {
  return [...new Set([normaliseQuery(name), normaliseQuery(initials)])].filter(Boolean);
}

/**
 * How far a phone query reaches: 4+ digits anywhere in the phone for roles that see whole phones;
 * only the last four digits or the whole number for the rest, who see 138****5678 (a run of five
 * or more would give the hidden digits away one query at a time: 44 queries rebuilt a phone).
 */
export type PhoneReach = 'anywhere' | 'tailOrWhole';

/** Does a customer match the typed (normalised) query: name or initials prefix, or digits of the phone as `reach` allows. */
export function matchesCustomer(key: string, c: { search: readonly string[]; phone: string }, reach: PhoneReach = 'anywhere'): boolean {
  if (/^\d+$/.test(key)) {
    if (reach === 'tailOrWhole') return (key.length === 4 && c.phone.endsWith(key)) || key === c.phone;
    return key.length >= 4 && c.phone.includes(key);
  }
  return c.search.some((s) => s.startsWith(key));
}

/** Is the (normalised) query a phone search that `reach` can answer at all (and so counts against the limit)? */
export function isPhoneSearch(key: string, reach: PhoneReach): boolean {
  if (!/^\d+$/.test(key)) return false;
  return reach === 'anywhere' ? key.length >= 4 : key.length === 4 || key.length >= 7;
}

/**
 * Phone searches a person who sees masked phones may make: per minute and per hour. Enough for the
 * door (a phone typed digit by digit costs at most six), too few to guess a phone's hidden digits.
 */
export const phoneSearchLimits = [
  { max: 20, windowMs: 60_000, per: 'minute' },
  { max: 200, windowMs: 60 * 60_000, per: 'hour' },
] as const;

/** Query typed at the door → the key space of `customerSearchKeys`. */
export function normaliseQuery(query: string): string {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  return /^[\d\s+-]+$/.test(q) ? q.replace(/\D/g, '') : q;
}

/** Digits need four to say anything (a shorter run matches half the roster). */
export function isSearchableQuery(query: string): boolean {
  const q = normaliseQuery(query);
  return /^\d+$/.test(q) ? q.length >= 4 : q.length >= 1;
}

/** 138****5678: the middle of a phone hidden on a screen the waiting room might see. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return phone;
  const head = phone.length >= 11 ? phone.slice(0, 3) : '';
  return head + '*'.repeat(phone.length - head.length - 4) + phone.slice(-4);
}
