import { useEffect, useRef, useState } from 'react';
import { useLocale, useText } from '../i18n/i18n';
import type { DisplayCall, DisplayRow } from '../../shared/visits/schemas';
import { clinicTime } from '../../shared/time';
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

type Board = { clinic: string; rows: DisplayRow[]; call: DisplayCall | null; speak: boolean; now: string };

/** The call banner's type size by the call's length: one line for a short call, two at most for the longest (30-character name, 20-character department). */
function callSize(c: DisplayCall): string {
  const length = [...`${c.number}${c.name}${c.department}`].length;
  return length <= 16 ? 'text-6xl' : length <= 26 ? 'text-5xl' : 'text-4xl';
}

/** 叫号 spoken in Chinese whatever the screen's language; the star of the masked name is not read out. */
export function spokenCall(c: DisplayCall): string {
  return `请 ${c.number} 号 ${c.name.replace(/\*/g, '')} 到 ${c.department}`;
}

function speak(text: string) {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = 'zh-CN';
  u.rate = 0.9;
  speechSynthesis.speak(u);
}

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
  // The host's clock: the offset from this PC's, taken at each push (the board comes once a minute at least).
  const [offset, setOffset] = useState(0);
  const [tick, setTick] = useState(() => Date.now());
  const spoken = useRef<string | null>(null);
  const receive = (b: Board) => {
    setOffset(new Date(b.now).getTime() - Date.now());
    setBoard(b);
  };
  useEffect(() => {
    const id = setInterval(() => setTick(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  // Each call is spoken once, when it first arrives (the first board after opening speaks nothing old).
  useEffect(() => {
    if (!board) return;
    const call = board.call;
    if (spoken.current === null) {
      spoken.current = call?.id ?? '';
      return;
    }
    if (call && call.id !== spoken.current) {
      spoken.current = call.id;
      document.body.dataset.lastSpoken = board.speak ? spokenCall(call) : '';
      if (board.speak) speak(spokenCall(call));
    }
  }, [board]);

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
        await readEvents<Board>(res, receive);
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
    <main className="flex min-h-screen flex-col bg-teal-900 p-10 text-white">
      <header className="flex items-baseline gap-6">
        <h1 className="text-6xl font-bold">{t.displayTitle}</h1>
        <span className="text-3xl text-teal-100">{board?.clinic}</span>
        <span className="ml-auto text-4xl tabular-nums text-teal-100" data-testid="display-clock">
          {board ? clinicTime(new Date(tick + offset).toISOString()) : ''}
        </span>
        <button type="button" className="rounded px-3 py-1 text-lg text-teal-200 ring-1 ring-teal-600" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {locale === 'zh-CN' ? 'English' : '中文'}
        </button>
      </header>
      <p className="mt-2 text-2xl text-teal-100">{t.displayPleaseWait}</p>
      {board?.call && (
        // Three parts (请 12 号 · the name · 到 科室), each kept whole: a line breaks only between them, and
        // inside one only if it alone is wider than the screen. Long calls are set smaller, so that a
        // 30-character name and a 20-character department still fit on two lines at 1366 (issue 21).
        <p
          role="alert"
          aria-label={t.callText(board.call.number, board.call.name, board.call.department)}
          className={`mt-6 flex flex-wrap items-baseline justify-center gap-x-[0.5em] gap-y-1 rounded-2xl bg-amber-300 px-8 py-5 text-center font-bold leading-tight text-amber-950 ${callSize(board.call)}`}
          data-testid="display-call"
        >
          <span className="min-w-0 [overflow-wrap:anywhere]" data-testid="display-call-part">{t.callNumber(board.call.number)}</span>{' '}
          <span className="min-w-0 tracking-wider [overflow-wrap:anywhere]" data-testid="display-call-part">{t.callName(board.call.name)}</span>{' '}
          <span className="min-w-0 [overflow-wrap:anywhere]" data-testid="display-call-part">{t.callTo(board.call.department)}</span>
        </p>
      )}
      {board && board.rows.length === 0 && <p className="mt-16 text-center text-4xl text-teal-200">{t.displayEmpty}</p>}
      <ol className="mt-8 grid grid-cols-2 gap-4" aria-label={t.displayTitle}>
        {board?.rows.map((r, i) => (
          <li key={i} className="flex min-w-0 flex-wrap items-baseline gap-x-6 gap-y-1 rounded-2xl bg-white/10 px-8 py-5" data-testid="display-row">
            {/* One line whatever the number (3B, 12B: issue 21); the column is wide enough for No. 12B, so names stay aligned. */}
            <span className={`${locale === 'zh-CN' ? 'min-w-36' : 'min-w-44'} shrink-0 whitespace-nowrap text-4xl font-bold tabular-nums text-amber-200`} data-testid="display-number">
              {t.queueNo(r.number)}
            </span>
            <span className="min-w-0 flex-1 truncate text-5xl font-bold tracking-widest">{r.name}</span>
            {/* A department that does not fit beside the name (up to 20 characters) goes to a line of its own, right-aligned, inside the card. */}
            <span className="ml-auto min-w-0 max-w-full text-right text-3xl leading-tight text-teal-100 [overflow-wrap:anywhere]" data-testid="display-department">
              {r.department}
            </span>
          </li>
        ))}
      </ol>
    </main>
  );
}
