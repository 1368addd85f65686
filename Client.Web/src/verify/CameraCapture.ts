import { openMedia } from '../call/LocalMedia';

/** Largest frame sent for proof of life; the server caps frames at 512 KiB. */
export const MaxWidth = 640;
export const MaxHeight = 480;
const JpegQuality = 0.8;

/** The camera for proof of life: a preview stream and JPEG frames (≤ 640×480) drawn through a canvas. */
export class CameraCapture {
  private readonly canvas = document.createElement('canvas');

  private constructor(readonly stream: MediaStream, private readonly video: HTMLVideoElement) {}

  static async open(video: HTMLVideoElement): Promise<CameraCapture> {
    const stream = await openMedia({ audio: false, video: { width: { ideal: MaxWidth }, height: { ideal: MaxHeight }, facingMode: 'user' } });
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play().catch(() => {});
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      await new Promise<void>((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));
    }
    return new CameraCapture(stream, video);
  }

  /**
   * Resolves when the camera presents its next frame (or after `timeoutMs`, so a stalled camera does not stall the
   * caller). Grabbing on each new frame, instead of on a timer, never skips a camera frame nor sends one twice while
   * the server keeps up: a short movement such as a blink is seen in every frame the camera took of it.
   */
  nextFrame(timeoutMs = 250): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      if ('requestVideoFrameCallback' in this.video) this.video.requestVideoFrameCallback(done);
      else setTimeout(done, 1000 / 30);
    });
  }

  /** The current frame as JPEG bytes, or undefined when the camera has no frame yet. */
  async grab(): Promise<Uint8Array | undefined> {
    const { videoWidth: w, videoHeight: h } = this.video;
    if (!w || !h) return undefined;
    const scale = Math.min(1, MaxWidth / w, MaxHeight / h);
    this.canvas.width = Math.round(w * scale);
    this.canvas.height = Math.round(h * scale);
    this.canvas.getContext('2d')!.drawImage(this.video, 0, 0, this.canvas.width, this.canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => this.canvas.toBlob(resolve, 'image/jpeg', JpegQuality));
    return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
  }

  close(): void {
    this.stream.getTracks().forEach((t) => t.stop());
    this.video.srcObject = null;
  }
}
