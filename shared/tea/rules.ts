/** Pure rules of tea service (奉茶规范, DOMAIN.md §2). No I/O, no clock of their own. */

export interface TemplateItem {
  id: string;
  text: string;
}

/** The 13 items of one serving, as the regulations list them; a clinic edits its own copy (versioned). */
export const defaultTeaChecklist: TemplateItem[] = [
  { id: 'fill-80', text: '茶水八分满' },
  { id: 'temperature', text: '水温适宜，不烫口' },
  { id: 'tray', text: '两位以上顾客时茶色均匀，用茶盘端出，左手托盘底，右手扶盘缘' },
  { id: 'excuse-me', text: '上茶时先说「对不起，打扰了！」' },
  { id: 'from-right', text: '蹲下，右手端茶，从顾客右方奉上' },
  { id: 'handle-45', text: '杯把手以 45 度朝向顾客' },
  { id: 'smile', text: '面带微笑，注视对方，说「这是您的茶，请慢用！」' },
  { id: 'seniority', text: '多位顾客时按职位高低顺序奉茶' },
  { id: 'no-rim', text: '手不可攀在杯口上' },
  { id: 'saucer', text: '一定要用茶托' },
  { id: 'magazines', text: '不拿破损或无封面的杂志给顾客' },
  { id: 'tidy-table', text: '桌面随时保持干净，及时添水' },
  { id: 'step-back', text: '上完茶后先起身倒退几步再转身离去' },
];

/** Default refill interval in minutes when a clinic has not set its own. */
export const DEFAULT_REFILL_MINUTES = 15;

/** The quick picks of the drink until the clinic sets its own list (tea-settings `drinks`, issue 21). */
export const DEFAULT_DRINKS: readonly string[] = ['绿茶', '红茶', '花茶', '柠檬水', '温水'];

/** New visitor: seat first, then serve; returning visitor: ask first (DOMAIN.md §2). */
export type TeaAsk = 'serveAfterSeating' | 'askFirst';
export function teaAsk(firstVisit: boolean): TeaAsk {
  return firstVisit ? 'serveAfterSeating' : 'askFirst';
}

export type TeaState = 'pending' | 'served' | 'declined';

export interface TeaFacts {
  kind: 'served' | 'declined' | 'refill';
  at: string;
}

/** The task's state and the time of the last cup (served or refilled) from its events. */
export function teaState(events: TeaFacts[]): { state: TeaState; firstCupAt: string | null; lastCupAt: string | null; refills: number } {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  let state: TeaState = 'pending';
  let firstCupAt: string | null = null;
  let lastCupAt: string | null = null;
  let refills = 0;
  for (const e of sorted) {
    if (e.kind === 'served') {
      state = 'served';
      firstCupAt ??= e.at;
      lastCupAt = e.at;
    } else if (e.kind === 'refill' && firstCupAt) {
      refills += 1;
      lastCupAt = e.at;
    } else if (e.kind === 'declined' && state === 'pending') state = 'declined';
  }
  return { state, firstCupAt, lastCupAt, refills };
}

/** When the next refill is due: the last cup plus the interval; null without a cup. */
export function refillDueAt(lastCupAt: string | null, intervalMinutes: number): string | null {
  if (!lastCupAt) return null;
  return new Date(new Date(lastCupAt).getTime() + intervalMinutes * 60_000).toISOString();
}

/** A refill is due while the visitor still waits and the interval since the last cup has passed. */
export function isRefillDue(lastCupAt: string | null, intervalMinutes: number, now: Date, stillWaiting: boolean): boolean {
  const due = refillDueAt(lastCupAt, intervalMinutes);
  return stillWaiting && due !== null && new Date(due).getTime() <= now.getTime();
}

export interface PartyMember {
  visitId: string;
  /** Member tier A-D or null. */
  tier: 'A' | 'B' | 'C' | 'D' | null;
  age: number | null;
}

const TIER_RANK = { A: 0, B: 1, C: 2, D: 3 } as const;

/**
 * A suggested seniority order for a party (按职位高低顺序奉茶): the clinic cannot know job
 * titles, so members first by tier (A first), then the elder first; the guide reorders as she
 * sees fit, and her order is what is kept.
 */
export function suggestSeniority(members: PartyMember[]): string[] {
  return [...members]
    .map((m, i) => ({ m, i }))
    .sort((a, b) => {
      const ta = a.m.tier ? TIER_RANK[a.m.tier] : 4;
      const tb = b.m.tier ? TIER_RANK[b.m.tier] : 4;
      if (ta !== tb) return ta - tb;
      const aa = a.m.age ?? -1;
      const ab = b.m.age ?? -1;
      if (aa !== ab) return ab - aa;
      return a.i - b.i;
    })
    .map((x) => x.m.visitId);
}

/** Problems with a party order: fewer than two, repeats. null when fine. */
export function partyProblem(visitIds: string[]): string | null {
  if (visitIds.length < 2) return 'a party has at least two visitors';
  if (new Set(visitIds).size !== visitIds.length) return 'a visitor is listed twice';
  return null;
}

/**
 * The order tasks are served in: parties together at the place of their earliest-arrived member,
 * each party in its kept order; everyone else by arrival.
 */
export function serveOrder<T extends { visitId: string; arrivedAt: string }>(tasks: T[], parties: string[][]): T[] {
  const partyOf = new Map<string, string[]>();
  for (const p of parties) for (const v of p) partyOf.set(v, p);
  const byId = new Map(tasks.map((t) => [t.visitId, t]));
  const out: T[] = [];
  const placed = new Set<string>();
  for (const t of [...tasks].sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt))) {
    if (placed.has(t.visitId)) continue;
    const party = partyOf.get(t.visitId);
    for (const id of party ?? [t.visitId]) {
      const member = byId.get(id);
      if (member && !placed.has(id)) {
        out.push(member);
        placed.add(id);
      }
    }
  }
  return out;
}

/** Checks of one serving: every template item exactly once; null when fine, else the field and why. */
export function checksProblem(items: TemplateItem[], checks: { itemId: string }[]): { index: number; message: string } | null {
  const known = new Set(items.map((i) => i.id));
  const seen = new Set<string>();
  for (const [index, c] of checks.entries()) {
    if (!known.has(c.itemId)) return { index, message: 'not an item of this checklist version' };
    if (seen.has(c.itemId)) return { index, message: 'listed twice' };
    seen.add(c.itemId);
  }
  if (seen.size !== known.size) return { index: -1, message: `every item of the checklist must be ticked or noted (${known.size - seen.size} missing)` };
  return null;
}

/** Item ids from typed texts of a new template version: stable ids of the kept items, new ones numbered. */
export function newItemId(existing: Set<string>): string {
  let n = existing.size + 1;
  while (existing.has(`item-${n}`)) n += 1;
  return `item-${n}`;
}
