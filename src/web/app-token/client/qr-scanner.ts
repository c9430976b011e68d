// The camera and the browser's own BarcodeDetector (no third-party decoder). Where either is missing the
// scan button stays hidden and the challenge digits are typed instead.

interface DetectedBarcode {
  readonly rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorConstructor | null {
  const found = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  return found ?? null;
}

export function canScan(): boolean {
  return detectorClass() !== null && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

let stream: MediaStream | null = null;
let scanning = false;

export function stopScan(video: HTMLVideoElement): void {
  scanning = false;
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = null;
  video.srcObject = null;
  video.hidden = true;
}

/** Resolves with the first QR code's text, or null when the camera could not be opened or the scan was stopped. */
export async function scanQr(video: HTMLVideoElement): Promise<string | null> {
  const Detector = detectorClass();
  if (Detector === null) return null;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    return null;
  }
  video.srcObject = stream;
  video.hidden = false;
  await video.play().catch(() => undefined);
  const detector = new Detector({ formats: ['qr_code'] });
  scanning = true;
  while (scanning) {
    const codes = await detector.detect(video).catch(() => []);
    const first = codes[0];
    if (first !== undefined) {
      stopScan(video);
      return first.rawValue;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}
