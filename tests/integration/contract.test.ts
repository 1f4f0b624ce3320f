import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type OperationName } from '../../shared/contract';
import { operationNames } from '../../shared/operations';
import type { ErrorCode } from '../../shared/errors';
import { clinicDoc, staffDoc } from '../../shared/reference/schemas';
import { customerDoc, visitDoc } from '../../shared/desk/schemas';
import { inputLimit } from '../../src-main/api/dispatch';
import { CREDENTIALS_FILE } from '../../src-main/platform/secrets.node';
import { refusal, startTestApp, type TestApp } from '../support/app';
import { allValidInputs, clinicSettingsOf } from '../support/valid/all';
import { type ClinicFixture, addStaff, firstVisit, LEAD_PIN, newCustomer, seedStaff, setUpClinic, setupInput, staffInput, visitFields } from '../support/factories';

let t: TestApp;
afterEach(async () => t?.close());

/** Calls `operation` raw (any input, any session), expects a refusal and a store that did not move. */
const refused = (operation: unknown, input: unknown, session: string | null = t.session()) => refusal(t, operation, input, session);

interface BadInput {
  why: string;
  input: unknown;
  field: string;
  code?: ErrorCode;
}

async function expectAllRefused(operation: OperationName, cases: BadInput[]) {
  for (const c of cases) {
    const error = await refused(operation, c.input);
    expect({ code: error.code, field: error.field }, `${operation}: ${c.why}`).toEqual({ code: c.code ?? 'invalid_input', field: c.field });
  }
}

const long = (n: number) => '长'.repeat(n);

/** `base` with an own `__proto__` key, as JSON.parse makes it from a request body. */
function withProtoKey(base: object): unknown {
  const json = JSON.stringify(base);
  return JSON.parse(`{"__proto__":{"role":"dean","active":true}${json === '{}' ? '' : ','}${json.slice(1)}`);
}

function circular(base: object): unknown {
  const input: Record<string, unknown> = { ...base };
  input.self = input;
  return input;
}

type Fixture = ClinicFixture;
const validInputs = (f: Fixture) => allValidInputs(t, f);
const clinicSettings = () => clinicSettingsOf(t);

