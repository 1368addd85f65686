import type { CallSession, RemoteMediaState } from '../call/CallSession';
import { describeOutcome, outcomeTone } from '../call/CallOutcome';
import type { CallPhase, EndReason } from '../call/CallStateMachine';
import type { Quality } from '../call/ConnectionQuality';
import { canChooseSpeaker, listDevices, openMedia } from '../call/LocalMedia';
import { asSecureCallError, describe } from '../errors';
import { clear, h, notice } from './dom';

/**
 * The call screen: remote video, local preview, the call's state, connection quality, honest mute and camera
 * toggles (the other side's state comes over the call's own data channel), device selection with hot-plug, hang-up.
 */
export function inCallView(session: CallSession, peerName: string, onClose: () => void, onCallAgain?: () => void): { element: HTMLElement; dispose: () => void } {
  const remote = h('video', { class: 'remote-video', autoplay: true, playsinline: true, id: 'remote-video', 'aria-label': `${peerName}'s video` });
  const local = h('video', { class: 'local-video', autoplay: true, playsinline: true, muted: true, id: 'local-video', 'aria-label': 'Your video' });
  local.srcObject = session.localStream;
  const state = h('p', { class: 'call-state', id: 'call-state', role: 'status', 'data-phase': session.phase.phase, 'data-call-id': session.callId }, describeOutcome(session.phase));
  const quality = h('span', { class: 'quality quality-unknown', id: 'call-quality', role: 'img', 'aria-label': 'Connection quality: unknown' }, h('span', { 'aria-hidden': 'true' }, '▂▄▆'));
  const remoteFlags = h('p', { class: 'remote-flags', id: 'remote-media', 'aria-live': 'polite' });
  const mic = h('button', { class: 'button toggle', type: 'button', id: 'toggle-mic', 'aria-pressed': 'false' }, 'Mute');
  const cam = h('button', { class: 'button toggle', type: 'button', id: 'toggle-camera', 'aria-pressed': 'false' }, 'Camera off');
  const hang = h('button', { class: 'button decline', type: 'button', id: 'hang-up' }, 'Hang up');
  const cameraSelect = h('select', { id: 'camera-select', 'aria-label': 'Camera' });
  const micSelect = h('select', { id: 'mic-select', 'aria-label': 'Microphone' });
  const speakerSelect = h('select', { id: 'speaker-select', 'aria-label': 'Speaker', hidden: !canChooseSpeaker() });
  const problems = h('div', { class: 'status-area', 'aria-live': 'polite' });

  mic.addEventListener('click', () => {
    const on = !session.localMedia.audio;
    session.setMicrophone(on);
    mic.setAttribute('aria-pressed', String(!on));
    mic.textContent = on ? 'Mute' : 'Unmute';
  });
  cam.addEventListener('click', () => {
    const on = !session.localMedia.video;
    session.setCamera(on);
    cam.setAttribute('aria-pressed', String(!on));
    cam.textContent = on ? 'Camera off' : 'Camera on';
  });
  hang.addEventListener('click', () => void session.hangUp());

  const switchDevice = async (kind: 'audio' | 'video', deviceId: string): Promise<void> => {
    // An ended call has a closed connection: swapping a track there only yields a browser error to show.
    if (session.phase.phase === 'ended') return;
    try {
      const stream = await openMedia(kind === 'audio' ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId }, width: 640, height: 480 } });
      await session.replaceTrack(stream.getTracks()[0]!);
      local.srcObject = session.localStream;
    } catch (error) {
      clear(problems, notice('error', describe(asSecureCallError(error))));
    }
  };
  cameraSelect.addEventListener('change', () => void switchDevice('video', cameraSelect.value));
  micSelect.addEventListener('change', () => void switchDevice('audio', micSelect.value));
  speakerSelect.addEventListener('change', () => {
    const sinkable = remote as HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> };
    void sinkable.setSinkId?.(speakerSelect.value).catch((e: unknown) => clear(problems, notice('error', describe(asSecureCallError(e)))));
  });

  const refreshDevices = async (): Promise<void> => {
    const devices = await listDevices();
    const current = (kind: 'audio' | 'video') => session.localStream.getTracks().find((t) => t.kind === kind)?.getSettings().deviceId;
    fill(cameraSelect, devices.cameras, current('video'), 'Camera');
    fill(micSelect, devices.microphones, current('audio'), 'Microphone');
    fill(speakerSelect, devices.speakers, undefined, 'Speaker');
    // A device that was unplugged: fall back to the first one still there.
    const cam0 = devices.cameras[0];
    if (cam0 && current('video') && !devices.cameras.some((d) => d.deviceId === current('video'))) void switchDevice('video', cam0.deviceId);
    const mic0 = devices.microphones[0];
    if (mic0 && current('audio') && !devices.microphones.some((d) => d.deviceId === current('audio'))) void switchDevice('audio', mic0.deviceId);
  };
  void refreshDevices();
  navigator.mediaDevices.addEventListener('devicechange', refreshDevices);

  const close = h('button', { class: 'button', type: 'button', id: 'close-call', hidden: true }, 'Back to contacts');
  close.addEventListener('click', onClose);
  const again = h('button', { class: 'button primary', type: 'button', id: 'call-again', hidden: true }, 'Call again');
  if (onCallAgain) again.addEventListener('click', onCallAgain);

  const secure = h('span', { class: 'secure-chip', id: 'call-security', hidden: true }, 'Encrypted peer to peer · their signature verified');
  const showCheck = (): void => {
    secure.hidden = session.phase.phase === 'ended' || !(session.peerCheck && session.peerCheck.signatureValid && session.peerCheck.fingerprintMatches);
  };
  showCheck();
  const devices = h('details', { class: 'devices' }, h('summary', {}, 'Devices'), h('div', { class: 'device-row' }, cameraSelect, micSelect, speakerSelect));
  const stage = h('div', { class: 'stage' }, remote, local);
  const outcome = h('div', { class: 'call-outcome', hidden: true, 'aria-hidden': 'true' },
    h('div', { class: 'avatar avatar-large' }, peerName.slice(0, 1).toUpperCase()), h('p', {}, peerName));
  const offs = [
    session.on('check', showCheck),
    session.on('localStream', (stream) => {
      local.srcObject = stream;
      void refreshDevices();
    }),
    session.on('remoteStream', (stream) => {
      if (remote.srcObject !== stream) remote.srcObject = stream;
    }),
    session.on('phase', (phase: CallPhase) => {
      state.textContent = describeOutcome(phase);
      state.dataset.phase = phase.phase;
      state.dataset.reason = phase.phase === 'ended' ? phase.reason : '';
      if (phase.phase === 'ended') {
        // A normal ending (hung up, declined, no answer) reads neutral; only a fault is shown as an error.
        state.dataset.tone = outcomeTone(phase.reason);
        // Nothing left to control or measure: no stale quality bars, no empty video boxes; who it was with, and
        // what to do next.
        for (const control of [hang, mic, cam, secure, quality, stage, devices]) control.hidden = true;
        remoteFlags.textContent = '';
        remote.srcObject = null;
        local.srcObject = null;
        outcome.hidden = false;
        close.hidden = false;
        // Whoever placed a call that never got through can try again from here.
        again.hidden = !onCallAgain || !RetryReasons.has(phase.reason);
        (again.hidden ? close : again).focus();
      }
    }),
    session.on('quality', (q: Quality) => {
      if (session.phase.phase === 'ended') return;
      quality.className = `quality quality-${q}`;
      quality.setAttribute('aria-label', `Connection quality: ${q}`);
      quality.dataset.quality = q;
    }),
    session.on('remoteMedia', (m: RemoteMediaState) => {
      remoteFlags.dataset.audio = String(m.audio);
      remoteFlags.dataset.video = String(m.video);
      remoteFlags.textContent = [!m.audio && `${peerName} is muted`, !m.video && `${peerName}'s camera is off`].filter(Boolean).join(' · ');
    }),
  ];

  const element = h('section', { class: 'in-call', 'aria-label': `Call with ${peerName}` },
    h('div', { class: 'call-header' }, h('h2', {}, peerName), state, secure, quality),
    stage,
    outcome,
    remoteFlags,
    problems,
    h('div', { class: 'call-controls' }, mic, cam, hang, again, close),
    devices);
  return {
    element,
    dispose: () => {
      offs.forEach((off) => off());
      navigator.mediaDevices.removeEventListener('devicechange', refreshDevices);
    },
  };
}

/** Endings after which calling again makes sense: the call never got through. */
const RetryReasons: ReadonlySet<EndReason> = new Set<EndReason>(['unreachable', 'missed', 'busy', 'rejected', 'failed', 'error']);

function fill(select: HTMLSelectElement, devices: MediaDeviceInfo[], selected: string | undefined, label: string): void {
  clear(select, ...devices.map((d, i) => h('option', { value: d.deviceId, selected: d.deviceId === selected }, d.label || `${label} ${i + 1}`)));
}
