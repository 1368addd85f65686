import { InterruptedCall } from '../call/InterruptedCall';
import type { App } from './App';
import type { CallController } from './CallController';
import { clear, h } from './dom';

/**
 * After a reload during a call: says which call was interrupted and offers to call back, in a region outside the
 * routed page. The lost call is ended on the server at once (it cannot go on without this page's connection), so the
 * other side is told and calling back does not find this person still busy in it.
 */
export async function showInterruptedCall(app: App, calls: CallController, region: HTMLElement): Promise<void> {
  const me = app.identity?.userId;
  const memory = me ? InterruptedCall.take(me) : undefined;
  if (!memory) return;
  await app.signals?.abandonCall(memory.callId).catch((error) => console.info('the interrupted call had already ended', error));

  const dismiss = h('button', { class: 'button small', type: 'button', id: 'dismiss-interrupted' }, 'Dismiss');
  const close = (): void => {
    region.hidden = true;
    clear(region);
  };
  dismiss.addEventListener('click', close);
  const action = app.canCall
    ? h('button', { class: 'button primary small', type: 'button', id: 'call-back', 'aria-label': `Call back ${memory.peerName}` }, 'Call back')
    : h('a', { class: 'button primary small', href: '/verify', 'data-link': '', id: 'verify-to-call-back' }, 'Prove you are live to call back');
  if (action instanceof HTMLButtonElement) {
    action.addEventListener('click', () => {
      close();
      void calls.call(memory.peerId, memory.peerName);
    });
  }
  clear(region,
    h('h2', { class: 'missed-title' }, `Your call with ${memory.peerName} was interrupted`),
    h('p', { class: 'muted' }, `This page was reloaded during the call with ${memory.peerName} (@${memory.peerId}), which ended it.`),
    h('div', { class: 'actions' }, action, dismiss));
  region.hidden = false;
}
