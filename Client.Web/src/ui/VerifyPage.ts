import { assurance } from '../api/TokenClaims';
import { asSecureCallError, describe } from '../errors';
import { CameraCapture } from '../verify/CameraCapture';
import { VerificationSession, type Progress } from '../verify/VerificationSession';
import { resultHint } from '../verify/resultHint';
import { preferredProtocol } from '../signaling/HubFactory';
import type { App } from './App';
import { clear, h, notice } from './dom';
import type { Page } from './Router';

/**
 * Proof of life: camera preview with a face guide, the current challenge as one big instruction (announced to
 * screen readers), live hints from the server, progress and the countdown, then the server's decision.
 */
const decidedByServer = 'The server made this decision from your camera frames and your enrolled face; this browser only shows it.';

export function verifyPage(app: App): Page {
  const faceUnlock = !!app.claims?.amr.includes('live');
  const heading = h('h1', {}, faceUnlock ? 'Face unlock' : 'Prove you are live');
  const video = h('video', { class: 'preview', autoplay: true, muted: true, playsinline: true, 'aria-label': 'Your camera' });
  const guide = h('div', { class: 'face-guide', 'aria-hidden': 'true' });
  const cameraBox = h('div', { class: 'camera', 'data-state': 'idle' }, video, guide,
    h('p', { class: 'camera-idle', 'aria-hidden': 'true' }, 'Your camera starts when you press Start'));
  const instruction = h('p', { class: 'instruction', 'aria-live': 'assertive', id: 'instruction' }, 'Press Start when your face is in good light.');
  const hint = h('p', { class: 'hint-live', 'aria-live': 'polite', id: 'feedback' });
  const steps = h('ol', { class: 'steps', 'aria-label': 'Challenges' });
  const countdown = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
  const result = h('div', { class: 'status-area', id: 'verify-result', 'aria-live': 'polite' });
  const start = h('button', { class: 'button primary', type: 'button', id: 'start-verification' }, 'Start');
  let camera: CameraCapture | undefined;
  let session: VerificationSession | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const stopAll = (): void => {
    clearInterval(timer);
    void session?.stop();
    camera?.close();
    camera = undefined;
  };

  const render = (p: Progress): void => {
    clear(steps, ...Array.from({ length: p.total }, (_, i) =>
      h('li', { class: i < p.passed ? 'done' : i === p.passed && p.state === 'Streaming' ? 'current' : '' },
        h('span', { class: 'visually-hidden' }, i < p.passed ? 'passed' : i === p.passed ? 'current' : 'to do'))));
    if (p.state === 'Streaming' && p.challenge) {
      instruction.textContent = p.challenge.instruction;
    }
  };

  start.addEventListener('click', async () => {
    start.disabled = true;
    cameraBox.dataset.state = 'live';
    clear(result);
    hint.textContent = '';
    const began = performance.now();
    try {
      camera = await CameraCapture.open(video);
      session = new VerificationSession(app.api, app.baseUrl, () => app.token ?? '', preferredProtocol());
      session.on('progress', render);
      session.on('feedback', (text) => (hint.textContent = capitalise(text)));
      session.on('challengeResult', (text) => (hint.textContent = resultHint(text)));
      session.on('problem', (error) => {
        stopAll();
        clear(result, notice('error', describe(error)));
        start.disabled = false;
        start.textContent = 'Try again';
      });
      session.on('finished', (p) => void finish(p, performance.now() - began));
      await session.start(app.identity!.userId, camera, true);
      timer = setInterval(() => {
        const left = Math.max(0, Math.round(((session?.current?.expiresAt ?? 0) - Date.now()) / 1000));
        countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
      }, 250);
    } catch (error) {
      stopAll();
      clear(result, notice('error', describe(asSecureCallError(error))));
      start.disabled = false;
      start.textContent = 'Try again';
    }
  });

  const finish = async (p: Progress, elapsedMs: number): Promise<void> => {
    stopAll();
    render(p);
    countdown.textContent = '';
    console.debug(`proof of life took ${Math.round(elapsedMs)} ms`);
    hint.textContent = '';
    cameraBox.dataset.state = p.state === 'Passed' ? 'passed' : 'failed';
    if (p.state === 'Passed' && p.token) {
      start.hidden = true;
      await app.useToken(p.token);
      if (assurance(app.claims!) === 'live-face') {
        instruction.textContent = 'Verified';
        const next = h('a', { class: 'button primary', href: '/calls', 'data-link': '', id: 'go-calls' }, 'Continue to calls');
        clear(result,
          notice('success', h('strong', {}, 'You are verified as live, and your face matches the enrolled one. '),
            `Score ${p.score?.toFixed(2) ?? '—'}. Calls are unlocked.`),
          h('p', { class: 'hint' }, decidedByServer),
          h('div', { class: 'actions' }, next));
        next.focus();
      } else {
        // The first passing session enrols the face; only a later session can match it (face unlock).
        instruction.textContent = 'Face enrolled';
        const unlock = h('button', { class: 'button primary', type: 'button', id: 'face-unlock' }, 'Unlock calls with my face');
        unlock.addEventListener('click', () => {
          heading.textContent = 'Face unlock';
          instruction.textContent = 'Press Start for a short check against your enrolled face.';
          cameraBox.dataset.state = 'idle';
          clear(result);
          clear(steps);
          start.hidden = false;
          start.disabled = false;
          start.textContent = 'Start';
          start.focus();
        });
        clear(result,
          notice('success', h('strong', {}, 'You are verified as live and your face is now enrolled. '),
            `Score ${p.score?.toFixed(2) ?? '—'}. Calls need one more short check that matches your face against it.`),
          h('p', { class: 'hint' }, decidedByServer),
          h('div', { class: 'actions' }, unlock));
        unlock.focus();
      }
    } else {
      instruction.textContent = 'Not verified';
      clear(result, notice('error', h('strong', {}, 'Verification did not pass. '), capitalise(p.reason || p.state.toLowerCase())));
      start.disabled = false;
      start.textContent = 'Try again';
      start.focus();
    }
  };

  const element = h('section', { class: 'page verify' },
    heading,
    h('p', { class: 'lead' }, 'Follow each instruction with your own face. Frames go to the server for analysis and are never stored.'),
    h('div', { class: 'verify-layout' },
      cameraBox,
      h('div', { class: 'verify-panel' },
        instruction, hint,
        h('div', { class: 'progress-row' }, steps, countdown),
        result,
        h('div', { class: 'actions' }, start))));
  return { element, title: 'Proof of life', dispose: stopAll };
}

function capitalise(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
