import { describe, expect, it } from 'vitest';
import { answerDueAt, appointmentSourceOf, dueState, entryMissing, funnelRows, sheetScore, type FunnelFacts } from '../../shared/enquiries/rules';

const at = '2026-11-27T02:00:00.000Z'; // 10:00 in the clinic
const h = (n: number) => new Date(new Date(at).getTime() + n * 3_600_000);

describe('the answer target', () => {
  it('seed 000 "客户咨询与投诉的响应时间不超过24小时": due 24 h after it was asked, overdue after', () => {
    const e = { at, outcome: { kind: 'referred' as const, doctorId: 'd', doctorName: '孙' }, answeredAt: null };
    expect(answerDueAt(e)).toBe(h(24).toISOString());
    expect(dueState(e, h(1))).toBe('open');
    expect(dueState(e, h(22))).toBe('due');
    expect(dueState(e, h(24))).toBe('due');
    expect(dueState(e, h(24.01))).toBe('overdue');
    expect(dueState({ ...e, answeredAt: h(30).toISOString() }, h(40))).toBe('answered');
  });
  it('待回电: due at the agreed time, not at 24 h', () => {
    const e = { at, outcome: { kind: 'callBack' as const, at: h(3).toISOString() }, answeredAt: null };
    expect(answerDueAt(e)).toBe(h(3).toISOString());
    expect(dueState(e, h(0.5))).toBe('open');
    expect(dueState(e, h(1.5))).toBe('due');
    expect(dueState(e, h(3.5))).toBe('overdue');
  });
  it('the appointment source follows the channel', () => {
    expect(['phone', 'wechat', 'qq', 'swt', 'website', 'messageBoard', 'email'].map((c) => appointmentSourceOf(c as never))).toEqual(['phone', 'wechat', 'online', 'online', 'online', 'online', 'online']);
  });
});

