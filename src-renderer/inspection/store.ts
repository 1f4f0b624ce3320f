import { create } from 'zustand';

/** UI state of the inspection area only: which tab, which inspection is open. */
export type InspectionTab = 'inspect' | 'month' | 'setup';

export const useInspectionUi = create<{ tab: InspectionTab; openId: string | null; setTab(t: InspectionTab): void; open(id: string | null): void }>((set) => ({
  tab: 'inspect',
  openId: typeof sessionStorage !== 'undefined' ? sessionStorage.getItem('daoyi.inspection.open') : null,
  setTab: (tab) => set({ tab }),
  open(openId) {
    // Kept for the tab's life, so a reload comes back to the half-done inspection.
    if (openId) sessionStorage.setItem('daoyi.inspection.open', openId);
    else sessionStorage.removeItem('daoyi.inspection.open');
    set({ openId });
  },
}));
