import { useState } from 'react';
import { api } from '../api/client';
import { useText } from '../i18n/i18n';
import { channels, type Channel } from '../../shared/enquiries/schemas';
import { importFields, type ImportField, type ImportPreview, MAX_IMPORT_FILE_BASE64 } from '../../shared/enquiries/importSheet';
import { Banner, Button, Field, Select } from '../ui/ui';
import { FileButton } from '../ui/FileButton';
import { useSubmit } from '../ui/useSubmit';
import { enquiryText } from './i18n';

interface Picked {
  fileName: string;
  format: 'xlsx' | 'csv';
  data: string;
}

/** The file's bytes as base64 (the contract carries the file whole; the main process decodes it). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** How many rows the preview lists on screen (the refused ones are all listed above it). */
const SHOWN_ROWS = 50;

/**
 * 导入网络预约表: upload a .xlsx/.csv that a website or 商务通 exported, map its columns, see every
 * refused row (row, column, reason) and write the good rows only when the user confirms the count.
 */
export function ImportSheet() {
  const t = useText(enquiryText);
  const [channel, setChannel] = useState<Channel>('website');
  const [file, setFile] = useState<Picked | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<ImportField, number | null>>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [written, setWritten] = useState<number | null>(null);
  const { errors, general, busy, send } = useSubmit();

  const runPreview = (f: Picked, m: Partial<Record<ImportField, number | null>>) =>
    send(async () => {
      setPreview(null);
      const p = await api['enquiry.importPreview']({ ...f, mapping: m, channel });
      setPreview(p);
      setMapping(p.mapping as Record<ImportField, number | null>);
    });

  const pick = async (list: FileList | null) => {
    const chosen = list?.[0];
    setWritten(null);
    setPreview(null);
    if (!chosen) return;
    const format = /\.xlsx$/i.test(chosen.name) ? 'xlsx' : /\.csv$/i.test(chosen.name) ? 'csv' : null;
    if (!format) return setFileError(t.importWrongType);
    const data = await readBase64(chosen);
    if (data.length > MAX_IMPORT_FILE_BASE64) return setFileError(t.importTooLarge);
    setFileError(null);
    const f = { fileName: chosen.name.slice(-120), format, data } as const;
    setFile(f);
    setMapping({});
    await runPreview(f, {});
  };

  const commit = () =>
    file &&
    preview &&
    send(async () => {
      const done = await api['enquiry.importCommit']({ ...file, mapping, channel, expectRows: preview.good });
      setWritten(done.written);
      setPreview(null);
      setFile(null);
    });

  const mappingProblems = preview?.problems.filter((p) => p.field.startsWith('mapping.')) ?? [];
  const rowProblems = preview?.problems.filter((p) => !p.field.startsWith('mapping.')) ?? [];
  return (
    <section className="space-y-3" data-testid="enquiry-import" aria-label={t.importTitle}>
      <p className="text-sm text-slate-600">{t.importHint}</p>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t.channel}>
          {(id, db) => (
            <Select id={id} aria-describedby={db} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {t.channels[c]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t.importFile} error={fileError ?? errors.data ?? errors.fileName}>
          {(id, db) => (
            <FileButton id={id} aria-describedby={db} variant="primary" className="self-start" accept=".xlsx,.csv" data-testid="import-file" label={file ? t.importOther : t.importChoose} onChange={(e) => void pick(e.target.files)} />
          )}
        </Field>
        {file && <span className="pb-2 text-sm text-slate-700">{file.fileName}</span>}
      </div>
      {general && <Banner tone="error">{general}</Banner>}
      {errors.expectRows && <Banner tone="error">{errors.expectRows}</Banner>}
      {written !== null && <Banner tone="success">{t.importWritten(written)}</Banner>}
      {busy && <p className="text-slate-500">{t.importReading}</p>}
      {preview && file && (
        <>
          <fieldset className="rounded-lg p-3 ring-1 ring-slate-200">
            <legend className="px-1 font-semibold">{t.importMapping(t.encodings[preview.encoding] ?? preview.encoding)}</legend>
            <div className="grid grid-cols-3 gap-3">
              {importFields.map((f) => (
                <Field key={f} label={t.importFieldNames[f] ?? f} required={f === 'name' || f === 'phone'} error={errors[`mapping.${f}`]}>
                  {(id, db) => (
                    <Select
                      id={id}
                      aria-describedby={db}
                      value={mapping[f] ?? ''}
                      onChange={(e) => {
                        const next = { ...mapping, [f]: e.target.value === '' ? null : Number(e.target.value) };
                        setMapping(next);
                        void runPreview(file, next);
                      }}
                    >
                      <option value="">{t.importNoColumn}</option>
                      {preview.header.map((h, i) => (
                        <option key={i} value={i}>
                          {h || `#${i + 1}`}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
          <p className="font-medium" data-testid="import-summary">
            {t.importSummary(preview.good, preview.refused, preview.onFile)}
          </p>
          {[...mappingProblems, ...rowProblems].length > 0 && (
            <table className="w-full text-left text-sm" data-testid="import-problems">
              <caption className="mb-1 text-left font-semibold text-rose-800">{t.importRefusedTitle}</caption>
              <thead className="border-b border-slate-300 text-slate-600">
                <tr>
                  <th className="py-1 pr-2">{t.importRow}</th>
                  <th className="pr-2">{t.importColumn}</th>
                  <th>{t.importReason}</th>
                </tr>
              </thead>
              <tbody>
                {[...mappingProblems, ...rowProblems].map((p, i) => (
                  <tr key={i} className="border-b border-slate-100">
                    <td className="py-1 pr-2 tabular-nums">{p.row}</td>
                    <td className="pr-2">{p.column}</td>
                    <td>{t.importReasons(p.rule, p.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.good > 0 && (
            <table className="w-full text-left text-sm" data-testid="import-good">
              <caption className="mb-1 text-left font-semibold text-emerald-800">{t.importGoodTitle(Math.min(preview.good, SHOWN_ROWS), preview.good)}</caption>
              <thead className="border-b border-slate-300 text-slate-600">
                <tr>
                  <th className="py-1 pr-2">{t.importRow}</th>
                  <th className="pr-2">{t.name}</th>
                  <th className="pr-2">{t.phone}</th>
                  <th className="pr-2">{t.importFieldNames.item}</th>
                  <th>{t.importOnFile}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows
                  .filter((r) => r.status === 'ok')
                  .slice(0, SHOWN_ROWS)
                  .map((r) => (
                    <tr key={r.row} className="border-b border-slate-100">
                      <td className="py-1 pr-2 tabular-nums">{r.row}</td>
                      <td className="pr-2">{r.name}</td>
                      <td className="pr-2 tabular-nums">{r.phone}</td>
                      <td className="pr-2">{r.item}</td>
                      <td>{r.existingCustomerId ? t.importLinked : ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          <div className="flex gap-2">
            <Button aria-busy={busy} disabled={preview.good === 0 || mappingProblems.length > 0} onClick={() => !busy && void commit()}>
              {t.importConfirm(preview.good)}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setPreview(null);
                setFile(null);
              }}
            >
              {t.cancel}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
