import { useEffect, useState } from 'react';
import { useLocale, useText } from '../i18n/i18n';
import type { DisplayRow } from '../../shared/visits/schemas';
import { visitsText } from './i18n';
import { readEvents, reconnectDelay } from '../api/sse';

const KEY = 'daoyi.display';

/** The display's own key from `/display#k=…`, kept for this tab only (never the desk's secret). */
function takeDisplayKey(): string | null {
  const match = /[#&]k=([\w-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY, match[1]);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem(KEY);
}

type Board = { clinic: string; rows: DisplayRow[] };

/**
 * 候诊屏: the waiting room's second screen. Masked names (张**) and departments only, pushed by
 * the host as they change; it can do nothing but read this one stream.
 */
export function DisplayScreen() {
  const t = useText(visitsText);
  const { locale, setLocale } = useLocale();
  const [key] = useState(takeDisplayKey);
  const [board, setBoard] = useState<Board | null>(null);
  const [denied, setDenied] = useState(key === null);

  useEffect(() => {
    if (!key) return;
    let stopped = false;
    let controller: AbortController | null = null;
    const loop = async (attempt: number): Promise<void> => {
      controller = new AbortController();
      try {
        const res = await fetch('/display-api/events', { headers: { Authorization: `Bearer ${key}` }, signal: controller.signal });
        if (res.status === 401) {
          setDenied(true);
          return;
        }
        if (!res.ok) throw new Error(`display stream: ${res.status}`); // 503: all streams taken; wait longer each time
        attempt = 0;
        await readEvents<Board>(res, setBoard);
      } catch {
        /* the host restarted: try again below */
      }
      if (!stopped) setTimeout(() => void loop(attempt + 1), reconnectDelay(attempt));
    };
    void loop(0);
    document.body.dataset.ready = 'true';
    return () => {
      stopped = true;
      controller?.abort();
    };
  }, [key]);

  if (denied) return <p className="m-16 rounded-xl bg-rose-50 p-8 text-2xl text-rose-900 ring-1 ring-rose-200">{t.displayNoKey}</p>;
  return (
    <main className="flex h-screen flex-col bg-teal-900 p-10 text-white">
      <header className="flex items-baseline gap-6">
        <h1 className="text-6xl font-bold">{t.displayTitle}</h1>
        <span className="text-3xl text-teal-100">{board?.clinic}</span>
        <button type="button" className="ml-auto rounded px-3 py-1 text-lg text-teal-200 ring-1 ring-teal-600" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {locale === 'zh-CN' ? 'English' : '中文'}
        </button>
      </header>
      <p className="mt-2 text-2xl text-teal-100">{t.displayPleaseWait}</p>
      {board && board.rows.length === 0 && <p className="mt-16 text-center text-4xl text-teal-200">{t.displayEmpty}</p>}
      <ol className="mt-8 grid grid-cols-2 gap-4" aria-label={t.displayTitle}>
        {board?.rows.map((r, i) => (
          <li key={i} className="flex items-baseline justify-between rounded-2xl bg-white/10 px-8 py-5" data-testid="display-row">
            <span className="text-5xl font-bold tracking-widest">{r.name}</span>
            <span className="text-3xl text-teal-100">{r.department}</span>
          </li>
        ))}
      </ol>
    </main>
  );
}