describe('every operation refuses malformed input, names the field and writes nothing', () => {
  it('accepts the valid inputs the cases below start from', async () => {
    t = await startTestApp();
    const valid = await validInputs(await setUpClinic(t));
    for (const operation of operationNames) {
      // Signing out, or in, at this window would end the session the other operations need.
      if (operation === 'operator.signOut') continue;
      const session = operation === 'operator.signIn' ? null : t.session();
      const result = await t.app.dispatcher.invoke(operation, valid[operation], session);
      if (operation === 'clinic.setup' || operation === 'clinic.join' || operation === 'clinic.cancelJoin' || operation === 'headoffice.setup') expect(result, operation).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // Head office's figures and reference data answer only in head-office mode (headoffice.test.ts, access.test.ts).
      else if (operation.startsWith('headoffice.') || contract[operation].auth === 'headoffice') expect(result, operation).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      else expect(result, operation).toMatchObject({ ok: true });
    }
  });

  it.each(operationNames)('%s: unknown fields (__proto__, _id, _rev), non-objects, non-JSON values, oversized input', async (operation) => {
    t = await startTestApp();
    const base = (await validInputs(await setUpClinic(t)))[operation];
    const fill = (bytes: number) => ({ ...base, pad: 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify({ ...base, pad: '' }))) });
    await expectAllRefused(operation, [
      { why: 'an unknown field', input: { ...base, unexpected: 1 }, field: 'unexpected' },
      { why: 'two unknown fields, the first named', input: { ...base, _id: 'x', _rev: '1-abc' }, field: '_id' },
      { why: 'a document id smuggled in', input: { ...base, _id: 'clinic:BJ' }, field: '_id' },
      { why: 'a revision smuggled in', input: { ...base, _rev: '1-abc' }, field: '_rev' },
      { why: '__proto__ from JSON.parse', input: withProtoKey(base), field: '__proto__' },
      { why: 'a string', input: 'hello', field: '' },
      { why: 'a number', input: 42, field: '' },
      { why: 'an array', input: [base], field: '' },
      { why: 'a function', input: () => base, field: '' },
      { why: 'a BigInt', input: 10n, field: '' },
      { why: 'a BigInt inside', input: { ...base, n: 10n }, field: '' },
      { why: 'a circular object', input: circular(base), field: '' },
      { why: 'a symbol', input: Symbol('x'), field: '' },
      // 256 KiB, or the operation's own limit (the enquiry import's, shared/op.ts maxInputBytes).
      { why: 'one byte over the limit', input: fill(inputLimit(operation) + 1), code: 'too_large', field: '' },
      { why: 'over the limit in bytes though not in characters', input: { ...base, pad: '张'.repeat(Math.ceil(inputLimit(operation) / 3) + 10) }, code: 'too_large', field: '' },
      { why: 'exactly the limit is parsed (and the pad refused)', input: fill(inputLimit(operation)), field: 'pad' },
    ]);
    expect(({} as Record<string, unknown>).role, 'Object.prototype polluted').toBeUndefined();
  });

  it('clinic.setup (on a desk not yet set up)', async () => {
    t = await startTestApp();
    const good = setupInput();
    const clinic = (c: Record<string, unknown>) => ({ ...good, clinic: { ...good.clinic, ...c } });
    const lead = (l: Record<string, unknown>) => ({ ...good, lead: { ...good.lead, ...l } });
    const { code: _code, ...noCode } = good.clinic;
    await expectAllRefused('clinic.setup', [
      { why: 'empty input', input: {}, field: 'clinic' },
      { why: 'no lead', input: { clinic: good.clinic }, field: 'lead' },
      { why: 'no clinic code', input: { ...good, clinic: noCode }, field: 'clinic.code' },
      { why: 'code of the wrong type', input: clinic({ code: 12 }), field: 'clinic.code' },
      { why: 'code in lower case', input: clinic({ code: 'bj' }), field: 'clinic.code' },
      { why: 'code too long', input: clinic({ code: 'BJXYZ' }), field: 'clinic.code' },
      { why: 'name over 40', input: clinic({ name: long(41) }), field: 'clinic.name' },
      { why: 'blank name', input: clinic({ name: '   ' }), field: 'clinic.name' },
      { why: 'control character in the name', input: clinic({ name: '北京\u0000院' }), field: 'clinic.name' },
      { why: 'inHeadOfficeCity not a boolean', input: clinic({ inHeadOfficeCity: 'yes' }), field: 'clinic.inHeadOfficeCity' },
      { why: 'no departments', input: clinic({ departments: [] }), field: 'clinic.departments' },
      { why: 'over 50 departments', input: clinic({ departments: Array.from({ length: 51 }, (_, i) => `科${i}`) }), field: 'clinic.departments' },
      { why: 'a department name repeats', input: clinic({ departments: ['整形外科', '整形外科'] }), field: 'clinic.departments' },
      { why: 'department name over 20', input: clinic({ departments: [long(21)] }), field: 'clinic.departments.0' },
      { why: 'control character in a department', input: clinic({ departments: ['整形\u0007外科'] }), field: 'clinic.departments.0' },
      { why: 'an id smuggled into the clinic', input: clinic({ _id: 'clinic:SH' }), field: 'clinic._id' },
      { why: 'PIN too short', input: lead({ pin: '123' }), field: 'lead.pin' },
      { why: 'PIN too long', input: lead({ pin: '123456789' }), field: 'lead.pin' },
      { why: 'PIN as a number', input: lead({ pin: 1234 }), field: 'lead.pin' },
      { why: 'a guide cannot be the first lead', input: lead({ role: 'guide' }), field: 'lead.role' },
      { why: 'lead name over 20', input: lead({ name: long(21) }), field: 'lead.name' },
      { why: 'lead sex unknown', input: lead({ sex: 'X' }), field: 'lead.sex' },
      { why: 'a revision smuggled into the lead', input: lead({ _rev: '1-abc' }), field: 'lead._rev' },
      { why: '__proto__ in the lead', input: { ...good, lead: withProtoKey(good.lead) }, field: 'lead.__proto__' },
    ]);
    expect((await t.anon['app.status']({})).setupDone).toBe(false);
  });

  it('clinic.update', async () => {
    t = await startTestApp();
    const good = (await validInputs(await setUpClinic(t)))['clinic.update'] as { departments: { id: string; name: string; active: boolean }[] };
    const [first, ...rest] = good.departments;
    const dept = (d: Record<string, unknown>) => ({ ...good, departments: [{ ...first, ...d }, ...rest] });
    const { active: _active, ...noActive } = first!;
    await expectAllRefused('clinic.update', [
      { why: 'empty input', input: {}, field: 'name' },
      { why: 'name over 40', input: { ...good, name: long(41) }, field: 'name' },
      { why: 'control character in the name', input: { ...good, name: 'a\u001bb' }, field: 'name' },
      { why: 'wait alert 0', input: { ...good, waitAlertMinutes: 0 }, field: 'waitAlertMinutes' },
      { why: 'wait alert over 240', input: { ...good, waitAlertMinutes: 241 }, field: 'waitAlertMinutes' },
      { why: 'wait alert fractional', input: { ...good, waitAlertMinutes: 1.5 }, field: 'waitAlertMinutes' },
      { why: 'wait alert as text', input: { ...good, waitAlertMinutes: '15' }, field: 'waitAlertMinutes' },
      { why: 'no departments', input: { ...good, departments: [] }, field: 'departments' },
      { why: 'department id with spaces', input: dept({ id: 'Plastic Surgery' }), field: 'departments.0.id' },
      { why: 'department id over 32', input: dept({ id: 'a'.repeat(33) }), field: 'departments.0.id' },
      { why: 'department name over 20', input: dept({ name: long(21) }), field: 'departments.0.name' },
      { why: 'department without active', input: { ...good, departments: [noActive, ...rest] }, field: 'departments.0.active' },
      { why: 'a revision in a department', input: dept({ _rev: '1-abc' }), field: 'departments.0._rev' },
      { why: 'department ids repeat', input: { ...good, departments: [first, first, ...rest] }, field: 'departments' },
      { why: 'a department removed', input: { ...good, departments: rest }, field: 'departments' },
    ]);
  });

  it('staff.list, staff.add, staff.update', async () => {
    t = await startTestApp();
    const valid = await validInputs(await setUpClinic(t));
    await expectAllRefused('staff.list', [{ why: 'includeInactive as text', input: { includeInactive: 'yes' }, field: 'includeInactive' }]);

    const add = valid['staff.add'];
    const { pin: _pin, ...noPin } = add;
    await expectAllRefused('staff.add', [
      { why: 'empty input', input: {}, field: 'name' },
      { why: 'name over 20', input: { ...add, name: long(21) }, field: 'name' },
      { why: 'terminal escape in the name', input: { ...add, name: '\u001b[31m红' }, field: 'name' },
      { why: 'sex unknown', input: { ...add, sex: 'X' }, field: 'sex' },
      { why: 'role unknown', input: { ...add, role: 'boss' }, field: 'role' },
      { why: 'departmentId over 32', input: { ...add, departmentId: 'a'.repeat(33) }, field: 'departmentId' },
      { why: 'no such department', input: { ...add, departmentId: 'nope' }, field: 'departmentId' },
      { why: 'no pin field', input: noPin, field: 'pin' },
      { why: 'PIN with letters', input: { ...add, pin: '12ab' }, field: 'pin' },
      { why: 'PIN as a number', input: { ...add, pin: 1234 }, field: 'pin' },
    ]);

    const update = valid['staff.update'];
    await expectAllRefused('staff.update', [
      { why: 'empty input', input: {}, field: 'id' },
      { why: 'empty id', input: { ...update, id: '' }, field: 'id' },
      { why: 'id over 80', input: { ...update, id: 'x'.repeat(81) }, field: 'id' },
      { why: 'no such staff', input: { ...update, id: 'staff:BJ:nobody' }, code: 'not_found', field: 'id' },
      { why: 'the id of a document that is not staff', input: { ...update, id: 'clinic:BJ' }, code: 'not_found', field: 'id' },
      { why: 'active as text', input: { ...update, active: 'no' }, field: 'active' },
      { why: 'PIN with letters', input: { ...update, pin: 'abcd' }, field: 'pin' },
      { why: 'no such department', input: { ...update, departmentId: 'nope' }, field: 'departmentId' },
    ]);
  });

  it('operator.signIn', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    await expectAllRefused('operator.signIn', [
      { why: 'empty input', input: {}, field: 'staffId' },
      { why: 'staffId over 80', input: { staffId: 'x'.repeat(81), pin: LEAD_PIN }, field: 'staffId' },
      { why: 'no PIN', input: { staffId: f.lead.id }, field: 'pin' },
      { why: 'PIN too short', input: { staffId: f.lead.id, pin: '12' }, field: 'pin' },
      { why: 'PIN with a control character', input: { staffId: f.lead.id, pin: '12\u000034' }, field: 'pin' },
      { why: 'no such staff', input: { staffId: 'staff:BJ:nobody', pin: LEAD_PIN }, code: 'not_found', field: 'staffId' },
      { why: 'staff without a PIN', input: { staffId: f.consultant.id, pin: LEAD_PIN }, code: 'not_found', field: 'staffId' },
    ]);
  });

  it('customer.search and desk.waitingList', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    await expectAllRefused('customer.search', [
      { why: 'empty input', input: {}, field: 'query' },
      { why: 'empty query', input: { query: '' }, field: 'query' },
      { why: 'blank query', input: { query: '   ' }, field: 'query' },
      { why: 'query over 40', input: { query: '1'.repeat(41) }, field: 'query' },
      { why: 'query as a number', input: { query: 5678 }, field: 'query' },
      { why: 'limit 0', input: { query: '5678', limit: 0 }, field: 'limit' },
      { why: 'limit over 50', input: { query: '5678', limit: 51 }, field: 'limit' },
      { why: 'limit fractional', input: { query: '5678', limit: 2.5 }, field: 'limit' },
      { why: 'limit as text', input: { query: '5678', limit: '10' }, field: 'limit' },
    ]);
    await expectAllRefused('desk.waitingList', [
      { why: 'impossible date', input: { date: '2026-02-30' }, field: 'date' },
      { why: 'date in another spelling', input: { date: '27/11/2026' }, field: 'date' },
      { why: 'date as a number', input: { date: 20261127 }, field: 'date' },
      { why: 'a huge date', input: { date: '2026-11-27'.repeat(1000) }, field: 'date' },
    ]);
  });

  it('desk.checkIn', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const good = firstVisit();
    const customer = (c: Record<string, unknown>) => ({ ...good, customer: { new: { ...newCustomer(), ...c } } });
    const visit = (v: Record<string, unknown>) => ({ ...good, visit: { ...good.visit, ...v } });
    const { departmentId: _d, ...noDepartment } = good.visit;
    const { directed: _dir, ...noDirected } = newCustomer();
    await expectAllRefused('desk.checkIn', [
      { why: 'empty input', input: {}, field: 'customer' },
      { why: 'no visit', input: { customer: good.customer }, field: 'visit' },
      { why: 'customer neither id nor new', input: { ...good, customer: {} }, field: 'customer' },
      { why: 'customer both id and new', input: { ...good, customer: { id: 'customer:BJ:x', new: newCustomer() } }, field: 'customer' },
      { why: 'empty customer id', input: { ...good, customer: { id: '' } }, field: 'customer.id' },
      { why: 'customer id over 80', input: { ...good, customer: { id: 'x'.repeat(81) } }, field: 'customer.id' },
      { why: 'no such customer', input: { ...good, customer: { id: 'customer:BJ:nobody' } }, code: 'not_found', field: 'customer.id' },
      { why: 'blank name', input: customer({ name: ' ' }), field: 'customer.new.name' },
      { why: 'name over 30', input: customer({ name: long(31) }), field: 'customer.new.name' },
      { why: 'control character in the name', input: customer({ name: '张\u0008三' }), field: 'customer.new.name' },
      { why: 'sex unknown', input: customer({ sex: 'X' }), field: 'customer.new.sex' },
      { why: 'impossible birth date', input: customer({ birthDate: '1990-02-30' }), field: 'customer.new.birthDate' },
      { why: 'birth date in another spelling', input: customer({ birthDate: '1990-1-1' }), field: 'customer.new.birthDate' },
      { why: 'neither age nor birth date', input: customer({ age: null, birthDate: null }), field: 'customer.new.age' },
      { why: 'negative age', input: customer({ age: -1 }), field: 'customer.new.age' },
      { why: 'age over 120', input: customer({ age: 121 }), field: 'customer.new.age' },
      { why: 'age as text', input: customer({ age: '30' }), field: 'customer.new.age' },
      { why: 'phone too short', input: customer({ phone: '12' }), field: 'customer.new.phone' },
      { why: 'phone with letters', input: customer({ phone: '139abcd5678' }), field: 'customer.new.phone' },
      { why: 'phone over 15 digits', input: customer({ phone: '1'.repeat(16) }), field: 'customer.new.phone' },
      { why: 'phone as a number', input: customer({ phone: 13912345678 }), field: 'customer.new.phone' },
      { why: 'NUL in the phone', input: customer({ phone: '139\u000012345678' }), field: 'customer.new.phone' },
      { why: 'address over 120', input: customer({ address: long(121) }), field: 'customer.new.address' },
      { why: 'source unknown', input: customer({ source: 'tiktok' }), field: 'customer.new.source' },
      { why: 'no directed part', input: { ...good, customer: { new: noDirected } }, field: 'customer.new.directed' },
      { why: 'directed field over 200', input: customer({ directed: { priceComparison: long(201) } }), field: 'customer.new.directed.priceComparison' },
      { why: 'control character in a directed field', input: customer({ directed: { personType: 'a\u007f' } }), field: 'customer.new.directed.personType' },
      { why: 'unknown directed field', input: customer({ directed: { salary: '高' } }), field: 'customer.new.directed.salary' },
      { why: 'member tier chosen at the door', input: customer({ tier: 'A' }), field: 'customer.new.tier' },
      { why: 'search keys supplied', input: customer({ search: ['x'] }), field: 'customer.new.search' },
      { why: 'an id for the new customer', input: customer({ _id: 'customer:BJ:mine' }), field: 'customer.new._id' },
      { why: '__proto__ in the new customer', input: { ...good, customer: { new: withProtoKey(newCustomer()) } }, field: 'customer.new.__proto__' },
      { why: 'no department', input: { ...good, visit: noDepartment }, field: 'visit.departmentId' },
      { why: 'no such department', input: visit({ departmentId: 'nope' }), field: 'visit.departmentId' },
      { why: 'department id over 32', input: visit({ departmentId: 'a'.repeat(33) }), field: 'visit.departmentId' },
      { why: 'hasAppointment as text', input: visit({ hasAppointment: 'yes' }), field: 'visit.hasAppointment' },
      { why: 'blank intention', input: visit({ intention: '' }), field: 'visit.intention' },
      { why: 'intention over 200', input: visit({ intention: long(201) }), field: 'visit.intention' },
      { why: 'concerns over 500', input: visit({ concerns: long(501) }), field: 'visit.concerns' },
      { why: 'course over 500', input: visit({ course: long(501) }), field: 'visit.course' },
      { why: 'control character in the history', input: visit({ history: '过敏\u0001' }), field: 'visit.history' },
      { why: 'consultantId over 80', input: visit({ consultantId: 'x'.repeat(81) }), field: 'visit.consultantId' },
      { why: 'no such consultant', input: visit({ consultantId: 'staff:BJ:nobody' }), field: 'visit.consultantId' },
      { why: 'a status chosen by the caller', input: visit({ status: 'done' }), field: 'visit.status' },
      { why: 'an arrival time chosen by the caller', input: visit({ arrivedAt: '2020-01-01T00:00:00Z' }), field: 'visit.arrivedAt' },
      { why: 'who registered chosen by the caller', input: visit({ createdBy: 'staff:BJ:someone' }), field: 'visit.createdBy' },
    ]);
  });

  it('sync.status, sync.configure, sync.disconnect, sync.retry, sync.conflicts, sync.resolveConflict', async () => {
    t = await startTestApp();
    const valid = await validInputs(await setUpClinic(t));
    const configure = (c: Record<string, unknown>) => ({ ...valid['sync.configure'], ...c });
    const resolve = (c: Record<string, unknown>) => ({ ...valid['sync.resolveConflict'], ...c });
    const cases: Record<Extract<OperationName, `sync.${string}`>, BadInput[]> = {
      'sync.status': [{ why: 'a flag it does not take', input: { refresh: true }, field: 'refresh' }],
      'sync.configure': [
        { why: 'empty input', input: {}, field: 'url' },
        { why: 'credentials in the address', input: configure({ url: 'http://desk_bj:pw@127.0.0.1:5984' }), field: 'url' },
        { why: 'a user name alone in the address', input: configure({ url: 'https://desk_bj@couch.example.com' }), field: 'url' },
        { why: 'a javascript: address', input: configure({ url: 'javascript:alert(1)' }), field: 'url' },
        { why: 'a file: address', input: configure({ url: 'file:///etc/passwd' }), field: 'url' },
        { why: 'an ftp: address', input: configure({ url: 'ftp://couch.example.com' }), field: 'url' },
        { why: 'a query string', input: configure({ url: 'http://127.0.0.1:5984/?x=1' }), field: 'url' },
        { why: 'a fragment', input: configure({ url: 'http://127.0.0.1:5984/#k' }), field: 'url' },
        { why: 'not an address', input: configure({ url: 'couch server' }), field: 'url' },
        { why: 'an address over 200 characters', input: configure({ url: `http://${'a'.repeat(200)}.com` }), field: 'url' },
        { why: 'the address as a number', input: configure({ url: 5984 }), field: 'url' },
        { why: 'a user name with a space', input: configure({ username: 'desk bj' }), field: 'username' },
        { why: 'a user name with a colon (it would split Basic auth)', input: configure({ username: 'desk:bj' }), field: 'username' },
        { why: 'a blank user name', input: configure({ username: '   ' }), field: 'username' },
        { why: 'a user name over 64', input: configure({ username: 'd'.repeat(65) }), field: 'username' },
        { why: 'no password', input: configure({ password: '' }), field: 'password' },
        { why: 'a password over 128', input: configure({ password: 'p'.repeat(129) }), field: 'password' },
        { why: 'a password as a number', input: configure({ password: 1234 }), field: 'password' },
      ],
      'sync.disconnect': [{ why: 'a flag it does not take', input: { keepData: false }, field: 'keepData' }],
      'sync.retry': [{ why: 'a flag it does not take', input: { now: true }, field: 'now' }],
      'sync.conflicts': [{ why: 'a filter it does not take', input: { type: 'staff' }, field: 'type' }],
      'sync.resolveConflict': [
        { why: 'empty input', input: {}, field: 'id' },
        { why: 'an empty id', input: resolve({ id: '' }), field: 'id' },
        { why: 'an id over 200', input: resolve({ id: 'x'.repeat(201) }), field: 'id' },
        { why: 'no revision to keep', input: { id: 'staff:BJ:x' }, field: 'keepRev' },
        { why: 'a revision over 100', input: resolve({ keepRev: `1-${'a'.repeat(99)}` }), field: 'keepRev' },
        { why: 'a revision that is not a leaf', input: resolve({ keepRev: '1-cccccccccccccccccccccccccccccccc' }), code: 'not_found', field: 'keepRev' },
        { why: 'a record without a conflict', input: resolve({ id: 'clinic:BJ', keepRev: '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), code: 'not_found', field: 'id' },
      ],
    };
    for (const [operation, list] of Object.entries(cases)) await expectAllRefused(operation as OperationName, list);
    // Nothing reached the credential store.
    expect(existsSync(join(t.dir, CREDENTIALS_FILE))).toBe(false);
  });

  it('sync.configure before the clinic is set up is a conflict', async () => {
    t = await startTestApp();
    const input = { url: 'http://127.0.0.1:9', username: 'desk_bj', password: 'pw' };
    // Needs an admin, and before set-up nobody can sign in: call the handler's own check directly.
    const { syncHandlers } = await import('../../src-main/sync/handlers');
    const ctx = { db: t.app.store.db, sync: t.app.sync } as unknown as Parameters<(typeof syncHandlers)['sync.configure']>[0];
    await expect(syncHandlers['sync.configure'](ctx, input)).rejects.toMatchObject({ code: 'conflict', message: 'set up the clinic first' });
    expect(existsSync(join(t.dir, CREDENTIALS_FILE))).toBe(false);
  });

  it('lists every field at fault, each unknown field by its own name', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const error = await refused('staff.add', { ...staffInput({ name: '' }), _id: 'staff:BJ:mine', _rev: '1-abc' });
    expect(error.issues?.map((i) => i.field).sort()).toEqual(['_id', '_rev', 'name']);
  });

  it('an unknown operation name is refused, whatever it is', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    for (const name of ['nope', '', 'desk.checkin', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined, {}, ['desk.checkIn']]) {
      const error = await refused(name, firstVisit());
      expect(error.code, String(name)).toBe('unknown_operation');
    }
  });
});

