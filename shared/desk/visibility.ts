import type { StaffRole } from '../reference/schemas';
import { maskPhone } from './rules';

/**
 * What a role may see of a customer (隐私保密). Applied in the main process before anything is
 * sent, so the renderer never receives what the signed-in role may not see.
 * - full phone: desk leads, CS directors, deans, head-office CS (guides see 138****5678);
 * - directed registration (定向性登记): the same, plus consultants who use it in their talk;
 * - VIP details (host, drink and snack preferences, notes): the desk (it meets and serves them) and leadership.
 */
export interface Visibility {
  fullPhone: boolean;
  directed: boolean;
  vip: boolean;
}

const lead: StaffRole[] = ['guideLead', 'csDirector', 'dean', 'hoCsDirector'];

export function visibilityFor(role: StaffRole): Visibility {
  return {
    fullPhone: lead.includes(role),
    directed: lead.includes(role) || role === 'consultant',
    vip: lead.includes(role) || role === 'guide' || role === 'gmOffice',
  };
}

/** The phone as this role may see it. */
export function phoneFor(role: StaffRole, phone: string): string {
  return visibilityFor(role).fullPhone ? phone : maskPhone(phone);
}

/** Leadership notified in the app when an A member is due or arrives. */
export const leadershipRoles: readonly StaffRole[] = ['dean', 'csDirector'];
