/** The call hub's messages as the client sees them (camelCase; see Grains.Interfaces/Calls). */
export interface CallOffer {
  callId: string;
  callerId: string;
  calleeId: string;
  sdp: string;
  fingerprint: string;
  nonce: string;
  signature: string;
}

export interface CallAnswer {
  callId: string;
  sdp: string;
  fingerprint: string;
  nonce: string;
  signature: string;
}

export interface IceCandidateSignal {
  callId: string;
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

export const CallStates = ['None', 'Ringing', 'Accepted', 'Connected', 'Ended', 'Rejected', 'Missed', 'Busy', 'Failed'] as const;
export type ServerCallState = (typeof CallStates)[number];

export interface RingingSignal {
  callId: string;
  offer: CallOffer;
  callerScore: number | null;
}

export interface AnsweredSignal {
  callId: string;
  answer: CallAnswer;
}

export interface CandidateSignal {
  callId: string;
  candidate: IceCandidateSignal;
}

/** An ICE-restart offer or answer during a call; its SDP keeps the DTLS fingerprint signed at set-up. */
export interface Renegotiation {
  callId: string;
  type: 'offer' | 'answer';
  sdp: string;
}

export interface RenegotiateSignal {
  callId: string;
  renegotiation: Renegotiation;
}

export interface CallStateSignal {
  callId: string;
  state: ServerCallState;
  reason: string;
}

export interface CallSnapshot {
  callId: string;
  state: ServerCallState;
  reason: string;
  [key: string]: unknown;
}