describe('the funnel (seed 002 第六部分: 咨询数量、问题回答量、客户预约量、成功率)', () => {
  const e = (o: Partial<FunnelFacts>): FunnelFacts => ({ at, consultantId: 'a', channel: 'swt', answeredAt: at, appointmentId: null, ...o });
  const names = new Map([
    ['a', '赵网咨'],
    ['b', '钱电咨'],
  ]);
  const list = [
    e({ appointmentId: 'p1' }),
    e({ appointmentId: 'p2' }),
    e({ answeredAt: null }),
    e({ answeredAt: new Date(h(1)).toISOString() }),
    e({ consultantId: 'b', channel: 'phone', appointmentId: 'p3' }),
    e({ at: '2026-11-30T02:00:00.000Z', appointmentId: 'p4' }), // Monday of the next ISO week
  ];
  const arrived = new Set(['p1', 'p3', 'p4', 'not-an-enquiry-booking']);

  it('per day, consultant and channel: 咨询量, answered, 预约量, 到诊量, 成功率 = arrivals / enquiries and appointments / enquiries', () => {
    const { rows, total } = funnelRows(list, arrived, 'day', names);
    expect(rows.map((r) => [r.period, r.consultantName, r.channel, r.enquiries, r.answered, r.appointments, r.arrivals, r.arrivalRate, r.bookingRate, r.answerMinutes])).toEqual([
      ['2026-11-27', '钱电咨', 'phone', 1, 1, 1, 1, 1, 1, 0],
      ['2026-11-27', '赵网咨', 'swt', 4, 3, 2, 1, 0.25, 0.5, 20],
      ['2026-11-30', '赵网咨', 'swt', 1, 1, 1, 1, 1, 1, 0],
    ]);
    expect(total).toEqual({ enquiries: 6, answered: 5, appointments: 4, arrivals: 3, arrivalRate: 0.5, bookingRate: 0.667, answerMinutes: 12, checked: 0, faulty: 0, errorRate: null });
  });
  it('出错或遗漏率 (seed 002 咨询员考核指标: 「出错或遗漏率」) from the leader’s spot checks: faulty (wrong or incomplete) / checked', () => {
    const ids = list.map((x, i) => ({ ...x, _id: `enquiry:BJ:2026-11-27:${i}` }));
    const checks = new Map([
      ['enquiry:BJ:2026-11-27:0', 'wrong'],
      ['enquiry:BJ:2026-11-27:1', 'ok'],
      ['enquiry:BJ:2026-11-27:2', 'incomplete'],
      ['enquiry:BJ:2026-11-27:4', 'ok'],
    ] as const);
    const { rows, total } = funnelRows(ids, arrived, 'day', names, checks);
    expect(rows.map((r) => [r.consultantName, r.channel, r.checked, r.faulty, r.errorRate])).toEqual([
      ['钱电咨', 'phone', 1, 0, 0],
      ['赵网咨', 'swt', 3, 2, 0.667],
      ['赵网咨', 'swt', 0, 0, null],
    ]);
    expect(total).toMatchObject({ checked: 4, faulty: 2, errorRate: 0.5 });
  });
  it('per ISO week and per month: the same enquiries grouped by the period of their clinic day', () => {
    expect(funnelRows(list, arrived, 'week', names).rows.map((r) => [r.period, r.consultantId, r.enquiries])).toEqual([
      ['2026-W48', 'b', 1],
      ['2026-W48', 'a', 4],
      ['2026-W49', 'a', 1],
    ]);
    expect(funnelRows(list, arrived, 'month', names).rows.map((r) => [r.period, r.consultantId, r.enquiries])).toEqual([
      ['2026-11', 'b', 1],
      ['2026-11', 'a', 5],
    ]);
  });
  it('no enquiries: no rows and no rates', () => {
    expect(funnelRows([], arrived, 'day', names)).toEqual({ rows: [], total: { enquiries: 0, answered: 0, appointments: 0, arrivals: 0, arrivalRate: null, bookingRate: null, answerMinutes: null, checked: 0, faulty: 0, errorRate: null } });
  });
  it('a clinic day is Asia/Shanghai: 23:30 UTC is the next morning', () => {
    expect(funnelRows([e({ at: '2026-11-27T23:30:00.000Z' })], arrived, 'day', names).rows[0]!.period).toBe('2026-11-28');
  });
});

describe('the daily sheet score (seed 002 「关于考核表」)', () => {
  it('每天考核表填写完善 一次加1分, 上报及时 一次加1分', () => {
    expect(sheetScore({ complete: true, reported: true, onTime: true, wrong: false })).toBe(2);
  });
  it('填写不合格 一次扣2分', () => {
    expect(sheetScore({ complete: false, reported: true, onTime: true, wrong: false })).toBe(-1);
  });
  it('填写有误 一次扣2分', () => {
    expect(sheetScore({ complete: true, reported: true, onTime: true, wrong: true })).toBe(0);
  });
  it('上报不及时 一次扣2分 (a sheet never reported is late too)', () => {
    expect(sheetScore({ complete: true, reported: true, onTime: false, wrong: false })).toBe(-1);
    expect(sheetScore({ complete: true, reported: false, onTime: true, wrong: false })).toBe(-1);
    expect(sheetScore({ complete: false, reported: false, onTime: false, wrong: true })).toBe(-6);
  });
  it('an entry is complete with who, how to reach them, the question, items, the answer; a phone call also its recording (录音)', () => {
    const entry = { channel: 'swt' as const, name: '周晓', phone: '13600001111', contact: '', question: '恢复多久？', items: ['双眼皮'], answer: '七天拆线', outcome: { kind: 'answered' as const }, recordingRef: '' };
    expect(entryMissing(entry)).toEqual([]);
    expect(entryMissing({ ...entry, channel: 'phone' })).toEqual(['recordingRef']);
    expect(entryMissing({ ...entry, phone: '', items: [], answer: '' })).toEqual(['contact', 'items', 'answer']);
    expect(entryMissing({ ...entry, answer: '', outcome: { kind: 'callBack', at } })).toEqual([]);
  });
});
