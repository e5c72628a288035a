import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { graphql } from '../../gql';
import { type ApiProblem, problemOf } from '../../api/errors';
import { sessionStore } from '../../session/store';
import { useSession } from '../../session/useSession';
import { type Draft, loadDrafts, storeDrafts } from './drafts';
import { AssessmentWork } from './data';

const RecordAnswers = graphql(`
  mutation RecordAnswers($input: AnswersInput!) {
    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }
  }
`);

const SetConsensus = graphql(`
  mutation SetConsensus($input: AnswersInput!) {
    setConsensusAnswers(input: $input) {
      id
      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }
      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }
    }
  }
`);

export type Mode = 'mine' | 'agreed';

export interface Conflict {
  mine: Draft;
  theirs: string | null;
  updatedAt: string | null;
}

interface Seen {
  nodeKey: string;
  updatedAt: string;
}

/**
 * Saves answers as the person works: each change waits a moment (a note is typed, a radio
 * clicked), then every waiting answer goes in one call. Agreed answers carry the `updatedAt` last
 * seen for each item, so a change someone made meanwhile is refused by the API (CONFLICT) and
 * shown here as a conflict to settle: never overwritten unseen. While the session has expired
 * nothing is sent and nothing is dropped; it all goes once the person signs in again.
 */
export function useAnswerSaver(assessmentId: string, mode: Mode, serverAnswers: readonly Seen[]) {
  const storeKey = `${assessmentId}:${mode}`;
  const [pending, setPending] = useState<Record<string, Draft>>(() => loadDrafts(storeKey));
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  // Answers the API refused (a note too long...), by item: held back until changed, then sent again.
  const [refused, setRefused] = useState<Record<string, ApiProblem>>({});
  const [lastSavedAt, setLastSavedAt] = useState<number | null>(null);
  const seen = useRef(new Map<string, string | null>());
  const inFlight = useRef(false);
  const [, record] = useMutation(RecordAnswers);
  const [, agree] = useMutation(SetConsensus);
  const session = useSession();
  const client = useClient();

  // The newest updatedAt seen for each item, from the screen's data or from our own saves.
  for (const answer of serverAnswers) {
    const known = seen.current.get(answer.nodeKey);
    if (!known || known < answer.updatedAt) seen.current.set(answer.nodeKey, answer.updatedAt);
  }

  useEffect(() => storeDrafts(storeKey, pending), [storeKey, pending]);

  const flush = useCallback(async () => {
    if (inFlight.current || !sessionStore.token()) return;
    const batch = Object.entries(pending).filter(([key]) => !conflicts[key] && !refused[key]).slice(0, 200);
    if (!batch.length) return;
    inFlight.current = true;
    setSaving(true);
    const answers = batch.map(([nodeKey, d]) => ({
      nodeKey,
      value: d.value,
      areaForImprovement: d.areaForImprovement,
      note: d.note || null,
      ...(mode === 'agreed' ? { expectedUpdatedAt: seen.current.get(nodeKey) ?? null } : {}),
    }));
    const input = { assessmentId, answers };
    const result = mode === 'agreed' ? await agree({ input }) : await record({ input });
    inFlight.current = false;
    setSaving(false);
    const failure = problemOf(result.error);
    if (!failure) {
      const saved: readonly Seen[] = result.data && 'setConsensusAnswers' in result.data ? result.data.setConsensusAnswers.answers : [];
      for (const answer of saved) seen.current.set(answer.nodeKey, answer.updatedAt);
      // Only what was sent is done: a change made while the call was out waits for the next one.
      setPending((now) => {
        const next = { ...now };
        for (const [key, draft] of batch) if (next[key] === draft) delete next[key];
        return next;
      });
      setProblem(null);
      setLastSavedAt(Date.now());
      return;
    }
    if (failure.code === 'CONFLICT' && Array.isArray(failure.extensions.changed)) {
      const changed = failure.extensions.changed as { nodeKey: string; value: string | null; updatedAt: string | null }[];
      setConflicts((now) => {
        const next = { ...now };
        for (const c of changed) {
          const mine = pending[c.nodeKey];
          if (mine) next[c.nodeKey] = { mine, theirs: c.value, updatedAt: c.updatedAt };
        }
        return next;
      });
      setProblem(null);
      // Show what they saved (and who) before the person decides: the screen's data is stale.
      void client.query(AssessmentWork, { id: assessmentId }, { requestPolicy: 'network-only' }).toPromise();
      return;
    }
    // A refusal about one answer (its field names it): that answer waits beside its message until
    // it is changed; the others in the batch go again at once.
    const refusedKey = failure.code === 'BAD_USER_INPUT' ? refusedAnswer(failure, batch.map(([key]) => key)) : null;
    if (refusedKey) {
      setRefused((now) => ({ ...now, [refusedKey]: failure }));
      setProblem(null);
      return;
    }
    // An expired session keeps everything for later; anything else is shown, and kept too.
    if (failure.code !== 'UNAUTHENTICATED') setProblem(failure);
  }, [agree, assessmentId, client, conflicts, mode, pending, record, refused]);

  // Send soon after a change, and again once a renewed session allows it.
  useEffect(() => {
    if (!Object.keys(pending).length || problem) return;
    const timer = setTimeout(() => void flush(), 350);
    return () => clearTimeout(timer);
  }, [pending, flush, problem, session.status]);

  // A change is worth sending again: it clears that answer's refusal, and any refusal of the whole save.
  const change = useCallback((nodeKey: string, draft: Draft) => {
    setPending((now) => ({ ...now, [nodeKey]: draft }));
    setRefused((now) => {
      if (!now[nodeKey]) return now;
      const next = { ...now };
      delete next[nodeKey];
      return next;
    });
    setProblem(null);
  }, []);

  const resolve = useCallback((nodeKey: string, keep: 'mine' | 'theirs') => {
    const conflict = conflicts[nodeKey];
    if (!conflict) return;
    setConflicts((now) => {
      const next = { ...now };
      delete next[nodeKey];
      return next;
    });
    if (keep === 'mine') {
      // Now knowingly replacing what they saw: expect the version the API reported.
      seen.current.set(nodeKey, conflict.updatedAt);
      setPending((now) => ({ ...now, [nodeKey]: { ...conflict.mine } }));
    } else {
      setPending((now) => {
        const next = { ...now };
        delete next[nodeKey];
        return next;
      });
    }
  }, [conflicts]);

  const retry = useCallback(() => {
    setProblem(null);
  }, []);

  const waiting = Object.keys(pending).length;
  return { pending, conflicts, refused, saving, problem, waiting, lastSavedAt, change, resolve, retry, sessionExpired: session.status === 'expired' };
}

export type AnswerSaver = ReturnType<typeof useAnswerSaver>;

/** Which answer of a batch a refusal is about: the item the API names, or the one at the index its field names. */
function refusedAnswer(problem: ApiProblem, keys: readonly string[]): string | null {
  const named = problem.extensions.nodeKey;
  if (typeof named === 'string' && keys.includes(named)) return named;
  const index = /^answers\[(\d+)\]/.exec(problem.field ?? '')?.[1];
  return index === undefined ? null : (keys[Number(index)] ?? null);
}
