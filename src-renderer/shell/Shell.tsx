import { useDesk } from '../desk/store';
import { lazy, Suspense, useEffect } from 'react';
import { useLocale, useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { DeskScreen } from '../desk/DeskScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { TeaScreen } from '../tea/TeaScreen';
import { FollowupScreen } from '../followup/FollowupScreen';
import { InspectionScreen } from '../inspection/InspectionScreen';
import { ComplaintScreen } from '../complaints/ComplaintScreen';
import { EnquiryScreen } from '../enquiries/EnquiryScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { CleaningStrip } from '../staff/CleaningStrip';
import { SyncStatusPill } from '../sync/SyncStatusPill';
import logoUrl from '../../assets/logo.svg';
import { AreaIcon } from './AreaIcon';
import { shellText } from './i18n';
import { areasOf, useShell } from './store';

// Head office's charts (ECharts) load only on a head-office computer, never on a desk.
const DashboardScreen = lazy(() => import('../headoffice/DashboardScreen').then((m) => ({ default: m.DashboardScreen })));
import { ReferenceScreen } from '../headoffice/ReferenceScreen';
import { ReportsScreen } from '../headoffice/ReportsScreen';
import { HoComplaintScreen } from '../headoffice/HoComplaintScreen';
import { HoFollowupScreen } from '../headoffice/HoFollowupScreen';
import { DevicesScreen } from '../fleet/DevicesScreen';

/** The app shell: the four areas of the clinic's rules plus settings, and who is at the desk. */
export function Shell() {
  const { status, area: chosen, go, setSwitching, signOut } = useShell();
  const list = areasOf(status);
  // A head-office computer starts on its dashboard; a desk on the desk.
  const area = list.includes(chosen) ? chosen : list[0]!;
  const t = useText(shellText);
  const c = useText(commonText);
  const { locale, setLocale } = useLocale();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.altKey && /^[1-9]$/.test(e.key) ? list[Number(e.key) - 1] : undefined;
      // F8: today's appointments from every screen (docs/desk.md), not only from the desk's tabs.
      if (e.key === 'F8' && list.includes('desk')) {
        e.preventDefault();
        go('desk');
        useDesk.getState().setTab('today');
      } else if (target) {
        e.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, list]);

  if (!status?.clinic || !status.operator) return null;
  return (
    <div className="flex h-screen flex-col">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 whitespace-nowrap bg-teal-800 px-5 py-2 text-white">
        {/* The clinic's name gives way first when the areas need the room; with more areas than one
            row holds (seven or more in English at 1366 px) the operator's buttons move to a second
            row, right-aligned, instead of running into the tabs. */}
        {/* The clinic's name under the app's, so the areas' icons have the bar's width. */}
        <span className="flex shrink-0 items-center gap-2">
          <img src={logoUrl} alt="" className="size-8" data-testid="logo" />
          <span className="flex flex-col leading-tight">
            <span className="text-lg font-bold">{c.appName}</span>
            <span className="max-w-48 truncate text-xs text-teal-100" title={status.clinic.name}>
              {status.clinic.name} · {status.clinic.code}
            </span>
          </span>
        </span>
        <nav aria-label={c.appName} className="flex flex-wrap gap-1">
          {list.map((a, i) => (
            <button
              key={a}
              type="button"
              aria-current={a === area ? 'page' : undefined}
              title={`Alt+${i + 1}`}
              onClick={() => go(a)}
              // Eight areas and more (排班 made eight) need the narrower buttons to fit 1366 px in English.
              className={`inline-flex items-center gap-1 rounded-lg py-2 font-medium ${list.length > 7 ? 'px-1.5 text-[15px]' : 'px-2.5 text-base'} ${a === area ? 'bg-white text-teal-900' : 'text-teal-50 hover:bg-teal-700'}`}
            >
              <AreaIcon area={a} />
              {t.area[a]}
            </button>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-3">
          <SyncStatusPill onOpen={() => go('settings', 'sync')} />
          <span data-testid="operator" title={`${status.operator.name} · ${c.role[status.operator.role]}`} aria-label={labelled(t.atDesk, status.operator.name)} className="min-w-0 max-w-72 truncate rounded-md bg-teal-900 px-3 py-1 font-bold">
            {status.operator.name} · {c.role[status.operator.role]}
          </span>
          <button type="button" className="rounded-md px-3 py-1 ring-1 ring-teal-300 hover:bg-teal-700" onClick={() => setSwitching(true)}>
            {t.switchOperator}
          </button>
          <button type="button" className="rounded-md px-3 py-1 hover:bg-teal-700" onClick={() => void signOut()}>
            {t.signOut}
          </button>
          <button type="button" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} aria-label={locale === 'zh-CN' ? 'English' : '中文'} className="rounded-md px-3 py-1 text-sm hover:bg-teal-700" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t.language}
          </button>
        </div>
      </header>
      {/* Before opening: the 8:50 cleaning reminder (seed 003 三、衛生), until the check is ticked. */}
      {!status.headOffice && <CleaningStrip />}
      <main className="min-h-0 flex-1 overflow-hidden p-4">
        {area === 'desk' && <DeskScreen />}
        {area === 'settings' && <SettingsScreen />}
        {area === 'tea' && <TeaScreen />}
        {area === 'inspection' && <InspectionScreen />}
        {area === 'complaint' && (status.headOffice ? <HoComplaintScreen /> : <ComplaintScreen />)}
        {area === 'followup' && (status.headOffice ? <HoFollowupScreen /> : <FollowupScreen />)}
        {area === 'dashboard' && (
          <Suspense fallback={<p className="p-8 text-slate-500">{c.loading}</p>}>
            <DashboardScreen />
          </Suspense>
        )}
        {area === 'reports' && <ReportsScreen />}
        {area === 'reference' && <ReferenceScreen />}
        {area === 'enquiry' && <EnquiryScreen />}
        {area === 'devices' && <DevicesScreen />}
        {area === 'staff' && <StaffScreen />}
      </main>
      <footer className="bg-slate-200 px-5 py-1 text-sm text-slate-600">{status.headOffice ? t.shortcutsHeadOffice(list.length) : t.shortcuts(list.length)}</footer>
    </div>
  );
}
