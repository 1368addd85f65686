import { assurance } from '../api/TokenClaims';
import { asSecureCallError, describe } from '../errors';
import { CameraCapture } from '../verify/CameraCapture';
import { VerificationSession, type Progress } from '../verify/VerificationSession';
import { missHint, resultHint } from '../verify/resultHint';
import { preferredProtocol } from '../signaling/HubFactory';
import type { App } from './App';
import { clear, h, notice } from './dom';
import type { Page } from './Router';

/**
 * Proof of life: camera preview with a face guide, the current challenge as one big instruction (announced to
 * screen readers), live hints from the server, progress and the gesture's own countdown (the reaction window, from
 * the moment its instruction appears), a Cancel, then the server's decision with what to do when it failed.
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
  const cancel = h('button', { class: 'button', type: 'button', id: 'cancel-verification', hidden: true }, 'Cancel');
  let camera: CameraCapture | undefined;
  let session: VerificationSession | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  // The gesture on screen and when this page showed it: its countdown runs on this clock (no server clock skew).
  let shown: { id: string; at: number; windowMs: number } | undefined;

  const stopAll = (): void => {
    clearInterval(timer);
    void session?.stop();
    session = undefined;
    camera?.close();
    camera = undefined;
    cancel.hidden = true;
    shown = undefined;
    countdown.textContent = '';
  };

  const tick = (): void => {
    if (!shown) {
      countdown.textContent = session ? 'Get ready' : '';
      return;
    }
    const left = Math.max(0, Math.ceil((shown.windowMs - (performance.now() - shown.at)) / 1000));
    countdown.textContent = `${left} s for this gesture`;
  };

  cancel.addEventListener('click', () => {
    const stopping = session;
    session = undefined;
    stopAll();
    void stopping?.cancel();
    cameraBox.dataset.state = 'idle';
    instruction.textContent = 'Cancelled. Press Start when you are ready.';
    hint.textContent = '';
    clear(steps);
    clear(result, notice('info', 'You cancelled the check. Nothing was decided; you can start again at any time.'));
    start.disabled = false;
    start.textContent = 'Start';
    start.focus();
  });

  const render = (p: Progress): void => {
    clear(steps, ...Array.from({ length: p.total }, (_, i) =>
      h('li', { class: i < p.passed ? 'done' : i === p.passed && p.state === 'Streaming' ? 'current' : '' },
        h('span', { class: 'visually-hidden' }, i < p.passed ? 'passed' : i === p.passed ? 'current' : 'to do'))));
    if (p.state === 'Streaming' && p.challenge) {
      instruction.textContent = p.challenge.instruction;
      const c = p.challenge;
      if (c.kindName === 'Hidden') shown = undefined;
      else if (shown?.id !== c.challengeId) {
        shown = { id: c.challengeId, at: performance.now(), windowMs: Math.max(0, Date.parse(String(c.expiresAt)) - Date.parse(String(c.shownAt))) };
      }
      tick();
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
      const current = new VerificationSession(app.api, app.baseUrl, () => app.token ?? '', preferredProtocol());
      session = current;
      // After Cancel this session is no longer the page's: whatever it still reports is ignored.
      const mine = (): boolean => session === current;
      current.on('progress', (p) => mine() && render(p));
      current.on('feedback', (text) => mine() && (hint.textContent = capitalise(text)));
      current.on('challengeResult', (text) => mine() && (hint.textContent = resultHint(text, current.current?.lastMiss)));
      current.on('problem', (error) => {
        if (!mine()) return;
        stopAll();
        clear(result, notice('error', describe(error)));
        start.disabled = false;
        start.textContent = 'Try again';
      });
      current.on('finished', (p) => mine() && void finish(p, performance.now() - began));
      cancel.hidden = false;
      await current.start(app.identity!.userId, camera, true);
      timer = setInterval(tick, 250);
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
      // A missed gesture says what to do; other reasons (a gate, the face match, the time) are shown as the server gave them.
      const reason = p.lastMiss ? missHint(p.lastMiss) : capitalise(p.reason || p.state.toLowerCase());
      clear(result, notice('error', h('strong', {}, 'Verification did not pass. '), reason),
        ...(p.lastMiss ? [h('p', { class: 'hint', id: 'verify-reason-detail' }, `Server: ${p.reason}`)] : []));
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
        h('div', { class: 'actions' }, start, cancel))));
  return { element, title: 'Proof of life', dispose: stopAll };
}

function capitalise(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