describe('who may call what', () => {
  it('operator operations need someone signed in', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    for (const [operation, input] of [
      ['customer.search', { query: '5678' }],
      ['desk.checkIn', firstVisit()],
      ['desk.waitingList', {}],
      ['clinic.update', { name: 'x', inHeadOfficeCity: true, departments: [], waitAlertMinutes: 5 }],
      ['staff.add', staffInput()],
      ['sync.status', {}],
      ['sync.retry', {}],
      ['sync.conflicts', {}],
      ['sync.configure', { url: 'http://127.0.0.1:9', username: 'desk_bj', password: 'pw' }],
    ] as const) {
      expect((await refused(operation, input, null)).code, operation).toBe('not_signed_in');
      expect((await refused(operation, input, 'not-a-session')).code, operation).toBe('not_signed_in');
    }
  });

  it('admin operations refuse a guide', async () => {
    t = await startTestApp();
    const { consultant } = await setUpClinic(t);
    const clinic = await clinicSettings();
    const guide = await addStaff(t, { role: 'guide', pin: '5678' });
    await t.signIn(guide.id, '5678');
    const attempts = [
      ['clinic.update', { ...clinic, name: '改名' }],
      ['staff.add', staffInput({ role: 'dean', pin: '0000' })],
      ['staff.update', { id: guide.id, name: guide.name, sex: 'F', role: 'dean', departmentId: null, active: true, pin: null }],
      ['staff.update', { id: consultant.id, name: '李咨询', sex: 'F', role: 'consultant', departmentId: null, active: false, pin: null }],
      ['sync.configure', { url: 'http://127.0.0.1:9', username: 'desk_bj', password: 'pw' }],
      ['sync.disconnect', {}],
      ['sync.resolveConflict', { id: consultant.id, keepRev: '1-abc' }],
    ] as const;
    for (const [operation, input] of attempts) expect((await refused(operation, input)).code, operation).toBe('forbidden');
    // …while the desk work itself is hers to do, and so is seeing how sync goes
    await expect(t.api['desk.waitingList']({})).resolves.toEqual([]);
    await expect(t.api['sync.status']({})).resolves.toMatchObject({ state: 'off' });
  });

  it("a deactivated operator's session stops working", async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { role: 'guide', pin: '5678' });
    const guideSession = (await t.anon['operator.signIn']({ staffId: guide.id, pin: '5678' })).session;
    expect(await t.app.dispatcher.invoke('desk.waitingList', {}, guideSession)).toMatchObject({ ok: true });

    await t.api['staff.update']({ id: guide.id, name: guide.name, sex: 'F', role: 'guide', departmentId: null, active: false, pin: null });
    expect((await refused('desk.waitingList', {}, guideSession)).code).toBe('not_signed_in');
    expect((await refused('desk.checkIn', firstVisit(), guideSession)).code).toBe('not_signed_in');
    expect(await t.app.dispatcher.invoke('app.status', {}, guideSession)).toMatchObject({ ok: true, data: { operator: null } });
    expect(await refused('operator.signIn', { staffId: guide.id, pin: '5678' }, null)).toMatchObject({ code: 'not_found', field: 'staffId' });
  });

  it('signing out ends the session', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    await t.api['operator.signOut']({});
    expect((await refused('desk.waitingList', {})).code).toBe('not_signed_in');
  });
});

