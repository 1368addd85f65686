/**
 * Shows an incoming call on the browser tab: the title names the caller and the favicon turns into a green dot, so
 * the call is seen among other tabs. The title alternates with the page's own, unless the person prefers reduced
 * motion. `stop` restores both.
 */
export function showCallOnTab(callerName: string): () => void {
  const pageTitle = document.title;
  const alertTitle = `📞 ${callerName} is calling`;
  const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]') ?? document.head.appendChild(Object.assign(document.createElement('link'), { rel: 'icon' }));
  const pageIcon = icon.getAttribute('href') ?? '';
  icon.setAttribute('href', RingingIcon);
  icon.dataset.call = 'incoming';
  document.title = alertTitle;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (!matchMedia('(prefers-reduced-motion: reduce)').matches) {
    timer = setInterval(() => (document.title = document.title === alertTitle ? pageTitle : alertTitle), 1000);
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    // The page may have moved on while it rang (its own title then stands); only the alert is taken back.
    if (document.title === alertTitle) document.title = pageTitle;
    icon.setAttribute('href', pageIcon);
    delete icon.dataset.call;
  };
}

/** A green dot with a white ring: the favicon while a call rings (an inline SVG; the CSP allows data: images). */
const RingingIcon = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#17774a"/><circle cx="16" cy="16" r="7" fill="none" stroke="#fff" stroke-width="3"/></svg>')}`;
