import { useEffect, useRef, useState } from 'react';
import { useText } from '../i18n/i18n';
import { Banner, Button } from '../ui/ui';
import { inspectionText } from './i18n';

/**
 * The laptop camera: a live picture and a shutter. The still goes through the same resizing as a
 * file. Where there is no camera (or it is refused) the inspector picks a file instead.
 */
export function Camera({ onShot, onClose }: { onShot(file: File): void; onClose(): void }) {
  const t = useText(inspectionText);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let alive = true;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1280 }, facingMode: 'environment' }, audio: false })
      .then((s) => {
        if (!alive) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        if (videoRef.current) {
          videoRef.current.srcObject = s;
          void videoRef.current.play().then(() => alive && setReady(true));
        }
      })
      .catch(() => alive && setFailed(true));
    if (!navigator.mediaDevices) queueMicrotask(() => alive && setFailed(true));
    return () => {
      alive = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const shoot = () => {
    const video = videoRef.current;
    if (!video || !video.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    canvas.toBlob((blob) => blob && onShot(new File([blob], 'camera.jpg', { type: 'image/jpeg' })), 'image/jpeg', 0.9);
  };

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/60" role="dialog" aria-modal="true" aria-label={t.camera} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="w-[44rem] space-y-3 rounded-xl bg-white p-4 shadow-xl">
        {failed && <Banner tone="error">{t.noCamera}</Banner>}
        <video ref={videoRef} muted playsInline className="aspect-video w-full rounded bg-slate-900" data-testid="camera-video" />
        <div className="flex justify-end gap-2">
          <Button disabled={!ready} onClick={shoot} autoFocus>
            {t.shoot}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t.close}
          </Button>
        </div>
      </div>
    </div>
  );
}