describe('PIN sign-in', () => {
  it('names the PIN on a wrong one, locks after five, and opens again after five minutes', async () => {
    t = await startTestApp();
    const { lead } = await setUpClinic(t);
    const guide = await addStaff(t, { pin: '5678' });
    for (let i = 1; i <= 4; i++) expect(await refused('operator.signIn', { staffId: guide.id, pin: '0000' }, null), `try ${i}`).toMatchObject({ code: 'invalid_input', field: 'pin' });
    expect(await refused('operator.signIn', { staffId: guide.id, pin: '0000' }, null)).toMatchObject({ code: 'locked', field: 'pin' });
    // Locked even with the right PIN; another staff member is not.
    expect(await refused('operator.signIn', { staffId: guide.id, pin: '5678' }, null)).toMatchObject({ code: 'locked', field: 'pin' });
    await expect(t.anon['operator.signIn']({ staffId: lead.id, pin: LEAD_PIN })).resolves.toMatchObject({ operator: { id: lead.id } });

    t.clock.advance(4);
    expect(await refused('operator.signIn', { staffId: guide.id, pin: '5678' }, null)).toMatchObject({ code: 'locked' });
    t.clock.advance(2);
    await expect(t.anon['operator.signIn']({ staffId: guide.id, pin: '5678' })).resolves.toMatchObject({ operator: { id: guide.id } });
  });

  it('after a lock runs out, a wrong PIN is just wrong again (not locked)', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { pin: '5678' });
    for (let i = 0; i < 5; i++) await refused('operator.signIn', { staffId: guide.id, pin: '0000' }, null);
    t.clock.advance(6);
    expect(await refused('operator.signIn', { staffId: guide.id, pin: '0000' }, null)).toMatchObject({ code: 'invalid_input', field: 'pin' });
    await expect(t.anon['operator.signIn']({ staffId: guide.id, pin: '5678' })).resolves.toMatchObject({ operator: { id: guide.id } });
  });
});

