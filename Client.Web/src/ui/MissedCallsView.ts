import type { App } from './App';
import { clear, h } from './dom';

/**
 * Shows, once, the calls missed while this person was away (the server keeps them until asked), in a region
 * outside the routed page so it stays while they move on to verify or call back.
 */
export async function showMissedCalls(app: App, region: HTMLElement): Promise<void> {
  let calls: { callerId: string; at: string }[];
  try {
    calls = (await app.api.takeMissedCalls()).calls;
  } catch {
    // Only a courtesy: sign-in goes on without it.
    return;
  }
  if (calls.length === 0) return;
  const names = await Promise.all(calls.map((c) => app.api.keys(c.callerId).then((k) => k.displayName, () => c.callerId)));
  const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const dismiss = h('button', { class: 'button small', type: 'button', id: 'dismiss-missed' }, 'Dismiss');
  dismiss.addEventListener('click', () => {
    region.hidden = true;
    clear(region);
  });
  clear(region,
    h('h2', { class: 'missed-title' }, calls.length === 1 ? 'You missed a call' : `You missed ${calls.length} calls`),
    h('ul', { class: 'missed-list' }, ...calls.map((c, i) =>
      h('li', {}, `Missed call from ${names[i]} (@${c.callerId}) · `, h('time', { datetime: c.at }, when.format(new Date(c.at)))))),
    h('p', { class: 'muted' }, 'Call them back from Calls once you have verified.'),
    dismiss);
  region.hidden = false;
}
