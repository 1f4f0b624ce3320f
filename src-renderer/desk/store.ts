import { create } from 'zustand';
import type { AppointmentView } from '../../shared/appointments/schemas';

/** UI state of the desk screen only: which tab is open and which appointment is being changed. */
export const deskTabs = ['checkIn', 'today', 'book', 'calls', 'duty', 'merge'] as const;
export type DeskTab = (typeof deskTabs)[number];

interface DeskState {
  tab: DeskTab;
  /** The appointment the booking form changes; null books a new one. */
  editing: AppointmentView | null;
  setTab(tab: DeskTab): void;
  edit(a: AppointmentView | null): void;
  /** A visit the waiting list opens (the check-in form offers a person's visit of today). */
  shownVisit: string | null;
  showVisit(id: string | null): void;
}

export const useDesk = create<DeskState>((set) => ({
  tab: 'checkIn',
  editing: null,
  setTab: (tab) => set(tab === 'book' ? { tab } : { tab, editing: null }),
  edit: (editing) => set({ editing, tab: 'book' }),
  shownVisit: null,
  showVisit: (shownVisit) => set({ shownVisit }),
}));
