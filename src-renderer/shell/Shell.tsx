import { useDesk } from '../desk/store';
import { lazy, memo, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
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

  const ready = Boolean(status?.clinic && status.operator);
  const { fit, headerRef, rowRef } = useFitRow(ready);

  if (!status?.clinic || !status.operator) return null;
  return (
    <div className="flex h-screen flex-col">
      <header ref={headerRef} data-testid="app-header" data-fit={fit} className={`flex items-center gap-x-4 gap-y-1 whitespace-nowrap bg-teal-800 px-5 py-2 text-white ${fitClasses(fit)}`}>
        {/* One row: when the badges (离线, the clock's warning, 重试) and the operator's buttons do
            not fit beside the areas, they give way a step at a time (useFitRow: the role, then the
            buttons' words, then the badges' details, then the areas' padding, then the clinic's
            name and the areas' icons; every word stays for the screen reader and in the title); only when nothing more
            can give does the right part move to a second row. */}
        {/* The clinic's name under the app's, so the areas' icons have the bar's width. */}
        <span className="flex shrink-0 items-center gap-2">
          <img src={logoUrl} alt="" className="size-8" data-testid="logo" />
          <span className="flex flex-col leading-tight">
            <span className="text-lg font-bold">{c.appName}</span>
            <span className="hdr-clinic max-w-48 truncate text-xs text-teal-100" title={status.clinic.name}>
              {status.clinic.name} · {status.clinic.code}
            </span>
          </span>
        </span>
        <nav aria-label={c.appName} className="hdr-nav flex shrink-0 gap-1">
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
        <div ref={rowRef} className="hdr-right flex min-w-0 flex-1 items-center">
          <div className="hdr-right-inner ml-auto flex shrink-0 items-center gap-3">
            <SyncStatusPill onOpen={() => go('settings', 'sync')} />
            <span data-testid="operator" title={`${status.operator.name} · ${c.role[status.operator.role]}`} aria-label={labelled(t.atDesk, status.operator.name)} className="max-w-72 truncate rounded-md bg-teal-900 px-3 py-1 font-bold">
              {status.operator.name}
              <span className="hdr-role"> · {c.role[status.operator.role]}</span>
            </span>
            <button type="button" title={t.switchOperator} className="hdr-button inline-flex items-center gap-1.5 rounded-md px-3 py-1 ring-1 ring-teal-300 hover:bg-teal-700" onClick={() => setSwitching(true)}>
              <SwitchIcon />
              <span className="hdr-word">{t.switchOperator}</span>
            </button>
            <button type="button" title={t.signOut} className="hdr-button inline-flex items-center gap-1.5 rounded-md px-3 py-1 hover:bg-teal-700" onClick={() => void signOut()}>
              <SignOutIcon />
              <span className="hdr-word">{t.signOut}</span>
            </button>
            <button type="button" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} aria-label={locale === 'zh-CN' ? 'English' : '中文'} className="rounded-md px-2 py-1 text-sm hover:bg-teal-700" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
              {t.language}
            </button>
          </div>
        </div>
      </header>
      {/* Before opening: the 8:50 cleaning reminder (seed 003 三、衛生), until the check is ticked. */}
      {!status.headOffice && <CleaningStrip />}
      <Screen area={area} headOffice={Boolean(status.headOffice)} />
      <footer className="bg-slate-200 px-5 py-1 text-sm text-slate-600">{status.headOffice ? t.shortcutsHeadOffice(list.length) : t.shortcuts(list.length)}</footer>
    </div>
  );
}

/** The screen under the header: kept apart so the header's fitting does not render it again. */
const Screen = memo(function Screen({ area, headOffice }: { area: string; headOffice: boolean }) {
  const c = useText(commonText);
  return (
    <main className="min-h-0 flex-1 overflow-hidden p-4">
      {area === 'desk' && <DeskScreen />}
      {area === 'settings' && <SettingsScreen />}
      {area === 'tea' && <TeaScreen />}
      {area === 'inspection' && <InspectionScreen />}
      {area === 'complaint' && (headOffice ? <HoComplaintScreen /> : <ComplaintScreen />)}
      {area === 'followup' && (headOffice ? <HoFollowupScreen /> : <FollowupScreen />)}
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
  );
});

/** The steps the header gives way by, 0 (all words) to FIT_WRAP (a second row). */
const FIT_WRAP = 6;
function fitClasses(fit: number): string {
  return Array.from({ length: fit }, (_, i) => `hdr-fit-${i + 1}`).join(' ');
}

/**
 * Keeps the header one row: after each render, while its right part overflows, one more step
 * (styles.css, .hdr-fit-N: the words hidden stay in the DOM, so the text the header holds does not
 * change with the step and a change of it starts the fitting again from 0, as a new width does).
 */
function useFitRow(ready: boolean) {
  // `pass` counts the starts again: a badge that came while at step 0 must be measured too.
  const [{ fit, pass }, setFitting] = useState({ fit: 0, pass: 0 });
  const headerRef = useRef<HTMLElement>(null);
  const rowRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const row = rowRef.current;
    if (row && fit < FIT_WRAP && row.scrollWidth > row.clientWidth + 1) setFitting({ fit: fit + 1, pass });
  }, [fit, pass, ready]);
  useEffect(() => {
    const header = headerRef.current;
    if (!ready || !header) return;
    const again = () => setFitting((s) => ({ fit: 0, pass: s.pass + 1 }));
    let width = header.clientWidth;
    const widthChanged = new ResizeObserver(() => {
      if (header.clientWidth !== width) {
        width = header.clientWidth;
        again();
      }
    });
    const textChanged = new MutationObserver(again);
    widthChanged.observe(header);
    textChanged.observe(header, { childList: true, subtree: true, characterData: true });
    return () => {
      widthChanged.disconnect();
      textChanged.disconnect();
    };
  }, [ready]);
  return { fit, headerRef, rowRef };
}

function SwitchIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-4 shrink-0" aria-hidden>
      <circle cx="8" cy="6.5" r="3" />
      <path d="M2.5 17c.6-3 2.8-4.8 5.5-4.8 1.2 0 2.3.3 3.2 1M13 10.5h5m0 0-2-2m2 2-2 2M18 15h-5m0 0 2-2m-2 2 2 2" />
    </svg>
  );
}

function SignOutIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-4 shrink-0" aria-hidden>
      <path d="M8 3.5H5a1.5 1.5 0 0 0-1.5 1.5v10A1.5 1.5 0 0 0 5 16.5h3M12.5 6.5 16 10l-3.5 3.5M16 10H8" />
    </svg>
  );
}
