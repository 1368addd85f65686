import { CallNotifications } from './CallNotifications';
import { Ringtone } from './Ringtone';
import { showCallOnTab } from './TabAlert';

/**
 * Everything that makes an incoming call noticed beyond its dialog: the ring, a system notification (if allowed)
 * and the tab's title and favicon. The returned stop ends all of them, and is safe to call more than once.
 */
export function alertIncomingCall(callerName: string, callerId: string): () => void {
  const ringtone = Ringtone.start();
  const closeNotification = CallNotifications.show(callerName, callerId);
  const restoreTab = showCallOnTab(callerName);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    ringtone.stop();
    closeNotification();
    restoreTab();
  };
}
