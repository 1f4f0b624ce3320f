import { create } from 'zustand';
import type { AppStatus } from '../../shared/reference/schemas';
import { api, setSession } from '../api/client';
import { callerRoles } from '../../shared/followup/rules';
import { enquiryRoles } from '../../shared/enquiries/rules';
import { consultingRoles } from '../../shared/desk/visibility';

/** UI state only: where the guide is, and the last status the main process reported. */
export const areas = ['desk', 'tea', 'inspection', 'complaint', 'settings', 'followup', 'enquiry', 'staff'] as const;
/** Head-office mode (status.headOffice): every clinic's figures and the reference data it owns. */
export const headOfficeAreas = ['dashboard', 'complaint', 'reports', 'reference', 'devices', 'followup', 'settings'] as const;
export type Area = (typeof areas)[number] | (typeof headOfficeAreas)[number];

/** The areas this computer shows, in order (Alt+1… follow it). */
export function areasOf(status: AppStatus | null): readonly Area[] {
  if (status?.headOffice) return headOfficeAreas;
  // 回访 only for the roles that call (shared/followup/rules.ts callerRoles); 咨询 only for the
  // consulting group and the roles that take calls (shared/enquiries/rules.ts enquiryRoles).
  const role = status?.operator?.role;
  return areas.filter((a) => (a !== 'followup' || (role && callerRoles.includes(role))) && (a !== 'enquiry' || (role && enquiryRoles.includes(role))));
}
/**
 * Where an operator starts after signing in: the consulting group (网络咨询部组长, 网络咨询员,
 * 电话咨询员; seed 002) at 咨询, its own register (issue 14); everyone else where the desk was.
 */
export function homeAreaOf(status: AppStatus | null, current: Area): Area {
  const role = status?.operator?.role;
  if (!status?.headOffice && role && consultingRoles.includes(role)) return 'enquiry';
  return current;
}
export const settingsTabs = ['clinic', 'staff', 'sync', 'device'] as const;
export type SettingsTab = (typeof settingsTabs)[number];

interface ShellState {
  status: AppStatus | null;
  area: Area;
  settingsTab: SettingsTab;
  /** The operator switch is open (sign in, or hand the desk to a colleague). */
  switching: boolean;
  go(area: Area, tab?: SettingsTab): void;
  refresh(): Promise<AppStatus>;
  setSwitching(open: boolean): void;
  signOut(): Promise<void>;
}

export const useShell = create<ShellState>((set, get) => ({
  status: null,
  area: 'desk',
  settingsTab: 'clinic',
  switching: false,
  go: (area, tab) => set(tab ? { area, settingsTab: tab } : { area }),
  async refresh() {
    const status = await api['app.status']({});
    set({ status });
    return status;
  },
  setSwitching: (switching) => set({ switching }),
  async signOut() {
    await api['operator.signOut']({}).catch(() => {});
    setSession(null);
    await get().refresh();
  },
}));