describe('reference rules', () => {
  it('set-up twice is a conflict, and so is a set-up racing another', async () => {
    t = await startTestApp();
    await t.anon['clinic.setup'](setupInput());
    expect(await refused('clinic.setup', setupInput({ code: 'SH' }), null)).toMatchObject({ code: 'conflict' });
    expect(await refused('clinic.setup', setupInput(), null)).toMatchObject({ code: 'conflict' });
  });

  it('two set-ups submitted at once make one clinic and one lead', async () => {
    t = await startTestApp();
    const results = await Promise.allSettled([t.anon['clinic.setup'](setupInput()), t.anon['clinic.setup'](setupInput({ code: 'SH' }))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    const all = await t.app.store.db.allDocs();
    expect(all.rows.filter((r) => r.id.startsWith('clinic:'))).toHaveLength(1);
    expect(all.rows.filter((r) => r.id.startsWith('staff:'))).toHaveLength(1);
  });

  it('staff.update keeps the PIN when pin is null and replaces it when given', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { name: '赵导医', pin: '5678' });
    const hash = (await t.app.store.db.get<{ pinHash: string }>(guide.id)).pinHash;
    const renamed = await t.api['staff.update']({ id: guide.id, name: '赵晓', sex: 'F', role: 'guide', departmentId: null, active: true, pin: null });
    expect(renamed).toMatchObject({ name: '赵晓', canSignIn: true });
    expect((await t.app.store.db.get<{ pinHash: string }>(guide.id)).pinHash).toBe(hash);
    await expect(t.anon['operator.signIn']({ staffId: guide.id, pin: '5678' })).resolves.toBeTruthy();

    await t.api['staff.update']({ id: guide.id, name: '赵晓', sex: 'F', role: 'guide', departmentId: null, active: true, pin: '9999' });
    expect(await refused('operator.signIn', { staffId: guide.id, pin: '5678' }, null)).toMatchObject({ code: 'invalid_input', field: 'pin' });
    await expect(t.anon['operator.signIn']({ staffId: guide.id, pin: '9999' })).resolves.toBeTruthy();
  });

  it('nobody can deactivate themselves', async () => {
    t = await startTestApp();
    const { lead } = await setUpClinic(t);
    const input = { id: lead.id, name: lead.name, sex: lead.sex, role: lead.role, departmentId: null, active: false, pin: null };
    expect(await refused('staff.update', input)).toMatchObject({ code: 'invalid_input', field: 'active' });
    await expect(t.api['desk.waitingList']({})).resolves.toEqual([]);
  });

  it('a department can be made inactive but not removed', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const clinic = await clinicSettings();
    expect(await refused('clinic.update', { ...clinic, departments: clinic.departments.filter((d) => d.id !== 'skin') })).toMatchObject({ code: 'invalid_input', field: 'departments' });
    const updated = await t.api['clinic.update']({ ...clinic, departments: clinic.departments.map((d) => (d.id === 'skin' ? { ...d, active: false } : d)) });
    expect(updated.departments.find((d) => d.id === 'skin')).toMatchObject({ active: false });
  });
});

