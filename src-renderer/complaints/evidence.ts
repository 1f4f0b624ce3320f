import { api } from '../api/client';
import { MAX_VIDEO_BYTES, VIDEO_CHUNK_BYTES, videoMimes, type EvidenceFile } from '../../shared/complaints/schemas';

/** The contract carries evidence as base64 under the 256 KiB input limit: photos are shrunk here first. */
const MAX_BASE64 = 230_000;

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

async function shrinkImage(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  for (const [side, quality] of [
    [1600, 0.82],
    [1280, 0.75],
    [1024, 0.7],
    [800, 0.65],
    [640, 0.6],
  ] as const) {
    const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const data = canvas.toDataURL('image/jpeg', quality).split(',')[1] ?? '';
    if (data.length <= MAX_BASE64) return data;
  }
  throw new Error('too large');
}

/** A picked file as the contract takes it, or the reason it cannot go ('type' | 'size'). */
export async function toEvidence(file: File): Promise<EvidenceFile | 'type' | 'size'> {
  if (file.type === 'application/pdf') {
    const data = (await readAsDataUrl(file)).split(',')[1] ?? '';
    return data.length > MAX_BASE64 ? 'size' : { name: file.name.slice(0, 100), mime: 'application/pdf', data };
  }
  if (!file.type.startsWith('image/')) return 'type';
  try {
    const data = await shrinkImage(file);
    return { name: file.name.replace(/\.[^.]+$/, '').slice(0, 95) + '.jpg', mime: 'image/jpeg', data };
  } catch {
    return 'size';
  }
}

/** Sends a video to a case in pieces under the contract's input limit, then attaches it whole. */
export async function uploadVideo(caseId: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  if (file.size > MAX_VIDEO_BYTES) throw new Error('size');
  const mime = (videoMimes as readonly string[]).includes(file.type) ? (file.type as (typeof videoMimes)[number]) : 'video/mp4';
  const uploadId = `v-${crypto.randomUUID()}`.slice(0, 40).toLowerCase();
  const bytes = new Uint8Array(await file.arrayBuffer());
  for (let index = 0, at = 0; at < bytes.length; index++, at += VIDEO_CHUNK_BYTES) {
    const piece = bytes.subarray(at, at + VIDEO_CHUNK_BYTES);
    let binary = '';
    for (const b of piece) binary += String.fromCharCode(b);
    await api['complaint.uploadChunk']({ uploadId, index, data: btoa(binary) });
    onProgress(Math.min(bytes.length, at + VIDEO_CHUNK_BYTES));
  }
  await api['complaint.attachVideo']({ id: caseId, uploadId, name: file.name.slice(0, 100), mime });
}

export function isVideo(file: File): boolean {
  return file.type.startsWith('video/') || /\.(mp4|mov|webm)$/i.test(file.name);
}
