import { ClientErrorCode, SecureCallError } from '../errors';

/** Camera and microphone for a call: opening, device switching, and mapping browser errors to clear codes. */
export async function openMedia(constraints: MediaStreamConstraints = { audio: true, video: { width: 640, height: 480 } }): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new SecureCallError(ClientErrorCode.Unsupported, 'This browser cannot use a camera here (a secure context — https or localhost — is required).');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    throw mediaError(error);
  }
}

export function mediaError(error: unknown): SecureCallError {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new SecureCallError(ClientErrorCode.CameraDenied, 'Camera access was denied.');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new SecureCallError(ClientErrorCode.CameraMissing, 'No camera was found.');
    case 'NotReadableError':
    case 'AbortError':
      return new SecureCallError(ClientErrorCode.CameraInUse, 'The camera could not be started.');
    default:
      return new SecureCallError(ClientErrorCode.Internal, error instanceof Error ? error.message : String(error));
  }
}

export interface Devices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
}

export async function listDevices(): Promise<Devices> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: all.filter((d) => d.kind === 'videoinput'),
    microphones: all.filter((d) => d.kind === 'audioinput'),
    speakers: all.filter((d) => d.kind === 'audiooutput'),
  };
}

/** Whether this browser can route audio output to a chosen speaker. */
export const canChooseSpeaker = (): boolean => 'setSinkId' in HTMLMediaElement.prototype;