describe('check-in rules', () => {
  it('a duplicate phone is a conflict naming the existing customer, however it is typed', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const first = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    for (const phone of ['13912345678', '139-1234-5678', ' 139 1234 5678 ']) {
      const error = await refused('desk.checkIn', firstVisit({ name: '张小梅', phone }));
      expect(error, phone).toMatchObject({ code: 'conflict', field: 'customer.new.phone', detail: { existingId: first.customerId } });
    }
  });

  it('two check-ins of one new phone submitted at once make one customer', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const input = firstVisit({ phone: '13800001111' });
    const results = await Promise.allSettled([t.api['desk.checkIn'](input), t.api['desk.checkIn'](input)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    const customers = await t.app.store.db.allDocs({ startkey: 'customer:', endkey: 'customer:\ufff0' });
    expect(customers.rows).toHaveLength(1);
  });

  it('triage goes to a consultant or doctor of that department only', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const skinConsultant = await addStaff(t, { name: '皮肤咨询', role: 'consultant', departmentId: 'skin' });
    const guide = await addStaff(t, { name: '导医', role: 'guide', departmentId: 'plastic-surgery' });
    const doctor = await addStaff(t, { name: '刘医生', role: 'doctor', departmentId: 'plastic-surgery' });
    expect(await refused('desk.checkIn', firstVisit({}, { consultantId: skinConsultant.id }))).toMatchObject({ code: 'invalid_input', field: 'visit.consultantId' });
    expect(await refused('desk.checkIn', firstVisit({}, { consultantId: guide.id }))).toMatchObject({ code: 'invalid_input', field: 'visit.consultantId' });
    const visit = await t.api['desk.checkIn'](firstVisit({}, { consultantId: doctor.id }));
    expect(visit).toMatchObject({ consultantId: doctor.id, consultantName: '刘医生', departmentName: '整形外科' });
  });

  it('an inactive consultant or an inactive department takes nobody', async () => {
    t = await startTestApp();
    const { consultant } = await setUpClinic(t);
    await t.api['staff.update']({ id: consultant.id, name: consultant.name, sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', active: false, pin: null });
    expect(await refused('desk.checkIn', firstVisit({}, { consultantId: consultant.id }))).toMatchObject({ code: 'invalid_input', field: 'visit.consultantId' });

    const clinic = await clinicSettings();
    await t.api['clinic.update']({ ...clinic, departments: clinic.departments.map((d) => (d.id === 'skin' ? { ...d, active: false } : d)) });
    expect(await refused('desk.checkIn', firstVisit({}, { departmentId: 'skin' }))).toMatchObject({ code: 'invalid_input', field: 'visit.departmentId' });
    await expect(t.api['desk.checkIn'](firstVisit({}, { departmentId: 'injection' }))).resolves.toMatchObject({ departmentName: '微整注射' });
  });

  it('a returning customer checks in by id: not a first visit, no second record, counted by search', async () => {
    t = await startTestApp();
    const { lead } = await setUpClinic(t);
    const first = await t.api['desk.checkIn'](firstVisit({ name: '陈静', phone: '13700002222' }));
    expect(first.firstVisit).toBe(true);
    expect(await t.api['customer.search']({ query: '陈静' })).toMatchObject([{ id: first.customerId, visitCount: 1, lastVisitAt: first.arrivedAt, arrivedToday: true }]);

    t.clock.advance(60 * 24 * 7); // a week later: the session has idled out, so she signs in again
    await t.signIn(lead.id, LEAD_PIN);
    // A week later she has not arrived yet today (issue 21: the lookup row's 今日已到).
    expect(await t.api['customer.search']({ query: '陈静' })).toMatchObject([{ id: first.customerId, visitCount: 1, arrivedToday: false }]);
    const again = await t.api['desk.checkIn']({ customer: { id: first.customerId }, visit: visitFields({ intention: '复诊' }) });
    expect(again).toMatchObject({ customerId: first.customerId, customerName: '陈静', firstVisit: false });
    const customers = await t.app.store.db.allDocs({ startkey: 'customer:', endkey: 'customer:\ufff0' });
    expect(customers.rows).toHaveLength(1);
    expect(await t.api['customer.search']({ query: '2222' })).toMatchObject([{ id: first.customerId, visitCount: 2, lastVisitAt: again.arrivedAt, arrivedToday: true }]);
  });

  it('a visit id is not a customer id', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const visit = await t.api['desk.checkIn'](firstVisit());
    expect(await refused('desk.checkIn', { customer: { id: visit.id }, visit: visitFields() })).toMatchObject({ code: 'not_found', field: 'customer.id' });
  });

  it("the waiting list is one clinic day's, in order of arrival", async () => {
    t = await startTestApp({ now: new Date('2026-11-26T15:58:00Z') }); // 23:58 on the 26th in the clinic
    await setUpClinic(t);
    const late = await t.api['desk.checkIn'](firstVisit({ name: '夜间' }));
    t.clock.advance(3); // 00:01 on the 27th
    const names = ['甲', '乙', '丙'];
    for (const name of names) {
      await t.api['desk.checkIn'](firstVisit({ name }));
      t.clock.advance(5);
    }
    expect((await t.api['desk.waitingList']({})).map((v) => v.customerName)).toEqual(names);
    expect((await t.api['desk.waitingList']({ date: '2026-11-27' })).map((v) => v.customerName)).toEqual(names);
    expect((await t.api['desk.waitingList']({ date: '2026-11-26' })).map((v) => v.id)).toEqual([late.id]);
    expect(await t.api['desk.waitingList']({ date: '2026-11-28' })).toEqual([]);
  });
});

