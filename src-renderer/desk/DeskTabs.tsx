import { useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { useText } from '../i18n/i18n';
import { apptText } from './appointmentText';
import { BookingForm } from './BookingForm';
import { CallList } from './CallList';
import { CheckInForm } from './CheckInForm';
import { DutyRoster } from './DutyRoster';
import { deskTabs, useDesk, type DeskTab } from './store';
import { TodayAppointments } from './TodayAppointments';
import { MergeDuplicates } from '../customers/MergeDuplicates';
import { useShell } from '../shell/store';
import { adminRoles } from '../../shared/reference/schemas';

/** F8 opens today's appointments (the door's list) from anywhere on the desk. */
const keyOf: Partial<Record<DeskTab, string>> = { today: 'F8' };

/** The tab bar of the desk's left panel (arrow keys move between tabs). */
export function DeskTabBar() {
  const t = useText(apptText);
  const tab = useDesk((s) => s.tab);
  const setTab = useDesk((s) => s.setTab);
  const refs = useRef<Partial<Record<DeskTab, HTMLButtonElement | null>>>({});
  const label: Record<DeskTab, string> = { checkIn: t.tabCheckIn, today: t.tabToday, book: t.tabBook, calls: t.tabCalls, duty: t.tabDuty, merge: t.tabMerge };
  const role = useShell((s) => s.status?.operator?.role);
  // Merging records is for desk leads and managers only (the operation refuses anyone else too).
  const tabs = deskTabs.filter((k) => k !== 'merge' || (role && adminRoles.includes(role)));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8') {
        e.preventDefault();
        setTab('today');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setTab]);

  return (
    <div role="tablist" aria-label={t.tabs} className="flex flex-wrap gap-1">
      {tabs.map((k, i) => (
        <button
          key={k}
          ref={(el) => {
            refs.current[k] = el;
          }}
          type="button"
          role="tab"
          aria-selected={tab === k}
          tabIndex={tab === k ? 0 : -1}
          onClick={() => setTab(k)}
          onKeyDown={(e) => {
            const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
            if (!step) return;
            e.preventDefault();
            const next = tabs[(i + step + tabs.length) % tabs.length]!;
            flushSync(() => setTab(next));
            refs.current[next]?.focus();
          }}
          className={`rounded-lg px-3 py-1 text-base font-bold ${tab === k ? 'bg-teal-700 text-white' : 'text-slate-700 hover:bg-slate-200'}`}
        >
          {label[k]}
          {keyOf[k] && <kbd className="ml-1 text-xs opacity-70">{keyOf[k]}</kbd>}
        </button>
      ))}
    </div>
  );
}

export function DeskTabPanel() {
  const tab = useDesk((s) => s.tab);
  const editing = useDesk((s) => s.editing);
  return (
    <div role="tabpanel">
      {tab === 'checkIn' && <CheckInForm />}
      {tab === 'today' && <TodayAppointments />}
      {tab === 'book' && <BookingForm key={editing?.id ?? 'new'} />}
      {tab === 'calls' && <CallList />}
      {tab === 'duty' && <DutyRoster />}
      {tab === 'merge' && <MergeDuplicates />}
    </div>
  );
}
