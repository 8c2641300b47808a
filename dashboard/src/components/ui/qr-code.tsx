import { QRCodeSVG } from 'qrcode.react';

export function QrCode({ value, size = 128, label }: { value: string; size?: number; label: string }) {
  return (
    <div className="qr">
      <QRCodeSVG value={value} size={size} level="M" marginSize={1} title={label} role="img" aria-label={label} />
    </div>
  );
}
