import QRCode from 'qrcode';
import { formatSafetyNumber } from '../crypto/SafetyNumber';
import { h } from './dom';

/**
 * The 60-digit safety number in twelve groups, and a QR code of it, for comparing in person or over another
 * channel: if both screens show the same digits, nobody replaced either key.
 */
export function safetyNumberView(digits: string, label: string): HTMLElement {
  const groups = formatSafetyNumber(digits);
  const qr = h('div', { class: 'qr', role: 'img', 'aria-label': 'QR code of the safety number' });
  void QRCode.toString(`securecall-safety:${digits}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
    // The SVG is generated locally from digits only; it contains no user-supplied text.
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    parsed.setAttribute('aria-hidden', 'true');
    qr.append(document.importNode(parsed, true));
  });
  return h('div', { class: 'safety' },
    h('p', { class: 'safety-label' }, label),
    h('p', { class: 'safety-digits mono', 'data-safety-number': digits, 'aria-label': `Safety number ${groups.join(' ')}` },
      ...groups.map((g) => h('span', {}, g))),
    qr);
}
