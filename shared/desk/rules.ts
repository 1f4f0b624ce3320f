/** Pure rules of the guide desk: no I/O, no clock of their own. */

/** Keys a customer is found by while the guide types: the name, and every 4+ digit tail of the phone. */
export function customerSearchKeys(name: string, phone: string): string[] {
  const keys = new Set<string>([normaliseQuery(name)]);
  for (let i = 0; i <= phone.length - 4; i++) keys.add(phone.slice(i));
  return [...keys].filter(Boolean);
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
