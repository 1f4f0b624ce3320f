import { describe, expect, it } from 'vitest';
import { visibleTo } from '../../shared/desk/visibility';
import { matchesCustomer } from '../../shared/desk/rules';

const answer = {
  hits: [{ id: 'c1', phone: '13987654321', exactPhone: true, vip: { hostId: null, drinks: '龙井', snacks: '', note: '' } }],
  conflict: { winner: { fields: { name: '林', phone: '13987654321', directed: { priceComparison: '比过三家' } } } },
  visit: { customerPhone: '13987654321', patientPhone: '13800001234', source: 'phone', count: 3 },
};

describe('visibleTo: any answer as a role may see it', () => {
  it('masks every …phone field, empties directed data and leaves VIP care out, at any depth', () => {
    expect(visibleTo('doctor', answer)).toEqual({
      hits: [{ id: 'c1', phone: '139****4321', exactPhone: true, vip: null }],
      conflict: { winner: { fields: { name: '林', phone: '139****4321', directed: {} } } },
      visit: { customerPhone: '139****4321', patientPhone: '138****1234', source: 'phone', count: 3 },
    });
  });

  it('a guide keeps VIP care, a consultant directed data, leads everything; nobody signed in sees the least', () => {
    expect(visibleTo('guide', answer).hits[0]!.vip).toEqual(answer.hits[0]!.vip);
    expect(visibleTo('guide', answer).conflict.winner.fields.directed).toEqual({});
    expect(visibleTo('consultant', answer).conflict.winner.fields).toMatchObject({ phone: '139****4321', directed: { priceComparison: '比过三家' } });
    expect(visibleTo('guideLead', answer)).toEqual(answer);
    expect(visibleTo(null, answer).visit.customerPhone).toBe('139****4321');
  });

  it('an already masked phone stays as it is', () => {
    expect(visibleTo('guide', { phone: '139****4321' })).toEqual({ phone: '139****4321' });
  });
});

describe('phone reach', () => {
  const c = { search: [], phone: '13987654321' };
  it('anywhere for full-phone roles; the last four or the whole number for the rest', () => {
    expect(matchesCustomer('8765', c)).toBe(true);
    expect(matchesCustomer('8765', c, 'tailOrWhole')).toBe(false);
    expect(matchesCustomer('54321', c, 'tailOrWhole')).toBe(false);
    expect(matchesCustomer('4321', c, 'tailOrWhole')).toBe(true);
    expect(matchesCustomer('13987654321', c, 'tailOrWhole')).toBe(true);
  });
});
