import { describe, expect, it } from 'vitest';
import { allowedNext, averageMinutes, deriveVisit, initialStatus, isWaiting, maskName, queueLabels, transitionProblem, waitingListOrder, visitStatuses, waitLevel, type EventFacts, type VisitStatus } from '../../shared/visits/rules';

const ev = (at: string, fields: Partial<EventFacts>): EventFacts => ({ at: `2026-11-27T02:${at}:00.000Z`, status: null, outcome: null, toStaffId: null, toName: null, ...fields });

describe('status transitions (到院 → 已分诊 → 咨询中 → 治疗中 → 离院)', () => {
  const allowed: [VisitStatus, VisitStatus][] = [
    ['arrived', 'triaged'],
    ['arrived', 'left'],
    ['triaged', 'withConsultant'],
    ['triaged', 'inTreatment'],
    ['triaged', 'left'],
    ['withConsultant', 'inTreatment'],
    ['withConsultant', 'left'],
    ['inTreatment', 'withConsultant'],
    ['inTreatment', 'left'],
  ];
  it.each(visitStatuses.flatMap((from) => visitStatuses.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const ok = allowed.some(([f, t]) => f === from && t === to);
    expect(transitionProblem(from, to) === null).toBe(ok);
    expect(allowedNext(from).includes(to)).toBe(ok);
  });
  it('names the reason', () => {
    expect(transitionProblem('left', 'triaged')).toBe('cannot go from left to triaged');
    expect(transitionProblem('triaged', 'triaged')).toBe('already triaged');
    expect(transitionProblem('withConsultant', 'arrived')).toBe('cannot go from withConsultant to arrived');
  });
  it('nothing leaves left', () => expect(allowedNext('left')).toEqual([]));
});

describe('initial status of a checked-in visit', () => {
  it('waiting with a department is triaged, without one arrived', () => {
    expect(initialStatus('waiting', true)).toBe('triaged');
    expect(initialStatus('waiting', false)).toBe('arrived');
  });
  it('a known status stays, an unknown one reads as triaged', () => {
    expect(initialStatus('inTreatment', true)).toBe('inTreatment');
    expect(initialStatus('nonsense', true)).toBe('triaged');
  });
  it('only arrived and triaged are waiting', () => {
    expect(visitStatuses.filter(isWaiting)).toEqual(['arrived', 'triaged']);
  });
});

describe('deriveVisit: the state from append-only events', () => {
  it('a cancellation (作废) marks the visit and later events change nothing (issue 21)', () => {
    const at = (m: number) => `2026-11-27T02:${String(m).padStart(2, '0')}:00.000Z`;
    const e = (m: number, status: VisitStatus | null, cancel?: { by: string; reason: string }): EventFacts => ({ at: at(m), status, outcome: null, toStaffId: null, toName: null, cancel });
    const d = deriveVisit('triaged', [e(9, 'withConsultant'), e(5, null, { by: 'staff:BJ:lead', reason: '登记错了' })]);
    expect(d).toMatchObject({ status: 'triaged', cancelled: { at: at(5), by: 'staff:BJ:lead', reason: '登记错了' } });
  });
  it('no events: as checked in', () => {
    expect(deriveVisit('triaged', [])).toEqual({ status: 'triaged', waitEndedAt: null, leftAt: null, outcome: null, handedTo: null, cancelled: null, leftFrom: null, reopened: null });
  });
  it('applies events in time order whatever order they arrive in (two desks, sync)', () => {
    const events = [ev('30', { status: 'left', outcome: 'surgical' }), ev('10', { status: 'withConsultant', toStaffId: 's1', toName: '李咨询' }), ev('20', { status: 'inTreatment', toStaffId: 's2', toName: '赵医生' })];
    const d = deriveVisit('triaged', events);
    expect(d.status).toBe('left');
    expect(d.waitEndedAt).toBe('2026-11-27T02:10:00.000Z');
    expect(d.leftAt).toBe('2026-11-27T02:30:00.000Z');
    expect(d.outcome).toBe('surgical');
    expect(d.handedTo).toEqual({ staffId: 's2', name: '赵医生', at: '2026-11-27T02:20:00.000Z' });
  });
  it('skips a move the rule refuses (e.g. two desks offline), so every desk derives the same', () => {
    const d = deriveVisit('triaged', [ev('10', { status: 'left', outcome: 'noPurchase' }), ev('20', { status: 'withConsultant', toName: '李咨询' })]);
    expect(d.status).toBe('left');
    expect(d.handedTo).toBeNull(); // the refused event is skipped whole
  });
  it('a later outcome event corrects the category', () => {
    const d = deriveVisit('triaged', [ev('10', { status: 'left', outcome: 'noPurchase' }), ev('40', { outcome: 'nonSurgical' })]);
    expect(d.outcome).toBe('nonSurgical');
  });
  it('wait ends at the first move off waiting only', () => {
    const d = deriveVisit('arrived', [ev('05', { status: 'triaged' }), ev('12', { status: 'inTreatment' }), ev('20', { status: 'withConsultant' })]);
    expect(d.waitEndedAt).toBe('2026-11-27T02:12:00.000Z');
  });
  it('a hand-off within the same stage changes who looks after them, not the status', () => {
    const d = deriveVisit('withConsultant', [ev('10', { status: 'withConsultant', toName: '医助小周' })]);
    expect(d).toMatchObject({ status: 'withConsultant', handedTo: { name: '医助小周' } });
  });
});

