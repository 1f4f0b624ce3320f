/**
 * Photos from the laptop camera or a file, made small before they travel: at most 1280 px on the
 * long side, JPEG, under ~150 KB (main refuses anything over 180 KB or that is not an image, and
 * the contract's input limit is 256 KiB of base64).
 */
const MAX_SIDE = 1280;
const TARGET_BYTES = 150 * 1024;

export class PhotoError extends Error {
  constructor(readonly reason: 'notImage' | 'tooBig') {
    super(reason);
  }
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** The photo as base64 JPEG, resized and compressed until it fits. */
export async function preparePhoto(file: File): Promise<string> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) throw new PhotoError('notImage');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PhotoError('notImage');
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  let width = Math.max(1, Math.round(bitmap.width * scale));
  let height = Math.max(1, Math.round(bitmap.height * scale));
  for (let attempt = 0; attempt < 8; attempt++) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    for (const quality of [0.82, 0.7, 0.55, 0.4]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= TARGET_BYTES) return blobToBase64(blob);
    }
    width = Math.round(width * 0.75);
    height = Math.round(height * 0.75);
  }
  throw new PhotoError('tooBig');
}
