/** A coarse connection-quality grade from WebRTC statistics (round-trip time and packet loss). */
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

export interface QualitySample {
  roundTripMs?: number;
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
}

export function grade(previous: QualitySample | undefined, current: QualitySample): Quality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  if (received + lost <= 0 && current.roundTripMs === undefined) {
    return 'unknown';
  }
  const loss = received + lost > 0 ? lost / (received + lost) : 0;
  const rtt = current.roundTripMs ?? 0;
  if (loss > 0.08 || rtt > 400) return 'poor';
  if (loss > 0.02 || rtt > 150) return 'fair';
  return 'good';
}

export async function sample(pc: RTCPeerConnection): Promise<QualitySample> {
  const stats = await pc.getStats();
  const result: QualitySample = { packetsReceived: 0, packetsLost: 0, framesDecoded: 0 };
  stats.forEach((report: Record<string, unknown>) => {
    if (report.type === 'inbound-rtp') {
      result.packetsReceived += Number(report.packetsReceived ?? 0);
      result.packetsLost += Math.max(0, Number(report.packetsLost ?? 0));
      if (report.kind === 'video') result.framesDecoded += Number(report.framesDecoded ?? 0);
    }
    if (report.type === 'candidate-pair' && report.nominated && typeof report.currentRoundTripTime === 'number') {
      result.roundTripMs = report.currentRoundTripTime * 1000;
    }
  });
  return result;
}