describe('wait threshold', () => {
  it.each([
    [0, 15, 'ok'],
    [14, 15, 'ok'],
    [15, 15, 'amber'],
    [29, 15, 'amber'],
    [30, 15, 'red'],
    [200, 15, 'red'],
    [9, 10, 'ok'],
    [10, 10, 'amber'],
    [20, 10, 'red'],
  ] as const)('%i min against %i → %s', (waited, threshold, level) => expect(waitLevel(waited, threshold)).toBe(level));
});

describe('queueLabels: one number given twice by two desks cut off from each other (issue 21)', () => {
  const v = (id: string, number: number, at: string) => ({ id, number, arrivedAt: `2026-11-27T02:${at}:00.000Z` });
  it('a number held once is shown as it is', () => {
    expect([...queueLabels([v('a', 1, '00'), v('b', 2, '05'), v('c', 3, '09')])]).toEqual([['a', '1'], ['b', '2'], ['c', '3']]);
  });
  it('of the holders of one number the first to arrive keeps it, the next carry B, C', () => {
    const labels = queueLabels([v('w', 2, '10'), v('z', 2, '00'), v('q', 2, '20'), v('l', 1, '00')]);
    expect(Object.fromEntries(labels)).toEqual({ l: '1', z: '2', w: '2B', q: '2C' });
  });
  it('the same on every desk, whatever order a desk holds them in; ties by id', () => {
    const day = [v('x2', 5, '10'), v('x1', 5, '10'), v('y', 6, '11')];
    const expected = { x1: '5', x2: '5B', y: '6' };
    expect(Object.fromEntries(queueLabels(day))).toEqual(expected);
    expect(Object.fromEntries(queueLabels([...day].reverse()))).toEqual(expected);
  });
});

