import type { StaffRole } from '../reference/schemas';
import { maskPhone } from './rules';

/**
 * What a role may see of a customer (隐私保密). Applied in the main process before anything is
 * sent, so the renderer never receives what the signed-in role may not see.
 * - full phone: desk leads, CS directors, deans, head-office CS, the consulting group (guides see 138****5678);
 * - directed registration (定向性登记): the same, plus consultants (咨询师) who use it in their talk;
 * - VIP details (host, drink and snack preferences, notes): the desk (it meets and serves them) and leadership.
 */
export interface Visibility {
  fullPhone: boolean;
  directed: boolean;
  vip: boolean;
}

const lead: StaffRole[] = ['guideLead', 'csDirector', 'dean', 'hoCsDirector'];

/**
 * The consulting group (咨询组, seed 002 第三部分): they call the customers back (电话营销, 待回电)
 * and register the directed part (健康询问) as they talk, so they see the whole phone and it.
 */
export const consultingRoles: readonly StaffRole[] = ['onlineLead', 'onlineConsultant', 'phoneConsultant'];

const nothing: Visibility = { fullPhone: false, directed: false, vip: false };

/** What a role sees; null (nobody signed in) sees the least. */
export function visibilityFor(role: StaffRole | null): Visibility {
  if (role === null) return nothing;
  return {
    fullPhone: lead.includes(role) || consultingRoles.includes(role),
    directed: lead.includes(role) || role === 'consultant' || consultingRoles.includes(role),
    vip: lead.includes(role) || role === 'guide' || role === 'gmOffice',
  };
}

/** A field that carries a phone: `phone`, `customerPhone`, `patientPhone`, … */
const isPhoneKey = (key: string) => /phone$/i.test(key);

/**
 * Any operation's output as `role` may see it: every phone field masked, directed registration
 * emptied and VIP care left out where the role may not see them, at any depth and in any shape
 * (views, lists, a conflicted revision's raw fields). The dispatcher applies it to every answer
 * after the handler (src-main/api/dispatch.ts), so an operation cannot forget it; handlers still
 * mask what they build themselves, and this is the net under them.
 */
export function visibleTo<T>(role: StaffRole | null, output: T): T {
  const see = visibilityFor(role);
  if (see.fullPhone && see.directed && see.vip) return output;
  const walk = (value: unknown, key: string | null): unknown => {
    if (key !== null) {
      if (!see.fullPhone && isPhoneKey(key) && typeof value === 'string') return maskPhone(value);
      if (!see.directed && key === 'directed' && value !== null && typeof value === 'object') return {};
      if (!see.vip && key === 'vip' && value !== null && typeof value === 'object') return null;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, null));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
      return out;
    }
    return value;
  };
  return walk(output, null) as T;
}

/** The phone as this role may see it. */
export function phoneFor(role: StaffRole | null, phone: string): string {
  return visibilityFor(role).fullPhone ? phone : maskPhone(phone);
}

/** Leadership notified in the app when an A member is due or arrives. */
export const leadershipRoles: readonly StaffRole[] = ['dean', 'csDirector'];