describe('every document says what it is, whose clinic, and who made and changed it when', () => {
  it('clinic, staff, customer and visit documents carry type, schemaVersion, clinic and who/when', async () => {
    const start = new Date('2026-11-27T02:00:00Z');
    t = await startTestApp({ now: start });
    const { lead, consultant } = await setUpClinic(t);
    t.clock.advance(10);
    const visit = await t.api['desk.checkIn'](firstVisit({}, { consultantId: consultant.id }));
    const db = t.app.store.db;

    const stamps = (by: string, at: Date) => ({ schemaVersion: 1, clinic: 'BJ', createdBy: by, createdAt: at.toISOString(), updatedBy: by, updatedAt: at.toISOString() });
    const clinic = clinicDoc.parse(await db.get('clinic:BJ'));
    expect(clinic).toMatchObject({ type: 'clinic', ...stamps(lead.id, start) });
    const leadDoc = staffDoc.parse(await db.get(lead.id));
    expect(leadDoc).toMatchObject({ type: 'staff', ...stamps(lead.id, start), schemaVersion: 2 });
    expect(leadDoc.pinHash).toMatch(/^scrypt\$/);
    expect(staffDoc.parse(await db.get(consultant.id))).toMatchObject({ type: 'staff', ...stamps(lead.id, start), schemaVersion: 2 });
    const tenPast = new Date(start.getTime() + 10 * 60_000);
    expect(customerDoc.parse(await db.get(visit.customerId))).toMatchObject({ type: 'customer', ...stamps(lead.id, tenPast) });
    expect(visitDoc.parse(await db.get(visit.id))).toMatchObject({ type: 'visit', ...stamps(lead.id, tenPast), triagedBy: lead.id, triagedAt: tenPast.toISOString() });
  });

  it('a change moves updatedAt/By to the new operator and keeps createdAt/By', async () => {
    const start = new Date('2026-11-27T02:00:00Z');
    t = await startTestApp({ now: start });
    const { lead, consultant } = await setUpClinic(t);
    const dean = await seedStaff(t, { name: '孙院长', role: 'dean', pin: '2468' });
    await t.signIn(dean.id, '2468');
    t.clock.advance(30);
    const later = t.clock.now.toISOString();
    await t.api['staff.update']({ id: consultant.id, name: '李咨询师', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', active: true, pin: null });
    await t.api['clinic.update']({ ...(await clinicSettings()), waitAlertMinutes: 20 });

    const db = t.app.store.db;
    const changed = { createdBy: lead.id, createdAt: start.toISOString(), updatedBy: dean.id, updatedAt: later };
    expect(staffDoc.parse(await db.get(consultant.id))).toMatchObject({ name: '李咨询师', ...changed });
    expect(clinicDoc.parse(await db.get('clinic:BJ'))).toMatchObject({ waitAlertMinutes: 20, ...changed });
  });
});