describe('maskName for the waiting room', () => {
  it.each([
    ['张晓梅', '张*梅'],
    ['张丽', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['张', '张*'],
    ['  李静 ', '李*'],
    ['', '*'],
    ['Anna', 'A**a'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
  it('tells two of one surname apart (issue 21: 王*玲 / 王*), showing no more than the first and last character', () => {
    expect(maskName('王晓玲')).not.toBe(maskName('王丽'));
    expect([maskName('王晓玲'), maskName('王丽')]).toEqual(['王*玲', '王*']);
    for (const name of ['王小二', '司马相如', '𠮷野家']) {
      const chars = [...name];
      expect([...maskName(name)].slice(1, -1).join('')).toMatch(/^\*+$/);
      expect(maskName(name)).not.toContain(chars[1]!);
    }
  });
});

describe('averageMinutes', () => {
  it('rounds, and says null for none', () => {
    expect(averageMinutes([])).toBeNull();
    expect(averageMinutes([10, 15])).toBe(13);
    expect(averageMinutes([7])).toBe(7);
  });
});

describe('the waiting list order (issue 21: 「先显示仍需导医处理的客人，等得最久的在前」)', () => {
  const row = (id: string, status: VisitStatus, arrivedAt: string, waitEndedAt: string | null = null, leftAt: string | null = null) => ({ id, status, arrivedAt, waitEndedAt, leftAt });
  it('waiting first, longest wait first; then with a consultant or doctor; then who left, latest first', () => {
    const rows = [
      row('a', 'withConsultant', '2026-03-02T01:00:00.000Z', '2026-03-02T01:20:00.000Z'),
      row('b', 'triaged', '2026-03-02T01:30:00.000Z'),
      row('c', 'left', '2026-03-02T00:50:00.000Z', '2026-03-02T00:55:00.000Z', '2026-03-02T01:10:00.000Z'),
      row('d', 'arrived', '2026-03-02T01:05:00.000Z'),
      row('e', 'inTreatment', '2026-03-02T00:40:00.000Z', '2026-03-02T01:00:00.000Z'),
      row('f', 'left', '2026-03-02T00:45:00.000Z', '2026-03-02T00:50:00.000Z', '2026-03-02T01:40:00.000Z'),
    ];
    expect(waitingListOrder(rows).map((r) => r.id)).toEqual(['d', 'b', 'e', 'a', 'f', 'c']);
  });
  it('ties by id, whatever order the rows come in', () => {
    const rows = [row('y', 'triaged', '2026-03-02T01:00:00.000Z'), row('x', 'triaged', '2026-03-02T01:00:00.000Z')];
    expect(waitingListOrder(rows).map((r) => r.id)).toEqual(['x', 'y']);
    expect(waitingListOrder([...rows].reverse()).map((r) => r.id)).toEqual(['x', 'y']);
  });
});

describe('a lead undoes a 离院 (reopen, issue 21)', () => {
  const step = (at: string, status: VisitStatus | null, extra: Partial<EventFacts> = {}): EventFacts => ({ at, status, outcome: null, toStaffId: null, toName: null, ...extra });
  it('puts the visit back where it left from, with the wait as it was; a reopen of a visit not left is skipped', () => {
    const left = deriveVisit('triaged', [step('2026-11-27T02:00:00Z', 'left', { outcome: 'noPurchase' })]);
    expect(left).toMatchObject({ status: 'left', leftFrom: 'triaged', waitEndedAt: '2026-11-27T02:00:00Z' });
    const back = deriveVisit('triaged', [step('2026-11-27T02:00:00Z', 'left', { outcome: 'noPurchase' }), step('2026-11-27T02:05:00Z', 'triaged', { reopen: { by: 'lead', reason: '点错' } })]);
    expect(back).toMatchObject({ status: 'triaged', waitEndedAt: null, leftAt: null, outcome: null, leftFrom: null, reopened: { at: '2026-11-27T02:05:00Z', by: 'lead', reason: '点错' } });
    const notLeft = deriveVisit('triaged', [step('2026-11-27T02:05:00Z', 'triaged', { reopen: { by: 'lead', reason: '点错' } })]);
    expect(notLeft).toMatchObject({ status: 'triaged', reopened: null });
    const fromCare = deriveVisit('triaged', [step('2026-11-27T02:00:00Z', 'withConsultant'), step('2026-11-27T03:00:00Z', 'left', { outcome: 'surgical' }), step('2026-11-27T03:01:00Z', 'withConsultant', { reopen: { by: 'lead', reason: '还在' } })]);
    expect(fromCare).toMatchObject({ status: 'withConsultant', waitEndedAt: '2026-11-27T02:00:00Z', outcome: null });
  });
});
