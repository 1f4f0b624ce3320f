/** Pure rules of the guide desk: no I/O, no clock of their own. */

/**
 * Keys a customer is found by while the guide types: the normalised name and its pinyin initials
 * (张晓梅 → zxm; computed in the main process, src-main/desk/pinyin.ts). Phones need no keys: the
 * lookup index matches 4+ digits anywhere in the phone itself (src-main/desk/customerIndex.ts).
 */
export function customerSearchKeys(name: string, initials: string): string[] {
  return [...new Set([normaliseQuery(name), normaliseQuery(initials)])].filter(Boolean);
}

/** Does a customer match the typed (normalised) query: name or initials prefix, or 4+ digits anywhere in the phone. */
export function matchesCustomer(key: string, c: { search: readonly string[]; phone: string }): boolean {
  if (/^\d+$/.test(key)) return key.length >= 4 && c.phone.includes(key);
  return c.search.some((s) => s.startsWith(key));
}

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
