import { h } from './dom';

/**
 * System notifications of incoming calls, only when the person allowed them. Permission is asked only from the
 * "Notify me of calls" control (a click), never on its own, so the browser's prompt never comes as a surprise.
 */
export const CallNotifications = {
  get supported(): boolean {
    return 'Notification' in window;
  },

  get allowed(): boolean {
    return this.supported && Notification.permission === 'granted';
  },

  /** Shows the incoming call; clicking it brings the tab forward. Returns how to take it down. */
  show(callerName: string, callerId: string): () => void {
    if (!this.allowed) return () => undefined;
    let notification: Notification | undefined;
    try {
      notification = new Notification(`Incoming call from ${callerName}`, {
        body: `@${callerId} is calling you on SecureCall.`,
        tag: 'securecall-incoming-call',
        requireInteraction: true,
      });
      notification.addEventListener('click', () => {
        window.focus();
        notification?.close();
      });
    } catch {
      // Some browsers allow notifications only from a service worker: the ring and the title still show the call.
    }
    return () => notification?.close();
  },

  /** The "Notify me of calls" control: absent where notifications are not supported, a plain status once decided. */
  control(): HTMLElement | undefined {
    if (!this.supported) return undefined;
    const status = h('span', { class: 'muted', id: 'call-notifications-status', role: 'status' });
    const ask = h('button', { class: 'button small', type: 'button', id: 'notify-calls' }, 'Notify me of calls');
    const render = (): void => {
      const permission = Notification.permission;
      ask.hidden = permission !== 'default';
      status.textContent = permission === 'granted' ? 'Call notifications are on.'
        : permission === 'denied' ? 'Call notifications are blocked in this browser’s site settings.'
          : 'A system notification when someone calls, even with this tab in the background.';
    };
    ask.addEventListener('click', () => {
      ask.disabled = true;
      void Notification.requestPermission().then(render, render).finally(() => (ask.disabled = false));
    });
    render();
    return h('p', { class: 'notify-calls' }, ask, status);
  },
};
