import { graphql } from '../../gql';

export const PlanItems = graphql(`
  query PlanItems($filter: ActionItemFilter!, $sort: ActionItemSort!) {
    actionItems(filter: $filter, sort: $sort, first: 100) {
      totalCount
      edges {
        node {
          id priority what elementKey nodeKey assessmentId status dueOn nextReviewOn cycle kind persistsAfterDone
          owner { id name }
          carriedFrom { id cycle }
          previousDecision { id cycle status }
        }
      }
    }
    assessments(first: 20) { edges { node { id cycle frameworkId } } }
  }
`);

export const ChangeStatus = graphql(`
  mutation ChangeItemStatus($id: ID!, $status: ActionItemStatus!, $note: String) {
    changeActionItemStatus(id: $id, status: $status, note: $note) { id status updatedAt notes { id body statusFrom statusTo createdAt author { name } } }
  }
`);

/** The statuses a person moves items between (CARRIED_FORWARD is Waymark's, at a new cycle). */
export const WORK_STATUSES = ['OPEN', 'IN_PROGRESS', 'DEFERRED', 'DONE', 'DROPPED'] as const;

/** Moves that close an item: they ask first (the one confirmation pattern). */
export const CLOSING = new Set<string>(['DONE', 'DROPPED']);

