import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const FrameworkWords = graphql(`
  query FrameworkWords($id: ID!) { framework(id: $id) { id nodes { key kind text title todo } } }
`);

export interface NodeWords {
  key: string;
  kind: string;
  text: string;
  title?: string | null;
  todo?: string | null;
}

/**
 * A framework's own words, by key, for screens that otherwise know only keys (element titles, the
 * checklist question a plan item comes from, what an evidence item supports). Frameworks are
 * shared, immutable and cached by the API, so this is cheap.
 */
export function useFrameworkWords(frameworkId: string | null | undefined) {
  const [{ data }] = useQuery({ query: FrameworkWords, variables: { id: frameworkId ?? '' }, pause: !frameworkId });
  return useMemo(() => {
    const byKey = new Map<string, NodeWords>((data?.framework.nodes ?? []).map((n) => [n.key, n]));
    return {
      words: (key: string): NodeWords | undefined => byKey.get(key),
      elements: [...byKey.values()].filter((n) => n.kind === 'ELEMENT'),
    };
  }, [data]);
}
