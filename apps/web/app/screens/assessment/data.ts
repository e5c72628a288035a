import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AssessmentWorkQuery } from '../../gql/graphql';

/**
 * Everything the checklist, the team view and the submit screen show, in one document: moving
 * between them is answered from the cache, and every save refreshes all three at once.
 */
export const AssessmentWork = graphql(`
  query AssessmentWork($id: ID!) {
    assessment(id: $id) {
      id cycle status dueOn submittedAt
      submittedBy { name }
      framework {
        id title
        source { title publisher attribution url }
        scales {
          practice { heading options { value label } }
          evidence { heading options { value label } improvementFlag }
        }
        nodes {
          key kind parentKey text title todo answerScale
          footnotes { number text }
          guidance { guidanceKey title partnerType reason document source { attribution } }
        }
      }
      answers { nodeKey value areaForImprovement note updatedAt needsReview setBy { id name } }
      myAnswers { nodeKey value areaForImprovement note updatedAt }
      assessorAnswers { nodeKey value userId assessor { id name } }
      disagreements { nodeKey consensus values { value people { id name } } }
      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }
      reopenings { id reason createdAt reopenedBy { name } }
    }
  }
`);

export type Work = AssessmentWorkQuery['assessment'];
export type WorkNode = Work['framework']['nodes'][number];

export function useAssessmentWork(id: string) {
  return useQuery({ query: AssessmentWork, variables: { id } });
}

export interface ElementTree {
  element: WorkNode;
  actions: { action: WorkNode; parts: WorkNode[] }[];
  groups: { group: WorkNode; prompts: WorkNode[] }[];
  /** Keys that take an answer, in order (parts, part-less actions, prompts). */
  keys: string[];
}

/** The flat node list (document order) as elements > actions > parts and groups > prompts. */
export function elementsOf(nodes: readonly WorkNode[]): ElementTree[] {
  const children = new Map<string, WorkNode[]>();
  for (const node of nodes) {
    if (!node.parentKey) continue;
    children.set(node.parentKey, [...(children.get(node.parentKey) ?? []), node]);
  }
  const of = (key: string, kind: WorkNode['kind']) => (children.get(key) ?? []).filter((n) => n.kind === kind);
  return nodes
    .filter((n) => n.kind === 'ELEMENT')
    .map((element) => {
      const actions = of(element.key, 'ACTION').map((action) => ({ action, parts: of(action.key, 'PART') }));
      const groups = of(element.key, 'PROMPT_GROUP').map((group) => ({ group, prompts: of(group.key, 'PROMPT') }));
      const keys = [
        ...actions.flatMap(({ action, parts }) => (parts.length ? parts.map((p) => p.key) : [action.key])),
        ...groups.flatMap(({ prompts }) => prompts.map((p) => p.key)),
      ];
      return { element, actions, groups, keys };
    });
}

export const editable = (status: string) => status !== 'SUBMITTED';

/** The words an item is asked in, never its key: a part's or a prompt's own text, or the question of an action answered whole. */
export const wordsOf = (node: Pick<WorkNode, 'text'> | undefined): string => node?.text ?? '';
