import { enquiriesRefusals } from '../../shared/enquiries/refusals';
import { newIdTail } from '../../shared/ids';
import { clinicDate } from '../../shared/time';
import { checkRows, type ImportInput } from '../../shared/enquiries/importSheet';
import type { EnquiryDoc, Outcome } from '../../shared/enquiries/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { customerByPhone } from '../desk/repo';
import { requireClinic } from '../reference/repo';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { enquiryIds } from './repo';
import { readSheet } from './importFile';

/** The sheet read and checked; phones already on file link to their customer (never a second record). */
async function preview(ctx: OperatorContext, input: Pick<ImportInput, 'format' | 'data' | 'mapping'>) {
  const { rows, encoding } = await readSheet(input.format, input.data);
  const phones = new Set<string>();
  for (const r of rows.slice(1)) for (const c of r) if (/^\+?[\d\s-]{7,20}$/.test(c.trim())) phones.add(c.replace(/\D/g, ''));
  const onFile = new Map<string, string>();
  for (const p of phones) {
    const c = await customerByPhone(ctx.db, p);
    if (c) onFile.set(p, c._id);
  }
  return { ...checkRows(rows, input.mapping ?? {}, onFile), encoding };
}

/**
 * Import of booking sheets (docs/enquiries.md "Import"): `enquiry.importPreview` writes nothing;
 * `enquiry.importCommit` checks the sheet again and writes its good rows, all in one bulkDocs, as
 * enquiries of the chosen channel waiting for a call-back (待回电, within the 24 h target).
 */
export function importHandlers(requireEnquirer: (ctx: OperatorContext) => void): Pick<Handlers, 'enquiry.importPreview' | 'enquiry.importCommit'> {
  return {
    async 'enquiry.importPreview'(ctx, input) {
      requireEnquirer(ctx);
      await requireClinic(ctx.db);
      return { ...(await preview(ctx, input)), written: 0 };
    },

    async 'enquiry.importCommit'(ctx, input) {
      requireEnquirer(ctx);
      return serialised(ctx.db, async () => {
        const clinic = await requireClinic(ctx.db);
        const p = await preview(ctx, input);
        const mappingProblem = p.problems.find((x) => x.field.startsWith('mapping.'));
        if (mappingProblem) {
          const rule = mappingProblem.rule === 'noColumn' ? 'mappingMissing' : 'mappingOutside';
          throw enquiriesRefusals.refuse('invalid_input', mappingProblem.field, rule, rule === 'mappingMissing' ? { field: mappingProblem.field.slice('mapping.'.length) } : { columns: Number(mappingProblem.value) }, `${mappingProblem.field}: ${mappingProblem.reason}`);
        }
        if (p.good !== input.expectRows) throw enquiriesRefusals.refuse('conflict', 'expectRows', 'countChanged', { good: p.good, expected: input.expectRows }, `expectRows: the sheet gives ${p.good} good rows now, not ${input.expectRows}; preview again`);
        const now = ctx.now();
        const at = now.toISOString();
        const outcome: Outcome = { kind: 'callBack', at: new Date(now.getTime() + 24 * 3_600_000).toISOString() };
        const docs: EnquiryDoc[] = p.rows
          .filter((r) => r.status === 'ok')
          .map((r) => {
            const question = [r.question || r.item || '网络预约', r.wantedDate ? `希望到诊：${r.wantedDate}` : '', r.note ? `备注：${r.note}` : ''].filter(Boolean).join('；').slice(0, 2000);
            return {
              ...newMeta('enquiry', enquiryIds.enquiry(clinic.code, clinicDate(now), newIdTail(now)), clinic.code, ctx.operator._id, now),
              type: 'enquiry' as const,
              channel: input.channel,
              question,
              items: r.item ? [r.item.slice(0, 100)] : [],
              answer: '',
              recordingRef: `import:${input.fileName}#${r.row}`.slice(0, 120),
              at,
              consultantId: ctx.operator._id,
              customerId: r.existingCustomerId,
              name: r.name,
              phone: r.phone,
              contact: '',
              outcome,
              answeredAt: null,
              appointmentId: null,
              steps: [{ at, by: ctx.operator._id, answer: '', outcome }],
            };
          });
        if (docs.length) {
          const results = await ctx.db.bulkDocs(docs);
          const failed = results.find((r) => 'error' in r && r.error);
          if (failed) throw new Error(`import write failed: ${JSON.stringify(failed)}`);
        }
        return { ...p, written: docs.length };
      });
    },
  };
}
