import { create } from 'zustand';

export const staffTabs = ['sign', 'rota', 'leave', 'file', 'settings', 'away', 'meetings', 'training', 'cleaning'] as const;
export type StaffTab = (typeof staffTabs)[number];

/** The 排班 area's open tab, kept outside the screen so the cleaning reminder strip can open 卫生值日. */
export const useStaffTab = create<{ tab: StaffTab; setTab(tab: StaffTab): void }>((set) => ({ tab: 'sign', setTab: (tab) => set({ tab }) }));
