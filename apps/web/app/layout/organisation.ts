import { createContext, useContext } from 'react';

export interface OrganisationContext {
  id: string;
  name: string;
  kind: string;
  timeZone: string;
  /** How its dates and numbers are written ("en-GB"). */
  locale: string;
  role: string;
  userId: string | null;
  permissions: ReadonlySet<string>;
  can(permission: string): boolean;
}

export const Organisation = createContext<OrganisationContext | null>(null);

/** The organisation the current screen acts for; every screen under /o/:orgId has one. */
export function useOrganisation(): OrganisationContext {
  const value = useContext(Organisation);
  if (!value) throw new Error('useOrganisation outside an organisation route');
  return value;
}
