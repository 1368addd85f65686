import { describePhase, type CallPhase, type EndReason } from './CallStateMachine';

/** How an ended call is shown: a normal ending (hung up, declined, no answer) is neutral; only a fault is an error. */
export type OutcomeTone = 'neutral' | 'error';

/** Endings that are faults: the call broke or was blocked, and the person should know why. */
const Faults: ReadonlySet<EndReason> = new Set<EndReason>(['failed', 'error', 'security']);

export function outcomeTone(reason: EndReason): OutcomeTone {
  return Faults.has(reason) ? 'error' : 'neutral';
}

/**
 * The call's state in words. The server's reason ("no answer", "rejected by callee") only repeats what the phase
 * already says for a normal ending, so it is added only to a fault, where it tells what went wrong.
 */
export function describeOutcome(phase: CallPhase): string {
  const text = describePhase(phase);
  if (phase.phase !== 'ended' || !Faults.has(phase.reason) || !phase.detail) return text;
  return text.toLowerCase().includes(phase.detail.toLowerCase()) ? text : `${text} — ${phase.detail}`;
}
