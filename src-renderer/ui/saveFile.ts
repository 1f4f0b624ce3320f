import type { ExportFile } from '../../shared/headoffice/schemas';

/** Saves a file the main process made (an .xlsx, a .zip) through the browser's download. */
export function saveFile(file: ExportFile) {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
