import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (opts: { formats: string[] }) => Detector;

/**
 * Reads one QR code with the device's camera: the browser's BarcodeDetector where there is one, else jsQR on the
 * video's frames (loaded only then). Calls `onRead` with the text once, then stops the camera. A USB scanner
 * needs none of this: it types into the page's focused field.
 */
export function QrScanner({ onRead, onClose }: { onRead: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const read = useRef(onRead);
  useEffect(() => {
    read.current = onRead;
  }, [onRead]);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = async () => {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      const v = video.current;
      if (!v || stopped) return;
      v.srcObject = stream;
      await v.play();
      const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
      const detector = Native ? new Native({ formats: ['qr_code'] }) : null;
      const jsQR = detector ? null : (await import('jsqr')).default;
      const canvas = document.createElement('canvas');
      const tick = async () => {
        if (stopped) return;
        let text: string | undefined;
        if (detector) text = (await detector.detect(v).catch(() => []))[0]?.rawValue;
        else if (jsQR && v.videoWidth > 0) {
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          const g = canvas.getContext('2d', { willReadFrequently: true });
          if (g) {
            g.drawImage(v, 0, 0);
            const frame = g.getImageData(0, 0, canvas.width, canvas.height);
            text = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data;
          }
        }
        if (text && !stopped) {
          stopped = true;
          read.current(text);
          return;
        }
        timer = setTimeout(() => void tick(), 150);
      };
      void tick();
    };
    start().catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <div className="stack card" data-testid="qr-scanner">
      {failed ? (
        <p className="notice notice-warn" role="alert">
          {t('venue.cameraFailed')}
        </p>
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', maxHeight: '50vh', background: '#000' }} />
      )}
      <div>
        <button type="button" className="btn" onClick={onClose}>
          {t('venue.cameraClose')}
        </button>
      </div>
    </div>
  );
}
