import { useEffect, useState } from 'react';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { cleaningReminder } from '../../shared/staff/rules';
import { useShell } from '../shell/store';
import { staffText } from './i18n';
import { useStaffTab } from './store';

/**
 * The strip above every screen of a clinic desk before opening: who cleans which area and the
 * minutes left until 8:50 (then how late it is, until noon), with 去检查打勾 opening the 卫生值日
 * checklist; it goes once the supervisor's before-opening check is saved.
 */
export function CleaningStrip() {
  const t = useText(staffText);
  const day = useQuery('cleaning.day', {});
  const go = useShell((s) => s.go);
  const setTab = useStaffTab((s) => s.setTab);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 2_000);
    return () => clearInterval(timer);
  }, []);
  const r = day.data ? cleaningReminder(day.data, now) : null;
  if (!r || !day.data) return null;
  const who = day.data.duty.map((d) => t.stripArea(d.name, d.staffName)).join(t.stripSep);
  return (
    <div role="status" data-testid="cleaning-strip" className={`no-print flex items-center gap-3 px-5 py-1.5 text-sm ${r.state === 'late' ? 'bg-rose-100 text-rose-900' : 'bg-amber-100 text-amber-900'}`}>
      <span className="font-bold">{r.state === 'due' ? t.stripDue(r.minutes) : t.stripLate(r.minutes)}</span>
      <span className="min-w-0 flex-1 truncate" title={who}>
        {who}
      </span>
      <button
        type="button"
        className="rounded-md px-3 py-0.5 font-medium ring-1 ring-current hover:bg-white/50"
        onClick={() => {
          setTab('cleaning');
          go('staff');
        }}
      >
        {t.stripTick}
      </button>
    </div>
  );
}
