/** One assessor's own answer to one framework node (a part, a part-less action or a prompt). */
export interface AssessorAnswer {
  nodeKey: string;
  userId: string;
  value: string;
}

/** A node the team answered differently: each value given, with who gave it. */
export interface Disagreement {
  nodeKey: string;
  values: { value: string; userIds: string[] }[];
}
