import { describe, expect, it } from 'vitest';
import { checksProblem, defaultTeaChecklist, isRefillDue, newItemId, partyProblem, refillDueAt, serveOrder, suggestSeniority, teaAsk, teaState } from '../../shared/tea/rules';

const at = (m: number) => new Date(Date.UTC(2026, 10, 27, 2, m)).toISOString();

describe('the checklist of DOMAIN.md §2', () => {
  it('has the 13 items with unique ids', () => {
    expect(defaultTeaChecklist).toHaveLength(13);
    expect(new Set(defaultTeaChecklist.map((i) => i.id)).size).toBe(13);
    expect(defaultTeaChecklist[0]!.text).toContain('八分满');
    expect(defaultTeaChecklist[12]!.text).toContain('倒退几步');
  });
});

describe('who is asked first', () => {
  it('new visitor: seat, then serve; returning: ask first', () => {
    expect(teaAsk(true)).toBe('serveAfterSeating');
    expect(teaAsk(false)).toBe('askFirst');
  });
});

describe('teaState from events', () => {
  it('pending without events', () => expect(teaState([])).toEqual({ state: 'pending', firstCupAt: null, lastCupAt: null, refills: 0 }));
  it('served, then refills move the last cup', () => {
    expect(teaState([{ kind: 'refill', at: at(30) }, { kind: 'served', at: at(5) }, { kind: 'refill', at: at(20) }])).toEqual({ state: 'served', firstCupAt: at(5), lastCupAt: at(30), refills: 2 });
  });
  it('a refill before any cup does not count', () => expect(teaState([{ kind: 'refill', at: at(1) }])).toMatchObject({ state: 'pending', refills: 0, lastCupAt: null }));
  it('declined, and a cup after all', () => {
    expect(teaState([{ kind: 'declined', at: at(1) }]).state).toBe('declined');
    expect(teaState([{ kind: 'declined', at: at(1) }, { kind: 'served', at: at(9) }]).state).toBe('served');
  });
});

describe('refill due', () => {
  const now = new Date(at(20));
  it('due at last cup + interval, exactly at the boundary', () => {
    expect(refillDueAt(at(5), 15)).toBe(at(20));
    expect(isRefillDue(at(5), 15, now, true)).toBe(true);
    expect(isRefillDue(at(6), 15, now, true)).toBe(false);
  });
  it('not without a cup, not once the visitor stopped waiting', () => {
    expect(refillDueAt(null, 15)).toBeNull();
    expect(isRefillDue(null, 15, now, true)).toBe(false);
    expect(isRefillDue(at(0), 15, now, false)).toBe(false);
  });
  it('follows the clinic interval', () => {
    expect(isRefillDue(at(0), 20, now, true)).toBe(true);
    expect(isRefillDue(at(0), 25, now, true)).toBe(false);
  });
});

describe('seniority order of a party', () => {
  it('tier first (A first), then the elder, then as given', () => {
    expect(
      suggestSeniority([
        { visitId: 'young-d', tier: 'D', age: 25 },
        { visitId: 'none-old', tier: null, age: 70 },
        { visitId: 'b', tier: 'B', age: 30 },
        { visitId: 'old-d', tier: 'D', age: 60 },
        { visitId: 'a', tier: 'A', age: 20 },
        { visitId: 'd-unknown-age', tier: 'D', age: null },
        { visitId: 'young-d-2', tier: 'D', age: 25 },
      ]),
    ).toEqual(['a', 'b', 'old-d', 'young-d', 'young-d-2', 'd-unknown-age', 'none-old']);
  });
  it('party problems', () => {
    expect(partyProblem(['x'])).toMatch(/at least two/);
    expect(partyProblem(['x', 'x'])).toMatch(/twice/);
    expect(partyProblem(['x', 'y'])).toBeNull();
  });
  it('serveOrder keeps a party together in its order, at its earliest member', () => {
    const tasks = [
      { visitId: 'a', arrivedAt: at(1) },
      { visitId: 'b', arrivedAt: at(2) },
      { visitId: 'c', arrivedAt: at(3) },
      { visitId: 'd', arrivedAt: at(4) },
    ];
    expect(serveOrder(tasks, [['d', 'b']]).map((t) => t.visitId)).toEqual(['a', 'd', 'b', 'c']);
    expect(serveOrder(tasks, []).map((t) => t.visitId)).toEqual(['a', 'b', 'c', 'd']);
    expect(serveOrder(tasks, [['c', 'gone', 'a']]).map((t) => t.visitId)).toEqual(['c', 'a', 'b', 'd']);
  });
});

describe('checks of one serving', () => {
  const items = defaultTeaChecklist.slice(0, 3);
  it('every item once', () => {
    expect(checksProblem(items, items.map((i) => ({ itemId: i.id })))).toBeNull();
    expect(checksProblem(items, [{ itemId: items[0]!.id }])).toEqual({ index: -1, message: expect.stringContaining('2 missing') as unknown as string });
    expect(checksProblem(items, [{ itemId: items[0]!.id }, { itemId: items[0]!.id }])).toEqual({ index: 1, message: 'listed twice' });
    expect(checksProblem(items, [{ itemId: 'nope' }])).toEqual({ index: 0, message: 'not an item of this checklist version' });
  });
  it('new item ids do not collide', () => {
    expect(newItemId(new Set(['a', 'b']))).toBe('item-3');
    expect(newItemId(new Set(['item-2', 'b']))).toBe('item-3');
    expect(newItemId(new Set(['item-1', 'item-2']))).toBe('item-3');
    expect(newItemId(new Set(['item-3', 'x']))).toBe('item-4');
  });
});
