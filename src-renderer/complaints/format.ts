import { clinicDate, clinicTime } from '../../shared/time';

/** `2026-11-27 10:05` in clinic time. */
export function when(iso: string): string {
  return `${clinicDate(iso)} ${clinicTime(iso)}`;
}

/** Hours and minutes between now and a due time: positive = left, negative = late. */
export function timeLeft(dueAt: string, now: Date): { late: boolean; h: number; m: number } {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { late: ms < 0, h: Math.floor(minutes / 60), m: minutes % 60 };
}

export const statusTone: Record<string, string> = {
  done: 'bg-emerald-100 text-emerald-900',
  late: 'bg-amber-100 text-amber-900',
  superseded: 'bg-slate-100 text-slate-500 line-through',
  overdue: 'bg-rose-600 text-white',
  dueSoon: 'bg-amber-300 text-amber-950',
  open: 'bg-slate-100 text-slate-800',
};

/**
 * A deadline as the day it is due: a limit that ends at midnight reads `2026-10-10 24:00` (the
 * 10th's end), never `2026-10-11 00:00`, which a reader takes for a day later.
 */
export function dueWhen(iso: string): string {
  const time = clinicTime(iso);
  if (time !== '00:00') return `${clinicDate(iso)} ${time}`;
  return `${clinicDate(new Date(new Date(iso).getTime() - 60_000).toISOString())} 24:00`;
}
